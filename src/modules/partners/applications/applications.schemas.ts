import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import { pageNumber } from '../../../ui/pagination.ts';
import { ORGANIZATION_KINDS, REVIEWED_STATUSES } from '../partners.table.ts';

const text = (max: number) => z.string().trim().min(1).max(max).regex(NO_MARKUP, { error: 'form.error.noMarkup' });

/** The application form (field names as published in the platform's interface). */
export const applicationSchema = z.object({
  name: text(200),
  kind: z.enum(ORGANIZATION_KINDS),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => code.length === 3 && countries.isValid(code), { error: 'accounts.error.country' }),
  /** Optional: an empty field means the organization has no website. */
  website: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.url({ protocol: /^https?$/, error: 'partners.error.website' }).optional()),
  contact_name: text(120),
  contact_email: z.string().trim().min(1).max(254).pipe(z.email()),
  motivation: z.string().trim().min(20).max(5000),
  endorses_terms: z.enum(['yes', 'on'], { error: 'partners.error.endorseTerms' }),
});
export type ApplicationInput = z.output<typeof applicationSchema>;

export const declineSchema = z.object({ reason: z.string().trim().min(5).max(3000) });
export const requestInfoSchema = z.object({ message: z.string().trim().min(5).max(3000) });
export const answerSchema = z.object({
  token: z.string().min(20).max(100),
  answer: z.string().trim().min(5).max(5000),
});

/**
 * The review queue's filters. Without `status`, the queue shows the applications waiting for a
 * decision; any other value of `status` (`status=`: every one) that is not a status shows them all.
 */
export const reviewQueueQuerySchema = z.object({
  status: z
    .unknown()
    .optional()
    .transform((value) =>
      value === undefined ? ('submitted' as const) : z.enum(REVIEWED_STATUSES).safeParse(value).data,
    ),
  kind: z.enum(ORGANIZATION_KINDS).optional().catch(undefined),
  page: z.unknown().optional().transform(pageNumber),
});

/** What the review page says after a decision (`?done=approved`). */
export const reviewNoticeSchema = z.object({
  done: z.enum(['approved', 'declined', 'info']).optional().catch(undefined),
});

/** Approving asks first: the decision is taken only with `confirm=yes` (the confirmation page's button). */
export const approveSchema = z.object({ confirm: z.literal('yes').optional().catch(undefined) });

/** The applicant's link: `?token=…` (anything else shows the expired-link page). */
export const answerLinkSchema = z.object({ token: z.string().catch('').default('') });
