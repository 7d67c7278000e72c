import { and, count, eq, inArray } from 'drizzle-orm';
import type { DbExecutor } from '../../db/database.ts';
import { organizations, type OrganizationKind } from '../partners/index.ts';
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
