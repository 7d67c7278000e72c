import type { Db } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { hasAnyRole, type Viewer } from '../../../http/viewer.ts';
import { LOCALES, type Locale } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import type { PeopleDirectory, Representative } from '../partners.people.ts';
import { recordOrganizationStatus } from '../partners.repository.ts';
import type { OrganizationKind, OrganizationStatus } from '../partners.table.ts';
import { getStatusHistory, type StatusHistoryEntry } from '../registry/registry.usecases.ts';
import {
  findOrganizationWithTexts,
  insertTranslation,
  listOrganizationsByIds,
  replaceActionGroups,
  updateDescription,
  updateWebsite,
} from './self-service.repository.ts';
import type { ProfileEdit, RepresentativeInput } from './self-service.schemas.ts';

export interface EditableOrganization {
  id: number;
  slug: string;
  name: string;
  kind: OrganizationKind;
  status: OrganizationStatus;
  website: string | null;
  descriptions: Partial<Record<Locale, string>>;
  names: Partial<Record<Locale, string>>;
  actionGroups: string[];
}

/**
 * The organization a viewer may manage: their own (partner representative bound to it) or
 * any (Secretariat). Every self-service route goes through this check.
 */
export async function requireManagedOrganization(input: {
  db: Db;
  viewer: Viewer;
  slug: string;
}): Promise<EditableOrganization> {
  const found = await findOrganizationWithTexts(input.db, input.slug);
  const represents =
    found && input.viewer.roles.some((grant) => grant.role === 'partner_rep' && grant.organizationId === found.row.id);
  if (!found || (!hasAnyRole(input.viewer, ['secretariat']) && !represents)) {
    throw new AppError('partners.organization.not_managed');
  }
  const { row } = found;
  const names: Partial<Record<Locale, string>> = {};
  const descriptions: Partial<Record<Locale, string>> = {};
  for (const translation of found.translations) {
    const locale = translation.locale as Locale;
    names[locale] = translation.name;
    descriptions[locale] = translation.description;
  }
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    status: row.status,
    website: row.website,
    names,
    descriptions,
    actionGroups: found.actionGroups,
  };
}

/** The organizations a representative keeps (from the bindings of their role). */
export function listOwnOrganizations(input: { db: Db; viewer: Viewer }): Promise<{ slug: string; name: string }[]> {
  const ids = input.viewer.roles.flatMap((grant) =>
    grant.role === 'partner_rep' && grant.organizationId ? [grant.organizationId] : [],
  );
  return listOrganizationsByIds(input.db, ids);
}

/** What the organization page shows besides the organization: its representatives and, to the Secretariat, its status history. */
export async function getOrganizationPage(input: {
  db: Db;
  people: PeopleDirectory;
  organization: EditableOrganization;
  viewer: Viewer;
}): Promise<{ representatives: Representative[]; history: StatusHistoryEntry[] | null }> {
  const [representatives, history] = await Promise.all([
    input.people.listRepresentatives(input.db, input.organization.id),
    hasAnyRole(input.viewer, ['secretariat'])
      ? getStatusHistory({ db: input.db, organizationId: input.organization.id })
      : null,
  ]);
  return { representatives, history };
}

export async function updatePartnerProfile(input: {
  db: Db;
  organization: EditableOrganization;
  changes: ProfileEdit;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const { organization, changes } = input;
  await input.db.transaction(async (tx) => {
    await updateWebsite(tx, { organizationId: organization.id, website: changes.website || null });
    for (const locale of LOCALES) {
      const description = changes[`description_${locale}`];
      if (organization.names[locale]) {
        await updateDescription(tx, { organizationId: organization.id, locale, description });
      } else if (description) {
        // A description in a new language starts with the organization's usual name there.
        await insertTranslation(tx, { organizationId: organization.id, locale, name: organization.name, description });
      }
    }
    const groups = [...new Set(changes.action_group)];
    await replaceActionGroups(tx, { organizationId: organization.id, groups });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'partners.profile_updated',
      entityType: 'organization',
      entityId: organization.id,
      before: {
        website: organization.website,
        descriptions: organization.descriptions,
        actionGroups: organization.actionGroups,
      },
      after: {
        website: changes.website || null,
        descriptions: { fr: changes.description_fr, en: changes.description_en, es: changes.description_es },
        actionGroups: groups,
      },
      ip: input.ip,
    });
  });
}

/** Withdraws the organization from the partnership from today; its history stays. */
export async function withdrawOrganization(input: {
  db: Db;
  organization: EditableOrganization;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  if (input.organization.status !== 'active') throw new AppError('partners.organization.not_active');
  await input.db.transaction(async (tx) => {
    await recordOrganizationStatus(tx, {
      organizationId: input.organization.id,
      status: 'withdrawn',
      validFrom: new Date().toISOString().slice(0, 10),
      recordedBy: input.actor.id,
      note: 'withdrawn by the organization',
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'partners.organization_withdrawn',
      entityType: 'organization',
      entityId: input.organization.id,
      before: { status: input.organization.status },
      after: { status: 'withdrawn' },
      ip: input.ip,
    });
  });
}

export async function addRepresentative(input: {
  db: Db;
  organization: EditableOrganization;
  person: RepresentativeInput;
  actor: Actor;
  people: PeopleDirectory;
}): Promise<void> {
  await input.db.transaction(async (tx) => {
    await input.people.inviteRepresentative({
      db: tx,
      email: input.person.email,
      name: input.person.name,
      locale: input.person.locale,
      organizationSlug: input.organization.slug,
      actor: input.actor,
    });
  });
}

/**
 * Removes a representative of this organization (only a grant of this organization: another's is
 * not found). Returns whose role it was, for the page to offer to give it back.
 */
export async function removeRepresentative(input: {
  db: Db;
  organization: EditableOrganization;
  grantId: number;
  people: PeopleDirectory;
  actor: Actor;
  ip: string | null;
}): Promise<{ userId: number } | null> {
  const representatives = await input.people.listRepresentatives(input.db, input.organization.id);
  const person = representatives.find((entry) => entry.grantId === input.grantId);
  if (!person) return null;
  await input.people.removeRepresentative({
    db: input.db,
    userId: person.userId,
    grantId: input.grantId,
    actor: input.actor,
    ip: input.ip,
  });
  return { userId: person.userId };
}

/** Gives back a removed representative role of this organization (false for any other grant). */
export function restoreRepresentative(input: {
  db: Db;
  organization: EditableOrganization;
  userId: number;
  grantId: number;
  people: PeopleDirectory;
  actor: Actor;
  ip: string | null;
}): Promise<boolean> {
  return input.people.restoreRepresentative({
    db: input.db,
    userId: input.userId,
    grantId: input.grantId,
    organizationId: input.organization.id,
    actor: input.actor,
    ip: input.ip,
  });
}
