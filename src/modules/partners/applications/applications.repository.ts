import { and, asc, count, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../../db/database.ts';
import {
  organizations,
  organizationStatusHistory,
  organizationTranslations,
  partnerApplicationEvents,
  partnerApplications,
  type OrganizationKind,
  type ReviewedStatus,
} from '../partners.table.ts';

/** Applications whose address is confirmed: the only ones the Secretariat sees. */
const CONFIRMED = ne(partnerApplications.status, 'unconfirmed');

/**
 * The outer organization's id inside correlated subqueries, always qualified: Drizzle writes a
 * bare "id" in single-table selects, which a subquery on a table with its own id would take
 * for its own column.
 */
const ORGANIZATION_ID = sql.raw('"organizations"."id"');

export type ApplicationRow = typeof partnerApplications.$inferSelect;
export type ApplicationEventRow = typeof partnerApplicationEvents.$inferSelect;
export type ApplicationEvent = ApplicationEventRow['event'];

export async function insertApplication(
  db: DbExecutor,
  values: typeof partnerApplications.$inferInsert,
): Promise<ApplicationRow> {
  const [row] = await db.insert(partnerApplications).values(values).returning();
  if (!row) throw new Error('application not recorded');
  return row;
}

export async function insertApplicationEvent(
  db: DbExecutor,
  input: { applicationId: number; actorLabel: string; event: ApplicationEvent; note: string | null },
): Promise<void> {
  await db.insert(partnerApplicationEvents).values(input);
}

export async function listApplications(
  db: Db,
  input: { status?: ReviewedStatus | undefined; kind?: OrganizationKind | undefined; limit: number; offset: number },
): Promise<{ total: number; rows: ApplicationRow[] }> {
  const where = and(
    CONFIRMED,
    input.status ? eq(partnerApplications.status, input.status) : undefined,
    input.kind ? eq(partnerApplications.kind, input.kind) : undefined,
  );
  const [totalRow] = await db.select({ total: count() }).from(partnerApplications).where(where);
  const rows = await db
    .select()
    .from(partnerApplications)
    .where(where)
    .orderBy(asc(partnerApplications.createdAt))
    .limit(input.limit)
    .offset(input.offset);
  return { total: totalRow?.total ?? 0, rows };
}

export async function countApplicationsWithStatus(db: Db, status: ReviewedStatus): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(partnerApplications)
    .where(eq(partnerApplications.status, status));
  return row?.total ?? 0;
}

export interface SimilarRecord {
  id: number;
  name: string;
  website: string | null;
  similarity: number;
}

/**
 * Organizations and other applications whose name is very similar (trigrams, in any of their
 * languages) or whose website contains the given host.
 */
export async function findSimilarRecords(
  db: Db,
  input: { applicationId: number; name: string; host: string | null },
): Promise<{ organizations: SimilarRecord[]; applications: SimilarRecord[] }> {
  const name = input.name.toLowerCase();
  const hostPattern = input.host ? `%${input.host}%` : '';
  const [orgs, apps] = await Promise.all([
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        website: organizations.website,
        similarity: sql<number>`similarity(lower(${organizations.name}), ${name})`,
      })
      .from(organizations)
      .where(
        or(
          sql`similarity(lower(${organizations.name}), ${name}) > 0.45`,
          input.host ? sql`lower(${organizations.website}) LIKE ${hostPattern}` : undefined,
          sql`EXISTS (SELECT 1 FROM ${organizationTranslations} t WHERE t.organization_id = ${ORGANIZATION_ID}
                AND similarity(lower(t.name), ${name}) > 0.45)`,
        ),
      )
      .limit(10),
    db
      .select({
        id: partnerApplications.id,
        name: partnerApplications.name,
        website: partnerApplications.website,
        similarity: sql<number>`similarity(lower(${partnerApplications.name}), ${name})`,
      })
      .from(partnerApplications)
      .where(
        and(
          ne(partnerApplications.id, input.applicationId),
          CONFIRMED,
          or(
            sql`similarity(lower(${partnerApplications.name}), ${name}) > 0.45`,
            input.host ? sql`lower(${partnerApplications.website}) LIKE ${hostPattern}` : undefined,
          ),
        ),
      )
      .limit(10),
  ]);
  return { organizations: orgs, applications: apps };
}

export async function findApplication(
  db: Db,
  id: number,
): Promise<{ application: ApplicationRow; events: ApplicationEventRow[] } | null> {
  const [row] = await db
    .select()
    .from(partnerApplications)
    .where(and(eq(partnerApplications.id, id), CONFIRMED));
  if (!row) return null;
  const events = await db
    .select()
    .from(partnerApplicationEvents)
    .where(eq(partnerApplicationEvents.applicationId, id))
    .orderBy(asc(partnerApplicationEvents.at), asc(partnerApplicationEvents.id));
  return { application: row, events };
}

/** The application, locked for the rest of the transaction, while it waits for a decision. */
export async function lockOpenApplication(db: DbExecutor, id: number): Promise<ApplicationRow | null> {
  const [row] = await db
    .select()
    .from(partnerApplications)
    .where(and(eq(partnerApplications.id, id), inArray(partnerApplications.status, ['submitted', 'info_requested'])))
    .for('update');
  return row ?? null;
}

export async function updateApplication(
  db: DbExecutor,
  id: number,
  values: Partial<typeof partnerApplications.$inferInsert>,
): Promise<void> {
  await db
    .update(partnerApplications)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(partnerApplications.id, id));
}

/** Whether an organization's address already starts with this slug. */
export async function isSlugTaken(db: DbExecutor, slug: string): Promise<boolean> {
  const [taken] = await db
    .select({ total: count() })
    .from(organizations)
    .where(sql`${organizations.slug} LIKE ${`${slug}%`}`);
  return (taken?.total ?? 0) > 0;
}

/** A new active partner: the organization, its name in the applicant's language, its first status. */
export async function insertActiveOrganization(
  db: DbExecutor,
  input: {
    values: Omit<typeof organizations.$inferInsert, 'status'>;
    locale: string;
    validFrom: string;
    recordedBy: number | null;
    note: string;
  },
): Promise<number> {
  const [organization] = await db
    .insert(organizations)
    .values({ ...input.values, status: 'active' })
    .returning({ id: organizations.id });
  if (!organization) throw new Error('organization not created');
  await db.insert(organizationTranslations).values({
    organizationId: organization.id,
    locale: input.locale,
    name: input.values.name,
    description: '',
  });
  await db.insert(organizationStatusHistory).values({
    organizationId: organization.id,
    status: 'active',
    validFrom: input.validFrom,
    recordedBy: input.recordedBy,
    note: input.note,
  });
  return organization.id;
}

/** The application a request-for-information link points to, while it waits for the answer. */
export async function findApplicationAwaitingAnswer(db: Db, tokenHash: string): Promise<ApplicationRow | null> {
  const [row] = await db
    .select()
    .from(partnerApplications)
    .where(and(eq(partnerApplications.answerTokenHash, tokenHash), eq(partnerApplications.status, 'info_requested')));
  return row ?? null;
}

/** Puts an application that waited for an answer back in the queue; null when the link is used or void. */
export async function reopenAnsweredApplication(db: DbExecutor, tokenHash: string): Promise<ApplicationRow | null> {
  const [row] = await db
    .update(partnerApplications)
    .set({ status: 'submitted', answerTokenHash: null, updatedAt: new Date() })
    .where(and(eq(partnerApplications.answerTokenHash, tokenHash), eq(partnerApplications.status, 'info_requested')))
    .returning();
  return row ?? null;
}

/**
 * An application whose contact address was just confirmed: it reaches the Secretariat, and the
 * applicant's private link is kept (its hash). Null when it was not waiting for that.
 */
export async function confirmApplicationRecord(
  db: DbExecutor,
  input: { id: number; statusTokenHash: string; now: Date },
): Promise<ApplicationRow | null> {
  const [row] = await db
    .update(partnerApplications)
    .set({ status: 'submitted', confirmedAt: input.now, statusTokenHash: input.statusTokenHash, updatedAt: input.now })
    .where(and(eq(partnerApplications.id, input.id), eq(partnerApplications.status, 'unconfirmed')))
    .returning();
  return row ?? null;
}

/** The application an applicant's private link points to. */
export async function findApplicationByStatusToken(db: Db, tokenHash: string): Promise<ApplicationRow | null> {
  const [row] = await db
    .select()
    .from(partnerApplications)
    .where(and(eq(partnerApplications.statusTokenHash, tokenHash), CONFIRMED));
  return row ?? null;
}

/** Notes when the Secretariat first opened an application (its applicant then reads "under review"). */
export async function markReviewStarted(db: DbExecutor, id: number): Promise<void> {
  await db
    .update(partnerApplications)
    .set({ reviewStartedAt: new Date() })
    .where(and(eq(partnerApplications.id, id), isNull(partnerApplications.reviewStartedAt)));
}

/** Deletes these applications if their address was never confirmed (a confirmed one stays). */
export async function deleteUnconfirmedApplications(db: DbExecutor, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .delete(partnerApplications)
    .where(and(inArray(partnerApplications.id, [...ids]), eq(partnerApplications.status, 'unconfirmed')));
}
