import type { ModuleDescriptor, QueueProvider } from '../../http/module.ts';
import type { Locale, Translator } from '../../i18n/i18n.ts';
import type { SafeHtml } from '../../ui/html.ts';
import { registerNewsAdmin } from './editing/editing.admin.ts';
import { countStoriesToReview, scopeOf, storyTranslationStatus } from './editing/editing.usecases.ts';
import { registerNewsMedia } from './images/images.media.ts';
import { loadNewsDemo } from './news.demo.ts';
import { countDemoStories, deleteDemoStories, listPublicStoryPaths } from './news.repository.ts';
import { newsImages, NEWS_TABLES, newsStories, newsStoryTranslations } from './news.table.ts';
import { listLatestNews, nextPublicationTime } from './news.usecases.ts';
import { registerNewsApi } from './reading/reading.api.ts';
import { registerNewsPages } from './reading/reading.pages.ts';
import { renderLatestNews } from './reading/reading.views.ts';

/** The longest a timer waits before looking again (setTimeout's limit is about 24 days). */
const MAX_WAIT_MS = 6 * 60 * 60 * 1000;

/** What the home page shows of the news, and the tables it depends on. */
export interface LatestNews {
  tables: readonly string[];
  render(input: { tr: Translator; locale: Locale }): Promise<SafeHtml>;
}

/**
 * News stories: the public list, stories and Atom feed, the API, the images, the back office
 * (the Secretariat's and partners' proposals), and the home page's latest news. A story
 * scheduled for later appears by itself: a timer drops the news pages from the cache when the
 * next scheduled story's time comes.
 */
export const newsModule = {
  name: 'news',
  tables: [newsStories, newsStoryTranslations, newsImages],
  demo: loadNewsDemo,
  countDemo: countDemoStories,
  removeDemo: deleteDemoStories,
  mount: (context, needs) => {
    const now = needs.now ?? (() => new Date());
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const arm = async () => {
      if (stopped) return;
      const next = await nextPublicationTime(context.db, now());
      clearTimeout(timer);
      timer = undefined;
      if (!next || stopped) return;
      // A little after the time, so that the story is public when the pages are rendered again.
      const wait = Math.min(Math.max(0, next.getTime() - now().getTime()) + 20, MAX_WAIT_MS);
      timer = setTimeout(() => {
        context.pageCache.invalidateTables(NEWS_TABLES);
        rearm();
      }, wait);
      timer.unref();
    };
    const rearm = () => {
      arm().catch((error: unknown) => context.log.error({ err: error }, 'could not read the next scheduled story'));
    };
    const review: QueueProvider = async (viewer) =>
      scopeOf(viewer).secretariat
        ? {
            key: 'news.queue.review',
            count: await countStoriesToReview(context.db),
            href: '/admin/news?status=submitted',
          }
        : null;
    const latestNews: LatestNews = {
      tables: NEWS_TABLES,
      render: async ({ tr, locale }) =>
        renderLatestNews({
          tr,
          stories: await listLatestNews({
            db: context.db,
            now: now(),
            locale,
            defaultLocale: context.defaultLocale,
            limit: 3,
          }),
        }),
    };
    return {
      pages: (surface) => registerNewsPages(surface, { ...context, now }),
      admin: (app) => registerNewsAdmin(app, { ...context, now }),
      api: (api) =>
        registerNewsApi(api, {
          db: context.db,
          defaultLocale: context.defaultLocale,
          publicUrl: context.config.publicUrl,
          now,
        }),
      routes: (app) => registerNewsMedia(app, { db: context.db, now }),
      queues: [review],
      translations: (readerLocale) => storyTranslationStatus(context.db, readerLocale),
      sitemap: async () => (await listPublicStoryPaths(context.db, now())).map((slug) => `/news/${slug}`),
      latestNews,
      start: rearm,
      invalidate: (table) => {
        if (table === undefined || table === 'news_stories') rearm();
      },
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
      },
    };
  },
} satisfies ModuleDescriptor<{ now?: () => Date }, { latestNews: LatestNews }>;
