import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import { ORGANIZATION_KINDS } from '../partners.table.ts';

const name = z.string().trim().max(200).regex(NO_MARKUP, { error: 'form.error.noMarkup' });

/** The form a representative fills to ask for a new name (per language) or kind. */
export const changeRequestSchema = z
  .object({ kind: z.enum(ORGANIZATION_KINDS), name_fr: name, name_en: name, name_es: name })
  .refine((form) => form.name_fr || form.name_en || form.name_es, {
    path: ['name_en'],
    error: 'partners.change.nameNeeded',
  });
export type ChangeRequestForm = z.output<typeof changeRequestSchema>;

/** The reason the Secretariat gives when it declines a change (sent to the person who asked). */
export const declineChangeSchema = z.object({ reason: z.string().trim().min(5).max(3000) });

/** What the list of changes says after a decision (`?done=approved`). */
export const changeNoticeSchema = z.object({ done: z.enum(['approved', 'declined']).optional().catch(undefined) });
