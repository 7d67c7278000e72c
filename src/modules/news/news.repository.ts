import { and, arrayContains, asc, desc, eq, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from '../../db/database.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { organizations } from '../partners/index.ts';
import { newsImages, newsStories, newsStoryTranslations, type StoryStatus } from './news.table.ts';

export interface StoryRow {
  id: number;
  slug: string;
  status: StoryStatus;
  publishAt: Date | null;
  tags: string[];
  countries: string[];
  sourceLocale: Locale | null;
  organizationId: number | null;
  submittedBy: number | null;
  submitterEmail: string | null;
  submitterLocale: Locale | null;
  declineReason: string | null;
  imageVersion: string | null;
  imageWidth: number | null;
  imageHeight: number | null;
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoryTranslationRow {
  storyId: number;
  locale: Locale;
  title: string;
  lead: string;
  bodyMarkdown: string;
  imageAlt: string;
  createdAt: Date;
  updatedAt: Date;
}

function asStory(row: typeof newsStories.$inferSelect): StoryRow {
  return {
    ...row,
    sourceLocale: row.sourceLocale as Locale | null,
    submitterLocale: row.submitterLocale as Locale | null,
  };
}

/** What makes a story public at `now`: published, and its time has come. */
function visibleAt(now: Date): SQL {
  return and(eq(newsStories.status, 'published'), lte(newsStories.publishAt, now))!;
}

/** The public stories at `now`, newest first, filtered by a tag and a country, one page of them. */
export async function listVisibleStories(
  db: DbExecutor,
  input: { now: Date; tag?: string | undefined; country?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; stories: StoryRow[] }> {
  const where = and(
    visibleAt(input.now),
    input.tag ? arrayContains(newsStories.tags, [input.tag]) : undefined,
    input.country ? arrayContains(newsStories.countries, [input.country]) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(newsStories)
      .where(where)
      .orderBy(desc(newsStories.publishAt), desc(newsStories.id))
      .limit(input.limit)
      .offset(input.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(newsStories)
      .where(where),
  ]);
  return { total: count?.total ?? 0, stories: rows.map(asStory) };
}

/** The tags and countries of the public stories, for the list's filters. */
export async function listVisibleFacets(db: DbExecutor, now: Date): Promise<{ tags: string[]; countries: string[] }> {
  const result = await db.execute<{ tags: string[] | null; countries: string[] | null }>(sql`
    SELECT
      ARRAY(SELECT DISTINCT unnest(tags) FROM news_stories WHERE status = 'published' AND publish_at <= ${now} ORDER BY 1) AS tags,
      ARRAY(SELECT DISTINCT unnest(countries) FROM news_stories WHERE status = 'published' AND publish_at <= ${now} ORDER BY 1) AS countries`);
  const row = result.rows[0];
  return { tags: row?.tags ?? [], countries: row?.countries ?? [] };
}

/** The next time a scheduled story becomes public after `now` (null: none is scheduled). */
export async function findNextScheduledTime(db: DbExecutor, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | null>`min(${newsStories.publishAt})` })
    .from(newsStories)
    .where(and(eq(newsStories.status, 'published'), gt(newsStories.publishAt, now)));
  return row?.at ? new Date(row.at) : null;
}

export async function findStory(db: DbExecutor, by: { id: number } | { slug: string }): Promise<StoryRow | null> {
  const [row] = await db
    .select()
    .from(newsStories)
    .where('id' in by ? eq(newsStories.id, by.id) : eq(newsStories.slug, by.slug));
  return row ? asStory(row) : null;
}

export async function listStoryTranslations(
  db: DbExecutor,
  storyIds: readonly number[],
): Promise<StoryTranslationRow[]> {
  if (storyIds.length === 0) return [];
  const rows = await db
    .select()
    .from(newsStoryTranslations)
    .where(inArray(newsStoryTranslations.storyId, [...storyIds]))
    .orderBy(asc(newsStoryTranslations.locale));
  return rows.map((row) => ({ ...row, locale: row.locale as Locale }));
}

/** The stories of the back office's list, with their title in `locale` when they have one. */
export async function listStoriesForEditors(
  db: DbExecutor,
  input: {
    locale: Locale;
    status?: StoryStatus | undefined;
    /** Only these organizations' proposals (null: every story). */
    organizationIds: readonly number[] | null;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; stories: (StoryRow & { title: string | null; locales: Locale[] })[] }> {
  const where = and(
    input.status ? eq(newsStories.status, input.status) : undefined,
    input.organizationIds
      ? input.organizationIds.length > 0
        ? inArray(newsStories.organizationId, [...input.organizationIds])
        : sql`false`
      : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({
        story: newsStories,
        title: sql<string | null>`(SELECT t.title FROM news_story_translations t WHERE t.story_id = ${newsStories.id}
          ORDER BY t.locale = ${input.locale} DESC, t.locale LIMIT 1)`,
        locales: sql<
          string[]
        >`ARRAY(SELECT t.locale::text FROM news_story_translations t WHERE t.story_id = ${newsStories.id} ORDER BY t.locale)`,
      })
      .from(newsStories)
      .where(where)
      .orderBy(desc(newsStories.updatedAt), desc(newsStories.id))
      .limit(input.limit)
      .offset(input.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(newsStories)
      .where(where),
  ]);
  return {
    total: count?.total ?? 0,
    stories: rows.map((row) => ({ ...asStory(row.story), title: row.title, locales: row.locales as Locale[] })),
  };
}

export async function countStoriesWithStatus(db: DbExecutor, status: StoryStatus): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(newsStories)
    .where(eq(newsStories.status, status));
  return row?.count ?? 0;
}

export async function isStorySlugTaken(db: DbExecutor, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: newsStories.id }).from(newsStories).where(eq(newsStories.slug, slug));
  return row !== undefined;
}

export async function insertStory(
  db: DbExecutor,
  input: Pick<
    typeof newsStories.$inferInsert,
    'slug' | 'status' | 'organizationId' | 'submittedBy' | 'submitterEmail' | 'submitterLocale'
  >,
): Promise<number> {
  const [row] = await db.insert(newsStories).values(input).returning({ id: newsStories.id });
  if (!row) throw new Error('could not create the story');
  return row.id;
}

/** A demonstration story, published on its day, written first in English. */
export async function insertDemoStory(
  db: DbExecutor,
  input: { slug: string; publishAt: Date; tags: string[]; countries: string[] },
): Promise<number> {
  const [row] = await db
    .insert(newsStories)
    .values({ ...input, status: 'published', sourceLocale: 'en', isDemo: true })
    .returning({ id: newsStories.id });
  if (!row) throw new Error('could not create the story');
  return row.id;
}

export async function countDemoStories(db: DbExecutor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(newsStories)
    .where(eq(newsStories.isDemo, true));
  return row?.n ?? 0;
}

/** Removes the demonstration stories, with their texts and pictures (they cascade). */
export async function deleteDemoStories(db: DbExecutor): Promise<number> {
  const removed = await db.delete(newsStories).where(eq(newsStories.isDemo, true)).returning({ id: newsStories.id });
  return removed.length;
}

export async function updateStory(
  db: DbExecutor,
  id: number,
  set: Partial<Omit<typeof newsStories.$inferInsert, 'id' | 'createdAt'>>,
): Promise<void> {
  await db
    .update(newsStories)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(newsStories.id, id));
}

export async function upsertStoryTranslation(
  db: DbExecutor,
  input: { storyId: number; locale: Locale; title: string; lead: string; bodyMarkdown: string; imageAlt: string },
): Promise<void> {
  await db
    .insert(newsStoryTranslations)
    .values(input)
    .onConflictDoUpdate({
      target: [newsStoryTranslations.storyId, newsStoryTranslations.locale],
      set: {
        title: input.title,
        lead: input.lead,
        bodyMarkdown: input.bodyMarkdown,
        imageAlt: input.imageAlt,
        updatedAt: sql`now()`,
      },
    });
}

/** Replaces a story's image by these widths. */
export async function replaceStoryImages(
  db: DbExecutor,
  input: { storyId: number; images: readonly { width: number; height: number; image: Buffer }[] },
): Promise<void> {
  await db.delete(newsImages).where(eq(newsImages.storyId, input.storyId));
  if (input.images.length > 0) {
    await db.insert(newsImages).values(input.images.map((image) => ({ storyId: input.storyId, ...image })));
  }
}

export async function findStoryImage(db: DbExecutor, input: { storyId: number; width: number }) {
  const [row] = await db
    .select({ image: newsImages.image })
    .from(newsImages)
    .where(and(eq(newsImages.storyId, input.storyId), eq(newsImages.width, input.width)));
  return row?.image ?? null;
}

export async function listStoryImageWidths(db: DbExecutor, storyId: number): Promise<number[]> {
  const rows = await db
    .select({ width: newsImages.width })
    .from(newsImages)
    .where(eq(newsImages.storyId, storyId))
    .orderBy(asc(newsImages.width));
  return rows.map((row) => row.width);
}

export async function findOrganizationForStories(
  db: DbExecutor,
  slug: string,
): Promise<{ id: number; slug: string; name: string; status: string } | null> {
  const [row] = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, status: organizations.status })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  return row ?? null;
}

/** Every story that has been published once, with its source language and, per language, whether it lags behind. */
export async function listStoryTranslationStates(db: DbExecutor, locale: Locale) {
  const result = await db.execute<{
    id: number;
    slug: string;
    title: string | null;
    source: string | null;
    languages: { locale: string; outdated: boolean | null }[];
  }>(sql`
    SELECT s.id, s.slug, s.source_locale::text AS source,
      (SELECT t.title FROM news_story_translations t WHERE t.story_id = s.id
         ORDER BY t.locale = ${locale} DESC, t.locale LIMIT 1) AS title,
      COALESCE(
        (SELECT json_agg(json_build_object('locale', t.locale::text, 'outdated', t.updated_at < st.updated_at) ORDER BY t.locale)
           FROM news_story_translations t WHERE t.story_id = s.id),
        '[]'::json) AS languages
    FROM news_stories s
    LEFT JOIN news_story_translations st ON st.story_id = s.id AND st.locale = s.source_locale
    WHERE s.status <> 'declined' AND EXISTS (SELECT 1 FROM news_story_translations t WHERE t.story_id = s.id)
    ORDER BY s.slug`);
  return result.rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    source: row.source as Locale | null,
    languages: row.languages.map((language) => ({
      locale: language.locale as Locale,
      outdated: language.outdated === true,
    })),
  }));
}

/** The active organizations among these, for a representative's proposal form. */
export async function listActiveOrganizations(db: DbExecutor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(and(inArray(organizations.id, [...ids]), eq(organizations.status, 'active')))
    .orderBy(asc(organizations.name));
}

/** The slugs of the public stories, for the sitemap. */
export async function listPublicStoryPaths(db: DbExecutor, now: Date): Promise<string[]> {
  const rows = await db
    .select({ slug: newsStories.slug })
    .from(newsStories)
    .where(visibleAt(now))
    .orderBy(asc(newsStories.slug));
  return rows.map((row) => row.slug);
}
