import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import type { Locale } from '../../../i18n/i18n.ts';
import { contentPageRevisions, contentPages, contentPageTranslations, contentSlugRedirects } from '../content.table.ts';

export interface RevisionRow {
  id: number;
  pageId: number;
  locale: Locale;
  title: string;
  summary: string;
  bodyMarkdown: string;
  authorLabel: string;
  publishedAt: Date | null;
  restoredFrom: number | null;
  createdAt: Date;
}

const revisionColumns = {
  id: contentPageRevisions.id,
  pageId: contentPageRevisions.pageId,
  locale: contentPageRevisions.locale,
  title: contentPageRevisions.title,
  summary: contentPageRevisions.summary,
  bodyMarkdown: contentPageRevisions.bodyMarkdown,
  authorLabel: contentPageRevisions.authorLabel,
  publishedAt: contentPageRevisions.publishedAt,
  restoredFrom: contentPageRevisions.restoredFrom,
  createdAt: contentPageRevisions.createdAt,
};

function asRevision(row: Omit<RevisionRow, 'locale'> & { locale: string }): RevisionRow {
  return { ...row, locale: row.locale as Locale };
}

/**
 * Every page with its title (in `locale` when it has one) and, per language, whether it is
 * published and whether a draft waits.
 */
export async function listPagesWithStatus(db: DbExecutor, locale: Locale): Promise<
  {
    id: number;
    slug: string;
    key: string | null;
    title: string | null;
    published: string[];
    drafts: string[];
  }[]
> {
  const result = await db.execute<{
    id: number;
    slug: string;
    key: string | null;
    title: string | null;
    published: string[] | null;
    drafts: string[] | null;
  }>(sql`
    SELECT p.id, p.slug, p.key,
      (SELECT t.title FROM content_page_translations t WHERE t.page_id = p.id
         ORDER BY t.locale = ${locale} DESC, t.locale LIMIT 1) AS title,
      ARRAY(SELECT t.locale::text FROM content_page_translations t WHERE t.page_id = p.id ORDER BY t.locale) AS published,
      ARRAY(SELECT DISTINCT ON (r.locale) r.locale::text FROM content_page_revisions r WHERE r.page_id = p.id
              AND r.published_at IS NULL
              AND r.id = (SELECT max(r2.id) FROM content_page_revisions r2 WHERE r2.page_id = p.id AND r2.locale = r.locale)
            ORDER BY r.locale) AS drafts
    FROM content_pages p
    ORDER BY p.key = 'home' DESC NULLS LAST, p.slug`);
  return result.rows.map((row) => ({
    ...row,
    id: row.id,
    published: row.published ?? [],
    drafts: row.drafts ?? [],
  }));
}

export async function findLatestRevision(
  db: DbExecutor,
  input: { pageId: number; locale: Locale },
): Promise<RevisionRow | null> {
  const [row] = await db
    .select(revisionColumns)
    .from(contentPageRevisions)
    .where(and(eq(contentPageRevisions.pageId, input.pageId), eq(contentPageRevisions.locale, input.locale)))
    .orderBy(desc(contentPageRevisions.id))
    .limit(1);
  return row ? asRevision(row) : null;
}

export async function findRevision(
  db: DbExecutor,
  input: { id: number; pageId: number; locale: Locale },
): Promise<RevisionRow | null> {
  const [row] = await db
    .select(revisionColumns)
    .from(contentPageRevisions)
    .where(
      and(
        eq(contentPageRevisions.id, input.id),
        eq(contentPageRevisions.pageId, input.pageId),
        eq(contentPageRevisions.locale, input.locale),
      ),
    );
  return row ? asRevision(row) : null;
}

/** A page's revisions in one language, oldest first. */
export async function listRevisions(db: DbExecutor, input: { pageId: number; locale: Locale }): Promise<RevisionRow[]> {
  const rows = await db
    .select(revisionColumns)
    .from(contentPageRevisions)
    .where(and(eq(contentPageRevisions.pageId, input.pageId), eq(contentPageRevisions.locale, input.locale)))
    .orderBy(asc(contentPageRevisions.id));
  return rows.map(asRevision);
}

export async function insertRevision(
  db: DbExecutor,
  input: {
    pageId: number;
    locale: Locale;
    title: string;
    summary: string;
    bodyMarkdown: string;
    authorId: number | null;
    authorLabel: string;
    published: boolean;
    restoredFrom?: number | null;
  },
): Promise<RevisionRow> {
  const [row] = await db
    .insert(contentPageRevisions)
    .values({
      pageId: input.pageId,
      locale: input.locale,
      title: input.title,
      summary: input.summary,
      bodyMarkdown: input.bodyMarkdown,
      authorId: input.authorId,
      authorLabel: input.authorLabel,
      publishedAt: input.published ? sql`now()` : null,
      restoredFrom: input.restoredFrom ?? null,
    })
    .returning(revisionColumns);
  if (!row) throw new Error('Could not save the revision');
  return asRevision(row);
}

export async function markRevisionPublished(db: DbExecutor, id: number): Promise<void> {
  await db
    .update(contentPageRevisions)
    .set({ publishedAt: sql`now()` })
    .where(eq(contentPageRevisions.id, id));
}

export async function isSlugTaken(db: DbExecutor, slug: string): Promise<boolean> {
  const result = await db.execute<{ taken: boolean }>(
    sql`SELECT EXISTS (SELECT 1 FROM ${contentPages} WHERE slug = ${slug}) AS taken`,
  );
  return Boolean(result.rows[0]?.taken);
}

export async function insertPage(db: DbExecutor, slug: string): Promise<number> {
  const [row] = await db.insert(contentPages).values({ slug }).returning({ id: contentPages.id });
  if (!row) throw new Error('Could not create the page');
  return row.id;
}

/**
 * Gives a page its new slug; its old one (and any slug that pointed at it) now redirects to it.
 * A slug the page had before and takes again stops being a redirect.
 */
export async function changePageSlug(db: DbExecutor, input: { pageId: number; from: string; to: string }) {
  await db.delete(contentSlugRedirects).where(eq(contentSlugRedirects.oldSlug, input.to));
  await db
    .insert(contentSlugRedirects)
    .values({ oldSlug: input.from, pageId: input.pageId })
    .onConflictDoUpdate({ target: contentSlugRedirects.oldSlug, set: { pageId: input.pageId } });
  await db.update(contentPages).set({ slug: input.to }).where(eq(contentPages.id, input.pageId));
}

/** Whether a slug is an old address of another page (so taking it would break that redirect). */
export async function redirectOwner(db: DbExecutor, slug: string): Promise<number | null> {
  const [row] = await db
    .select({ pageId: contentSlugRedirects.pageId })
    .from(contentSlugRedirects)
    .where(eq(contentSlugRedirects.oldSlug, slug));
  return row?.pageId ?? null;
}

/** The published text of a page in one language (to know whether a draft differs from it). */
export async function findPublishedText(db: DbExecutor, input: { pageId: number; locale: Locale }) {
  const [row] = await db
    .select({
      title: contentPageTranslations.title,
      summary: contentPageTranslations.summary,
      bodyMarkdown: contentPageTranslations.bodyMarkdown,
      revisionId: contentPageTranslations.revisionId,
      updatedAt: contentPageTranslations.updatedAt,
    })
    .from(contentPageTranslations)
    .where(and(eq(contentPageTranslations.pageId, input.pageId), eq(contentPageTranslations.locale, input.locale)));
  return row ?? null;
}

/**
 * A page's source language: the language of its first text published from the editor (null for a
 * page whose texts all came from files and were never edited).
 */
export async function findSourceLocale(db: DbExecutor, pageId: number): Promise<Locale | null> {
  const [row] = await db
    .select({ locale: contentPageRevisions.locale })
    .from(contentPageRevisions)
    .where(and(eq(contentPageRevisions.pageId, pageId), sql`${contentPageRevisions.publishedAt} IS NOT NULL`))
    .orderBy(asc(contentPageRevisions.id))
    .limit(1);
  return (row?.locale as Locale | undefined) ?? null;
}

export interface TranslationStateRow {
  id: number;
  slug: string;
  key: string | null;
  title: string | null;
  source: Locale | null;
  /** Each published language, and whether its text is older than the source language's. */
  languages: { locale: Locale; outdated: boolean }[];
}

/** Every page with its source language and, per published language, whether it lags behind it. */
export async function listTranslationStates(db: DbExecutor, locale: Locale): Promise<TranslationStateRow[]> {
  const result = await db.execute<{
    id: number;
    slug: string;
    key: string | null;
    title: string | null;
    source: string | null;
    languages: { locale: string; outdated: boolean | null }[];
  }>(sql`
    WITH source AS (
      SELECT DISTINCT ON (r.page_id) r.page_id, r.locale
      FROM content_page_revisions r
      WHERE r.published_at IS NOT NULL
      ORDER BY r.page_id, r.id
    )
    SELECT p.id, p.slug, p.key, s.locale::text AS source,
      (SELECT t.title FROM content_page_translations t WHERE t.page_id = p.id
         ORDER BY t.locale = ${locale} DESC, t.locale LIMIT 1) AS title,
      COALESCE(
        (SELECT json_agg(json_build_object('locale', t.locale::text, 'outdated', t.updated_at < st.updated_at) ORDER BY t.locale)
           FROM content_page_translations t WHERE t.page_id = p.id),
        '[]'::json) AS languages
    FROM content_pages p
    LEFT JOIN source s ON s.page_id = p.id
    LEFT JOIN content_page_translations st ON st.page_id = p.id AND st.locale = s.locale
    ORDER BY p.key = 'home' DESC NULLS LAST, p.slug`);
  return result.rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    key: row.key,
    title: row.title,
    source: row.source as Locale | null,
    languages: row.languages.map((language) => ({ locale: language.locale as Locale, outdated: language.outdated === true })),
  }));
}
