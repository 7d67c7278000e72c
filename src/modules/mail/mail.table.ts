import { char, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * - queued: waiting for its first try; failed: waiting for another try after an error;
 * - sent: accepted by the SMTP server; abandoned: given up after too many errors;
 * - kept: written while the platform had no SMTP server, to be read in the back office.
 */
export const MAIL_STATUSES = ['queued', 'sent', 'failed', 'abandoned', 'kept'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * Messages written in the same transaction as the change they announce, and sent
 * afterwards by the mailer: a message exists only if its change was committed.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: serial('id').primaryKey(),
    toAddress: text('to_address').notNull(),
    locale: char('locale', { length: 2 }).notNull(),
    /** What the message is about, `module.purpose` (for example `accounts.invitation`). */
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    status: text('status', { enum: MAIL_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** When a mailer may next take the message; pushed ahead while one is sending it. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [index('mail_outbox_status_next_attempt_at_idx').on(table.status, table.nextAttemptAt)],
);
