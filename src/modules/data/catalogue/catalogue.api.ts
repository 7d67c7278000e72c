import type { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import type { ApiRegistry } from '../../../http/api.ts';
import { notFound } from '../../../http/errors.ts';
import {
  catalogueQuerySchema,
  indicatorCodeParamsSchema,
  indicatorDetailSchema,
  indicatorListSchema,
  type indicatorSchema,
} from './catalogue.schemas.ts';
import { getIndicator, listCatalogue, type IndicatorRow } from './catalogue.usecases.ts';

function present(indicator: IndicatorRow): z.input<typeof indicatorSchema> {
  return {
    code: indicator.code,
    sdg_indicator: indicator.sdgIndicator,
    status: indicator.status,
    names: indicator.names,
    definitions: indicator.definitions,
    methodology: indicator.methodologies,
    unit: indicator.unit,
    custodian: indicator.custodian,
    source: indicator.source,
    version: indicator.currentVersion,
    observations: indicator.observations,
    geographies: indicator.geographies,
    first_year: indicator.firstYear,
    last_year: indicator.lastYear,
    updated_at: new Date(indicator.updatedAt).toISOString(),
  };
}

export function registerCatalogueApi(api: ApiRegistry, deps: { db: Db }): void {
  api.get({
    path: '/indicators',
    tag: 'data',
    summary: 'The indicator catalogue, by code, paginated',
    query: catalogueQuerySchema,
    response: indicatorListSchema,
    handler: async ({ query }) => {
      const page = await listCatalogue({ db: deps.db, page: query.page, perPage: query.per_page });
      return { items: page.items.map(present), page: query.page, per_page: query.per_page, total: page.total };
    },
  });

  api.get({
    path: '/indicators/:code',
    tag: 'data',
    summary: 'One indicator, with the versions of its data',
    params: indicatorCodeParamsSchema,
    response: indicatorDetailSchema,
    handler: async ({ params }) => {
      const indicator = await getIndicator({ db: deps.db, code: params.code });
      if (!indicator) throw notFound();
      return {
        ...present(indicator),
        versions: indicator.versions.map((version) => ({
          number: version.number,
          kind: version.kind,
          format: version.format,
          file_name: version.fileName,
          restored_from: version.restoredFromNumber,
          observations: version.observations,
          added: version.added,
          changed: version.changed,
          removed: version.removed,
          created_at: new Date(version.createdAt).toISOString(),
        })),
      };
    },
  });
}
