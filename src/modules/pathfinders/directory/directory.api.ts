import { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import type { ApiRegistry } from '../../../http/api.ts';
import { notFound } from '../../../http/errors.ts';
import { countryName } from '../../../i18n/countries.ts';
import type { Locale } from '../../../i18n/i18n.ts';
import {
  pathfinderApiQuerySchema,
  pathfinderDetailSchema,
  pathfinderListSchema,
  pathfinderSummarySchema,
  type DirectoryQuery,
} from './directory.schemas.ts';
import { getPublicProgress } from '../reports/reports.usecases.ts';
import { getPublicCountry, listPublicCountries, type PublicCountry } from './directory.usecases.ts';
import { getCountryCommitments } from '../commitments/commitments.usecases.ts';
import { presentCommitments } from '../commitments/commitments.presenters.ts';
import { getWorkshops } from '../workshops/workshops.usecases.ts';
import { presentWorkshop } from '../workshops/workshops.presenters.ts';

function present(country: PublicCountry, locale: Locale): z.input<typeof pathfinderSummarySchema> {
  return {
    iso3: country.iso3,
    name: countryName({ iso3: country.iso3, locale }),
    region: country.region,
    stage: country.stage,
    stage_since: country.since,
    stage_since_precision: country.sincePrecision,
    status_granted_on: country.statusGrantedOn,
    is_pathfinder: country.isPathfinder,
  };
}

export function registerPathfindersApi(api: ApiRegistry, deps: { db: Db }): void {
  api.get({
    path: '/pathfinders',
    tag: 'pathfinders',
    summary: 'Countries on the pathfinder path (a declined request is not shown), by ISO3 code, paginated',
    query: pathfinderApiQuerySchema,
    response: pathfinderListSchema,
    handler: async ({ query }) => {
      const countries = await listPublicCountries({ db: deps.db, query: query as DirectoryQuery });
      // A CSV download holds every matching country, not one page.
      const [page, perPage] = query.format === 'csv' ? [1, countries.length || 1] : [query.page, query.per_page];
      return {
        items: countries.slice((page - 1) * perPage, page * perPage).map((country) => present(country, query.locale)),
        page,
        per_page: perPage,
        total: countries.length,
      };
    },
    csv: (body) => ({
      filename: 'alliance87-pathfinders.csv',
      header: [
        'iso3',
        'name',
        'region',
        'stage',
        'stage_since',
        'stage_since_precision',
        'status_granted_on',
        'is_pathfinder',
      ],
      rows: body.items.map((item) => [
        item.iso3,
        item.name,
        item.region,
        item.stage,
        item.stage_since,
        item.stage_since_precision,
        item.status_granted_on,
        item.is_pathfinder,
      ]),
    }),
  });

  api.get({
    path: '/pathfinders/:iso3',
    tag: 'pathfinders',
    summary:
      'One country on the pathfinder path, with every step of its timeline, its adopted roadmap and its acknowledged progress reports',
    params: z.object({
      iso3: z
        .string()
        .regex(/^[A-Za-z]{3}$/)
        .transform((code) => code.toUpperCase())
        .describe('ISO 3166-1 alpha-3 (upper case; lower case is read as upper case)'),
    }),
    query: z.object({ locale: z.enum(['fr', 'en', 'es']).default('en').describe('Language of `name`') }),
    response: pathfinderDetailSchema,
    handler: async ({ params, query }) => {
      const found = await getPublicCountry({ db: deps.db, iso3: params.iso3 });
      if (!found) throw notFound();
      const progress = await getPublicProgress({ db: deps.db, iso3: params.iso3 });
      const { roadmap } = progress;
      return {
        ...present(found.country, query.locale),
        timeline: found.moves.map((move) => ({
          stage: move.stage,
          date: move.onDate,
          date_precision: move.datePrecision,
          note: move.note,
          decision_reference: move.decisionReference,
          decision_date: move.decisionDate,
          source: move.sourceUrl,
        })),
        workshops: (await getWorkshops({ db: deps.db, iso3: params.iso3 })).map(presentWorkshop),
        commitments_and_standards: presentCommitments(await getCountryCommitments({ db: deps.db, iso3: params.iso3 })),
        roadmap: roadmap && {
          version: roadmap.version.number,
          demonstration: roadmap.version.isDemo,
          adopted_on: roadmap.version.adoptedOn,
          language: roadmap.version.locale,
          status_from_report_year: progress.statusYear,
          priorities: roadmap.priorities.map((priority) => ({
            key: priority.key,
            title: priority.title,
            description: priority.description,
            actions: roadmap.actions
              .filter((action) => action.priorityKey === priority.key)
              .map((action) => ({
                key: action.key,
                priority: action.priorityKey,
                title: action.title,
                responsible_body: action.responsibleBody,
                start_date: action.startOn,
                end_date: action.endOn,
                budget_amount: action.budgetAmount,
                budget_currency: action.budgetCurrency,
                status: progress.statuses.get(action.key) ?? action.status,
                indicator_codes: action.indicatorCodes,
              })),
          })),
        },
        reports: progress.reports.map(({ report, roadmap: version, actions }) => ({
          year: report.year,
          demonstration: report.isDemo,
          roadmap_version: version.version.number,
          submitted_on: report.submittedOn,
          acknowledged_on: report.acknowledgedOn,
          language: report.locale,
          overall_narrative: report.overallNarrative,
          actions: [...actions.values()].map((action) => ({
            key: action.actionKey,
            status: action.status,
            narrative: action.narrative,
          })),
        })),
      };
    },
  });
}
