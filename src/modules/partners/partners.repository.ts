import { eq, sql } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../db/database.ts';
import { organizations, organizationStatusHistory, type OrganizationStatus } from './partners.table.ts';

/** Active partners on a given day, from the status history. */
export async function countActivePartnersOn(db: Db, day: string): Promise<number> {
  const result = await db.execute<{ total: string }>(sql`
    SELECT count(*)::text AS total FROM (
      SELECT DISTINCT ON (organization_id) status FROM ${organizationStatusHistory}
       WHERE valid_from <= ${day}::date
       ORDER BY organization_id, valid_from DESC, id DESC
    ) latest WHERE status = 'active'`);
  return Number(result.rows[0]?.total ?? 0);
}

/** Sets an organization's status and adds it to its history from the given day (inside the caller's transaction). */
export async function recordOrganizationStatus(
  tx: DbExecutor,
  input: {
    organizationId: number;
    status: OrganizationStatus;
    validFrom: string;
    recordedBy: number | null;
    note: string;
  },
): Promise<void> {
  await tx
    .update(organizations)
    .set({ status: input.status, updatedAt: new Date() })
    .where(eq(organizations.id, input.organizationId));
  await tx.insert(organizationStatusHistory).values({
    organizationId: input.organizationId,
    status: input.status,
    validFrom: input.validFrom,
    recordedBy: input.recordedBy,
    note: input.note,
  });
}
