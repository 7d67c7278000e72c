import { and, asc, count, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { queueTranslatedMail } from '../mail/index.ts';
import type { ApplicationInput } from './partners.applications.schemas.ts';
import type { PeopleDirectory } from './partners.people.ts';
import {
  organizations,
  organizationStatusHistory,
  organizationTranslations,
  partnerApplicationEvents,
  partnerApplications,
  type ApplicationStatus,
  type OrganizationKind,
} from './partners.table.ts';

/**
 * The outer organization's id inside correlated subqueries, always qualified: Drizzle writes a
 * bare "id" in single-table selects, which a subquery on a table with its own id would take
 * for its own column.
 */
const ORGANIZATION_ID = sql.raw('"organizations"."id"');

export type ApplicationRow = typeof partnerApplications.$inferSelect;

function slugify(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'partner'
  );
}

async function addEvent(
  db: DbExecutor,
  input: {
    applicationId: number;
    actor: Actor;
    event: (typeof partnerApplicationEvents.$inferInsert)['event'];
    note?: string | null;
  },
) {
  await db.insert(partnerApplicationEvents).values({
    applicationId: input.applicationId,
    actorLabel: input.actor.label,
    event: input.event,
    note: input.note ?? null,
  });
}

/** Records an application and acknowledges it by e-mail, in the applicant's language. */
export async function submitApplication(input: {
  db: Db;
  application: ApplicationInput;
  locale: Locale;
  ip: string | null;
}): Promise<{ id: number }> {
  const { application } = input;
  return input.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnerApplications)
      .values({
        name: application.name,
        kind: application.kind,
        country: application.country,
        website: application.website,
        contactName: application.contact_name,
        contactEmail: application.contact_email,
        motivation: application.motivation,
        locale: input.locale,
        endorsedTermsAt: new Date(),
      })
      .returning();
    if (!row) throw new Error('application not recorded');
    const actor: Actor = { id: null, label: application.contact_email };
    await addEvent(tx, { applicationId: row.id, actor, event: 'submitted' });
    await recordAudit(tx, {
      actor,
      action: 'partners.application_submitted',
      entityType: 'partner_application',
      entityId: row.id,
      after: { name: row.name, kind: row.kind, country: row.country, website: row.website },
      ip: input.ip,
    });
    await queueTranslatedMail(tx, {
      to: application.contact_email,
      locale: input.locale,
      kind: 'partners.application_received',
      subject: 'mail.applicationReceived.subject',
      body: 'mail.applicationReceived.body',
      values: {
        name: application.contact_name,
        organization: application.name,
        reference: row.id,
      },
    });
    return { id: row.id };
  });
}

export async function listApplications(
  db: Db,
  input: { status?: ApplicationStatus | undefined; kind?: OrganizationKind | undefined; limit: number; offset: number },
): Promise<{ total: number; rows: ApplicationRow[] }> {
  const where = and(
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

export async function countOpenApplications(db: Db): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(partnerApplications)
    .where(eq(partnerApplications.status, 'submitted'));
  return row?.total ?? 0;
}

export interface PossibleDuplicate {
  source: 'organization' | 'application';
  id: number;
  name: string;
  website: string | null;
  reason: 'website' | 'name';
  similarity: number;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return null;
  }
}

/** Organizations and other applications with the same website or a very similar name (trigrams). */
export async function findPossibleDuplicates(db: Db, application: ApplicationRow): Promise<PossibleDuplicate[]> {
  const host = hostOf(application.website);
  const hostPattern = host ? `%${host}%` : '';
  const name = application.name.toLowerCase();
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
          host ? sql`lower(${organizations.website}) LIKE ${hostPattern}` : undefined,
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
          ne(partnerApplications.id, application.id),
          or(
            sql`similarity(lower(${partnerApplications.name}), ${name}) > 0.45`,
            host ? sql`lower(${partnerApplications.website}) LIKE ${hostPattern}` : undefined,
          ),
        ),
      )
      .limit(10),
  ]);
  const reasonFor = (website: string | null): 'website' | 'name' =>
    host && hostOf(website) === host ? 'website' : 'name';
  return [
    ...orgs.map((row) => ({
      source: 'organization' as const,
      ...row,
      reason: reasonFor(row.website),
      similarity: row.similarity,
    })),
    ...apps.map((row) => ({
      source: 'application' as const,
      ...row,
      reason: reasonFor(row.website),
      similarity: row.similarity,
    })),
  ];
}

export async function getApplication(db: Db, id: number) {
  const [row] = await db.select().from(partnerApplications).where(eq(partnerApplications.id, id));
  if (!row) return null;
  const events = await db
    .select()
    .from(partnerApplicationEvents)
    .where(eq(partnerApplicationEvents.applicationId, id))
    .orderBy(asc(partnerApplicationEvents.at), asc(partnerApplicationEvents.id));
  return { application: row, events };
}

async function lockOpen(db: DbExecutor, id: number): Promise<ApplicationRow> {
  const [row] = await db
    .select()
    .from(partnerApplications)
    .where(and(eq(partnerApplications.id, id), inArray(partnerApplications.status, ['submitted', 'info_requested'])))
    .for('update');
  if (!row) throw new AppError('partners.application.not_open');
  return row;
}

/**
 * Approves an application: the organization becomes an active partner from today and its
 * contact is invited as its representative — all in one transaction.
 */
export async function approveApplication(input: {
  db: Db;
  id: number;
  actor: Actor;
  ip: string | null;
  people: PeopleDirectory;
}): Promise<{ organizationSlug: string }> {
  return input.db.transaction(async (tx) => {
    const application = await lockOpen(tx, input.id);
    let slug = slugify(application.name);
    const [taken] = await tx
      .select({ total: count() })
      .from(organizations)
      .where(sql`${organizations.slug} LIKE ${`${slug}%`}`);
    if ((taken?.total ?? 0) > 0) slug = `${slug}-${application.id}`;
    const [organization] = await tx
      .insert(organizations)
      .values({
        slug,
        name: application.name,
        kind: application.kind,
        country: application.country,
        status: 'active',
        website: application.website,
        contactName: application.contactName,
        contactEmail: application.contactEmail,
      })
      .returning({ id: organizations.id });
    if (!organization) throw new Error('organization not created');
    await tx.insert(organizationTranslations).values({
      organizationId: organization.id,
      locale: application.locale,
      name: application.name,
      description: '',
    });
    await tx.insert(organizationStatusHistory).values({
      organizationId: organization.id,
      status: 'active',
      validFrom: new Date().toISOString().slice(0, 10),
      recordedBy: input.actor.id,
      note: `application ${application.id}`,
    });
    await tx
      .update(partnerApplications)
      .set({
        status: 'approved',
        decidedAt: new Date(),
        decidedBy: input.actor.id,
        organizationId: organization.id,
        updatedAt: new Date(),
        answerTokenHash: null,
      })
      .where(eq(partnerApplications.id, application.id));
    await addEvent(tx, { applicationId: application.id, actor: input.actor, event: 'approved' });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'partners.application_approved',
      entityType: 'partner_application',
      entityId: application.id,
      before: { status: application.status },
      after: { status: 'approved', organization: slug },
      ip: input.ip,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'partners.organization_created',
      entityType: 'organization',
      entityId: organization.id,
      after: { slug, name: application.name, kind: application.kind, country: application.country, status: 'active' },
      ip: input.ip,
    });
    await input.people.inviteRepresentative({
      db: tx,
      email: application.contactEmail,
      name: application.contactName,
      locale: application.locale as Locale,
      organizationSlug: slug,
      actor: input.actor,
    });
    return { organizationSlug: slug };
  });
}

export async function declineApplication(input: {
  db: Db;
  id: number;
  reason: string;
  actor: Actor;
  ip: string | null;
}) {
  await input.db.transaction(async (tx) => {
    const application = await lockOpen(tx, input.id);
    await tx
      .update(partnerApplications)
      .set({
        status: 'declined',
        decidedAt: new Date(),
        decidedBy: input.actor.id,
        updatedAt: new Date(),
        answerTokenHash: null,
      })
      .where(eq(partnerApplications.id, application.id));
    await addEvent(tx, { applicationId: application.id, actor: input.actor, event: 'declined', note: input.reason });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'partners.application_declined',
      entityType: 'partner_application',
      entityId: application.id,
      before: { status: application.status },
      after: { status: 'declined', reason: input.reason },
      ip: input.ip,
    });
    const locale = application.locale as Locale;
    await queueTranslatedMail(tx, {
      to: application.contactEmail,
      locale: locale,
      kind: 'partners.application_declined',
      subject: 'mail.applicationDeclined.subject',
      body: 'mail.applicationDeclined.body',
      values: {
        name: application.contactName,
        organization: application.name,
        reason: input.reason,
      },
    });
  });
}

export async function requestInformation(input: {
  db: Db;
  id: number;
  message: string;
  actor: Actor;
  ip: string | null;
  publicUrl: string;
  people: PeopleDirectory;
}) {
  await input.db.transaction(async (tx) => {
    const application = await lockOpen(tx, input.id);
    const { token, hash } = input.people.createToken();
    await tx
      .update(partnerApplications)
      .set({ status: 'info_requested', answerTokenHash: hash, updatedAt: new Date() })
      .where(eq(partnerApplications.id, application.id));
    await addEvent(tx, {
      applicationId: application.id,
      actor: input.actor,
      event: 'info_requested',
      note: input.message,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'partners.application_info_requested',
      entityType: 'partner_application',
      entityId: application.id,
      after: { message: input.message },
      ip: input.ip,
    });
    const locale = application.locale as Locale;
    await queueTranslatedMail(tx, {
      to: application.contactEmail,
      locale: locale,
      kind: 'partners.application_info_requested',
      subject: 'mail.applicationInfo.subject',
      body: 'mail.applicationInfo.body',
      values: {
        name: application.contactName,
        organization: application.name,
        message: input.message,
        link: `${input.publicUrl}/${locale}/partners/apply/answer?token=${token}`,
      },
    });
  });
}

/** The application a request-for-information link points to, while it is waiting for the answer. */
export async function findApplicationByAnswerToken(input: { db: Db; token: string; people: PeopleDirectory }) {
  if (!/^[\w-]{20,100}$/.test(input.token)) return null;
  const [row] = await input.db
    .select()
    .from(partnerApplications)
    .where(
      and(
        eq(partnerApplications.answerTokenHash, input.people.hashToken(input.token)),
        eq(partnerApplications.status, 'info_requested'),
      ),
    );
  return row ?? null;
}

export async function answerInformationRequest(input: {
  db: Db;
  token: string;
  answer: string;
  ip: string | null;
  people: PeopleDirectory;
}): Promise<boolean> {
  return input.db.transaction(async (tx) => {
    const [row] = await tx
      .update(partnerApplications)
      .set({ status: 'submitted', answerTokenHash: null, updatedAt: new Date() })
      .where(
        and(
          eq(partnerApplications.answerTokenHash, input.people.hashToken(input.token)),
          eq(partnerApplications.status, 'info_requested'),
        ),
      )
      .returning();
    if (!row) return false;
    const actor: Actor = { id: null, label: row.contactEmail };
    await addEvent(tx, { applicationId: row.id, actor, event: 'answered', note: input.answer });
    await recordAudit(tx, {
      actor,
      action: 'partners.application_answered',
      entityType: 'partner_application',
      entityId: row.id,
      after: { answer: input.answer },
      ip: input.ip,
    });
    return true;
  });
}
