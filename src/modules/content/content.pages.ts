import type { FastifyInstance } from 'fastify';
import { notFound } from '../../http/errors.ts';
import { sendCachedPage, type PublicPageDeps } from '../../http/public-surface.ts';
import type { DerivedValue } from '../../db/derived-value.ts';
import { STATS_TABLES, type Counters } from '../stats/index.ts';
import { CONTENT_TABLES, getPageForReader } from './content.usecases.ts';
import { renderContentPage, renderHome } from './content.views.ts';

/** Content pages served at `/{locale}/{slug}` besides the home page. */
const CONTENT_PAGE_SLUGS = ['about'] as const;

export function registerContentPages(
  surface: FastifyInstance,
  deps: PublicPageDeps & { counters: DerivedValue<Counters> },
): void {
  surface.get('/', async (request, reply) =>
    sendCachedPage({
      deps,
      request,
      reply,
      tables: [...CONTENT_TABLES, ...STATS_TABLES],
      render: async (tr) => {
        const [page, counters] = await Promise.all([
          getPageForReader({ db: deps.db, slug: 'home', locale: tr.locale, defaultLocale: deps.defaultLocale }),
          deps.counters.get(),
        ]);
        return {
          title: page?.title ?? tr.t('layout.siteName'),
          ...(page?.summary ? { description: page.summary } : {}),
          main: renderHome({ tr, page, counters }),
        };
      },
    }),
  );

  for (const slug of CONTENT_PAGE_SLUGS) {
    surface.get(`/${slug}`, async (request, reply) =>
      sendCachedPage({
        deps,
        request,
        reply,
        tables: CONTENT_TABLES,
        render: async (tr) => {
          const page = await getPageForReader({ db: deps.db, slug, locale: tr.locale, defaultLocale: deps.defaultLocale });
          if (!page) throw notFound();
          return { title: page.title, description: page.summary, main: renderContentPage({ tr, page }) };
        },
      }),
    );
  }
}
