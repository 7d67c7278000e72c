import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import { pathfinderCountries } from '../pathfinders.table.ts';
import {
  pathfinderCommitments,
  pathfinderInstruments,
  pathfinderRatifications,
  type Commitment,
  type RatificationStatus,
  type Standard,
} from './commitments.table.ts';

export type InstrumentRow = typeof pathfinderInstruments.$inferSelect;
export type CommitmentRow = typeof pathfinderCommitments.$inferSelect;
export type RatificationRow = typeof pathfinderRatifications.$inferSelect;

export async function listInstruments(db: DbExecutor, iso3: string): Promise<InstrumentRow[]> {
  return db
    .select()
    .from(pathfinderInstruments)
    .where(eq(pathfinderInstruments.iso3, iso3))
    .orderBy(asc(pathfinderInstruments.year), asc(pathfinderInstruments.id));
}

export async function listCommitments(db: DbExecutor, iso3: string): Promise<CommitmentRow[]> {
  return db.select().from(pathfinderCommitments).where(eq(pathfinderCommitments.iso3, iso3));
}

export async function listRatifications(db: DbExecutor, iso3: string): Promise<RatificationRow[]> {
  return db.select().from(pathfinderRatifications).where(eq(pathfinderRatifications.iso3, iso3));
}

export async function insertInstrument(
  db: DbExecutor,
  input: Omit<typeof pathfinderInstruments.$inferInsert, 'id' | 'createdAt'>,
): Promise<number> {
  const [row] = await db.insert(pathfinderInstruments).values(input).returning({ id: pathfinderInstruments.id });
  if (!row) throw new Error('instrument not inserted');
  return row.id;
}

/** Records (or replaces) what a country committed to under one call. */
export async function upsertCommitment(
  db: DbExecutor,
  input: {
    iso3: string;
    commitment: Commitment;
    year: number | null;
    note: string;
    source: string;
    recordedBy: number | null;
  },
): Promise<void> {
  await db
    .insert(pathfinderCommitments)
    .values(input)
    .onConflictDoUpdate({
      target: [pathfinderCommitments.iso3, pathfinderCommitments.commitment],
      set: {
        year: input.year,
        note: input.note,
        source: input.source,
        recordedBy: input.recordedBy,
        updatedAt: sql`now()`,
      },
    });
}

export async function findCommitment(
  db: DbExecutor,
  input: { iso3: string; commitment: Commitment },
): Promise<CommitmentRow | null> {
  const [row] = await db
    .select()
    .from(pathfinderCommitments)
    .where(and(eq(pathfinderCommitments.iso3, input.iso3), eq(pathfinderCommitments.commitment, input.commitment)));
  return row ?? null;
}

export interface RatificationValues {
  iso3: string;
  standard: Standard;
  status: RatificationStatus;
  onDate: string | null;
  source: string;
  recordedBy: number | null;
}

/** Records (or replaces) countries' statuses with standards, as their sources give them. */
export async function upsertRatifications(db: DbExecutor, rows: readonly RatificationValues[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(pathfinderRatifications)
    .values([...rows])
    .onConflictDoUpdate({
      target: [pathfinderRatifications.iso3, pathfinderRatifications.standard],
      set: {
        status: sql`excluded.status`,
        onDate: sql`excluded.on_date`,
        source: sql`excluded.source`,
        recordedBy: sql`excluded.recorded_by`,
        updatedAt: sql`now()`,
      },
    });
}

export async function findRatification(
  db: DbExecutor,
  input: { iso3: string; standard: Standard },
): Promise<RatificationRow | null> {
  const [row] = await db
    .select()
    .from(pathfinderRatifications)
    .where(and(eq(pathfinderRatifications.iso3, input.iso3), eq(pathfinderRatifications.standard, input.standard)));
  return row ?? null;
}

/** Which of these codes are countries on the path. */
export async function findCountriesOnPath(db: DbExecutor, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ iso3: pathfinderCountries.iso3 })
    .from(pathfinderCountries)
    .where(inArray(pathfinderCountries.iso3, [...codes]));
  return new Set(rows.map((row) => row.iso3));
}

export async function countRatifications(db: DbExecutor): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(pathfinderRatifications);
  return row?.count ?? 0;
}

export async function findInstrument(
  db: DbExecutor,
  input: { iso3: string; id: number },
): Promise<InstrumentRow | null> {
  const [row] = await db
    .select()
    .from(pathfinderInstruments)
    .where(and(eq(pathfinderInstruments.iso3, input.iso3), eq(pathfinderInstruments.id, input.id)));
  return row ?? null;
}

export async function updateInstrument(
  db: DbExecutor,
  input: { iso3: string; id: number; kind: InstrumentRow['kind']; title: string; year: number; url: string | null },
): Promise<void> {
  await db
    .update(pathfinderInstruments)
    .set({ kind: input.kind, title: input.title, year: input.year, url: input.url })
    .where(and(eq(pathfinderInstruments.iso3, input.iso3), eq(pathfinderInstruments.id, input.id)));
}

export async function deleteInstrument(db: DbExecutor, input: { iso3: string; id: number }): Promise<void> {
  await db
    .delete(pathfinderInstruments)
    .where(and(eq(pathfinderInstruments.iso3, input.iso3), eq(pathfinderInstruments.id, input.id)));
}

/** The instruments of these countries, for the import to find those already recorded. */
export async function listInstrumentsOf(db: DbExecutor, codes: readonly string[]): Promise<InstrumentRow[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(pathfinderInstruments)
    .where(inArray(pathfinderInstruments.iso3, [...codes]));
}

export async function insertInstruments(
  db: DbExecutor,
  rows: readonly Omit<typeof pathfinderInstruments.$inferInsert, 'id' | 'createdAt'>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(pathfinderInstruments).values([...rows]);
}

export async function setInstrumentUrl(db: DbExecutor, input: { id: number; url: string }): Promise<void> {
  await db.update(pathfinderInstruments).set({ url: input.url }).where(eq(pathfinderInstruments.id, input.id));
}

export async function findCommitmentById(
  db: DbExecutor,
  input: { iso3: string; id: number },
): Promise<CommitmentRow | null> {
  const [row] = await db
    .select()
    .from(pathfinderCommitments)
    .where(and(eq(pathfinderCommitments.iso3, input.iso3), eq(pathfinderCommitments.id, input.id)));
  return row ?? null;
}

export async function deleteCommitment(db: DbExecutor, input: { iso3: string; id: number }): Promise<void> {
  await db
    .delete(pathfinderCommitments)
    .where(and(eq(pathfinderCommitments.iso3, input.iso3), eq(pathfinderCommitments.id, input.id)));
}

export async function deleteRatification(db: DbExecutor, input: { iso3: string; standard: Standard }): Promise<void> {
  await db
    .delete(pathfinderRatifications)
    .where(and(eq(pathfinderRatifications.iso3, input.iso3), eq(pathfinderRatifications.standard, input.standard)));
}
