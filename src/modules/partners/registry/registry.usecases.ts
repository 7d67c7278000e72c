import type { Db } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { isLocale, translator } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { queueTranslatedMail } from '../../mail/index.ts';
import { ORGANIZATION_STATUS_LABELS } from '../partners.labels.ts';
import type { PeopleDirectory } from '../partners.people.ts';
import { recordOrganizationStatus } from '../partners.repository.ts';
import type { EditableOrganization } from '../self-service/self-service.usecases.ts';
import {
  findLatestStatusDay,
  listRegistry,
  listStatusHistory,
  type RegistryRow,
  type StatusHistoryEntry,
} from './registry.repository.ts';
import type { RegistryQuery, StatusChange } from './registry.schemas.ts';

export type { RegistryRow, StatusHistoryEntry } from './registry.repository.ts';

/** One page of the Secretariat's list of every organization, whatever its status. */
export function listOrganizations(input: {
  db: Db;
  query: RegistryQuery;
  perPage: number;
}): Promise<{ total: number; rows: RegistryRow[] }> {
  const { page, ...filters } = input.query;
  return listRegistry(input.db, { query: filters, limit: input.perPage, offset: (page - 1) * input.perPage });
}

/** Every status the organization has had, newest first. */
export function getStatusHistory(input: { db: Db; organizationId: number }): Promise<StatusHistoryEntry[]> {
  return listStatusHistory(input.db, input.organizationId);
}

/**
 * The Secretariat sets an organization's status from a day (today or earlier, not before its
 * last recorded change): the history keeps it, so the partner count on any day stays right.
 * The organization's representatives are told by e-mail, each in their language.
 */
export async function changeOrganizationStatus(input: {
  db: Db;
  organization: EditableOrganization;
  change: StatusChange;
  today: string;
  people: PeopleDirectory;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const { change, organization } = input;
  if (change.status === organization.status) throw new AppError('partners.status.same', { field: 'status' });
  if (change.valid_from > input.today) throw new AppError('partners.status.future', { field: 'valid_from' });
  await input.db.transaction(async (tx) => {
    const latest = await findLatestStatusDay(tx, organization.id);
    if (latest && change.valid_from < latest) {
      throw new AppError('partners.status.too_early', { field: 'valid_from', values: { date: latest } });
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
