import type { FastifyInstance } from 'fastify';
import { notFound } from '../../http/errors.ts';
import { canonicalQuery } from '../../http/page-cache.ts';
import { param } from '../../http/params.ts';
import { localeOf, pathWithoutLocale, viewerNameOf, type PublicPageDeps } from '../../http/public-surface.ts';
import { translator } from '../../i18n/i18n.ts';
import { renderPublicPage } from '../../ui/layout.ts';
import type { DirectoryIndex } from './partners.directory-index.ts';
import { directoryQuerySchema } from './partners.schemas.ts';
import { getPartnerProfile, listDirectory, PARTNER_TABLES, PROFILE_TABLES } from './partners.usecases.ts';
import { renderDirectory, renderProfile } from './partners.views.ts';

export function registerPartnerPages(
  surface: FastifyInstance,
  deps: PublicPageDeps & { directory: DirectoryIndex },
): void {
  surface.get('/partners', async (request, reply) => {
    const locale = localeOf(request);
    const parsed = directoryQuerySchema.safeParse(request.query);
    // A hand-edited address with an unknown filter value shows the whole directory, not an error.
    const query = parsed.success ? parsed.data : directoryQuerySchema.parse({});
    const canonical = canonicalQuery({
      q: query.q,
      kind: query.kind,
      country: query.country,
      region: query.region,
      action_group: query.action_group,
      sort: query.sort === 'name' ? undefined : query.sort,
      page: query.page === 1 ? undefined : query.page,
      per_page: query.per_page === 24 ? undefined : query.per_page,
    });
    return deps.pageCache.send({
      request,
      reply,
      tables: PARTNER_TABLES,
      query: canonical,
      // Free-text searches are answered from memory; keeping each would let anyone fill the cache.
      keep: !query.q,
      render: async () => {
        const tr = translator(locale);
        const page = await listDirectory({
          directory: deps.directory,
          query,
          locale,
          defaultLocale: deps.defaultLocale,
        });
        return renderPublicPage({
          tr,
          site: deps.site,
          path: '/partners',
          search: canonical,
          title: tr.t('partners.directory.title'),
          description: tr.t('partners.directory.intro'),
          main: renderDirectory({ tr, query, page }),
          viewerName: viewerNameOf(request),
        });
      },
    });
  });

  surface.get('/partners/:slug', async (request, reply) => {
    const locale = localeOf(request);
    const slug = param(request, 'slug');
    return deps.pageCache.send({
      request,
      reply,
      tables: PROFILE_TABLES,
      render: async () => {
        const profile = await getPartnerProfile({ db: deps.db, slug, locale, defaultLocale: deps.defaultLocale });
        if (!profile) throw notFound();
        const tr = translator(locale);
        return renderPublicPage({
          tr,
          site: deps.site,
          path: pathWithoutLocale(request),
          section: '/partners',
          title: profile.name,
          description: profile.description.slice(0, 200),
          main: renderProfile({ tr, profile }),
          viewerName: viewerNameOf(request),
        });
      },
    });
  });
}
