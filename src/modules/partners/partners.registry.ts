import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { isLocale, translator } from '../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { queueTranslatedMail } from '../mail/index.ts';
import { ORGANIZATION_STATUS_LABELS } from './partners.labels.ts';
import type { PeopleDirectory } from './partners.people.ts';
import { recordOrganizationStatus } from './partners.repository.ts';
import type { EditableOrganization } from './partners.self-service.ts';
import {
  ORGANIZATION_KINDS,
  ORGANIZATION_STATUSES,
  organizations,
  organizationStatusHistory,
  organizationTranslations,
  type OrganizationKind,
  type OrganizationStatus,
} from './partners.table.ts';

/** The Secretariat's list of every organization, whatever its status. */
export const registryQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(ORGANIZATION_STATUSES).optional().catch(undefined),
  kind: z.enum(ORGANIZATION_KINDS).optional().catch(undefined),
});
export type RegistryQuery = z.output<typeof registryQuerySchema>;

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

export async function listRegistry(
  db: Db,
  input: { query: RegistryQuery; limit: number; offset: number },
): Promise<{ total: number; rows: RegistryRow[] }> {
  const { query } = input;
  const where: SQL[] = [];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    const byName = or(
      ilike(organizations.name, pattern),
      ilike(organizations.slug, pattern),
      sql`EXISTS (SELECT 1 FROM ${organizationTranslations} t
        WHERE t.organization_id = ${sql.raw('"organizations"."id"')} AND t.name ILIKE ${pattern})`,
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
        WHERE h.organization_id = ${sql.raw('"organizations"."id"')}
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
export async function statusHistoryOf(db: Db, organizationId: number): Promise<StatusHistoryEntry[]> {
  const rows = await db
    .select({
      status: organizationStatusHistory.status,
      validFrom: organizationStatusHistory.validFrom,
      recordedAt: organizationStatusHistory.recordedAt,
      note: organizationStatusHistory.note,
    })
    .from(organizationStatusHistory)
    .where(eq(organizationStatusHistory.organizationId, organizationId))
    .orderBy(desc(organizationStatusHistory.validFrom), desc(organizationStatusHistory.id));
  return rows;
}

/** The statuses the Secretariat may set (an applicant becomes a partner through its application). */
export const SETTABLE_STATUSES = ['active', 'suspended', 'withdrawn'] as const;

export const statusChangeSchema = z.object({
  status: z.enum(SETTABLE_STATUSES),
  valid_from: z.iso.date({ error: 'partners.status.badDate' }),
  note: z
    .string()
    .trim()
    .min(5)
    .max(1000)
    .regex(/^[^<>]*$/, { error: 'form.error.noMarkup' }),
});

/**
 * The Secretariat sets an organization's status from a day (today or earlier, not before its
 * last recorded change): the history keeps it, so the partner count on any day stays right.
 * The organization's representatives are told by e-mail, each in their language.
 */
export async function changeOrganizationStatus(input: {
  db: Db;
  organization: EditableOrganization;
  change: z.output<typeof statusChangeSchema>;
  today: string;
  people: PeopleDirectory;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const { change, organization } = input;
  if (change.status === organization.status) throw new AppError('partners.status.same', { field: 'status' });
  if (change.valid_from > input.today) throw new AppError('partners.status.future', { field: 'valid_from' });
  await input.db.transaction(async (tx) => {
    const [latest] = await tx
      .select({ validFrom: organizationStatusHistory.validFrom })
      .from(organizationStatusHistory)
      .where(eq(organizationStatusHistory.organizationId, organization.id))
      .orderBy(desc(organizationStatusHistory.validFrom))
      .limit(1);
    if (latest && change.valid_from < latest.validFrom) {
      throw new AppError('partners.status.too_early', { field: 'valid_from', values: { date: latest.validFrom } });
    }
    await recordOrganizationStatus(tx, {
      organizationId: organization.id,
      status: change.status,
      validFrom: change.valid_from,
      recordedBy: input.actor.id,
      note: change.note,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'partners.organization_status_changed',
      entityType: 'organization',
      entityId: organization.id,
      before: { status: organization.status },
      after: { status: change.status, validFrom: change.valid_from, note: change.note },
      ip: input.ip,
    });
    for (const person of await input.people.listRepresentatives(tx, organization.id)) {
      if (person.status === 'deactivated') continue;
      const locale = isLocale(person.locale) ? person.locale : 'en';
      const tr = translator(locale);
      await queueTranslatedMail(tx, {
        to: person.email,
        locale,
        kind: 'partners.organization_status_changed',
        subject: 'mail.organizationStatus.subject',
        body: 'mail.organizationStatus.body',
        values: {
          name: person.name || person.email,
          organization: organization.names[locale] ?? organization.name,
          status: tr.t(ORGANIZATION_STATUS_LABELS[change.status]),
          date: tr.formatDate(new Date(`${change.valid_from}T00:00:00Z`)),
          note: change.note,
        },
      });
    }
  });
}
