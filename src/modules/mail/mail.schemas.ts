import { z } from 'zod';
import { LOCALES } from '../../i18n/i18n.ts';
import { MAIL_STATUSES } from './mail.table.ts';

/** A header value: a line break in it would let a caller write headers of their own. */
const oneLine = /^[^\r\n]*$/;

/** A message a module asks to send, validated before anything is written. */
export const queueMailSchema = z.object({
  to: z.email().max(254),
  locale: z.enum(LOCALES),
  kind: z
    .string()
    .max(100)
    .regex(/^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/, 'must look like module.purpose'),
  subject: z.string().trim().min(1).max(300).regex(oneLine, 'must be a single line'),
  text: z.string().min(1).max(100_000),
  html: z.string().min(1).max(500_000).optional(),
});
export type QueueMailInput = z.input<typeof queueMailSchema>;

export const listOutboxSchema = z.object({
  page: z.number().int().min(1).max(100_000),
  perPage: z.number().int().min(1).max(200),
  status: z.enum(MAIL_STATUSES).optional(),
});
export type ListOutboxInput = z.input<typeof listOutboxSchema>;
