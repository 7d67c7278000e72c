import type { FastifyInstance } from 'fastify';
import { notFound } from '../../http/errors.ts';
import { localeOf, pathWithoutLocale, viewerNameOf, type PublicPageDeps } from '../../http/public-surface.ts';
import { translator } from '../../i18n/i18n.ts';
import { renderPublicPage } from '../../ui/layout.ts';
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
  surface.get('/', async (request, reply) => {
    const locale = localeOf(request);
    return deps.pageCache.send({
      request,
      reply,
      tables: [...CONTENT_TABLES, ...STATS_TABLES],
      render: async () => {
        const tr = translator(locale);
        const [page, counters] = await Promise.all([
          getPageForReader({ db: deps.db, slug: 'home', locale, defaultLocale: deps.defaultLocale }),
          deps.counters.get(),
        ]);
        return renderPublicPage({
          tr,
          site: deps.site,
          path: '/',
          title: page?.title ?? tr.t('layout.siteName'),
          ...(page?.summary ? { description: page.summary } : {}),
          main: renderHome({ tr, page, counters }),
          viewerName: viewerNameOf(request),
        });
      },
    });
  });

  for (const slug of CONTENT_PAGE_SLUGS) {
    surface.get(`/${slug}`, async (request, reply) => {
      const locale = localeOf(request);
      return deps.pageCache.send({
        request,
        reply,
        tables: CONTENT_TABLES,
        render: async () => {
          const page = await getPageForReader({ db: deps.db, slug, locale, defaultLocale: deps.defaultLocale });
          if (!page) throw notFound();
          const tr = translator(locale);
          return renderPublicPage({
            tr,
            site: deps.site,
            path: pathWithoutLocale(request),
            title: page.title,
            description: page.summary,
            main: renderContentPage({ tr, page }),
            viewerName: viewerNameOf(request),
          });
        },
      });
    });
  }
}
