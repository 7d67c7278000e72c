import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import type { Locale } from '../../../i18n/i18n.ts';

/** The SQL of the indicator catalogue. */

export type IndicatorRow = {
  id: number;
  code: string;
  sdgIndicator: string | null;
  status: 'draft' | 'published';
  unit: string;
  custodian: string;
  source: string;
  currentVersion: number | null;
  names: Partial<Record<Locale, string>>;
  definitions: Partial<Record<Locale, string>>;
  methodologies: Partial<Record<Locale, string>>;
  observations: number;
  geographies: number;
  firstYear: number | null;
  lastYear: number | null;
  updatedAt: Date;
};

const INDICATOR_COLUMNS = sql`
  i.id, i.code, i.sdg_indicator AS "sdgIndicator", i.status, i.unit, i.custodian, i.source, i.updated_at AS "updatedAt",
  (SELECT number FROM data_versions v WHERE v.id = i.current_version_id) AS "currentVersion",
  coalesce((SELECT jsonb_object_agg(t.locale, t.name) FROM indicator_translations t WHERE t.indicator_id = i.id), '{}') AS names,
  coalesce((SELECT jsonb_object_agg(t.locale, t.definition) FROM indicator_translations t
    WHERE t.indicator_id = i.id AND t.definition <> ''), '{}') AS definitions,
  coalesce((SELECT jsonb_object_agg(t.locale, t.methodology) FROM indicator_translations t
    WHERE t.indicator_id = i.id AND t.methodology <> ''), '{}') AS methodologies,
  s.observations, s.geographies, s.first_year AS "firstYear", s.last_year AS "lastYear"`;

const LIVE_SUMMARY = sql`
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS observations, count(DISTINCT o.geo)::int AS geographies,
      min(o.year)::int AS first_year, max(o.year)::int AS last_year
    FROM observations o WHERE o.indicator_id = i.id AND o.until_version_id IS NULL
  ) s ON true`;

export async function countIndicators(db: DbExecutor): Promise<number> {
  const result = await db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM indicators`);
  return result.rows[0]?.total ?? 0;
}

/** A page of the catalogue, ordered by code. */
export async function listIndicators(
  db: DbExecutor,
  input: { limit: number; offset: number },
): Promise<IndicatorRow[]> {
  const result = await db.execute<IndicatorRow>(sql`
    SELECT ${INDICATOR_COLUMNS} FROM indicators i ${LIVE_SUMMARY}
    ORDER BY i.code LIMIT ${input.limit} OFFSET ${input.offset}`);
  return result.rows;
}

export async function findIndicatorByCode(db: DbExecutor, code: string): Promise<IndicatorRow | null> {
  const result = await db.execute<IndicatorRow>(sql`
    SELECT ${INDICATOR_COLUMNS} FROM indicators i ${LIVE_SUMMARY} WHERE i.code = ${code}`);
  return result.rows[0] ?? null;
}

export type VersionRow = {
  number: number;
  kind: 'import' | 'restore';
  format: string | null;
  fileName: string | null;
  restoredFromNumber: number | null;
  observations: number;
  added: number;
  changed: number;
  removed: number;
  createdAt: Date;
};

export async function listVersions(db: DbExecutor, indicatorId: number): Promise<VersionRow[]> {
  const result = await db.execute<VersionRow>(sql`
    SELECT number, kind, format, file_name AS "fileName", restored_from_number AS "restoredFromNumber",
      observations, added, changed, removed, created_at AS "createdAt"
    FROM data_versions WHERE indicator_id = ${indicatorId} ORDER BY number DESC`);
  // A raw query gives timestamps as the driver reads them: a string on one database, a Date on the other.
  return result.rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}
