import { char, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * E-mail addresses waiting to be confirmed before anything else is sent to them: one row per
 * submission (`kind` names what was submitted, `record_id` which record). The link's token is
 * kept only as its SHA-256; the row stays after use (`confirmed_at`), so a used link says so.
 */
export const emailConfirmations = pgTable(
  'email_confirmations',
  {
    id: serial('id').primaryKey(),
    /** What waits for the confirmation, `module.purpose` (for example `partners.application`). */
    kind: text('kind').notNull(),
    recordId: integer('record_id').notNull(),
    email: text('email').notNull(),
    /** The language of the confirmation mail and of the pages its link opens. */
    locale: char('locale', { length: 2 }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The client address that asked (limits per address, shared by every process). */
    requestedIp: text('requested_ip'),
    /** Confirmation mails sent for this row (the first and each resend). */
    sends: integer('sends').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (table) => [
    index('email_confirmations_email_idx').on(table.email, table.createdAt),
    index('email_confirmations_ip_idx').on(table.requestedIp, table.createdAt),
    index('email_confirmations_record_idx').on(table.kind, table.recordId),
  ],
);
