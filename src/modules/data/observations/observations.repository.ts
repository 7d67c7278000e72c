import { sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';

/** The SQL of observations: the live dataset of an indicator, or any earlier version of it. */

export type ObservationRow = {
  geo: string;
  geoKind: 'country' | 'region' | 'world';
  year: number;
  value: number;
  sex: string;
  age: string;
  nature: string | null;
  lower: number | null;
  upper: number | null;
  unit: string;
  source: string;
  footnote: string;
  disaggregations: Record<string, string>;
};

export interface ObservationFilter {
  indicatorId: number;
  /** The id of the version to read; null for the current one. */
  versionId: number | null;
  geo: string[];
  year: number[];
  sex: string[];
  age: string[];
  /** Units (`percent`, `number`); none: all. */
  unit?: string[];
}

function whereOf(filter: ObservationFilter): SQL {
  const conditions: SQL[] = [sql`o.indicator_id = ${filter.indicatorId}`];
  conditions.push(
    filter.versionId === null
      ? sql`o.until_version_id IS NULL`
      : sql`o.from_version_id <= ${filter.versionId}
          AND (o.until_version_id IS NULL OR o.until_version_id > ${filter.versionId})`,
  );
  if (filter.geo.length > 0) conditions.push(sql`o.geo = ANY(${sql.param(filter.geo)}::text[])`);
  if (filter.year.length > 0) conditions.push(sql`o.year = ANY(${sql.param(filter.year)}::int[])`);
  if (filter.sex.length > 0) conditions.push(sql`o.sex = ANY(${sql.param(filter.sex)}::text[])`);
  if (filter.age.length > 0) conditions.push(sql`o.age = ANY(${sql.param(filter.age)}::text[])`);
  if (filter.unit?.length) conditions.push(sql`o.unit = ANY(${sql.param(filter.unit)}::text[])`);
  return sql.join(conditions, sql` AND `);
}

export async function countObservations(db: DbExecutor, filter: ObservationFilter): Promise<number> {
  const result = await db.execute<{ total: number }>(
    sql`SELECT count(*)::int AS total FROM observations o WHERE ${whereOf(filter)}`,
  );
  return result.rows[0]?.total ?? 0;
}

/** The order of a list of observations: by geography (code), year or value, either way. */
export interface ObservationOrder {
  by: 'geo' | 'year' | 'value';
  dir: 'asc' | 'desc';
}

const STABLE_ORDER = sql`o.geo, o.year, o.sex, o.age, o.unit, o.dimensions_key`;

function orderOf(order: ObservationOrder | undefined): SQL {
  if (!order) return STABLE_ORDER;
  const direction = order.dir === 'desc' ? sql`DESC` : sql`ASC`;
  const column = { geo: sql`o.geo`, year: sql`o.year`, value: sql`o.value` }[order.by];
  return sql`${column} ${direction}, ${STABLE_ORDER}`;
}

/**
 * Observations in the order asked (ties, and no order: geography, year, sex, age, unit, then the
 * other dimensions, so that a page and its download list them alike).
 */
export async function listObservations(
  db: DbExecutor,
  input: { filter: ObservationFilter; limit: number; offset: number; order?: ObservationOrder },
): Promise<ObservationRow[]> {
  const result = await db.execute<ObservationRow>(sql`
    SELECT o.geo, o.geo_kind AS "geoKind", o.year, o.value, o.sex, o.age, o.nature, o.lower, o.upper, o.unit,
      o.source, o.footnote, o.disaggregations
    FROM observations o WHERE ${whereOf(input.filter)}
    ORDER BY ${orderOf(input.order)}
    LIMIT ${input.limit} OFFSET ${input.offset}`);
  return result.rows;
}

/** What an indicator's current data holds: each geography with its age groups and units. */
export type SliceRow = {
  geo: string;
  geoKind: 'country' | 'region' | 'world';
  age: string;
  unit: string;
  count: number;
};

export async function listSlices(db: DbExecutor, indicatorId: number): Promise<SliceRow[]> {
  const result = await db.execute<SliceRow>(sql`
    SELECT geo, geo_kind AS "geoKind", age, unit, count(*)::int AS count FROM observations
    WHERE indicator_id = ${indicatorId} AND until_version_id IS NULL
    GROUP BY geo, geo_kind, age, unit ORDER BY geo, age, unit`);
  return result.rows;
}

/** For each indicator and year, how many countries have data (current versions). */
export async function countCountriesByYear(
  db: DbExecutor,
): Promise<{ code: string; year: number; countries: number }[]> {
  const result = await db.execute<{ code: string; year: number; countries: number }>(sql`
    SELECT i.code, o.year, count(DISTINCT o.geo)::int AS countries
    FROM observations o JOIN indicators i ON i.id = o.indicator_id
    WHERE o.until_version_id IS NULL AND o.geo_kind = 'country'
    GROUP BY i.code, o.year ORDER BY i.code, o.year`);
  return result.rows;
}
