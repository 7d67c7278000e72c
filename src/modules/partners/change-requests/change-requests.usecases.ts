import type { Db } from '../../../db/database.ts';
import { isLocale, LOCALES, translator } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { queueTranslatedMail } from '../../mail/index.ts';
import { KIND_LABELS } from '../partners.labels.ts';
import type { PeopleDirectory } from '../partners.people.ts';
import type { EditableOrganization } from '../self-service/self-service.usecases.ts';
import {
  applyNameAndKind,
  countPendingChangeRequests as countPending,
  findNameIn,
  findOrganizationById,
  insertChangeRequest,
  listPendingChangeRequests as listPending,
  lockPendingChangeRequest,
  recordChangeDecision,
  type PendingChangeRequest,
  type RequestedChanges,
} from './change-requests.repository.ts';
import type { ChangeRequestForm } from './change-requests.schemas.ts';

export type { PendingChangeRequest, RequestedChanges } from './change-requests.repository.ts';

/** A representative asks for a new name or kind; the Secretariat decides. */
export async function requestChange(input: {
  db: Db;
  organization: EditableOrganization;
  form: ChangeRequestForm;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const changes: RequestedChanges = {
    kind: input.form.kind,
    names: Object.fromEntries(
      LOCALES.flatMap((locale) => (input.form[`name_${locale}`] ? [[locale, input.form[`name_${locale}`]]] : [])),
    ),
  };
  await input.db.transaction(async (tx) => {
    const id = await insertChangeRequest(tx, {
      organizationId: input.organization.id,
      requestedBy: input.actor.id,
      requestedByLabel: input.actor.label,
      changes,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'partners.change_requested',
      entityType: 'organization',
      entityId: input.organization.id,
      before: { kind: input.organization.kind, names: input.organization.names },
      after: { request: id, ...changes },
      ip: input.ip,
    });
  });
}

/** The changes that wait for a decision, oldest first. */
export function listPendingChangeRequests(db: Db): Promise<PendingChangeRequest[]> {
  return listPending(db);
}

/** Changes waiting for the Secretariat (the back office home's queue). */
export function countPendingChangeRequests(db: Db): Promise<number> {
  return countPending(db);
}

/** One change that waits for a decision, or null (unknown, or decided already). */
export async function findPendingChangeRequest(db: Db, id: number): Promise<PendingChangeRequest | null> {
  const [row] = await listPending(db, { id });
  return row ?? null;
}

export type ChangeDecision = { approve: true } | { approve: false; reason: string };

/**
 * Applies (or declines, with a reason) a requested change; the organization's translations take
 * the new names. The person who asked is told by e-mail, in their language, in the same transaction.
 */
export async function decideChangeRequest(input: {
  db: Db;
  id: number;
  decision: ChangeDecision;
  people: PeopleDirectory;
  actor: Actor;
  ip: string | null;
}): Promise<boolean> {
  const { decision } = input;
  return input.db.transaction(async (tx) => {
    const request = await lockPendingChangeRequest(tx, input.id);
    if (!request) return false;
    const { changes } = request;
    const before = await findOrganizationById(tx, request.organizationId);
    if (!before) return false;
    if (decision.approve) {
      await applyNameAndKind(tx, {
        organizationId: before.id,
        kind: changes.kind,
        name: changes.names.en ?? changes.names.fr ?? changes.names.es ?? before.name,
        names: changes.names,
      });
    }
    await recordChangeDecision(tx, {
      id: request.id,
      approved: decision.approve,
      decidedBy: input.actor.id,
      reason: decision.approve ? null : decision.reason,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: decision.approve ? 'partners.change_approved' : 'partners.change_declined',
      entityType: 'organization',
      entityId: request.organizationId,
      before: { kind: before.kind, name: before.name },
      after: decision.approve ? changes : { request: request.id, reason: decision.reason },
      ip: input.ip,
    });
    const requester = request.requestedBy ? await input.people.findPerson(tx, request.requestedBy) : null;
    if (requester && requester.status !== 'deactivated') {
      const locale = isLocale(requester.locale) ? requester.locale : 'en';
      const organizationName = (await findNameIn(tx, { organizationId: before.id, locale })) ?? before.name;
      await queueTranslatedMail(tx, {
        to: requester.email,
        locale,
        kind: decision.approve ? 'partners.change_approved' : 'partners.change_declined',
        subject: decision.approve ? 'mail.changeApproved.subject' : 'mail.changeDeclined.subject',
        body: decision.approve ? 'mail.changeApproved.body' : 'mail.changeDeclined.body',
        values: {
          name: requester.name || requester.email,
          organization: organizationName,
          kind: translator(locale).t(KIND_LABELS[decision.approve ? changes.kind : before.kind]),
          reason: decision.approve ? '' : decision.reason,
        },
      });
    }
    return true;
  });
}
