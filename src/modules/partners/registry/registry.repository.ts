import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../../db/database.ts';
import {
  organizations,
  organizationStatusHistory,
  organizationTranslations,
  type OrganizationKind,
  type OrganizationStatus,
} from '../partners.table.ts';
import type { RegistryQuery } from './registry.schemas.ts';

/** The outer organization's id inside correlated subqueries, always qualified. */
const ORGANIZATION_ID = sql.raw('"organizations"."id"');

export interface RegistryRow {
  slug: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
  status: OrganizationStatus;
  isDemo: boolean;
  /** The day the current status began (from the history). */
  since: string | null;
}

/** Every organization matching the filters, whatever its status, by name; one page of them. */
export async function listRegistry(
  db: Db,
  input: { query: Omit<RegistryQuery, 'page'>; limit: number; offset: number },
): Promise<{ total: number; rows: RegistryRow[] }> {
  const { query } = input;
  const where: SQL[] = [];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    const byName = or(
      ilike(organizations.name, pattern),
      ilike(organizations.slug, pattern),
      sql`EXISTS (SELECT 1 FROM ${organizationTranslations} t
        WHERE t.organization_id = ${ORGANIZATION_ID} AND t.name ILIKE ${pattern})`,
    );
    if (byName) where.push(byName);
  }
  if (query.status) where.push(eq(organizations.status, query.status));
  if (query.kind) where.push(eq(organizations.kind, query.kind));
  const condition = and(...where);
  const [totalRow] = await db.select({ total: count() }).from(organizations).where(condition);
  const rows = await db
    .select({
      slug: organizations.slug,
      name: organizations.name,
      kind: organizations.kind,
      country: organizations.country,
      status: organizations.status,
      isDemo: organizations.isDemo,
      since: sql<string | null>`(SELECT h.valid_from::text FROM ${organizationStatusHistory} h
        WHERE h.organization_id = ${ORGANIZATION_ID}
        ORDER BY h.valid_from DESC, h.id DESC LIMIT 1)`,
    })
    .from(organizations)
    .where(condition)
    .orderBy(asc(sql`lower(${organizations.name})`), asc(organizations.id))
    .limit(input.limit)
    .offset(input.offset);
  return { total: totalRow?.total ?? 0, rows };
}

export interface StatusHistoryEntry {
  status: OrganizationStatus;
  validFrom: string;
  recordedAt: Date;
  note: string | null;
}

/** Every status the organization has had, newest first. */
export async function listStatusHistory(db: Db, organizationId: number): Promise<StatusHistoryEntry[]> {
  return db
    .select({
      status: organizationStatusHistory.status,
      validFrom: organizationStatusHistory.validFrom,
      recordedAt: organizationStatusHistory.recordedAt,
      note: organizationStatusHistory.note,
    })
    .from(organizationStatusHistory)
    .where(eq(organizationStatusHistory.organizationId, organizationId))
    .orderBy(desc(organizationStatusHistory.validFrom), desc(organizationStatusHistory.id));
}

/** The day of the organization's latest recorded status, if any. */
export async function findLatestStatusDay(db: DbExecutor, organizationId: number): Promise<string | null> {
  const [latest] = await db
    .select({ validFrom: organizationStatusHistory.validFrom })
    .from(organizationStatusHistory)
    .where(eq(organizationStatusHistory.organizationId, organizationId))
    .orderBy(desc(organizationStatusHistory.validFrom))
    .limit(1);
  return latest?.validFrom ?? null;
}
