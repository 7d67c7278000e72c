import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../../http/errors.ts';
import { canonicalQuery } from '../../../http/page-cache.ts';
import { param } from '../../../http/params.ts';
import { allowFramingFromAnySite } from '../../../http/plugins.ts';
import { localeOf, sendCachedPage, type PublicPageDeps } from '../../../http/public-surface.ts';
import { translator } from '../../../i18n/i18n.ts';
import { DATA_TABLES, SEXES } from '../data.table.ts';
import { tableOrderSchema } from './catalogue.schemas.ts';
import { getCataloguePage, getIndicatorPage } from './catalogue.usecases.ts';
import { indicatorName, renderCatalogue, renderEmbeddedChart, renderIndicatorPage } from './catalogue.views.ts';

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
const indicatorPageQuerySchema = selectionQuerySchema.extend(tableOrderSchema.shape);

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
    const { sort, dir, ...asked } = indicatorPageQuerySchema.parse(request.query ?? {});
    const params = {
      geo: asked.geo,
      age: asked.age,
      unit: asked.unit,
      year: asked.year === undefined ? undefined : String(asked.year),
      sex: asked.sex,
    };
    const order = { sort, dir };
    // The default order (by year, ascending) is no parameter: one address, one cached page.
    const isDefaultOrder = sort === 'year' && dir === 'asc';
    const query = canonicalQuery({ ...params, ...(isDefaultOrder ? {} : order) });
    const kept = Object.fromEntries(
      Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    return sendCachedPage({
      deps,
      request,
      reply,
      tables: DATA_TABLES,
      query,
      // Only the default view is kept: any other choice would let anyone fill the cache.
      keep: query === '',
      render: async (tr) => {
        const page = await getIndicatorPage({ db: deps.db, code, asked, order });
        if (!page) throw notFound();
        return {
          section: '/data',
          search: query,
          title: indicatorName(page.indicator, tr.locale),
          description: tr.t('data.indicator.description', { code: page.indicator.code }),
          main: renderIndicatorPage({ tr, ...page, publicUrl: deps.site.publicUrl, order, params: kept }),
        };
      },
    });
  });

  // The chart alone, for other sites' iframes: the only page any site may frame.
  surface.get('/data/:code/embed', async (request, reply) => {
    const code = param(request, 'code');
    const asked = selectionQuerySchema.pick({ geo: true, age: true, unit: true }).parse(request.query ?? {});
    allowFramingFromAnySite(reply);
    const tr = translator(localeOf(request));
    return deps.pageCache.send({
      request,
      reply,
      tables: DATA_TABLES,
      query: canonicalQuery({ geo: asked.geo, age: asked.age, unit: asked.unit }),
      keep: asked.geo === undefined && asked.age === undefined && asked.unit === undefined,
      render: async () => {
        const page = await getIndicatorPage({ db: deps.db, code, asked });
        if (!page) throw notFound();
        return renderEmbeddedChart({
          tr,
          indicator: page.indicator,
          selection: page.selection,
          observations: page.observations,
          stylesheetUrl: deps.site.stylesheetUrl,
          iconUrl: deps.site.iconUrl,
          publicUrl: deps.site.publicUrl,
        });
      },
    });
  });
}
