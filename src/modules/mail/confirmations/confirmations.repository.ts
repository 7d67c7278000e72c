import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import { mailOutbox } from '../mail.table.ts';
import { emailConfirmations } from './confirmations.table.ts';

export type ConfirmationRow = typeof emailConfirmations.$inferSelect;

/** The kind of the confirmation mails in the outbox (the per-address count reads them). */
export const CONFIRMATION_MAIL_KIND = 'mail.email_confirmation';

/** Serialises the requests for one address, so that simultaneous ones all count. */
export async function lockAddress(db: DbExecutor, email: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`confirm:${email.trim().toLowerCase()}`}, 87))`);
}

/** Confirmation mails written to this address since a moment (first sends and resends). */
export async function countMailsTo(db: DbExecutor, input: { email: string; since: Date }): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(mailOutbox)
    .where(
      and(
        eq(mailOutbox.kind, CONFIRMATION_MAIL_KIND),
        sql`lower(${mailOutbox.toAddress}) = ${input.email.trim().toLowerCase()}`,
        gt(mailOutbox.createdAt, input.since),
      ),
    );
  return row?.total ?? 0;
}

/** Confirmations asked from a client address since a moment. */
export async function countRequestsFrom(db: DbExecutor, input: { ip: string; since: Date }): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(emailConfirmations)
    .where(and(eq(emailConfirmations.requestedIp, input.ip), gt(emailConfirmations.createdAt, input.since)));
  return row?.total ?? 0;
}

export async function insertConfirmation(
  db: DbExecutor,
  values: typeof emailConfirmations.$inferInsert,
): Promise<ConfirmationRow> {
  const [row] = await db.insert(emailConfirmations).values(values).returning();
  if (!row) throw new Error('confirmation not recorded');
  return row;
}

export async function findConfirmationByHash(db: DbExecutor, tokenHash: string): Promise<ConfirmationRow | null> {
  const [row] = await db.select().from(emailConfirmations).where(eq(emailConfirmations.tokenHash, tokenHash));
  return row ?? null;
}

/** Marks the confirmation used, once: null when it was used, replaced or expired meanwhile. */
export async function markConfirmed(
  db: DbExecutor,
  input: { tokenHash: string; now: Date },
): Promise<ConfirmationRow | null> {
  const [row] = await db
    .update(emailConfirmations)
    .set({ confirmedAt: input.now })
    .where(
      and(
        eq(emailConfirmations.tokenHash, input.tokenHash),
        isNull(emailConfirmations.confirmedAt),
        gt(emailConfirmations.expiresAt, input.now),
      ),
    )
    .returning();
  return row ?? null;
}

/** The unconfirmed requests for an address, newest first (what a resend may renew). */
export async function listUnconfirmedFor(db: DbExecutor, email: string): Promise<ConfirmationRow[]> {
  return db
    .select()
    .from(emailConfirmations)
    .where(
      and(
        sql`lower(${emailConfirmations.email}) = ${email.trim().toLowerCase()}`,
        isNull(emailConfirmations.confirmedAt),
      ),
    )
    .orderBy(desc(emailConfirmations.createdAt))
    .limit(5);
}

/** A new link for a request: the previous one stops working. */
export async function renewConfirmation(
  db: DbExecutor,
  input: { id: number; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db
    .update(emailConfirmations)
    .set({ tokenHash: input.tokenHash, expiresAt: input.expiresAt, sends: sql`${emailConfirmations.sends} + 1` })
    .where(eq(emailConfirmations.id, input.id));
}

/**
 * Deletes the requests never confirmed whose link expired before `expiredBefore`, at most
 * `limit` of them, and says which records they were for.
 */
export async function deleteAbandonedConfirmations(
  db: DbExecutor,
  input: { expiredBefore: Date; limit: number },
): Promise<{ kind: string; recordId: number }[]> {
  const result = await db.execute<{ kind: string; record_id: number }>(sql`
    DELETE FROM ${emailConfirmations}
     WHERE id IN (
       SELECT id FROM ${emailConfirmations}
        WHERE confirmed_at IS NULL AND expires_at < ${input.expiredBefore.toISOString()}::timestamptz
        ORDER BY id LIMIT ${input.limit}
        FOR UPDATE)
    RETURNING kind, record_id`);
  return result.rows.map((row) => ({ kind: row.kind, recordId: row.record_id }));
}
