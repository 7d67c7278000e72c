import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../db/database.ts';
import { schema } from '../../db/schema.ts';
import { auditLog } from './audit.table.ts';

export type AuditEntry = typeof auditLog.$inferSelect;

export async function insertAuditEntry(db: DbExecutor, entry: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(entry);
}

export interface AuditFilter {
  actorId?: number | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: Date | undefined;
  /** Exclusive upper bound. */
  until?: Date | undefined;
}

function conditions(filter: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (filter.actorId !== undefined) parts.push(eq(auditLog.actorId, filter.actorId));
  if (filter.entityType) parts.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) parts.push(eq(auditLog.entityId, filter.entityId));
  if (filter.from) parts.push(gte(auditLog.at, filter.from));
  if (filter.until) parts.push(lt(auditLog.at, filter.until));
  return parts.length > 0 ? and(...parts) : undefined;
}

export async function listAuditEntries(
  db: Db,
  input: { filter: AuditFilter; limit: number; offset: number },
): Promise<{ total: number; entries: AuditEntry[] }> {
  const where = conditions(input.filter);
  const [totalRow] = await db.select({ total: count() }).from(auditLog).where(where);
  const entries = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(input.limit)
    .offset(input.offset);
  return { total: totalRow?.total ?? 0, entries };
}

export async function listAuditEntityTypes(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ type: auditLog.entityType }).from(auditLog).orderBy(auditLog.entityType);
  return rows.map((row) => row.type);
}

/** The people, organizations and applications an audit page names, as they are called today. */
export interface AuditNames {
  people: Map<number, { name: string; email: string }>;
  /** In the reader's language when the organization has a name in it, else its main name. */
  organizations: Map<number, string>;
  applications: Map<number, string>;
}

/**
 * Reads the names behind the numbers an audit page shows, three queries at most. The audit log
 * keeps numbers (a name may change, a record stays); the page says who and what by name.
 */
export async function findAuditNames(
  db: Db,
  input: { people: number[]; organizations: number[]; applications: number[]; locale: string },
): Promise<AuditNames> {
  const { users, organizations, organizationTranslations, partnerApplications } = schema;
  const [people, named, applications] = await Promise.all([
    input.people.length === 0
      ? []
      : db
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(inArray(users.id, input.people)),
    input.organizations.length === 0
      ? []
      : db
          .select({ id: organizations.id, name: organizations.name, translated: organizationTranslations.name })
          .from(organizations)
          .leftJoin(
            organizationTranslations,
            and(
              eq(organizationTranslations.organizationId, organizations.id),
              eq(organizationTranslations.locale, input.locale),
            ),
          )
          .where(inArray(organizations.id, input.organizations)),
    input.applications.length === 0
      ? []
      : db
          .select({ id: partnerApplications.id, name: partnerApplications.name })
          .from(partnerApplications)
          .where(inArray(partnerApplications.id, input.applications)),
  ]);
  return {
    people: new Map(people.map((row) => [row.id, { name: row.name, email: row.email }])),
    organizations: new Map(named.map((row) => [row.id, row.translated ?? row.name])),
    applications: new Map(applications.map((row) => [row.id, row.name])),
  };
}
