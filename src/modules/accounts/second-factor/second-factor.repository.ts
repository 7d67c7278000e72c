import { and, count, eq, isNotNull, isNull, notLike, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import { recoveryCodes, sessions, users } from '../accounts.table.ts';

/** Counts one more wrong code in a session and returns the new count. */
export async function countSessionCodeFailure(db: DbExecutor, id: string): Promise<number> {
  const [row] = await db
    .update(sessions)
    .set({ codeFailures: sql`${sessions.codeFailures} + 1` })
    .where(eq(sessions.id, id))
    .returning({ failures: sessions.codeFailures });
  return row?.failures ?? 0;
}

// Recovery codes.

export async function replaceRecoveryCodes(
  db: DbExecutor,
  input: { userId: number; hashes: string[]; now: Date },
): Promise<void> {
  await db
    .update(recoveryCodes)
    .set({ usedAt: input.now })
    .where(and(eq(recoveryCodes.userId, input.userId), isNull(recoveryCodes.usedAt)));
  if (input.hashes.length > 0) {
    await db
      .insert(recoveryCodes)
      .values(input.hashes.map((codeHash) => ({ userId: input.userId, codeHash, createdAt: input.now })));
  }
}

/** Marks an unused recovery code used; false when there is no such code (or it was used). */
export async function consumeRecoveryCode(
  db: DbExecutor,
  input: { userId: number; hash: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: input.now })
    .where(
      and(eq(recoveryCodes.userId, input.userId), eq(recoveryCodes.codeHash, input.hash), isNull(recoveryCodes.usedAt)),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(db: DbExecutor, userId: number): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.total ?? 0;
}

/** Authenticator secrets still stored in clear (before they were encrypted at rest). */
export async function listClearTotpSecrets(db: DbExecutor): Promise<{ id: number; secret: string }[]> {
  const rows = await db
    .select({ id: users.id, secret: users.totpSecret })
    .from(users)
    .where(and(isNotNull(users.totpSecret), notLike(users.totpSecret, 'v1.%')));
  return rows.flatMap((row) => (row.secret ? [{ id: row.id, secret: row.secret }] : []));
}
