import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../db/database.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import {
  organizationActionGroups,
  organizations,
  organizationStatusHistory,
  organizationTranslations,
  type ActionGroup,
  type OrganizationStatus,
} from './partners.table.ts';

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

/**
 * Writes (or rewrites) a demonstration organization, its texts, action groups and status history.
 * An organization with the same slug that is not demonstration data is left alone (false).
 */
export async function replaceDemoOrganization(
  db: DbExecutor,
  input: {
    organization: Omit<typeof organizations.$inferInsert, 'isDemo' | 'updatedAt'>;
    translations: { locale: string; name: string; description: string }[];
    actionGroups: ActionGroup[];
    history: { status: OrganizationStatus; validFrom: string }[];
  },
): Promise<boolean> {
  const [existing] = await db
    .select({ id: organizations.id, isDemo: organizations.isDemo })
    .from(organizations)
    .where(eq(organizations.slug, input.organization.slug));
  if (existing && !existing.isDemo) return false;
  const values = { ...input.organization, isDemo: true, updatedAt: new Date() };
  const [row] = existing
    ? await db
        .update(organizations)
        .set(values)
        .where(eq(organizations.id, existing.id))
        .returning({ id: organizations.id })
    : await db.insert(organizations).values(values).returning({ id: organizations.id });
  if (!row) return false;
  await db.delete(organizationTranslations).where(eq(organizationTranslations.organizationId, row.id));
  if (input.translations.length > 0) {
    await db
      .insert(organizationTranslations)
      .values(input.translations.map((text) => ({ organizationId: row.id, ...text })));
  }
  await db.delete(organizationActionGroups).where(eq(organizationActionGroups.organizationId, row.id));
  if (input.actionGroups.length > 0) {
    await db
      .insert(organizationActionGroups)
      .values(input.actionGroups.map((actionGroup) => ({ organizationId: row.id, actionGroup })));
  }
  await db
    .delete(organizationStatusHistory)
    .where(
      and(
        eq(organizationStatusHistory.organizationId, row.id),
        inArray(organizationStatusHistory.status, ['active', 'suspended', 'withdrawn']),
      ),
    );
  await db
    .insert(organizationStatusHistory)
    .values(input.history.map((entry) => ({ organizationId: row.id, ...entry, note: 'demonstration data' })));
  return true;
}

/** How many demonstration organizations there are. */
export async function countDemoOrganizations(db: DbExecutor): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(organizations)
    .where(eq(organizations.isDemo, true));
  return row?.count ?? 0;
}

/**
 * Deletes the demonstration organizations with what hangs on them (texts, history, logos, change
 * requests). One that a record elsewhere points to (a representative's role, an application) is
 * kept: each is deleted under its own savepoint, so such a reference rolls back only its own
 * deletion. Returns how many were deleted.
 */
export async function deleteDemoOrganizations(db: DbExecutor): Promise<number> {
  const demo = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.isDemo, true));
  let deleted = 0;
  for (const { id } of demo) {
    try {
      await db.transaction(async (savepoint) => {
        await savepoint.delete(organizations).where(eq(organizations.id, id));
      });
      deleted += 1;
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
    }
  }
  return deleted;
}
