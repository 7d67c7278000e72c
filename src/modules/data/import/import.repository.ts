import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import type { ObservationInput } from './import.schemas.ts';

/**
 * The SQL of an import. The file's rows go first into a temporary table of the import's
 * transaction (in batches, so memory stays bounded); repeated rows, conflicts and what changes are
 * then worked out by the database, and the new version is written from there.
 */

export interface StagedRow {
  row: number;
  key: string;
  observation: ObservationInput;
}

export async function createStagingTable(db: DbExecutor): Promise<void> {
  await db.execute(sql`
    CREATE TEMPORARY TABLE import_rows (
      row_number integer NOT NULL,
      indicator text NOT NULL,
      dimensions_key text NOT NULL,
      geo text NOT NULL,
      geo_kind text NOT NULL,
      year smallint NOT NULL,
      sex text NOT NULL,
      age text NOT NULL,
      nature text,
      value double precision NOT NULL,
      lower double precision,
      upper double precision,
      unit text NOT NULL,
      source text NOT NULL,
      footnote text NOT NULL,
      disaggregations jsonb NOT NULL
    ) ON COMMIT DROP`);
}

export async function insertStagedRows(db: DbExecutor, rows: readonly StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: StagedRow) => T) => sql.param(rows.map(pick));
  await db.execute(sql`
    INSERT INTO import_rows
    SELECT r, i, k, g, gk, y, s, a, n, v, lo, up, u, so, f, d::jsonb
    FROM unnest(
      ${column((row) => row.row)}::integer[], ${column((row) => row.observation.indicator)}::text[],
      ${column((row) => row.key)}::text[], ${column((row) => row.observation.geo)}::text[],
      ${column((row) => row.observation.geoKind)}::text[], ${column((row) => row.observation.year)}::smallint[],
      ${column((row) => row.observation.sex)}::text[], ${column((row) => row.observation.age)}::text[],
      ${column((row) => row.observation.nature)}::text[], ${column((row) => row.observation.value)}::float8[],
      ${column((row) => row.observation.lower)}::float8[], ${column((row) => row.observation.upper)}::float8[],
      ${column((row) => row.observation.unit)}::text[], ${column((row) => row.observation.source)}::text[],
      ${column((row) => row.observation.footnote)}::text[],
      ${column((row) => JSON.stringify(row.observation.disaggregations))}::text[]
    ) AS t(r, i, k, g, gk, y, s, a, n, v, lo, up, u, so, f, d)`);
}

export async function indexStagedRows(db: DbExecutor): Promise<void> {
  await db.execute(sql`CREATE INDEX ON import_rows (indicator, dimensions_key, row_number)`);
  await db.execute(sql`ANALYZE import_rows`);
}

/** Pairs of rows with the same dimensions and different values (the first row of each key, and another). */
export async function findConflictingRows(
  db: DbExecutor,
  limit: number,
): Promise<{ pairs: { first: number; row: number }[]; total: number }> {
  const result = await db.execute<{ first: number; row: number; total: number }>(sql`
    WITH firsts AS (
      SELECT DISTINCT ON (indicator, dimensions_key) * FROM import_rows
      ORDER BY indicator, dimensions_key, row_number
    ), conflicts AS (
      SELECT f.row_number AS first, r.row_number AS row
      FROM import_rows r JOIN firsts f USING (indicator, dimensions_key)
      WHERE r.row_number <> f.row_number
        AND (r.value, r.lower, r.upper, r.nature, r.source, r.footnote)
          IS DISTINCT FROM (f.value, f.lower, f.upper, f.nature, f.source, f.footnote)
    )
    SELECT first, row, (SELECT count(*) FROM conflicts)::int AS total FROM conflicts ORDER BY row LIMIT ${limit}`);
  return { pairs: result.rows.map(({ first, row }) => ({ first, row })), total: result.rows[0]?.total ?? 0 };
}

/** Rows that repeat an earlier row exactly (counted once). */
export async function countRepeatedRows(db: DbExecutor): Promise<number> {
  const result = await db.execute<{ repeated: number }>(sql`
    SELECT (count(*) - count(DISTINCT (indicator, dimensions_key)))::int AS repeated FROM import_rows`);
  return result.rows[0]?.repeated ?? 0;
}

export async function listStagedIndicatorCodes(db: DbExecutor): Promise<string[]> {
  const result = await db.execute<{ indicator: string }>(
    sql`SELECT DISTINCT indicator FROM import_rows ORDER BY indicator`,
  );
  return result.rows.map((row) => row.indicator);
}

/** The catalogue's indicators with these codes, locked until the import ends (one import at a time each). */
export async function lockIndicators(
  db: DbExecutor,
  codes: readonly string[],
): Promise<{ id: number; code: string }[]> {
  const result = await db.execute<{ id: number; code: string }>(sql`
    SELECT id, code FROM indicators WHERE code = ANY(${sql.param(codes)}::text[]) ORDER BY id FOR UPDATE`);
  return result.rows;
}

/** Draft indicators named by their code, in the three languages, for an editor to complete. */
export async function insertDraftIndicators(db: DbExecutor, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  await db.execute(sql`
    WITH created AS (
      INSERT INTO indicators (code, status, sdg_indicator)
      SELECT c, 'draft', CASE WHEN c ~ '^\d+\.\d+\.\d+' THEN substring(c FROM '^\d+\.\d+\.\d+') END
      FROM unnest(${sql.param(codes)}::text[]) AS c
      RETURNING id, code
    )
    INSERT INTO indicator_translations (indicator_id, locale, name)
    SELECT id, locale, code FROM created CROSS JOIN unnest(ARRAY['fr', 'en', 'es']) AS locale`);
}

/** What the staged rows of one indicator change in its live dataset. */
export async function diffStagedRows(
  db: DbExecutor,
  input: { indicatorId: number; code: string },
): Promise<{ added: number; changed: number; unchanged: number }> {
  const result = await db.execute<{ added: number; changed: number; unchanged: number }>(sql`
    WITH staged AS (
      SELECT DISTINCT ON (dimensions_key) * FROM import_rows WHERE indicator = ${input.code}
      ORDER BY dimensions_key, row_number
    )
    SELECT count(*) FILTER (WHERE o.id IS NULL)::int AS added,
      count(*) FILTER (WHERE o.id IS NOT NULL AND (s.value, s.lower, s.upper, s.nature, s.source, s.footnote)
        IS DISTINCT FROM (o.value, o.lower, o.upper, o.nature, o.source, o.footnote))::int AS changed,
      count(*) FILTER (WHERE o.id IS NOT NULL AND (s.value, s.lower, s.upper, s.nature, s.source, s.footnote)
        IS NOT DISTINCT FROM (o.value, o.lower, o.upper, o.nature, o.source, o.footnote))::int AS unchanged
    FROM staged s LEFT JOIN observations o
      ON o.indicator_id = ${input.indicatorId} AND o.until_version_id IS NULL AND o.dimensions_key = s.dimensions_key`);
  return result.rows[0] ?? { added: 0, changed: 0, unchanged: 0 };
}

/**
 * Writes the staged rows of one indicator as the new version: the live observations they replace
 * end with it, the new and changed ones start with it; the others are kept as they are.
 */
export async function mergeStagedRows(
  db: DbExecutor,
  input: { indicatorId: number; code: string; versionId: number },
): Promise<void> {
  await db.execute(sql`
    UPDATE observations o SET until_version_id = ${input.versionId}
    FROM (SELECT DISTINCT ON (dimensions_key) * FROM import_rows WHERE indicator = ${input.code}
          ORDER BY dimensions_key, row_number) s
    WHERE o.indicator_id = ${input.indicatorId} AND o.until_version_id IS NULL
      AND o.dimensions_key = s.dimensions_key
      AND (s.value, s.lower, s.upper, s.nature, s.source, s.footnote) IS DISTINCT FROM (o.value, o.lower, o.upper, o.nature, o.source, o.footnote)`);
  await db.execute(sql`
    INSERT INTO observations (indicator_id, from_version_id, dimensions_key, geo, geo_kind, year, sex, age, nature,
      value, lower, upper, unit, source, footnote, disaggregations)
    SELECT ${input.indicatorId}, ${input.versionId}, s.dimensions_key, s.geo, s.geo_kind, s.year, s.sex, s.age, s.nature,
      s.value, s.lower, s.upper, s.unit, s.source, s.footnote, s.disaggregations
    FROM (SELECT DISTINCT ON (dimensions_key) * FROM import_rows WHERE indicator = ${input.code}
          ORDER BY dimensions_key, row_number) s
    WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = ${input.indicatorId}
      AND o.until_version_id IS NULL AND o.dimensions_key = s.dimensions_key)`);
}
