import { and, asc, count, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/database.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { mailOutbox, type MailStatus } from './mail.table.ts';

export interface MailRow {
  id: number;
  to: string;
  locale: Locale;
  kind: string;
  subject: string;
  text: string;
  html: string | null;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const mailColumns = {
  id: mailOutbox.id,
  to: mailOutbox.toAddress,
  locale: mailOutbox.locale,
  kind: mailOutbox.kind,
  subject: mailOutbox.subject,
  text: mailOutbox.bodyText,
  html: mailOutbox.bodyHtml,
  status: mailOutbox.status,
  attempts: mailOutbox.attempts,
  nextAttemptAt: mailOutbox.nextAttemptAt,
  lastError: mailOutbox.lastError,
  createdAt: mailOutbox.createdAt,
  sentAt: mailOutbox.sentAt,
};

function toMailRow(row: Omit<MailRow, 'locale'> & { locale: string }): MailRow {
  return { ...row, locale: row.locale as Locale };
}

export async function insertMail(
  db: DbExecutor,
  input: {
    to: string;
    locale: Locale;
    kind: string;
    subject: string;
    text: string;
    html: string | null;
    status: 'queued' | 'kept';
  },
): Promise<{ id: number }> {
  const [row] = await db
    .insert(mailOutbox)
    .values({
      toAddress: input.to,
      locale: input.locale,
      kind: input.kind,
      subject: input.subject,
      bodyText: input.text,
      bodyHtml: input.html,
      status: input.status,
    })
    .returning({ id: mailOutbox.id });
  if (!row) throw new Error('The outbox did not return the new message');
  return row;
}

/**
 * The oldest message due for a try, locked for the caller's transaction. Rows another
 * transaction holds are skipped rather than waited for, so mailers never queue behind each other.
 */
export async function lockNextDueMail(db: DbExecutor): Promise<MailRow | null> {
  const [row] = await db
    .select(mailColumns)
    .from(mailOutbox)
    .where(and(inArray(mailOutbox.status, ['queued', 'failed']), lte(mailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return row ? toMailRow(row) : null;
}

/** Counts a try and hides the message from other mailers until `leaseMs` has passed. */
export async function startMailAttempt(
  db: DbExecutor,
  input: { id: number; leaseMs: number },
): Promise<{ attempts: number }> {
  const [row] = await db
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      nextAttemptAt: sql`now() + ${input.leaseMs}::integer * interval '1 millisecond'`,
    })
    .where(eq(mailOutbox.id, input.id))
    .returning({ attempts: mailOutbox.attempts });
  if (!row) throw new Error(`Message ${input.id} vanished while locked`);
  return row;
}

/**
 * The conditions a result is recorded under: the message is still in the try this mailer
 * started (`attempts` unchanged), so a late answer cannot overwrite a newer try's.
 */
function sameAttempt(input: { id: number; attempts: number }) {
  return and(
    eq(mailOutbox.id, input.id),
    eq(mailOutbox.attempts, input.attempts),
    inArray(mailOutbox.status, ['queued', 'failed']),
  );
}

/** Marks a message sent, keeping its text with the secrets of its links hidden. */
export async function markMailSent(
  db: DbExecutor,
  input: { id: number; attempts: number; bodyText: string; bodyHtml: string | null },
): Promise<boolean> {
  const rows = await db
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: sql`now()`, lastError: null, bodyText: input.bodyText, bodyHtml: input.bodyHtml })
    .where(sameAttempt(input))
    .returning({ id: mailOutbox.id });
  return rows.length > 0;
}

export async function markMailFailed(
  db: DbExecutor,
  input: { id: number; attempts: number; error: string; status: 'failed' | 'abandoned'; retryInMs: number },
): Promise<boolean> {
  const rows = await db
    .update(mailOutbox)
    .set({
      status: input.status,
      lastError: input.error,
      nextAttemptAt: sql`now() + ${input.retryInMs}::integer * interval '1 millisecond'`,
    })
    .where(sameAttempt(input))
    .returning({ id: mailOutbox.id });
  return rows.length > 0;
}

export async function abandonMail(db: DbExecutor, input: { id: number; error: string }): Promise<void> {
  await db.update(mailOutbox).set({ status: 'abandoned', lastError: input.error }).where(eq(mailOutbox.id, input.id));
}

export async function findOutboxPage(
  db: DbExecutor,
  input: { status: MailStatus | undefined; limit: number; offset: number },
): Promise<{ total: number; items: MailRow[] }> {
  const filter = input.status ? eq(mailOutbox.status, input.status) : undefined;
  const [totalRow] = await db.select({ total: count() }).from(mailOutbox).where(filter);
  const rows = await db
    .select(mailColumns)
    .from(mailOutbox)
    .where(filter)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(input.limit)
    .offset(input.offset);
  return { total: totalRow?.total ?? 0, items: rows.map(toMailRow) };
}

/** Without an SMTP server, queued messages are kept for the back office instead of sent. */
export async function keepQueuedMail(db: DbExecutor): Promise<number> {
  const rows = await db
    .update(mailOutbox)
    .set({ status: 'kept' })
    .where(eq(mailOutbox.status, 'queued'))
    .returning({ id: mailOutbox.id });
  return rows.length;
}
