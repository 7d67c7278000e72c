import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';

const optionalText = (max: number) => z.string().trim().max(max).default('');

/** One value or several (a multiple choice sends its field once per chosen option), as ids. */
const recordIds = z.preprocess(
  (value: unknown): unknown[] =>
    value === undefined || value === '' ? [] : Array.isArray(value) ? (value as unknown[]) : [value],
  z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(20),
);

/** A workshop as the Secretariat or the country's focal point records it. */
export const workshopSchema = z.object({
  held_on: z.iso.date({ error: 'pathfinders.move.badDate' }),
  place: z.string().trim().min(2).max(200).regex(NO_MARKUP, { error: 'form.error.noMarkup' }),
  participants: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.coerce
      .number({ error: 'pathfinders.workshop.badParticipants' })
      .int('pathfinders.workshop.badParticipants')
      .min(1, 'pathfinders.workshop.badParticipants')
      .max(100_000, 'pathfinders.workshop.badParticipants')
      .optional(),
  ),
  organizers: recordIds,
  outcomes_fr: optionalText(5000),
  outcomes_en: optionalText(5000),
  outcomes_es: optionalText(5000),
});
export type WorkshopInput = z.output<typeof workshopSchema>;

/** A focal point's request for technical support with a workshop: what, and by when. */
export const supportRequestSchema = z.object({
  what: z.string().trim().min(10).max(2000),
  needed_by: z.iso.date({ error: 'pathfinders.move.badDate' }),
});
export type SupportRequestInput = z.output<typeof supportRequestSchema>;

/** The Secretariat's answer to a request for technical support. */
export const supportAnswerSchema = z.object({ answer: z.string().trim().min(5).max(4000) });

/** A workshop in `/api/v1/pathfinders/{ISO3}`. */
export const workshopApiSchema = z.object({
  held_on: z.string().describe('The day of the workshop (YYYY-MM-DD)'),
  place: z.string(),
  participants: z.number().int().nullable().describe('How many took part, when known'),
  organizers: z
    .array(z.object({ slug: z.string(), name: z.string() }))
    .describe('Partner organizations that organised it (slugs of the partner directory)'),
  outcomes: z
    .object({ fr: z.string(), en: z.string(), es: z.string() })
    .describe('What came out of it, per language (empty where not written)'),
  documents: z.array(
    z.object({ name: z.string(), bytes: z.number().int(), url: z.string().describe('Path of the PDF download') }),
  ),
});
