import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/database.ts';
import { organizations, organizationStatusHistory, type OrganizationKind } from '../partners/index.ts';
import { PATHFINDER_COUNTED_STAGES, pathfinderCountries } from '../pathfinders/index.ts';

export async function countActivePartnersByKind(db: DbExecutor): Promise<Map<OrganizationKind, number>> {
  const rows = await db
    .select({ kind: organizations.kind, count: count() })
    .from(organizations)
    .where(eq(organizations.status, 'active'))
    .groupBy(organizations.kind);
  return new Map(rows.map((row) => [row.kind, row.count]));
}

export async function countPathfinderCountries(db: DbExecutor): Promise<number> {
  const [row] = await db
    .select({ count: count() })
    .from(pathfinderCountries)
    .where(inArray(pathfinderCountries.stage, [...PATHFINDER_COUNTED_STAGES]));
  return row?.count ?? 0;
}

export async function countActiveDemoPartners(db: DbExecutor): Promise<number> {
  const [row] = await db
    .select({ count: count() })
    .from(organizations)
    .where(and(eq(organizations.status, 'active'), eq(organizations.isDemo, true)));
  return row?.count ?? 0;
}

/**
 * Active partners at the end of each year since the first one joined, and today for the current
 * year, from the status history (what was recorded for each organization on that day).
 */
export async function countActivePartnersByYear(
  db: DbExecutor,
  today: string,
): Promise<{ year: number; day: string; total: number }[]> {
  const result = await db.execute<{ year: number; day: string; total: number }>(sql`
    WITH bounds AS (
      SELECT extract(year FROM min(valid_from))::int AS first, extract(year FROM ${today}::date)::int AS last
        FROM ${organizationStatusHistory} WHERE status = 'active'
    ), days AS (
      SELECT year, CASE WHEN year = bounds.last THEN ${today}::date ELSE make_date(year, 12, 31) END AS day
        FROM bounds, generate_series(bounds.first, bounds.last) AS year
       WHERE bounds.first IS NOT NULL
    )
    SELECT days.year::int AS year, days.day::text AS day, (
      SELECT count(*) FROM (
        SELECT DISTINCT ON (h.organization_id) h.status FROM ${organizationStatusHistory} h
         WHERE h.valid_from <= days.day ORDER BY h.organization_id, h.valid_from DESC, h.id DESC
      ) latest WHERE latest.status = 'active')::int AS total
      FROM days ORDER BY days.year`);
  return result.rows;
}
