import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { pageNumber } from '../../../ui/pagination.ts';
import { INTEREST_STATUSES } from '../pathfinders.table.ts';

/** The longest text of each of the three written parts. */
export const PART_MAX = 10_000;

const isCountry = (code: string) => code.length === 3 && countries.isValid(code);
const country = (key: MessageKey) =>
  z.string({ error: key }).trim().toUpperCase().min(1, { error: key }).refine(isCountry, { error: key });

/** A required part, with its own message when it is missing. */
const part = (key: MessageKey, max: number) => z.string({ error: key }).trim().min(1, { error: key }).max(max);
const line = (key: MessageKey, max: number) => part(key, max).regex(NO_MARKUP, { error: 'form.error.noMarkup' });

/**
 * The expression of interest as sent (field names as published in the platform's interface):
 * the four parts are required, each with its own message.
 */
export const interestSchema = z.object({
  country: country('pathfinders.interest.error.country'),
  reasons: part('pathfinders.interest.error.reasons', PART_MAX),
  commitment: part('pathfinders.interest.error.commitment', PART_MAX),
  recent_successes: part('pathfinders.interest.error.recentSuccesses', PART_MAX),
  focal_point_name: line('pathfinders.interest.error.focalPointName', 120),
  focal_point_title: line('pathfinders.interest.error.focalPointTitle', 200),
  focal_point_ministry: line('pathfinders.interest.error.focalPointMinistry', 200),
  focal_point_email: z
    .string({ error: 'pathfinders.interest.error.focalPointEmail' })
    .trim()
    .min(1, { error: 'pathfinders.interest.error.focalPointEmail' })
    .max(254)
    .pipe(z.email()),
});
export type InterestInput = z.output<typeof interestSchema>;

/** An empty field of a draft is kept empty; a filled one must have the right form. */
const optional = <Schema extends z.ZodType<string, string>>(schema: Schema) =>
  z
    .string()
    .optional()
    .transform((value) => value?.trim() ?? '')
    .pipe(z.union([z.literal(''), schema]));

/** A draft: any part may be missing, but what is given has the form the sent one needs. */
export const draftSchema = z.object({
  country: optional(z.string().toUpperCase().refine(isCountry, { error: 'pathfinders.interest.error.country' })),
  reasons: optional(z.string().max(PART_MAX)),
  commitment: optional(z.string().max(PART_MAX)),
  recent_successes: optional(z.string().max(PART_MAX)),
  focal_point_name: optional(z.string().max(120).regex(NO_MARKUP, { error: 'form.error.noMarkup' })),
  focal_point_title: optional(z.string().max(200).regex(NO_MARKUP, { error: 'form.error.noMarkup' })),
  focal_point_ministry: optional(z.string().max(200).regex(NO_MARKUP, { error: 'form.error.noMarkup' })),
  focal_point_email: optional(z.string().max(254).pipe(z.email())),
});
export type DraftInput = z.output<typeof draftSchema>;

/** The form's other fields: which button was pressed, and the draft it continues (its private link's token). */
export const intentSchema = z.object({
  intent: z.enum(['submit', 'draft']).catch('submit'),
  draft: z
    .string()
    .regex(/^[\w-]{20,100}$/)
    .optional()
    .catch(undefined),
});

/** A draft's private link: `?token=…` (anything else shows the expired-link page), `saved=1` just after saving. */
export const draftLinkSchema = z.object({
  token: z.string().catch('').default(''),
  saved: z.literal('1').optional().catch(undefined),
});

/** The Secretariat's queue: confirmed interests waiting for a decision unless another status is asked. */
export const interestQueueQuerySchema = z.object({
  status: z
    .unknown()
    .optional()
    .transform((value) =>
      value === undefined
        ? ('submitted' as const)
        : z.enum(INTEREST_STATUSES).exclude(['draft', 'unconfirmed']).safeParse(value).data,
    ),
  page: z.unknown().optional().transform(pageNumber),
});

export const declineSchema = z.object({
  reason: z.string().trim().min(5, { error: 'pathfinders.interest.error.reason' }).max(3000),
});

/** Accepting asks first: the decision is taken only with `confirm=yes` (the confirmation page's button). */
export const acceptSchema = z.object({ confirm: z.literal('yes').optional().catch(undefined) });

/** What the review page says after a decision (`?done=accepted`). */
export const reviewNoticeSchema = z.object({
  done: z.enum(['accepted', 'declined']).optional().catch(undefined),
});
