import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import { pageNumber } from '../../../ui/pagination.ts';
import { ORGANIZATION_KINDS, ORGANIZATION_STATUSES } from '../partners.table.ts';

/** The filters of the Secretariat's list of every organization; unknown values are ignored. */
export const registryQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(ORGANIZATION_STATUSES).optional().catch(undefined),
  kind: z.enum(ORGANIZATION_KINDS).optional().catch(undefined),
  page: z.unknown().optional().transform(pageNumber),
});
export type RegistryQuery = z.output<typeof registryQuerySchema>;

/** The statuses the Secretariat may set (an applicant becomes a partner through its application). */
export const SETTABLE_STATUSES = ['active', 'suspended', 'withdrawn'] as const;

export const statusChangeSchema = z.object({
  status: z.enum(SETTABLE_STATUSES),
  valid_from: z.iso.date({ error: 'partners.status.badDate' }),
  note: z.string().trim().min(5).max(1000).regex(NO_MARKUP, { error: 'form.error.noMarkup' }),
});
export type StatusChange = z.output<typeof statusChangeSchema>;
