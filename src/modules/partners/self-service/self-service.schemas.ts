import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import { RECORD_ID } from '../../../http/params.ts';
import { LOCALES } from '../../../i18n/i18n.ts';
import { ACTION_GROUPS } from '../partners.table.ts';

const optionalText = (max: number) => z.string().trim().max(max).regex(NO_MARKUP, { error: 'form.error.noMarkup' });

/** What a representative may change directly; the name and the kind go through the Secretariat. */
export const profileEditSchema = z.object({
  website: z
    .string()
    .trim()
    .max(300)
    .refine((value) => value === '' || /^https?:\/\/[^\s]+$/.test(value), { error: 'partners.error.website' }),
  description_fr: optionalText(2000).optional().default(''),
  description_en: optionalText(2000).optional().default(''),
  description_es: optionalText(2000).optional().default(''),
  action_group: z
    .union([z.enum(ACTION_GROUPS), z.array(z.enum(ACTION_GROUPS))])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
});
export type ProfileEdit = z.output<typeof profileEditSchema>;

/** A new representative of the organization. */
export const representativeSchema = z.object({
  email: z.string().trim().min(1).max(254).pipe(z.email()),
  name: z.string().trim().min(1).max(120).regex(NO_MARKUP, { error: 'form.error.noMarkup' }),
  locale: z.enum(LOCALES),
});
export type RepresentativeInput = z.output<typeof representativeSchema>;

/** Giving back a removed representative's role: whose. */
export const restoreRepresentativeSchema = z.object({ user_id: RECORD_ID });

/** Leaving the partnership is confirmed by a ticked box. */
export const withdrawSchema = z.object({ confirm: z.literal('yes') });

export const ORGANIZATION_PAGE_NOTICES = [
  'profile',
  'invited',
  'removed',
  'restored',
  'logo',
  'change',
  'status',
] as const;
export type OrganizationPageNotice = (typeof ORGANIZATION_PAGE_NOTICES)[number];

const undoId = z
  .string()
  .regex(/^\d{1,9}$/)
  .optional()
  .catch(undefined);

/** What the organization page says after a change (`?done=removed&person=…&grant=…` offers an undo). */
export const organizationPageQuerySchema = z.object({
  done: z.enum(ORGANIZATION_PAGE_NOTICES).optional().catch(undefined),
  person: undoId,
  grant: undoId,
});
