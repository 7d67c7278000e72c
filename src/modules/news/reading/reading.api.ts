import type { ApiRegistry } from '../../../http/api.ts';
import type { Db } from '../../../db/database.ts';
import type { Locale } from '../../../i18n/i18n.ts';
import { localePath } from '../../../ui/layout.ts';
import { newsApiQuerySchema, storyListApiSchema } from '../news.schemas.ts';
import { listNewsForApi } from '../news.usecases.ts';

export function registerNewsApi(
  api: ApiRegistry,
  deps: { db: Db; defaultLocale: Locale; publicUrl: string; now: () => Date },
): void {
  api.get({
    path: '/news',
    tag: 'news',
    summary: 'Published news stories, newest first, filtered by tag and country, paginated',
    query: newsApiQuerySchema,
    response: storyListApiSchema,
    handler: async ({ query }) => {
      const { total, stories } = await listNewsForApi({
        db: deps.db,
        now: deps.now(),
        locale: query.locale,
        defaultLocale: deps.defaultLocale,
        tag: query.tag,
        country: query.country,
        page: query.page,
        perPage: query.per_page,
      });
      return {
        items: stories.map((story) => ({
          slug: story.slug,
          url: `${deps.publicUrl}${localePath(query.locale, `/news/${story.slug}`)}`,
          locale: story.locale,
          title: story.title,
          lead: story.lead,
          body_markdown: story.bodyMarkdown,
          titles: story.titles,
          published_at: story.publishedAt.toISOString(),
          tags: story.tags,
          countries: story.countries,
          image: story.image
            ? {
                url: `${deps.publicUrl}${story.image.sources.at(-1)!.url}`,
                width: story.image.width,
                height: story.image.height,
                alt: story.image.alt,
              }
            : null,
          is_demo: story.isDemo,
        })),
        page: query.page,
        per_page: query.per_page,
        total,
      };
    },
  });
}
