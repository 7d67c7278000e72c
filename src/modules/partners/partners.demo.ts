import fs from 'node:fs';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { DbExecutor } from '../../db/database.ts';
import { LOCALES } from '../../i18n/i18n.ts';
import {
  ACTION_GROUPS,
  organizationActionGroups,
  organizations,
  organizationStatusHistory,
  organizationTranslations,
  ORGANIZATION_KINDS,
} from './partners.table.ts';

/** Fictional organizations of every kind (`content/demo/organizations.json`), flagged as demonstration data. */
const DEMO_FILE = new URL('../../../content/demo/organizations.json', import.meta.url);

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const perLocale = z.object({ fr: z.string().optional(), en: z.string().optional(), es: z.string().optional() });

const demoOrganizationSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,60}$/),
  kind: z.enum(ORGANIZATION_KINDS),
  country: z.string().regex(/^[A-Z]{3}$/),
  website: z.url(),
  contact_name: z.string().min(1),
  contact_email: z.email(),
  action_groups: z.array(z.enum(ACTION_GROUPS)),
  status: z.enum(['active', 'suspended', 'withdrawn']),
  joined_on: day,
  left_on: day.optional(),
  names: perLocale,
  descriptions: perLocale,
});

export function readDemoOrganizations() {
  return z.array(demoOrganizationSchema).parse(JSON.parse(fs.readFileSync(DEMO_FILE, 'utf8')));
}

/** Loads (or refreshes) the demonstration partners; organizations that are not demonstration data are left alone. */
export async function loadPartnersDemo(db: DbExecutor): Promise<{ organizations: number }> {
  const entries = readDemoOrganizations();
  let written = 0;
  for (const entry of entries) {
    const name = entry.names.en ?? entry.names.fr ?? entry.names.es ?? entry.slug;
    const [existing] = await db
      .select({ id: organizations.id, isDemo: organizations.isDemo })
      .from(organizations)
      .where(eq(organizations.slug, entry.slug));
    if (existing && !existing.isDemo) continue;
    const values = {
      slug: entry.slug,
      name,
      kind: entry.kind,
      country: entry.country,
      status: entry.status,
      website: entry.website,
      contactName: entry.contact_name,
      contactEmail: entry.contact_email,
      isDemo: true,
      updatedAt: new Date(),
    };
    const [row] = existing
      ? await db
          .update(organizations)
          .set(values)
          .where(eq(organizations.id, existing.id))
          .returning({ id: organizations.id })
      : await db.insert(organizations).values(values).returning({ id: organizations.id });
    if (!row) continue;
    await db.delete(organizationTranslations).where(eq(organizationTranslations.organizationId, row.id));
    const translations = LOCALES.flatMap((locale) => {
      const localName = entry.names[locale];
      return localName
        ? [{ organizationId: row.id, locale, name: localName, description: entry.descriptions[locale] ?? '' }]
        : [];
    });
    if (translations.length > 0) await db.insert(organizationTranslations).values(translations);
    await db.delete(organizationActionGroups).where(eq(organizationActionGroups.organizationId, row.id));
    if (entry.action_groups.length > 0) {
      await db
        .insert(organizationActionGroups)
        .values(entry.action_groups.map((actionGroup) => ({ organizationId: row.id, actionGroup })));
    }
    await db
      .delete(organizationStatusHistory)
      .where(
        and(
          eq(organizationStatusHistory.organizationId, row.id),
          inArray(organizationStatusHistory.status, ['active', 'suspended', 'withdrawn']),
        ),
      );
    await db.insert(organizationStatusHistory).values([
      { organizationId: row.id, status: 'active', validFrom: entry.joined_on, note: 'demonstration data' },
      ...(entry.status !== 'active'
        ? [
            {
              organizationId: row.id,
              status: entry.status,
              validFrom: entry.left_on ?? entry.joined_on,
              note: 'demonstration data',
            },
          ]
        : []),
    ]);
    written += 1;
  }
  return { organizations: written };
}
