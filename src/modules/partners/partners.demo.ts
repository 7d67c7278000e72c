import fs from 'node:fs';
import { z } from 'zod';
import type { DbExecutor } from '../../db/database.ts';
import { LOCALES } from '../../i18n/i18n.ts';
import { replaceDemoOrganization } from './partners.repository.ts';
import { ACTION_GROUPS, ORGANIZATION_KINDS } from './partners.table.ts';

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
  let written = 0;
  for (const entry of readDemoOrganizations()) {
    const replaced = await replaceDemoOrganization(db, {
      organization: {
        slug: entry.slug,
        name: entry.names.en ?? entry.names.fr ?? entry.names.es ?? entry.slug,
        kind: entry.kind,
        country: entry.country,
        status: entry.status,
        website: entry.website,
        contactName: entry.contact_name,
        contactEmail: entry.contact_email,
      },
      translations: LOCALES.flatMap((locale) => {
        const localName = entry.names[locale];
        return localName ? [{ locale, name: localName, description: entry.descriptions[locale] ?? '' }] : [];
      }),
      actionGroups: entry.action_groups,
      history: [
        { status: 'active', validFrom: entry.joined_on },
        ...(entry.status !== 'active' ? [{ status: entry.status, validFrom: entry.left_on ?? entry.joined_on }] : []),
      ],
    });
    if (replaced) written += 1;
  }
  return { organizations: written };
}
