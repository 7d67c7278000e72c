import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { LOCALES, type Locale } from '../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import type { PeopleDirectory } from './partners.people.ts';
import { recordOrganizationStatus } from './partners.repository.ts';
import { ACTION_GROUPS, organizationActionGroups, organizations, organizationTranslations } from './partners.table.ts';

export interface EditableOrganization {
  id: number;
  slug: string;
  name: string;
  kind: string;
  status: string;
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
  const [row] = await input.db.select().from(organizations).where(eq(organizations.slug, input.slug));
  const isSecretariat = input.viewer.roles.some((grant) => grant.role === 'secretariat');
  const represents =
    row && input.viewer.roles.some((grant) => grant.role === 'partner_rep' && grant.organizationId === row.id);
  if (!row || (!isSecretariat && !represents)) throw new AppError('partners.organization.not_managed');
  const [translations, groups] = await Promise.all([
    input.db.select().from(organizationTranslations).where(eq(organizationTranslations.organizationId, row.id)),
    input.db
      .select({ group: organizationActionGroups.actionGroup })
      .from(organizationActionGroups)
      .where(eq(organizationActionGroups.organizationId, row.id)),
  ]);
  const names: Partial<Record<Locale, string>> = {};
  const descriptions: Partial<Record<Locale, string>> = {};
  for (const translation of translations) {
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
    actionGroups: groups.map((entry) => entry.group),
  };
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^<>]*$/, { error: 'form.error.noMarkup' });

/** What a representative may change directly; the name and the kind go through the Secretariat. */
export const profileEditSchema = z.object({
  website: z
    .string()
    .trim()
    .max(300)
    .refine((value) => value === '' || /^https?:\/\/[^\s]+$/.test(value), { error: 'partners.error.website' }),
  description_fr: optionalText(2000).optional().default(''),
  description_en: optionalText(2000).optional().default(''),
  description_es: optionalText(2000).optional().default(''),
  action_group: z
    .union([z.enum(ACTION_GROUPS), z.array(z.enum(ACTION_GROUPS))])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
});

export async function updatePartnerProfile(input: {
  db: Db;
  organization: EditableOrganization;
  changes: z.output<typeof profileEditSchema>;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const { organization, changes } = input;
  await input.db.transaction(async (tx) => {
    await tx
      .update(organizations)
      .set({ website: changes.website || null, updatedAt: new Date() })
      .where(eq(organizations.id, organization.id));
    for (const locale of LOCALES) {
      const description = changes[`description_${locale}`];
      const name = organization.names[locale];
      if (name) {
        await tx
          .update(organizationTranslations)
          .set({ description })
          .where(
            and(
              eq(organizationTranslations.organizationId, organization.id),
              eq(organizationTranslations.locale, locale),
            ),
          );
      } else if (description) {
        // A description in a new language starts with the organization's usual name there.
        await tx
          .insert(organizationTranslations)
          .values({ organizationId: organization.id, locale, name: organization.name, description });
      }
    }
    await tx.delete(organizationActionGroups).where(eq(organizationActionGroups.organizationId, organization.id));
    const groups = [...new Set(changes.action_group)];
    if (groups.length > 0) {
      await tx
        .insert(organizationActionGroups)
        .values(groups.map((actionGroup) => ({ organizationId: organization.id, actionGroup })));
    }
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

export const representativeSchema = z.object({
  email: z.string().trim().min(1).max(254).pipe(z.email()),
  name: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^<>]*$/, { error: 'form.error.noMarkup' }),
  locale: z.enum(LOCALES),
});

export async function addRepresentative(input: {
  db: Db;
  organization: EditableOrganization;
  person: z.output<typeof representativeSchema>;
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

export async function listOrganizationsByIds(db: Db, ids: number[]): Promise<{ slug: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids))
    .orderBy(organizations.name);
}
