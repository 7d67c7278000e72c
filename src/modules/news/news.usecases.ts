import { Feed } from 'feed';
import type { Db } from '../../db/database.ts';
import { LOCALES, translator, type Locale } from '../../i18n/i18n.ts';
import type { SafeHtml } from '../../ui/html.ts';
import { localePath } from '../../ui/layout.ts';
import { renderMarkdown } from '../../ui/markdown.ts';
import { storyImageUrl, storyImageWidths } from './images/images.usecases.ts';
import {
  findNextScheduledTime,
  findStory,
  listStoryTranslations,
  listVisibleFacets,
  listVisibleStories,
  type StoryRow,
  type StoryTranslationRow,
} from './news.repository.ts';
import { NEWS_PER_PAGE, type NewsListQuery } from './news.schemas.ts';

export interface StoryImage {
  src: string;
  /** Every width made, for `srcset`. */
  sources: { url: string; width: number }[];
  width: number;
  height: number;
  alt: string;
}

/** A story as a reader sees it: in their language, or in another with `isFallback` set. */
export interface StoryForReader {
  id: number;
  slug: string;
  title: string;
  lead: string;
  bodyMarkdown: string;
  locale: Locale;
  isFallback: boolean;
  /** The languages the story has a text in. */
  locales: Locale[];
  publishedAt: Date;
  tags: string[];
  countries: string[];
  image: StoryImage | null;
  /** A demonstration story (the pages and the API say so). */
  isDemo: boolean;
}

/** The image of a story, with the alt text of the language shown. */
export function imageOf(story: StoryRow, alt: string): StoryImage | null {
  if (!story.imageVersion || !story.imageWidth || !story.imageHeight) return null;
  const version = story.imageVersion;
  const sources = storyImageWidths(story.imageWidth).map((width) => ({
    url: storyImageUrl({ storyId: story.id, width, version }),
    width,
  }));
  return { src: sources[0]!.url, sources, width: story.imageWidth, height: story.imageHeight, alt };
}

/** The text in the reader's language, else the default language's, else any. */
export function pickTranslation<T extends { locale: Locale }>(
  translations: readonly T[],
  input: { locale: Locale; defaultLocale: Locale },
): T | null {
  for (const locale of [input.locale, input.defaultLocale, ...LOCALES]) {
    const found = translations.find((translation) => translation.locale === locale);
    if (found) return found;
  }
  return null;
}

function forReader(
  story: StoryRow,
  translations: readonly StoryTranslationRow[],
  input: { locale: Locale; defaultLocale: Locale },
): StoryForReader | null {
  const own = translations.filter((translation) => translation.storyId === story.id);
  const text = pickTranslation(own, input);
  if (!text || !story.publishAt) return null;
  return {
    id: story.id,
    slug: story.slug,
    title: text.title,
    lead: text.lead,
    bodyMarkdown: text.bodyMarkdown,
    locale: text.locale,
    isFallback: text.locale !== input.locale,
    locales: LOCALES.filter((locale) => own.some((translation) => translation.locale === locale)),
    publishedAt: story.publishAt,
    tags: story.tags,
    countries: story.countries,
    image: imageOf(story, text.imageAlt),
    isDemo: story.isDemo,
  };
}

async function readStories(input: {
  db: Db;
  now: Date;
  locale: Locale;
  defaultLocale: Locale;
  tag?: string | undefined;
  country?: string | undefined;
  limit: number;
  offset: number;
}): Promise<{ total: number; stories: StoryForReader[] }> {
  const { total, stories } = await listVisibleStories(input.db, input);
  const translations = await listStoryTranslations(
    input.db,
    stories.map((story) => story.id),
  );
  return {
    total,
    stories: stories.flatMap((story) => forReader(story, translations, input) ?? []),
  };
}

/** One page of the public list, with the filters' choices. */
export async function listNews(input: {
  db: Db;
  now: Date;
  locale: Locale;
  defaultLocale: Locale;
  query: NewsListQuery;
}): Promise<{
  total: number;
  page: number;
  perPage: number;
  stories: StoryForReader[];
  tags: string[];
  countries: string[];
}> {
  const [found, facets] = await Promise.all([
    readStories({
      ...input,
      tag: input.query.tag,
      country: input.query.country,
      limit: NEWS_PER_PAGE,
      offset: (input.query.page - 1) * NEWS_PER_PAGE,
    }),
    listVisibleFacets(input.db, input.now),
  ]);
  return { ...found, page: input.query.page, perPage: NEWS_PER_PAGE, ...facets };
}

/** A page of stories for the API. */
export async function listNewsForApi(input: {
  db: Db;
  now: Date;
  locale: Locale;
  defaultLocale: Locale;
  tag?: string | undefined;
  country?: string | undefined;
  page: number;
  perPage: number;
}): Promise<{ total: number; stories: (StoryForReader & { titles: Partial<Record<Locale, string>> })[] }> {
  const { total, stories } = await listVisibleStories(input.db, {
    ...input,
    limit: input.perPage,
    offset: (input.page - 1) * input.perPage,
  });
  const translations = await listStoryTranslations(
    input.db,
    stories.map((story) => story.id),
  );
  return {
    total,
    stories: stories.flatMap((story) => {
      const read = forReader(story, translations, input);
      if (!read) return [];
      const titles = Object.fromEntries(
        translations.filter((text) => text.storyId === story.id).map((text) => [text.locale, text.title]),
      );
      return [{ ...read, titles }];
    }),
  };
}

/**
 * The newest stories for the home page (or, with `country`, about one country, for its profile),
 * in the reader's language or with a fallback.
 */
export async function listLatestNews(input: {
  db: Db;
  now: Date;
  locale: Locale;
  defaultLocale: Locale;
  limit: number;
  country?: string | undefined;
}): Promise<StoryForReader[]> {
  return (await readStories({ ...input, limit: input.limit, offset: 0 })).stories;
}

/** A public story by its slug (null: none, or not public yet), with its body rendered. */
export async function getStoryForReader(input: {
  db: Db;
  now: Date;
  slug: string;
  locale: Locale;
  defaultLocale: Locale;
}): Promise<(StoryForReader & { body: SafeHtml }) | null> {
  const story = await findStory(input.db, { slug: input.slug });
  if (!story || story.status !== 'published' || !story.publishAt || story.publishAt > input.now) return null;
  const read = forReader(story, await listStoryTranslations(input.db, [story.id]), input);
  return read ? { ...read, body: renderMarkdown(read.bodyMarkdown) } : null;
}

/** When the page cache must next forget the news pages: the next scheduled publication. */
export async function nextPublicationTime(db: Db, now: Date): Promise<Date | null> {
  return findNextScheduledTime(db, now);
}

/** The Atom feed of one language: the newest stories, with absolute links. */
export async function buildNewsFeed(input: {
  db: Db;
  now: Date;
  locale: Locale;
  defaultLocale: Locale;
  publicUrl: string;
}): Promise<string> {
  const tr = translator(input.locale);
  const { stories } = await readStories({ ...input, limit: 20, offset: 0 });
  const absolute = (path: string) => `${input.publicUrl}${path}`;
  const listUrl = absolute(localePath(input.locale, '/news'));
  const feedUrl = absolute(localePath(input.locale, '/news/feed.xml'));
  const feed = new Feed({
    id: feedUrl,
    title: `${tr.t('news.title')} · ${tr.t('layout.siteName')}`,
    description: tr.t('news.feed.description'),
    link: listUrl,
    language: input.locale,
    updated: stories[0]?.publishedAt ?? new Date(0),
    generator: false,
    feedLinks: { atom: feedUrl },
    author: { name: tr.t('layout.siteName'), link: absolute(localePath(input.locale, '/')) },
    copyright: tr.t('layout.siteName'),
  });
  for (const story of stories) {
    const url = absolute(localePath(input.locale, `/news/${story.slug}`));
    feed.addItem({
      title: story.title,
      id: url,
      link: url,
      date: story.publishedAt,
      published: story.publishedAt,
      description: story.lead,
      content: String(renderMarkdown(story.bodyMarkdown)),
      category: story.tags.map((tag) => ({ name: tag, term: tag })),
    });
  }
  return feed.atom1();
}
