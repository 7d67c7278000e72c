import type { FastifyInstance } from 'fastify';
import { notFound } from '../../../http/errors.ts';
import { canonicalQuery } from '../../../http/page-cache.ts';
import { param } from '../../../http/params.ts';
import { localeOf, sendCachedPage, type PublicPageDeps } from '../../../http/public-surface.ts';
import { NEWS_TABLES } from '../news.table.ts';
import { newsListQuerySchema } from '../news.schemas.ts';
import { buildNewsFeed, getStoryForReader, listNews } from '../news.usecases.ts';
import { renderNewsList, renderStory } from './reading.views.ts';

/** `/{l}/news` (the list), `/{l}/news/feed.xml` (Atom) and `/{l}/news/{slug}` (a story). */
export function registerNewsPages(surface: FastifyInstance, deps: PublicPageDeps & { now: () => Date }): void {
  surface.get('/news', async (request, reply) => {
    const query = newsListQuerySchema.parse(request.query ?? {});
    const canonical = canonicalQuery({
      tag: query.tag,
      country: query.country,
      page: query.page === 1 ? undefined : query.page,
    });
    return sendCachedPage({
      deps,
      request,
      reply,
      tables: NEWS_TABLES,
      query: canonical,
      render: async (tr) => {
        const list = await listNews({ ...deps, now: deps.now(), locale: tr.locale, query });
        return {
          search: canonical,
          title: tr.t('news.title'),
          description: tr.t('news.feed.description'),
          main: renderNewsList({ tr, query, list }),
        };
      },
    });
  });

  surface.get('/news/feed.xml', async (request, reply) => {
    const feed = await buildNewsFeed({
      db: deps.db,
      now: deps.now(),
      locale: localeOf(request),
      defaultLocale: deps.defaultLocale,
      publicUrl: deps.site.publicUrl,
    });
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'no-cache').send(feed);
  });

  surface.get('/news/:slug', async (request, reply) => {
    const slug = param(request, 'slug');
    return sendCachedPage({
      deps,
      request,
      reply,
      tables: NEWS_TABLES,
      render: async (tr) => {
        const story = await getStoryForReader({ ...deps, now: deps.now(), slug, locale: tr.locale });
        if (!story) throw notFound();
        return { section: '/news', title: story.title, description: story.lead, main: renderStory({ tr, story }) };
      },
    });
  });
}
