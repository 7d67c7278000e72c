import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import type { Locale } from '../../../i18n/i18n.ts';
import type { ObservationRow } from '../observations/observations.repository.ts';

/** The SQL of the country profiles: one geography's live observations, across indicators. */

export type CountryIndicatorRow = {
  id: number;
  code: string;
  sdgIndicator: string | null;
  status: 'draft' | 'published';
  names: Partial<Record<Locale, string>>;
};

export type CountryObservationRow = ObservationRow & { indicatorId: number };

/** Every indicator with data for this geography, by code, with its names. */
export async function listIndicatorsOfGeo(db: DbExecutor, geo: string): Promise<CountryIndicatorRow[]> {
  const result = await db.execute<CountryIndicatorRow>(sql`
    SELECT i.id, i.code, i.sdg_indicator AS "sdgIndicator", i.status,
      coalesce((SELECT jsonb_object_agg(t.locale, t.name) FROM indicator_translations t WHERE t.indicator_id = i.id), '{}') AS names
    FROM indicators i
    WHERE EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = i.id AND o.geo = ${geo} AND o.until_version_id IS NULL)
    ORDER BY i.code`);
  return result.rows;
}

/** The live observations of this geography, every indicator, in a stable order. */
export async function listObservationsOfGeo(db: DbExecutor, geo: string): Promise<CountryObservationRow[]> {
  const result = await db.execute<CountryObservationRow>(sql`
    SELECT o.indicator_id AS "indicatorId", o.geo, o.geo_kind AS "geoKind", o.year, o.value, o.sex, o.age, o.nature,
      o.lower, o.upper, o.unit, o.source, o.footnote, o.disaggregations
    FROM indicators i
    -- One look-up per indicator, on the index of (indicator, geography, year) of live observations.
    JOIN LATERAL (
      SELECT * FROM observations o WHERE o.indicator_id = i.id AND o.geo = ${geo} AND o.until_version_id IS NULL
    ) o ON true
    ORDER BY o.indicator_id, o.unit, o.age, o.year, o.sex, o.dimensions_key`);
  return result.rows;
}

/** The countries that have any live observation (ISO3 codes, sorted). */
export async function listCountriesWithData(db: DbExecutor): Promise<string[]> {
  const result = await db.execute<{ geo: string }>(sql`
    SELECT DISTINCT geo FROM observations WHERE until_version_id IS NULL AND geo_kind = 'country' ORDER BY geo`);
  return result.rows.map((row) => row.geo);
}
