import type { FastifyInstance } from 'fastify';
import { notFound } from '../../../http/errors.ts';
import { param } from '../../../http/params.ts';
import { sendCachedPage, type PublicPageDeps } from '../../../http/public-surface.ts';
import { countryName } from '../../../i18n/countries.ts';
import { PARTNER_TABLES } from '../../partners/index.ts';
import { NEWS_TABLES } from '../../news/index.ts';
import { PUBLIC_COUNTRY_TABLES, redirectToUpperCase } from '../../pathfinders/index.ts';
import { DATA_TABLES } from '../data.table.ts';
import { getCountryProfile } from './countries.usecases.ts';
import { renderCountryProfile } from './countries.views.ts';

/** What a profile is read from: the data, the pathfinder records, the partners, the news. */
export const PROFILE_TABLES = [...DATA_TABLES, ...PUBLIC_COUNTRY_TABLES, ...PARTNER_TABLES, ...NEWS_TABLES] as const;

/** `/{l}/countries/{ISO3}`: a country's profile (lower case answers 301 to upper case). */
export function registerCountryPages(surface: FastifyInstance, deps: PublicPageDeps): void {
  surface.get('/countries/:iso3', async (request, reply) => {
    const redirect = redirectToUpperCase(request, reply);
    if (redirect) return redirect;
    const iso3 = param(request, 'iso3');
    return sendCachedPage({
      deps,
      request,
      reply,
      tables: PROFILE_TABLES,
      render: async (tr) => {
        const profile = await getCountryProfile({
          db: deps.db,
          iso3,
          locale: tr.locale,
          defaultLocale: deps.defaultLocale,
          now: new Date(),
        });
        if (!profile) throw notFound();
        const country = countryName({ iso3, locale: tr.locale });
        return {
          title: `${country}: ${tr.t('countries.profile.kicker')}`,
          description: tr.t('countries.profile.description', { country }),
          main: renderCountryProfile({ tr, profile, today: new Date().toISOString().slice(0, 10) }),
        };
      },
    });
  });
}
