import type { FastifyInstance } from 'fastify';
import { notFound } from '../../../http/errors.ts';
import { canonicalQuery } from '../../../http/page-cache.ts';
import { param } from '../../../http/params.ts';
import { translator } from '../../../i18n/i18n.ts';
import { localeOf } from '../../../http/public-surface.ts';
import { sendCachedPage, type PublicPageDeps } from '../../../http/public-surface.ts';
import { countryName } from '../../../i18n/countries.ts';
import { getFocalPointMinistry } from '../focal-points/focal-points.usecases.ts';
import { renderPublicFocalPoint } from '../focal-points/focal-points.views.ts';
import { redirectToUpperCase } from '../pathfinders.access.ts';
import { getCountryCommitments } from '../commitments/commitments.usecases.ts';
import { renderPublicCommitments } from '../commitments/commitments.views.ts';
import { COMMITMENT_TABLES } from '../commitments/commitments.table.ts';
import { getWorkshops } from '../workshops/workshops.usecases.ts';
import { renderPublicWorkshops } from '../workshops/workshops.views.ts';
import { WORKSHOP_TABLES } from '../workshops/workshops.table.ts';
import { sendReportCsv } from '../reports/reports.download.ts';
import { getPublicProgress, getPublicReport } from '../reports/reports.usecases.ts';
import { REPORT_TABLES } from '../reports/reports.table.ts';
import {
  publicReportPath,
  renderPublicReport,
  renderPublicReports,
  renderReportPrint,
} from '../reports/reports.views.ts';
import { ROADMAP_TABLES } from '../roadmaps/roadmaps.table.ts';
import { renderPublicRoadmap } from '../roadmaps/roadmaps.views.ts';
import { STAGE_LABELS } from '../pathfinders.labels.ts';
import { PATHFINDER_TABLES } from '../pathfinders.table.ts';
import { directoryQuerySchema, type DirectoryQuery } from './directory.schemas.ts';
import { getPublicCountry, listPublicCountries } from './directory.usecases.ts';
import { renderCountry, renderDirectory } from './directory.views.ts';

/** A country's page also shows its adopted roadmap and acknowledged reports. */
export const PUBLIC_COUNTRY_TABLES = [
  ...PATHFINDER_TABLES,
  ...ROADMAP_TABLES,
  ...REPORT_TABLES,
  ...WORKSHOP_TABLES,
  ...COMMITMENT_TABLES,
];

/** The public list and map of pathfinder countries, and each country's page. */
export function registerPathfinderPages(surface: FastifyInstance, deps: PublicPageDeps): void {
  surface.get('/pathfinders', async (request, reply) => {
    const query = directoryQuerySchema.parse(request.query ?? {}) as DirectoryQuery;
    const canonical = canonicalQuery({ region: query.region, stage: query.stage });
    return sendCachedPage({
      deps,
      request,
      reply,
      tables: PATHFINDER_TABLES,
      query: canonical,
      render: async (tr) => ({
        search: canonical,
        title: tr.t('pathfinders.directory.title'),
        description: tr.t('pathfinders.directory.intro'),
        main: renderDirectory({ tr, query, countries: await listPublicCountries({ db: deps.db, query }) }),
      }),
    });
  });

  surface.get('/pathfinders/:iso3', async (request, reply) => {
    const redirect = redirectToUpperCase(request, reply);
    if (redirect) return redirect;
    const iso3 = param(request, 'iso3');
    return sendCachedPage({
      deps,
      request,
      reply,
      tables: PUBLIC_COUNTRY_TABLES,
      render: async (tr) => {
        const found = await getPublicCountry({ db: deps.db, iso3 });
        if (!found) throw notFound();
        const ministry = await getFocalPointMinistry({ db: deps.db, iso3 });
        const workshops = await getWorkshops({ db: deps.db, iso3 });
        const commitments = await getCountryCommitments({ db: deps.db, iso3 });
        const progress = await getPublicProgress({ db: deps.db, iso3 });
        const name = countryName({ iso3, locale: tr.locale });
        return {
          section: '/pathfinders',
          title: name,
          description: `${name}: ${tr.t(STAGE_LABELS[found.country.stage])}`,
          main: renderCountry({
            tr,
            ...found,
            sections: [
              renderPublicFocalPoint({ tr, ministry }),
              renderPublicRoadmap({ tr, ...progress }),
              renderPublicReports({ tr, reports: progress.reports }),
              renderPublicReport({
                tr,
                dueOn: found.country.reportDueOn,
                today: new Date().toISOString().slice(0, 10),
              }),
              renderPublicWorkshops({ tr, workshops }),
              renderPublicCommitments({ tr, data: commitments }),
            ],
          }),
        };
      },
    });
  });

  /** An acknowledged report, as a page to print and as a CSV of its actions for a national review. */
  surface.get('/pathfinders/:iso3/reports/:year', async (request, reply) => {
    const redirect = redirectToUpperCase(request, reply);
    if (redirect) return redirect;
    const iso3 = param(request, 'iso3');
    const year = param(request, 'year');
    return sendCachedPage({
      deps,
      request,
      reply,
      tables: PUBLIC_COUNTRY_TABLES,
      render: async (tr) => {
        const view = await getPublicReport({ db: deps.db, iso3, year });
        if (!view) throw notFound();
        const name = countryName({ iso3, locale: tr.locale });
        return {
          section: '/pathfinders',
          title: tr.t('pathfinders.report.title', { country: name, year: view.report.year }),
          main: renderReportPrint({
            tr,
            iso3,
            view,
            back: {
              href: `/${tr.locale}/pathfinders/${iso3}`,
              label: tr.t('pathfinders.report.backToCountry', { country: name }),
              csv: `${publicReportPath(tr, view.report)}/actions.csv`,
            },
          }),
        };
      },
    });
  });

  surface.get('/pathfinders/:iso3/reports/:year/actions.csv', async (request, reply) => {
    const iso3 = param(request, 'iso3');
    const view =
      iso3 === iso3.toUpperCase() ? await getPublicReport({ db: deps.db, iso3, year: param(request, 'year') }) : null;
    if (!view) throw notFound();
    return sendReportCsv(reply, { tr: translator(localeOf(request)), view, cacheControl: 'public, max-age=300' });
  });
}
