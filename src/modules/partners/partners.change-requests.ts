import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { LOCALES, type Locale } from '../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
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

export async function listPendingChangeRequests(db: Db) {
  return db
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
    .where(eq(organizationChangeRequests.status, 'pending'))
    .orderBy(asc(organizationChangeRequests.createdAt));
}

export async function countPendingChangeRequests(db: Db): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(organizationChangeRequests)
    .where(eq(organizationChangeRequests.status, 'pending'));
  return row?.total ?? 0;
}

/** Applies (or refuses) a requested change; the organization's translations take the new names. */
export async function decideChangeRequest(input: {
  db: Db;
  id: number;
  approve: boolean;
  actor: Actor;
  ip: string | null;
}): Promise<boolean> {
  return input.db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(organizationChangeRequests)
      .where(and(eq(organizationChangeRequests.id, input.id), eq(organizationChangeRequests.status, 'pending')))
      .for('update');
    if (!request) return false;
    const changes = request.changes as RequestedChanges;
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, request.organizationId));
    if (input.approve && before) {
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
      .set({ status: input.approve ? 'approved' : 'declined', decidedAt: new Date(), decidedBy: input.actor.id })
      .where(eq(organizationChangeRequests.id, request.id));
    await recordAudit(tx, {
      actor: input.actor,
      action: input.approve ? 'partners.change_approved' : 'partners.change_declined',
      entityType: 'organization',
      entityId: request.organizationId,
      before: before ? { kind: before.kind, name: before.name } : null,
      after: input.approve ? changes : null,
      ip: input.ip,
    });
    return true;
  });
}
