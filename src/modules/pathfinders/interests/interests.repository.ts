import { and, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import { users } from '../../accounts/index.ts';
import { pathfinderInterestLetters, pathfinderInterests, type InterestStatus } from '../pathfinders.table.ts';

export type InterestRow = typeof pathfinderInterests.$inferSelect;
export type NewInterest = typeof pathfinderInterests.$inferInsert;

export interface LetterFacts {
  fileName: string;
  byteSize: number;
}

export interface LetterFile extends LetterFacts {
  content: Buffer;
  sha256: string;
}

export async function insertInterest(db: DbExecutor, values: NewInterest): Promise<InterestRow> {
  const [row] = await db.insert(pathfinderInterests).values(values).returning();
  return row!;
}

export async function updateInterest(db: DbExecutor, id: number, values: Partial<NewInterest>): Promise<void> {
  await db
    .update(pathfinderInterests)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(pathfinderInterests.id, id));
}

/** The draft behind a private link, while it is a draft and was saved after `since`. */
export async function findDraftByHash(
  db: DbExecutor,
  input: { hash: string; since: Date },
): Promise<InterestRow | null> {
  const [row] = await db
    .select()
    .from(pathfinderInterests)
    .where(
      and(
        eq(pathfinderInterests.draftTokenHash, input.hash),
        eq(pathfinderInterests.status, 'draft'),
        gt(pathfinderInterests.updatedAt, input.since),
      ),
    );
  return row ?? null;
}

/** Drafts begun from one client address since a moment (the per-client limit). */
export async function countDraftsFrom(db: DbExecutor, input: { ip: string; since: Date }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(pathfinderInterests)
    .where(and(eq(pathfinderInterests.createdIp, input.ip), gt(pathfinderInterests.createdAt, input.since)));
  return row?.n ?? 0;
}

/** Drafts naming one address begun since a moment (the per-address limit). */
export async function countDraftsFor(db: DbExecutor, input: { email: string; since: Date }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(pathfinderInterests)
    .where(
      and(
        sql`lower(${pathfinderInterests.focalPointEmail}) = lower(${input.email})`,
        eq(pathfinderInterests.status, 'draft'),
        gt(pathfinderInterests.createdAt, input.since),
      ),
    );
  return row?.n ?? 0;
}

/** The interest and who decided it, with what is known of its letter. */
export async function findInterest(
  db: DbExecutor,
  id: number,
): Promise<{ interest: InterestRow; letter: LetterFacts | null; decidedByName: string | null } | null> {
  const [row] = await db
    .select({
      interest: pathfinderInterests,
      fileName: pathfinderInterestLetters.fileName,
      byteSize: pathfinderInterestLetters.byteSize,
      decidedByName: sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})`,
    })
    .from(pathfinderInterests)
    .leftJoin(pathfinderInterestLetters, eq(pathfinderInterestLetters.interestId, pathfinderInterests.id))
    .leftJoin(users, eq(users.id, pathfinderInterests.decidedBy))
    .where(eq(pathfinderInterests.id, id));
  if (!row) return null;
  return {
    interest: row.interest,
    letter: row.fileName !== null && row.byteSize !== null ? { fileName: row.fileName, byteSize: row.byteSize } : null,
    decidedByName: row.decidedByName,
  };
}

/** The interest's row, locked until the end of the transaction, while it waits for a decision. */
export async function lockOpenInterest(db: DbExecutor, id: number): Promise<InterestRow | null> {
  const [row] = await db
    .select()
    .from(pathfinderInterests)
    .where(and(eq(pathfinderInterests.id, id), eq(pathfinderInterests.status, 'submitted')))
    .for('update');
  return row ?? null;
}

/** Makes a sent interest visible to the Secretariat (null when it is not waiting for its address). */
export async function markConfirmed(db: DbExecutor, input: { id: number; now: Date }): Promise<InterestRow | null> {
  const [row] = await db
    .update(pathfinderInterests)
    .set({ status: 'submitted', confirmedAt: input.now, updatedAt: input.now })
    .where(and(eq(pathfinderInterests.id, input.id), eq(pathfinderInterests.status, 'unconfirmed')))
    .returning();
  return row ?? null;
}

/** One page of the interests the Secretariat sees (confirmed ones), oldest first. */
export async function listInterests(
  db: DbExecutor,
  input: { status: InterestStatus | undefined; limit: number; offset: number },
): Promise<{ total: number; rows: InterestRow[] }> {
  const visible = inArray(pathfinderInterests.status, ['submitted', 'accepted', 'declined']);
  const where = input.status ? and(visible, eq(pathfinderInterests.status, input.status)) : visible;
  const [total] = await db.select({ n: count() }).from(pathfinderInterests).where(where);
  const rows = await db
    .select()
    .from(pathfinderInterests)
    .where(where)
    .orderBy(input.status === 'submitted' ? pathfinderInterests.confirmedAt : desc(pathfinderInterests.confirmedAt))
    .limit(input.limit)
    .offset(input.offset);
  return { total: total?.n ?? 0, rows };
}

export async function countInterestsWithStatus(db: DbExecutor, status: InterestStatus): Promise<number> {
  const [row] = await db.select({ n: count() }).from(pathfinderInterests).where(eq(pathfinderInterests.status, status));
  return row?.n ?? 0;
}

/** Keeps the interest's letter, replacing the one it had. */
export async function upsertLetter(db: DbExecutor, input: { interestId: number; letter: LetterFile }): Promise<void> {
  await db
    .insert(pathfinderInterestLetters)
    .values({ interestId: input.interestId, ...input.letter })
    .onConflictDoUpdate({
      target: pathfinderInterestLetters.interestId,
      set: { ...input.letter, createdAt: new Date() },
    });
}

export async function findLetter(db: DbExecutor, interestId: number): Promise<LetterFile | null> {
  const [row] = await db
    .select({
      fileName: pathfinderInterestLetters.fileName,
      byteSize: pathfinderInterestLetters.byteSize,
      content: pathfinderInterestLetters.content,
      sha256: pathfinderInterestLetters.sha256,
    })
    .from(pathfinderInterestLetters)
    .where(eq(pathfinderInterestLetters.interestId, interestId));
  return row ?? null;
}

/** What is known of a draft's letter (its name and size), for the form. */
export async function findLetterFacts(db: DbExecutor, interestId: number): Promise<LetterFacts | null> {
  const [row] = await db
    .select({ fileName: pathfinderInterestLetters.fileName, byteSize: pathfinderInterestLetters.byteSize })
    .from(pathfinderInterestLetters)
    .where(eq(pathfinderInterestLetters.interestId, interestId));
  return row ?? null;
}

/** Deletes these expressions of interest if their address was never confirmed (with their letters). */
export async function deleteUnconfirmedInterestRows(db: DbExecutor, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .delete(pathfinderInterests)
    .where(and(inArray(pathfinderInterests.id, [...ids]), eq(pathfinderInterests.status, 'unconfirmed')));
}
