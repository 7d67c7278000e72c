import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import { countryName } from '../../../i18n/countries.ts';
import { PATHFINDER_STAGES } from '../pathfinders.table.ts';

/** An ISO 3166-1 alpha-3 code of a country the platform knows, upper case. */
export const iso3Code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { error: 'pathfinders.country.unknown' })
  .refine((code) => countryName({ iso3: code, locale: 'en' }) !== code, { error: 'pathfinders.country.unknown' });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(NO_MARKUP, { error: 'form.error.noMarkup' })
    .optional()
    .transform((value) => (value ? value : null));

const optionalDay = z
  .union([z.literal(''), z.iso.date({ error: 'pathfinders.move.badDate' })])
  .optional()
  .transform((value) => (value ? value : null));

/** The Secretariat records a country's expression of interest: the first step on the path. */
export const addCountrySchema = z.object({
  country: iso3Code,
  on_date: z.iso.date({ error: 'pathfinders.move.badDate' }),
  note: z.string().trim().min(5).max(1000).regex(NO_MARKUP, { error: 'form.error.noMarkup' }),
});
export type AddCountry = z.output<typeof addCountrySchema>;

/** A move to the next stage: when, why, and for a grant the decision it rests on. */
export const moveSchema = z.object({
  stage: z.enum(PATHFINDER_STAGES),
  on_date: z.iso.date({ error: 'pathfinders.move.badDate' }),
  note: z.string().trim().min(5).max(1000).regex(NO_MARKUP, { error: 'form.error.noMarkup' }),
  decision_reference: optionalText(200),
  decision_date: optionalDay,
});
export type Move = z.output<typeof moveSchema>;
