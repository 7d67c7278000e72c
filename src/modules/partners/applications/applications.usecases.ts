import type { Db, DbExecutor } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { isLocale, type Locale, type MessageKey } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { queueTranslatedMail, type EmailConfirmations } from '../../mail/index.ts';
import type { PeopleDirectory } from '../partners.people.ts';
import type { OrganizationKind, ReviewedStatus } from '../partners.table.ts';
import {
  confirmApplicationRecord,
  findApplicationByStatusToken,
  markReviewStarted,
  countApplicationsWithStatus,
  deleteUnconfirmedApplications,
  findApplication,
  findApplicationAwaitingAnswer,
  findSimilarRecords,
  insertActiveOrganization,
  insertApplication,
  insertApplicationEvent,
  isSlugTaken,
  listApplications,
  lockOpenApplication,
  reopenAnsweredApplication,
  updateApplication,
  type ApplicationEvent,
  type ApplicationEventRow,
  type ApplicationRow,
} from './applications.repository.ts';
import type { ApplicationInput } from './applications.schemas.ts';

export type { ApplicationRow } from './applications.repository.ts';
export { deleteUnconfirmedApplications };

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

function addEvent(
  db: DbExecutor,
  input: { applicationId: number; actor: Actor; event: ApplicationEvent; note?: string | null },
): Promise<void> {
  return insertApplicationEvent(db, {
    applicationId: input.applicationId,
    actorLabel: input.actor.label,
    event: input.event,
    note: input.note ?? null,
  });
}

/** An e-mail to the applicant, in their language, about their application. */
function mailApplicant(
  db: DbExecutor,
  application: ApplicationRow,
  input: { kind: string; subject: MessageKey; body: MessageKey; values?: Record<string, string | number> },
) {
  return queueTranslatedMail(db, {
    to: application.contactEmail,
    locale: application.locale as Locale,
    kind: input.kind,
    subject: input.subject,
    body: input.body,
    values: { name: application.contactName, organization: application.name, ...input.values },
  });
}

/** What waits for the applicant's address to be confirmed (see the mail module's confirmations). */
export const APPLICATION_CONFIRMATION = 'partners.application';

/**
 * Records an application, hidden until its contact address is confirmed: the only mail sent now
 * is the confirmation link, with nothing the applicant typed. Past the confirmation limits
 * (`mail.confirmation.too_many`) nothing is recorded.
 */
export async function submitApplication(input: {
  db: Db;
  application: ApplicationInput;
  locale: Locale;
  ip: string | null;
  confirmations: EmailConfirmations;
}): Promise<{ id: number }> {
  const { application } = input;
  return input.db.transaction(async (tx) => {
    const row = await insertApplication(tx, {
      status: 'unconfirmed',
      name: application.name,
      kind: application.kind,
      country: application.country,
      website: application.website ?? null,
      contactName: application.contact_name,
      contactEmail: application.contact_email,
      motivation: application.motivation,
      locale: input.locale,
      endorsedTermsAt: new Date(),
    });
    await input.confirmations.request(tx, {
      kind: APPLICATION_CONFIRMATION,
      recordId: row.id,
      email: row.contactEmail,
      locale: input.locale,
      ip: input.ip,
    });
    return { id: row.id };
  });
}

/** The applicant's private link to where the application stands. */
function statusLink(input: { publicUrl: string; locale: string; token: string }): string {
  return `${input.publicUrl}/${input.locale}/partners/apply/status?token=${input.token}`;
}

/**
 * The applicant opened the confirmation link (in its transaction): the application reaches the
 * Secretariat, whose members are told in their language, and the applicant gets the
 * acknowledgement with their private link.
 */
export async function confirmApplication(
  tx: DbExecutor,
  input: { recordId: number; ip: string | null; now: Date; publicUrl: string; people: PeopleDirectory },
): Promise<{ next: string }> {
  const next = '/partners/apply/confirmed';
  const { token, hash } = input.people.createToken();
  const row = await confirmApplicationRecord(tx, { id: input.recordId, statusTokenHash: hash, now: input.now });
  if (!row) return { next };
  const actor: Actor = { id: null, label: row.contactEmail };
  await addEvent(tx, { applicationId: row.id, actor, event: 'submitted' });
  await recordAudit(tx, {
    actor,
    action: 'partners.application_submitted',
    entityType: 'partner_application',
    entityId: row.id,
    after: { name: row.name, kind: row.kind, country: row.country, website: row.website },
    ip: input.ip,
  });
  await mailApplicant(tx, row, {
    kind: 'partners.application_received',
    subject: 'mail.applicationReceived.subject',
    body: 'mail.applicationReceived.body',
    values: { reference: row.id, link: statusLink({ publicUrl: input.publicUrl, locale: row.locale, token }) },
  });
  for (const member of await input.people.listSecretariat(tx)) {
    await queueTranslatedMail(tx, {
      to: member.email,
      locale: isLocale(member.locale) ? member.locale : (row.locale as Locale),
      kind: 'partners.application_to_review',
      subject: 'mail.applicationToReview.subject',
      body: 'mail.applicationToReview.body',
      values: { organization: row.name, link: `${input.publicUrl}/admin/applications/${row.id}` },
    });
  }
  return { next };
}

/** Where an application stands, in the applicant's words. */
export const APPLICATION_STAGES = ['received', 'review', 'info', 'accepted', 'declined'] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

function stageOf(row: ApplicationRow): ApplicationStage {
  switch (row.status) {
    case 'approved':
      return 'accepted';
    case 'declined':
      return 'declined';
    case 'info_requested':
      return 'info';
    default:
      return row.reviewStartedAt ? 'review' : 'received';
  }
}

/** What the applicant's private link shows (null: no application behind it). */
export async function getApplicationStanding(input: {
  db: Db;
  token: string;
  people: PeopleDirectory;
}): Promise<{ reference: number; organization: string; receivedAt: Date; stage: ApplicationStage } | null> {
  if (!/^[\w-]{20,100}$/.test(input.token)) return null;
  const row = await findApplicationByStatusToken(input.db, input.people.hashToken(input.token));
  if (!row) return null;
  return {
    reference: row.id,
    organization: row.name,
    receivedAt: row.confirmedAt ?? row.createdAt,
    stage: stageOf(row),
  };
}

/** One page of the review queue, oldest first. */
export function listApplicationQueue(input: {
  db: Db;
  status: ReviewedStatus | undefined;
  kind: OrganizationKind | undefined;
  limit: number;
  offset: number;
}): Promise<{ total: number; rows: ApplicationRow[] }> {
  return listApplications(input.db, input);
}

/** Applications waiting for the Secretariat (the back office home's queue). */
export function countOpenApplications(db: Db): Promise<number> {
  return countApplicationsWithStatus(db, 'submitted');
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

/** Organizations and other applications with the same website or a very similar name. */
async function findPossibleDuplicates(db: Db, application: ApplicationRow): Promise<PossibleDuplicate[]> {
  const host = hostOf(application.website);
  const similar = await findSimilarRecords(db, { applicationId: application.id, name: application.name, host });
  const reasonFor = (website: string | null): 'website' | 'name' =>
    host && hostOf(website) === host ? 'website' : 'name';
  return [
    ...similar.organizations.map((row) => ({
      source: 'organization' as const,
      ...row,
      reason: reasonFor(row.website),
    })),
    ...similar.applications.map((row) => ({ source: 'application' as const, ...row, reason: reasonFor(row.website) })),
  ];
}

export interface ApplicationReview {
  application: ApplicationRow;
  events: ApplicationEventRow[];
  duplicates: PossibleDuplicate[];
  /** Still waiting for a decision. */
  open: boolean;
}

/**
 * What the Secretariat sees of an application: its history and the records it may duplicate.
 * The first opening is noted: the applicant's link then says the review has started.
 */
export async function getApplicationReview(input: { db: Db; id: number }): Promise<ApplicationReview | null> {
  const found = await findApplication(input.db, input.id);
  if (!found) return null;
  const { application } = found;
  if (!application.reviewStartedAt) await markReviewStarted(input.db, application.id);
  return {
    ...found,
    duplicates: await findPossibleDuplicates(input.db, application),
    open: application.status === 'submitted' || application.status === 'info_requested',
  };
}

async function lockOpen(db: DbExecutor, id: number): Promise<ApplicationRow> {
  const row = await lockOpenApplication(db, id);
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
  publicUrl: string;
  people: PeopleDirectory;
}): Promise<{ organizationSlug: string }> {
  return input.db.transaction(async (tx) => {
    const application = await lockOpen(tx, input.id);
    let slug = slugify(application.name);
    if (await isSlugTaken(tx, slug)) slug = `${slug}-${application.id}`;
    const organizationId = await insertActiveOrganization(tx, {
      values: {
        slug,
        name: application.name,
        kind: application.kind,
        country: application.country,
        website: application.website,
        contactName: application.contactName,
        contactEmail: application.contactEmail,
      },
      locale: application.locale,
      validFrom: new Date().toISOString().slice(0, 10),
      recordedBy: input.actor.id,
      note: `application ${application.id}`,
    });
    await updateApplication(tx, application.id, {
      status: 'approved',
      decidedAt: new Date(),
      decidedBy: input.actor.id,
      organizationId,
      answerTokenHash: null,
    });
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
      entityId: organizationId,
      after: { slug, name: application.name, kind: application.kind, country: application.country, status: 'active' },
      ip: input.ip,
    });
    const { setPasswordLink } = await input.people.inviteRepresentative({
      db: tx,
      email: application.contactEmail,
      name: application.contactName,
      locale: application.locale as Locale,
      organizationSlug: slug,
      actor: input.actor,
      sendMail: false,
    });
    // One message: the application is accepted, then how to keep the organization's page.
    await mailApplicant(tx, application, {
      kind: 'partners.application_approved',
      subject: 'mail.applicationApproved.subject',
      body: setPasswordLink ? 'mail.applicationApproved.body' : 'mail.applicationApprovedMember.body',
      values: {
        link: setPasswordLink ?? `${input.publicUrl}/${application.locale}/sign-in`,
        profile: `${input.publicUrl}/${application.locale}/partners/${slug}`,
      },
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
}): Promise<void> {
  await input.db.transaction(async (tx) => {
    const application = await lockOpen(tx, input.id);
    await updateApplication(tx, application.id, {
      status: 'declined',
      decidedAt: new Date(),
      decidedBy: input.actor.id,
      answerTokenHash: null,
    });
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
    await mailApplicant(tx, application, {
      kind: 'partners.application_declined',
      subject: 'mail.applicationDeclined.subject',
      body: 'mail.applicationDeclined.body',
      values: { reason: input.reason },
    });
  });
}

/** Asks the applicant a question; their e-mail holds a one-time link to answer it. */
export async function requestInformation(input: {
  db: Db;
  id: number;
  message: string;
  actor: Actor;
  ip: string | null;
  publicUrl: string;
  people: PeopleDirectory;
}): Promise<void> {
  await input.db.transaction(async (tx) => {
    const application = await lockOpen(tx, input.id);
    const { token, hash } = input.people.createToken();
    await updateApplication(tx, application.id, { status: 'info_requested', answerTokenHash: hash });
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
    await mailApplicant(tx, application, {
      kind: 'partners.application_info_requested',
      subject: 'mail.applicationInfo.subject',
      body: 'mail.applicationInfo.body',
      values: {
        message: input.message,
        link: `${input.publicUrl}/${application.locale}/partners/apply/answer?token=${token}`,
      },
    });
  });
}

/**
 * What the applicant's link opens while the application waits for their answer: the
 * organization and the Secretariat's last question (null when the link is used or void).
 */
export async function getInformationRequest(input: {
  db: Db;
  token: string;
  people: PeopleDirectory;
}): Promise<{ organization: string; question: string | null } | null> {
  if (!/^[\w-]{20,100}$/.test(input.token)) return null;
  const application = await findApplicationAwaitingAnswer(input.db, input.people.hashToken(input.token));
  if (!application) return null;
  const found = await findApplication(input.db, application.id);
  const question = [...(found?.events ?? [])].reverse().find((event) => event.event === 'info_requested')?.note ?? null;
  return { organization: application.name, question };
}

/** Records the applicant's answer and puts the application back in the queue (false: link used or void). */
export async function answerInformationRequest(input: {
  db: Db;
  token: string;
  answer: string;
  ip: string | null;
  people: PeopleDirectory;
}): Promise<boolean> {
  return input.db.transaction(async (tx) => {
    const row = await reopenAnsweredApplication(tx, input.people.hashToken(input.token));
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
