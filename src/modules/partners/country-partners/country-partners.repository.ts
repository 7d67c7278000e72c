import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import type { OrganizationKind } from '../partners.table.ts';

/** The SQL of the partners based in one country. */

export type CountryPartnerRow = {
  slug: string;
  name: string;
  kind: OrganizationKind;
  /** The organization's name in each language it has one. */
  names: Record<string, string>;
};

/** The active partners whose country is this one, by their own name. */
export async function listActivePartnersOfCountry(db: DbExecutor, iso3: string): Promise<CountryPartnerRow[]> {
  const result = await db.execute<CountryPartnerRow>(sql`
    SELECT o.slug, o.name, o.kind,
      coalesce((SELECT jsonb_object_agg(t.locale, t.name) FROM organization_translations t
        WHERE t.organization_id = o.id), '{}') AS names
    FROM organizations o WHERE o.status = 'active' AND o.country = ${iso3}
    ORDER BY o.name, o.slug`);
  return result.rows;
}
