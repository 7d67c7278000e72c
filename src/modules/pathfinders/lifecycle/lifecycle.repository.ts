import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import { users } from '../../accounts/index.ts';
import {
  pathfinderCountries,
  pathfinderStageMoves,
  type DatePrecision,
  type PathfinderStage,
} from '../pathfinders.table.ts';

export interface CountryRecord {
  iso3: string;
  stage: PathfinderStage;
  statusGrantedOn: string | null;
  reportDueOn: string | null;
  isDemo: boolean;
}

export interface StageMove {
  id: number;
  fromStage: PathfinderStage | null;
  stage: PathfinderStage;
  onDate: string | null;
  datePrecision: DatePrecision;
  note: string;
  decisionReference: string | null;
  decisionDate: string | null;
  gcgDecisionId: number | null;
  sourceUrl: string | null;
  sourceReadOn: string | null;
  recordedBy: number | null;
  /** Who recorded it, by name (null for the platform's starter content). */
  recordedByName: string | null;
  recordedAt: Date;
}

const countryColumns = {
  iso3: pathfinderCountries.iso3,
  stage: pathfinderCountries.stage,
  statusGrantedOn: pathfinderCountries.statusGrantedOn,
  reportDueOn: pathfinderCountries.reportDueOn,
  isDemo: pathfinderCountries.isDemo,
};

export async function findCountry(db: DbExecutor, iso3: string): Promise<CountryRecord | null> {
  const [row] = await db.select(countryColumns).from(pathfinderCountries).where(eq(pathfinderCountries.iso3, iso3));
  return row ?? null;
}

/** The country's row, locked until the end of the transaction (two moves at once come one after the other). */
export async function lockCountry(db: DbExecutor, iso3: string): Promise<CountryRecord | null> {
  const [row] = await db
    .select(countryColumns)
    .from(pathfinderCountries)
    .where(eq(pathfinderCountries.iso3, iso3))
    .for('update');
  return row ?? null;
}

/** The outer country's columns inside correlated subqueries, always qualified. */
const COUNTRY_ISO3 = sql.raw('"pathfinder_countries"."iso3"');
const COUNTRY_STAGE = sql.raw('"pathfinder_countries"."stage"');

export interface CountryListRow extends CountryRecord {
  /** The day of the latest dated move, and how precisely it is known. */
  since: string | null;
  sincePrecision: DatePrecision | null;
}

/** Every country on the path (or once on it), with the day of its current stage. */
export async function listCountries(db: DbExecutor): Promise<CountryListRow[]> {
  const rows = await db
    .select({
      ...countryColumns,
      latest: sql<{ on_date: string | null; date_precision: DatePrecision } | null>`(
        SELECT json_build_object('on_date', m.on_date, 'date_precision', m.date_precision)
          FROM ${pathfinderStageMoves} m
         WHERE m.iso3 = ${COUNTRY_ISO3} AND m.stage = ${COUNTRY_STAGE}
         ORDER BY m.id DESC LIMIT 1)`,
    })
    .from(pathfinderCountries)
    .orderBy(asc(pathfinderCountries.iso3));
  return rows.map(({ latest, ...row }) => ({
    ...row,
    since: latest?.on_date ?? null,
    sincePrecision: latest?.date_precision ?? null,
  }));
}

/** The moves of a country, oldest first. */
export async function listMoves(db: DbExecutor, iso3: string): Promise<StageMove[]> {
  return db
    .select({
      id: pathfinderStageMoves.id,
      fromStage: pathfinderStageMoves.fromStage,
      stage: pathfinderStageMoves.stage,
      onDate: pathfinderStageMoves.onDate,
      datePrecision: pathfinderStageMoves.datePrecision,
      note: pathfinderStageMoves.note,
      decisionReference: pathfinderStageMoves.decisionReference,
      decisionDate: pathfinderStageMoves.decisionDate,
      gcgDecisionId: pathfinderStageMoves.gcgDecisionId,
      sourceUrl: pathfinderStageMoves.sourceUrl,
      sourceReadOn: pathfinderStageMoves.sourceReadOn,
      recordedBy: pathfinderStageMoves.recordedBy,
      recordedByName: sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})`,
      recordedAt: pathfinderStageMoves.recordedAt,
    })
    .from(pathfinderStageMoves)
    .leftJoin(users, eq(users.id, pathfinderStageMoves.recordedBy))
    .where(eq(pathfinderStageMoves.iso3, iso3))
    .orderBy(asc(pathfinderStageMoves.id));
}

/** The latest day recorded for the country's moves (null when none is dated). */
export async function findLatestMoveDay(db: DbExecutor, iso3: string): Promise<string | null> {
  const [row] = await db
    .select({ onDate: pathfinderStageMoves.onDate })
    .from(pathfinderStageMoves)
    .where(sql`${pathfinderStageMoves.iso3} = ${iso3} AND ${pathfinderStageMoves.onDate} IS NOT NULL`)
    .orderBy(desc(pathfinderStageMoves.onDate))
    .limit(1);
  return row?.onDate ?? null;
}

export async function insertCountry(
  db: DbExecutor,
  input: { iso3: string; stage: PathfinderStage; isDemo: boolean; statusGrantedOn?: string | null },
): Promise<void> {
  await db.insert(pathfinderCountries).values({
    iso3: input.iso3,
    stage: input.stage,
    isDemo: input.isDemo,
    statusGrantedOn: input.statusGrantedOn ?? null,
  });
}

export type NewStageMove = Omit<StageMove, 'id' | 'recordedAt' | 'recordedByName'>;

/** Records a move and sets the country's current stage (and, for a grant, its day). */
export async function insertMove(db: DbExecutor, input: NewStageMove & { iso3: string }): Promise<void> {
  await db.insert(pathfinderStageMoves).values(input);
  await db
    .update(pathfinderCountries)
    .set({
      stage: input.stage,
      updatedAt: sql`now()`,
      ...(input.stage === 'status_granted' ? { statusGrantedOn: input.decisionDate ?? input.onDate } : {}),
    })
    .where(eq(pathfinderCountries.iso3, input.iso3));
}

/**
 * Writes a demonstration country afresh: its row and its demonstration moves. Nothing is written
 * when a real record holds the code, or when someone has recorded a move of the country since
 * (its stage is then theirs). Returns whether it was written.
 */
export async function replaceDemoCountry(
  db: DbExecutor,
  input: { iso3: string; stage: PathfinderStage; statusGrantedOn: string | null; moves: NewStageMove[] },
): Promise<boolean> {
  const existing = await findCountry(db, input.iso3);
  if (existing && !existing.isDemo) return false;
  const [recorded] = await db
    .select({ id: pathfinderStageMoves.id })
    .from(pathfinderStageMoves)
    .where(and(eq(pathfinderStageMoves.iso3, input.iso3), eq(pathfinderStageMoves.isDemo, false)))
    .limit(1);
  if (recorded) return false;
  await db.delete(pathfinderStageMoves).where(eq(pathfinderStageMoves.iso3, input.iso3));
  await db
    .insert(pathfinderCountries)
    .values({ iso3: input.iso3, stage: input.stage, statusGrantedOn: input.statusGrantedOn, isDemo: true })
    .onConflictDoUpdate({
      target: pathfinderCountries.iso3,
      set: { stage: input.stage, statusGrantedOn: input.statusGrantedOn, updatedAt: sql`now()` },
    });
  if (input.moves.length > 0) {
    await db
      .insert(pathfinderStageMoves)
      .values(input.moves.map((move) => ({ ...move, iso3: input.iso3, isDemo: true })));
  }
  return true;
}
