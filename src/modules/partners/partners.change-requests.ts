import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { isLocale, LOCALES, translator, type Locale } from '../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { queueTranslatedMail } from '../mail/index.ts';
import { KIND_LABELS } from './partners.labels.ts';
import type { PeopleDirectory } from './partners.people.ts';
import type { EditableOrganization } from './partners.self-service.ts';
import {
  organizationChangeRequests,
  organizations,
  organizationTranslations,
  ORGANIZATION_KINDS,
  type OrganizationKind,
} from './partners.table.ts';

const name = z
  .string()
  .trim()
  .max(200)
  .regex(/^[^<>]*$/, { error: 'form.error.noMarkup' });

/** The form a representative fills to ask for a new name (per language) or kind. */
export const changeRequestSchema = z
  .object({ kind: z.enum(ORGANIZATION_KINDS), name_fr: name, name_en: name, name_es: name })
  .refine((form) => form.name_fr || form.name_en || form.name_es, {
    path: ['name_en'],
    error: 'partners.change.nameNeeded',
  });

export interface RequestedChanges {
  kind: OrganizationKind;
  names: Partial<Record<Locale, string>>;
}

export async function requestChange(input: {
  db: Db;
  organization: EditableOrganization;
  form: z.output<typeof changeRequestSchema>;
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
    const [row] = await tx
      .insert(organizationChangeRequests)
      .values({
        organizationId: input.organization.id,
        requestedBy: input.actor.id,
        requestedByLabel: input.actor.label,
        changes,
      })
      .returning({ id: organizationChangeRequests.id });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'partners.change_requested',
      entityType: 'organization',
      entityId: input.organization.id,
      before: { kind: input.organization.kind, names: input.organization.names },
      after: { request: row?.id, ...changes },
      ip: input.ip,
    });
  });
}

/** The changes that wait for a decision, oldest first (or just one of them). */
export async function listPendingChangeRequests(db: Db, only?: { id: number }): Promise<PendingChangeRequest[]> {
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
    .where(
      and(
        eq(organizationChangeRequests.status, 'pending'),
        only ? eq(organizationChangeRequests.id, only.id) : undefined,
      ),
    )
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

/** The reason the Secretariat gives when it declines a change (sent to the person who asked). */
export const declineChangeSchema = z.object({ reason: z.string().trim().min(5).max(3000) });

export type ChangeDecision = { approve: true } | { approve: false; reason: string };

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

/** One change that waits for a decision, or null (unknown, or decided already). */
export async function findPendingChangeRequest(db: Db, id: number): Promise<PendingChangeRequest | null> {
  const [row] = await listPendingChangeRequests(db, { id });
  return row ?? null;
}

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
    const [request] = await tx
      .select()
      .from(organizationChangeRequests)
      .where(and(eq(organizationChangeRequests.id, input.id), eq(organizationChangeRequests.status, 'pending')))
      .for('update');
    if (!request) return false;
    const changes = request.changes as RequestedChanges;
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, request.organizationId));
    if (!before) return false;
    if (decision.approve) {
      const englishOrAny = changes.names.en ?? changes.names.fr ?? changes.names.es ?? before.name;
      await tx
        .update(organizations)
        .set({ kind: changes.kind, name: englishOrAny, updatedAt: new Date() })
        .where(eq(organizations.id, before.id));
      for (const [locale, localName] of Object.entries(changes.names)) {
        await tx
          .insert(organizationTranslations)
          .values({ organizationId: before.id, locale, name: localName, description: '' })
          .onConflictDoUpdate({
            target: [organizationTranslations.organizationId, organizationTranslations.locale],
            set: { name: localName },
          });
      }
    }
    await tx
      .update(organizationChangeRequests)
      .set({
        status: decision.approve ? 'approved' : 'declined',
        decidedAt: new Date(),
        decidedBy: input.actor.id,
        decisionReason: decision.approve ? null : decision.reason,
      })
      .where(eq(organizationChangeRequests.id, request.id));
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
      const [ownName] = await tx
        .select({ name: organizationTranslations.name })
        .from(organizationTranslations)
        .where(
          and(eq(organizationTranslations.organizationId, before.id), eq(organizationTranslations.locale, locale)),
        );
      const organizationName = ownName?.name ?? before.name;
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
