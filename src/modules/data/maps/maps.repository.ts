import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';

/** The SQL of an indicator's world map: one value per country for a year, a sex, an age group, a unit. */

export type MapYearRow = { year: number; sex: string; countries: number };

/** For each year and sex, how many countries have a value without other breakdowns. */
export async function countMapCountries(
  db: DbExecutor,
  input: { indicatorId: number; age: string; unit: string },
): Promise<MapYearRow[]> {
  const result = await db.execute<MapYearRow>(sql`
    SELECT year, sex, count(DISTINCT geo)::int AS countries FROM observations
    WHERE indicator_id = ${input.indicatorId} AND until_version_id IS NULL AND geo_kind = 'country'
      AND age = ${input.age} AND unit = ${input.unit} AND disaggregations = '{}'::jsonb
    GROUP BY year, sex ORDER BY year, sex`);
  return result.rows;
}

export type MapValueRow = { geo: string; value: number; nature: string | null; source: string; footnote: string };

export async function listMapValues(
  db: DbExecutor,
  input: { indicatorId: number; age: string; unit: string; year: number; sex: string },
): Promise<MapValueRow[]> {
  const result = await db.execute<MapValueRow>(sql`
    SELECT geo, value, nature, source, footnote FROM observations
    WHERE indicator_id = ${input.indicatorId} AND until_version_id IS NULL AND geo_kind = 'country'
      AND age = ${input.age} AND unit = ${input.unit} AND year = ${input.year} AND sex = ${input.sex}
      AND disaggregations = '{}'::jsonb
    ORDER BY geo`);
  return result.rows;
}
