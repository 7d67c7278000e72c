import { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import type { ApiRegistry } from '../../../http/api.ts';
import { ROUTE_PARAMS } from '../../../http/params.ts';
import { LOCALES, type Locale } from '../../../i18n/i18n.ts';
import type { DirectoryIndex } from './directory.search-index.ts';
import { partnerApiQuerySchema, partnerListSchema, partnerSchema } from './directory.schemas.ts';
import { getPartnerProfile, listPartnerProfiles, type PartnerProfile } from './directory.usecases.ts';

function present(profile: PartnerProfile): z.input<typeof partnerSchema> {
  return {
    slug: profile.slug,
    name: profile.name,
    names: profile.names,
    descriptions: profile.descriptions,
    kind: profile.kind,
    country: profile.country,
    region: profile.region,
    website: profile.website,
    action_groups: profile.actionGroups,
    joined_on: profile.joinedOn,
    is_demo: profile.isDemo,
  };
}

export function registerPartnersApi(
  api: ApiRegistry,
  deps: { db: Db; directory: DirectoryIndex; defaultLocale: Locale },
): void {
  api.get({
    path: '/partners',
    tag: 'partners',
    summary: 'Active partners, filtered like the directory (several values per filter), paginated',
    query: partnerApiQuerySchema,
    response: partnerListSchema,
    handler: async ({ query }) => {
      // A CSV download holds every matching partner, not one page.
      const effective = query.format === 'csv' ? { ...query, page: 1, per_page: 10_000 } : query;
      const page = await listPartnerProfiles({
        directory: deps.directory,
        query: effective,
        locale: query.locale,
        defaultLocale: deps.defaultLocale,
      });
      return {
        items: page.items.map(present),
        page: effective.page,
        per_page: effective.per_page,
        total: page.total,
      };
    },
    csv: (body) => ({
      filename: 'alliance87-partners.csv',
      header: [
        'slug',
        'name_fr',
        'name_en',
        'name_es',
        'description_fr',
        'description_en',
        'description_es',
        'kind',
        'country',
        'region',
        'website',
        'action_groups',
        'joined_on',
        'is_demo',
      ],
      rows: body.items.map((item) => [
        item.slug,
        item.names.fr,
        item.names.en,
        item.names.es,
        item.descriptions.fr,
        item.descriptions.en,
        item.descriptions.es,
        item.kind,
        item.country,
        item.region,
        item.website,
        item.action_groups,
        item.joined_on,
        item.is_demo,
      ]),
    }),
  });

  api.get({
    path: '/partners/:slug',
    tag: 'partners',
    summary: 'One active partner',
    params: z.object({ slug: ROUTE_PARAMS.slug }),
    query: z.object({ locale: z.enum(LOCALES).default('en') }),
    response: partnerSchema,
    handler: async ({ params, query }) => {
      const profile = await getPartnerProfile({
        db: deps.db,
        slug: params.slug,
        locale: query.locale,
        defaultLocale: deps.defaultLocale,
      });
      if (!profile) throw notFound();
      return present(profile);
    },
  });
}
