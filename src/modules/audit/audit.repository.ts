import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../db/database.ts';
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
