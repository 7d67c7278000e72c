import { and, asc, count, eq } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../../db/database.ts';
import type { Locale } from '../../../i18n/i18n.ts';
import {
  organizationChangeRequests,
  organizations,
  organizationTranslations,
  type OrganizationKind,
} from '../partners.table.ts';

/** What a representative asks to change: the kind, and the name in some languages. */
export interface RequestedChanges {
  kind: OrganizationKind;
  names: Partial<Record<Locale, string>>;
}

export interface PendingChangeRequest {
  id: number;
  changes: RequestedChanges;
  requestedByLabel: string;
  createdAt: Date;
  organizationId: number;
  organizationSlug: string;
  organizationName: string;
  organizationKind: OrganizationKind;
}

export type ChangeRequestRow = Omit<typeof organizationChangeRequests.$inferSelect, 'changes'> & {
  changes: RequestedChanges;
};

export async function insertChangeRequest(
  db: DbExecutor,
  input: { organizationId: number; requestedBy: number | null; requestedByLabel: string; changes: RequestedChanges },
): Promise<number | undefined> {
  const [row] = await db
    .insert(organizationChangeRequests)
    .values(input)
    .returning({ id: organizationChangeRequests.id });
  return row?.id;
}

/** The changes that wait for a decision, oldest first (or just one of them). */
export async function listPendingChangeRequests(db: Db, only?: { id: number }): Promise<PendingChangeRequest[]> {
  const pending = eq(organizationChangeRequests.status, 'pending');
  const rows = await db
    .select({
      id: organizationChangeRequests.id,
      changes: organizationChangeRequests.changes,
      requestedByLabel: organizationChangeRequests.requestedByLabel,
      createdAt: organizationChangeRequests.createdAt,
      organizationId: organizations.id,
      organizationSlug: organizations.slug,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
    })
    .from(organizationChangeRequests)
    .innerJoin(organizations, eq(organizations.id, organizationChangeRequests.organizationId))
    .where(only ? and(pending, eq(organizationChangeRequests.id, only.id)) : pending)
    .orderBy(asc(organizationChangeRequests.createdAt));
  return rows.map((row) => ({ ...row, changes: row.changes as RequestedChanges }));
}

export async function countPendingChangeRequests(db: Db): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(organizationChangeRequests)
    .where(eq(organizationChangeRequests.status, 'pending'));
  return row?.total ?? 0;
}

/** A change that waits for a decision, locked for the rest of the transaction (null when there is none). */
export async function lockPendingChangeRequest(db: DbExecutor, id: number): Promise<ChangeRequestRow | null> {
  const [row] = await db
    .select()
    .from(organizationChangeRequests)
    .where(and(eq(organizationChangeRequests.id, id), eq(organizationChangeRequests.status, 'pending')))
    .for('update');
  return row ? { ...row, changes: row.changes as RequestedChanges } : null;
}

export async function findOrganizationById(db: DbExecutor, id: number) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row ?? null;
}

/** Gives the organization its new kind and names: `name` is its usual one, each language's in its translations. */
export async function applyNameAndKind(
  db: DbExecutor,
  input: { organizationId: number; kind: OrganizationKind; name: string; names: Partial<Record<Locale, string>> },
): Promise<void> {
  await db
    .update(organizations)
    .set({ kind: input.kind, name: input.name, updatedAt: new Date() })
    .where(eq(organizations.id, input.organizationId));
  for (const [locale, localName] of Object.entries(input.names)) {
    await db
      .insert(organizationTranslations)
      .values({ organizationId: input.organizationId, locale, name: localName, description: '' })
      .onConflictDoUpdate({
        target: [organizationTranslations.organizationId, organizationTranslations.locale],
        set: { name: localName },
      });
  }
}

export async function recordChangeDecision(
  db: DbExecutor,
  input: { id: number; approved: boolean; decidedBy: number | null; reason: string | null },
): Promise<void> {
  await db
    .update(organizationChangeRequests)
    .set({
      status: input.approved ? 'approved' : 'declined',
      decidedAt: new Date(),
      decidedBy: input.decidedBy,
      decisionReason: input.reason,
    })
    .where(eq(organizationChangeRequests.id, input.id));
}

/** The organization's name in one language, if it has one there. */
export async function findNameIn(db: DbExecutor, input: { organizationId: number; locale: Locale }) {
  const [row] = await db
    .select({ name: organizationTranslations.name })
    .from(organizationTranslations)
    .where(
      and(
        eq(organizationTranslations.organizationId, input.organizationId),
        eq(organizationTranslations.locale, input.locale),
      ),
    );
  return row?.name ?? null;
}
