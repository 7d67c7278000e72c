import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../../http/errors.ts';
import { canonicalQuery } from '../../../http/page-cache.ts';
import { param } from '../../../http/params.ts';
import { sendCachedPage, type PublicPageDeps } from '../../../http/public-surface.ts';
import { DATA_TABLES, SEXES } from '../data.table.ts';
import { getCataloguePage, getIndicatorPage } from './catalogue.usecases.ts';
import { indicatorName, renderCatalogue, renderIndicatorPage } from './catalogue.views.ts';

/** The indicator page's choice; a value the data does not have falls back to the default one. */
const selectionQuerySchema = z.object({
  geo: z
    .string()
    .regex(/^([A-Z]{3}|\d{3})$/)
    .optional()
    .catch(undefined),
  age: z
    .string()
    .regex(/^(all|unknown|\d{1,3}-\d{1,3}|\d{1,3}\+|<\d{1,3})$/)
    .optional()
    .catch(undefined),
  unit: z.string().max(100).optional().catch(undefined),
  /** The map's year and sex. */
  year: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  sex: z.enum(SEXES).optional().catch(undefined),
});

/** The catalogue (`/{l}/data`) and each indicator's page (`/{l}/data/{code}`). */
export function registerCataloguePages(surface: FastifyInstance, deps: PublicPageDeps): void {
  surface.get('/data', async (request, reply) =>
    sendCachedPage({
      deps,
      request,
      reply,
      tables: DATA_TABLES,
      render: async (tr) => ({
        title: tr.t('data.catalogue.title'),
        description: tr.t('data.catalogue.intro'),
        main: renderCatalogue({ tr, ...(await getCataloguePage({ db: deps.db })) }),
      }),
    }),
  );

  surface.get('/data/:code', async (request, reply) => {
    const code = param(request, 'code');
    const asked = selectionQuerySchema.parse(request.query ?? {});
    const query = canonicalQuery({
      geo: asked.geo,
      age: asked.age,
      unit: asked.unit,
      year: asked.year === undefined ? undefined : String(asked.year),
      sex: asked.sex,
    });
    return sendCachedPage({
      deps,
      request,
      reply,
      tables: DATA_TABLES,
      query,
      // Only the default view is kept: any other choice would let anyone fill the cache.
      keep: query === '',
      render: async (tr) => {
        const page = await getIndicatorPage({ db: deps.db, code, asked });
        if (!page) throw notFound();
        return {
          section: '/data',
          search: query,
          title: indicatorName(page.indicator, tr.locale),
          description: tr.t('data.indicator.description', { code: page.indicator.code }),
          main: renderIndicatorPage({ tr, ...page, publicUrl: deps.site.publicUrl }),
        };
      },
    });
  });
}
