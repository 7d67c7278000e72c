import { and, asc, desc, eq, inArray, isNull, isNotNull, sql } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../../db/database.ts';
import { users } from '../../accounts/index.ts';
import { organizations } from '../../partners/index.ts';
import { pathfinderCountries } from '../pathfinders.table.ts';
import {
  pathfinderSupportRequests,
  pathfinderWorkshopDocuments,
  pathfinderWorkshopOrganizers,
  pathfinderWorkshops,
} from './workshops.table.ts';

export type WorkshopRow = typeof pathfinderWorkshops.$inferSelect;

export interface Organizer {
  id: number;
  slug: string;
  name: string;
  /** Only an active partner has a public profile to link to. */
  active: boolean;
}

export interface DocumentSummary {
  id: number;
  workshopId: number;
  fileName: string;
  bytes: number;
}

export interface SupportRequest {
  id: number;
  workshopId: number;
  iso3: string;
  heldOn: string;
  place: string;
  what: string;
  neededBy: string;
  requestedAt: Date;
  requestedByName: string | null;
  answer: string | null;
  answeredAt: Date | null;
  answeredByName: string | null;
}

/** The partners a workshop's organisers are chosen from: active ones, by name. */
export async function listActiveOrganizations(db: DbExecutor): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.status, 'active'))
    .orderBy(asc(organizations.name));
}

/** How many of these ids are active partners. */
export async function countActiveOrganizations(db: DbExecutor, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(organizations)
    .where(and(inArray(organizations.id, [...ids]), eq(organizations.status, 'active')));
  return row?.count ?? 0;
}

export async function insertWorkshop(
  db: DbExecutor,
  input: Omit<typeof pathfinderWorkshops.$inferInsert, 'id' | 'createdAt'> & { organizerIds: readonly number[] },
): Promise<number> {
  const { organizerIds, ...values } = input;
  const [row] = await db.insert(pathfinderWorkshops).values(values).returning({ id: pathfinderWorkshops.id });
  if (!row) throw new Error('workshop not inserted');
  if (organizerIds.length > 0) {
    await db
      .insert(pathfinderWorkshopOrganizers)
      .values(organizerIds.map((organizationId) => ({ workshopId: row.id, organizationId })));
  }
  return row.id;
}

/** The country's workshops, the latest first. */
export async function listWorkshops(db: DbExecutor, iso3: string): Promise<WorkshopRow[]> {
  return db
    .select()
    .from(pathfinderWorkshops)
    .where(eq(pathfinderWorkshops.iso3, iso3))
    .orderBy(desc(pathfinderWorkshops.heldOn), desc(pathfinderWorkshops.id));
}

/** A workshop of this country (null for another country's). */
export async function findWorkshop(db: DbExecutor, input: { iso3: string; id: number }): Promise<WorkshopRow | null> {
  const [row] = await db
    .select()
    .from(pathfinderWorkshops)
    .where(and(eq(pathfinderWorkshops.id, input.id), eq(pathfinderWorkshops.iso3, input.iso3)));
  return row ?? null;
}

export async function listOrganizers(
  db: DbExecutor,
  workshopIds: readonly number[],
): Promise<(Organizer & { workshopId: number })[]> {
  if (workshopIds.length === 0) return [];
  const rows = await db
    .select({
      workshopId: pathfinderWorkshopOrganizers.workshopId,
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      status: organizations.status,
    })
    .from(pathfinderWorkshopOrganizers)
    .innerJoin(organizations, eq(organizations.id, pathfinderWorkshopOrganizers.organizationId))
    .where(inArray(pathfinderWorkshopOrganizers.workshopId, [...workshopIds]))
    .orderBy(asc(organizations.name));
  return rows.map(({ status, ...row }) => ({ ...row, active: status === 'active' }));
}

export async function listDocuments(db: DbExecutor, workshopIds: readonly number[]): Promise<DocumentSummary[]> {
  if (workshopIds.length === 0) return [];
  return db
    .select({
      id: pathfinderWorkshopDocuments.id,
      workshopId: pathfinderWorkshopDocuments.workshopId,
      fileName: pathfinderWorkshopDocuments.fileName,
      bytes: pathfinderWorkshopDocuments.bytes,
    })
    .from(pathfinderWorkshopDocuments)
    .where(inArray(pathfinderWorkshopDocuments.workshopId, [...workshopIds]))
    .orderBy(asc(pathfinderWorkshopDocuments.id));
}

export async function insertDocument(
  db: DbExecutor,
  input: Omit<typeof pathfinderWorkshopDocuments.$inferInsert, 'id' | 'uploadedAt'>,
): Promise<number> {
  const [row] = await db
    .insert(pathfinderWorkshopDocuments)
    .values(input)
    .returning({ id: pathfinderWorkshopDocuments.id });
  if (!row) throw new Error('document not inserted');
  return row.id;
}

/** A document with the country and stage of its workshop (whether the public may have it). */
export async function findDocument(db: Db, id: number) {
  const [row] = await db
    .select({
      fileName: pathfinderWorkshopDocuments.fileName,
      content: pathfinderWorkshopDocuments.content,
      sha256: pathfinderWorkshopDocuments.sha256,
      stage: pathfinderCountries.stage,
    })
    .from(pathfinderWorkshopDocuments)
    .innerJoin(pathfinderWorkshops, eq(pathfinderWorkshops.id, pathfinderWorkshopDocuments.workshopId))
    .innerJoin(pathfinderCountries, eq(pathfinderCountries.iso3, pathfinderWorkshops.iso3))
    .where(eq(pathfinderWorkshopDocuments.id, id));
  return row ?? null;
}

export async function insertSupportRequest(
  db: DbExecutor,
  input: { workshopId: number; what: string; neededBy: string; requestedBy: number | null },
): Promise<number> {
  const [row] = await db
    .insert(pathfinderSupportRequests)
    .values(input)
    .returning({ id: pathfinderSupportRequests.id });
  if (!row) throw new Error('support request not inserted');
  return row.id;
}

const requester = sql<
  string | null
>`(SELECT coalesce(nullif(u.name, ''), u.email) FROM users u WHERE u.id = ${pathfinderSupportRequests.requestedBy})`;
const answerer = sql<
  string | null
>`(SELECT coalesce(nullif(u.name, ''), u.email) FROM users u WHERE u.id = ${pathfinderSupportRequests.answeredBy})`;

function selectRequests(db: DbExecutor) {
  return db
    .select({
      id: pathfinderSupportRequests.id,
      workshopId: pathfinderSupportRequests.workshopId,
      iso3: pathfinderWorkshops.iso3,
      heldOn: pathfinderWorkshops.heldOn,
      place: pathfinderWorkshops.place,
      what: pathfinderSupportRequests.what,
      neededBy: pathfinderSupportRequests.neededBy,
      requestedAt: pathfinderSupportRequests.requestedAt,
      requestedByName: requester,
      answer: pathfinderSupportRequests.answer,
      answeredAt: pathfinderSupportRequests.answeredAt,
      answeredByName: answerer,
    })
    .from(pathfinderSupportRequests)
    .innerJoin(pathfinderWorkshops, eq(pathfinderWorkshops.id, pathfinderSupportRequests.workshopId));
}

/** The support requests of one country's workshops, oldest first. */
export async function listCountrySupportRequests(db: DbExecutor, iso3: string): Promise<SupportRequest[]> {
  return selectRequests(db).where(eq(pathfinderWorkshops.iso3, iso3)).orderBy(asc(pathfinderSupportRequests.id));
}

/** The requests waiting for an answer, oldest first; or the latest answered ones. */
export async function listSupportRequests(
  db: DbExecutor,
  input: { answered: boolean; limit: number },
): Promise<SupportRequest[]> {
  return input.answered
    ? selectRequests(db)
        .where(isNotNull(pathfinderSupportRequests.answeredAt))
        .orderBy(desc(pathfinderSupportRequests.answeredAt))
        .limit(input.limit)
    : selectRequests(db)
        .where(isNull(pathfinderSupportRequests.answeredAt))
        .orderBy(asc(pathfinderSupportRequests.id))
        .limit(input.limit);
}

export async function countOpenSupportRequests(db: DbExecutor): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(pathfinderSupportRequests)
    .where(isNull(pathfinderSupportRequests.answeredAt));
  return row?.count ?? 0;
}

/** A request, locked until the end of the transaction, with who asked it and where. */
export async function lockSupportRequest(db: DbExecutor, id: number) {
  const [row] = await db
    .select({
      id: pathfinderSupportRequests.id,
      iso3: pathfinderWorkshops.iso3,
      heldOn: pathfinderWorkshops.heldOn,
      place: pathfinderWorkshops.place,
      what: pathfinderSupportRequests.what,
      answeredAt: pathfinderSupportRequests.answeredAt,
      requesterEmail: users.email,
      requesterLocale: users.locale,
    })
    .from(pathfinderSupportRequests)
    .innerJoin(pathfinderWorkshops, eq(pathfinderWorkshops.id, pathfinderSupportRequests.workshopId))
    .leftJoin(users, eq(users.id, pathfinderSupportRequests.requestedBy))
    .where(eq(pathfinderSupportRequests.id, id))
    .for('update', { of: pathfinderSupportRequests });
  return row ?? null;
}

export async function updateSupportAnswer(
  db: DbExecutor,
  input: { id: number; answer: string; answeredBy: number | null },
): Promise<void> {
  await db
    .update(pathfinderSupportRequests)
    .set({ answer: input.answer, answeredBy: input.answeredBy, answeredAt: sql`now()` })
    .where(eq(pathfinderSupportRequests.id, input.id));
}

/** One request, with its workshop and country. */
export async function findSupportRequest(db: DbExecutor, id: number): Promise<SupportRequest | null> {
  const [row] = await selectRequests(db).where(eq(pathfinderSupportRequests.id, id));
  return row ?? null;
}

/** Changes a workshop of this country and sets its organisers to these. */
export async function updateWorkshop(
  db: DbExecutor,
  input: { iso3: string; id: number; organizerIds: readonly number[] } & Pick<
    typeof pathfinderWorkshops.$inferInsert,
    'heldOn' | 'place' | 'participants' | 'outcomesFr' | 'outcomesEn' | 'outcomesEs'
  >,
): Promise<void> {
  const { iso3, id, organizerIds, ...values } = input;
  await db
    .update(pathfinderWorkshops)
    .set(values)
    .where(and(eq(pathfinderWorkshops.id, id), eq(pathfinderWorkshops.iso3, iso3)));
  await db.delete(pathfinderWorkshopOrganizers).where(eq(pathfinderWorkshopOrganizers.workshopId, id));
  if (organizerIds.length > 0) {
    await db
      .insert(pathfinderWorkshopOrganizers)
      .values(organizerIds.map((organizationId) => ({ workshopId: id, organizationId })));
  }
}

/** Removes a workshop of this country; its organisers, documents and support requests go with it (cascade). */
export async function deleteWorkshop(db: DbExecutor, input: { iso3: string; id: number }): Promise<void> {
  await db
    .delete(pathfinderWorkshops)
    .where(and(eq(pathfinderWorkshops.id, input.id), eq(pathfinderWorkshops.iso3, input.iso3)));
}

export async function countSupportRequests(db: DbExecutor, workshopId: number): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(pathfinderSupportRequests)
    .where(eq(pathfinderSupportRequests.workshopId, workshopId));
  return row?.count ?? 0;
}
