import type { Db } from '../../../db/database.ts';
import type { ApiRegistry, CsvCell } from '../../../http/api.ts';
import { indicatorCodeParamsSchema } from '../catalogue/catalogue.schemas.ts';
import { observationListSchema, observationQuerySchema } from './observations.schemas.ts';
import { ALL_OBSERVATIONS, listIndicatorObservations } from './observations.usecases.ts';

const COLUMNS = [
  'indicator',
  'geo',
  'geo_kind',
  'year',
  'value',
  'sex',
  'age',
  'nature',
  'lower',
  'upper',
  'unit',
  'source',
  'footnote',
] as const;

export function registerObservationsApi(api: ApiRegistry, deps: { db: Db }): void {
  api.get({
    path: '/indicators/:code/observations',
    tag: 'data',
    summary: 'An indicator’s observations with their dimensions and disaggregations, filtered, paginated',
    params: indicatorCodeParamsSchema,
    query: observationQuerySchema,
    response: observationListSchema,
    handler: async ({ params, query }) => {
      // A CSV download holds every matching observation, not one page.
      const csv = query.format === 'csv';
      const page = csv ? 1 : query.page;
      const perPage = csv ? ALL_OBSERVATIONS : query.per_page;
      const result = await listIndicatorObservations({
        db: deps.db,
        code: params.code,
        filter: { geo: query.geo, year: query.year, sex: query.sex, age: query.age, unit: query.unit },
        ...(query.version === undefined ? {} : { version: query.version }),
        ...(query.sort ? { order: { by: query.sort, dir: query.dir } } : {}),
        page,
        perPage,
      });
      return {
        indicator: params.code,
        version: result.version,
        items: result.items.map((row) => ({
          geo: row.geo,
          geo_kind: row.geoKind,
          year: row.year,
          value: row.value,
          sex: row.sex as 'total',
          age: row.age,
          nature: row.nature as 'C' | null,
          lower: row.lower,
          upper: row.upper,
          unit: row.unit,
          source: row.source,
          footnote: row.footnote,
          disaggregations: row.disaggregations,
        })),
        page,
        per_page: csv ? result.total : perPage,
        total: result.total,
      };
    },
    csv: (body) => {
      // One column per other disaggregation found in the rows.
      const names = [...new Set(body.items.flatMap((item) => Object.keys(item.disaggregations)))].sort();
      const header = [
        ...COLUMNS,
        ...names.map((name) => ((COLUMNS as readonly string[]).includes(name) ? `disaggregation:${name}` : name)),
      ];
      return {
        filename: `alliance87-${body.indicator}-v${body.version}.csv`,
        header,
        rows: body.items.map((item): CsvCell[] => [
          body.indicator,
          item.geo,
          item.geo_kind,
          item.year,
          item.value,
          item.sex,
          item.age,
          item.nature,
          item.lower,
          item.upper,
          item.unit,
          item.source,
          item.footnote,
          ...names.map((name) => item.disaggregations[name] ?? ''),
        ]),
      };
    },
  });
}
