import { z } from 'zod';

const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(value)));

/** The audit log's filters, from the query string; a value that does not fit is dropped. */
export const auditFilterSchema = z.object({
  actor: z.string().trim().max(254).optional().catch(undefined),
  entity: z.string().trim().max(60).optional().catch(undefined),
  entity_id: z.string().trim().max(100).optional().catch(undefined),
  from: dateText.optional().catch(undefined),
  to: dateText.optional().catch(undefined),
});

export type AuditFilterForm = z.output<typeof auditFilterSchema>;
