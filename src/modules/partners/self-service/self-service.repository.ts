import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../../db/database.ts';
import type { Locale } from '../../../i18n/i18n.ts';
import {
  organizationActionGroups,
  organizations,
  organizationTranslations,
  type ActionGroup,
} from '../partners.table.ts';

export type OrganizationRow = typeof organizations.$inferSelect;

/** An organization with its texts in each language and its action groups. */
export async function findOrganizationWithTexts(db: Db, slug: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  if (!row) return null;
  const [translations, groups] = await Promise.all([
    db.select().from(organizationTranslations).where(eq(organizationTranslations.organizationId, row.id)),
    db
      .select({ group: organizationActionGroups.actionGroup })
      .from(organizationActionGroups)
      .where(eq(organizationActionGroups.organizationId, row.id)),
  ]);
  return { row, translations, actionGroups: groups.map((entry) => entry.group) };
}

export async function listOrganizationsByIds(db: Db, ids: number[]): Promise<{ slug: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids))
    .orderBy(organizations.name);
}

export async function updateWebsite(db: DbExecutor, input: { organizationId: number; website: string | null }) {
  await db
    .update(organizations)
    .set({ website: input.website, updatedAt: new Date() })
    .where(eq(organizations.id, input.organizationId));
}

export async function updateDescription(
  db: DbExecutor,
  input: { organizationId: number; locale: Locale; description: string },
): Promise<void> {
  await db
    .update(organizationTranslations)
    .set({ description: input.description })
    .where(
      and(
        eq(organizationTranslations.organizationId, input.organizationId),
        eq(organizationTranslations.locale, input.locale),
      ),
    );
}

export async function insertTranslation(
  db: DbExecutor,
  input: { organizationId: number; locale: Locale; name: string; description: string },
): Promise<void> {
  await db.insert(organizationTranslations).values(input);
}

/** The organization's action groups become exactly these. */
export async function replaceActionGroups(
  db: DbExecutor,
  input: { organizationId: number; groups: ActionGroup[] },
): Promise<void> {
  await db.delete(organizationActionGroups).where(eq(organizationActionGroups.organizationId, input.organizationId));
  if (input.groups.length > 0) {
    await db
      .insert(organizationActionGroups)
      .values(input.groups.map((actionGroup) => ({ organizationId: input.organizationId, actionGroup })));
  }
}
