import type { FastifyInstance } from 'fastify';
import { notFound } from '../../../http/errors.ts';
import { canonicalQuery } from '../../../http/page-cache.ts';
import { param } from '../../../http/params.ts';
import { sendCachedPage, type PublicPageDeps } from '../../../http/public-surface.ts';
import { PARTNER_TABLES, PROFILE_TABLES } from '../partners.table.ts';
import type { DirectoryIndex } from './directory.search-index.ts';
import { directoryQuerySchema } from './directory.schemas.ts';
import { getPartnerProfile, listDirectory } from './directory.usecases.ts';
import { renderDirectory, renderProfile } from './directory.views.ts';

/** The public directory of partners and each partner's profile. */
export function registerPartnerPages(
  surface: FastifyInstance,
  deps: PublicPageDeps & { directory: DirectoryIndex },
): void {
  surface.get('/partners', async (request, reply) => {
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
    return sendCachedPage({
      deps,
      request,
      reply,
      tables: PARTNER_TABLES,
      query: canonical,
      // Free-text searches are answered from memory; keeping each would let anyone fill the cache.
      keep: !query.q,
      render: async (tr) => {
        const page = await listDirectory({ ...deps, query, locale: tr.locale });
        return {
          search: canonical,
          title: tr.t('partners.directory.title'),
          description: tr.t('partners.directory.intro'),
          main: renderDirectory({ tr, query, page }),
        };
      },
    });
  });

  surface.get('/partners/:slug', async (request, reply) => {
    const slug = param(request, 'slug');
    return sendCachedPage({
      deps,
      request,
      reply,
      tables: PROFILE_TABLES,
      render: async (tr) => {
        const profile = await getPartnerProfile({ ...deps, slug, locale: tr.locale });
        if (!profile) throw notFound();
        return {
          section: '/partners',
          title: profile.name,
          description: profile.description.slice(0, 200),
          main: renderProfile({ tr, profile }),
        };
      },
    });
  });
}
