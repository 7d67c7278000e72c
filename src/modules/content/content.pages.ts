import type { FastifyInstance } from 'fastify';
import { notFound } from '../../http/errors.ts';
import { localeOf, sendCachedPage, type PublicPageDeps } from '../../http/public-surface.ts';
import { param } from '../../http/params.ts';
import type { DerivedValue } from '../../db/derived-value.ts';
import { localePath } from '../../ui/layout.ts';
import type { LatestNews } from '../news/index.ts';
import { STATS_TABLES, type Counters } from '../stats/index.ts';
import {
  CONTENT_TABLES,
  FIGURE_TABLES,
  findMovedPage,
  getHeadlineFigures,
  getPageForReader,
} from './content.usecases.ts';
import { renderContentPage, renderHome } from './content.views.ts';

/** The home page at `/{locale}/`, every other page at `/{locale}/{slug}`; a former slug redirects. */
export function registerContentPages(
  surface: FastifyInstance,
  deps: PublicPageDeps & { counters: DerivedValue<Counters>; latestNews?: LatestNews | undefined },
): void {
  surface.get('/', async (request, reply) =>
    sendCachedPage({
      deps,
      request,
      reply,
      tables: [...CONTENT_TABLES, ...FIGURE_TABLES, ...STATS_TABLES, ...(deps.latestNews?.tables ?? [])],
      render: async (tr) => {
        const [page, figures, counters, news] = await Promise.all([
          getPageForReader({ db: deps.db, key: 'home', locale: tr.locale, defaultLocale: deps.defaultLocale }),
          getHeadlineFigures(deps.db),
          deps.counters.get(),
          deps.latestNews?.render({ tr, locale: tr.locale }),
        ]);
        return {
          title: page?.title ?? tr.t('layout.siteName'),
          ...(page?.summary ? { description: page.summary } : {}),
          main: renderHome({ tr, page, figures, counters, news, now: new Date() }),
        };
      },
    }),
  );

  surface.get('/:slug', async (request, reply) => {
    const slug = param(request, 'slug');
    const locale = localeOf(request);
    if (slug === 'home') return reply.redirect(localePath(locale, '/'), 301);
    const moved = await findMovedPage(deps.db, slug);
    if (moved) return reply.redirect(localePath(locale, `/${moved}`), 301);
    return sendCachedPage({
      deps,
      request,
      reply,
      tables: CONTENT_TABLES,
      render: async (tr) => {
        const page = await getPageForReader({ db: deps.db, slug, locale: tr.locale, defaultLocale: deps.defaultLocale });
        if (!page) throw notFound();
        return { title: page.title, description: page.summary, main: renderContentPage({ tr, page, path: `/${slug}` }) };
      },
    });
  });
}
