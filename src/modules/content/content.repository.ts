import { eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/database.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { contentFigures, contentPages, contentPageTranslations, contentSlugRedirects } from './content.table.ts';

export interface PageTranslationRow {
  locale: Locale;
  title: string;
  summary: string;
  bodyMarkdown: string;
  isDemo: boolean;
  revisionId: number | null;
  updatedAt: Date;
}

export interface PageRow {
  id: number;
  slug: string;
  key: string | null;
}

const translationColumns = {
  locale: contentPageTranslations.locale,
  title: contentPageTranslations.title,
  summary: contentPageTranslations.summary,
  bodyMarkdown: contentPageTranslations.bodyMarkdown,
  isDemo: contentPageTranslations.isDemo,
  revisionId: contentPageTranslations.revisionId,
  updatedAt: contentPageTranslations.updatedAt,
};

/** The published texts of a page, named by its id. */
export async function findPageTranslationsById(db: DbExecutor, pageId: number): Promise<PageTranslationRow[]> {
  const rows = await db
    .select(translationColumns)
    .from(contentPageTranslations)
    .where(eq(contentPageTranslations.pageId, pageId));
  return rows.map((row) => ({ ...row, locale: row.locale as Locale }));
}

/** One page, named by its slug, its key or its id. */
export async function findPage(
  db: DbExecutor,
  by: { slug: string } | { key: string } | { id: number },
): Promise<PageRow | null> {
  const condition =
    'slug' in by ? eq(contentPages.slug, by.slug) : 'key' in by ? eq(contentPages.key, by.key) : eq(contentPages.id, by.id);
  const [row] = await db
    .select({ id: contentPages.id, slug: contentPages.slug, key: contentPages.key })
    .from(contentPages)
    .where(condition);
  return row ?? null;
}

/** The current slug of the page that once had `oldSlug`, if any. */
export async function findRedirectTarget(db: DbExecutor, oldSlug: string): Promise<string | null> {
  const [row] = await db
    .select({ slug: contentPages.slug })
    .from(contentSlugRedirects)
    .innerJoin(contentPages, eq(contentPages.id, contentSlugRedirects.pageId))
    .where(eq(contentSlugRedirects.oldSlug, oldSlug));
  return row?.slug ?? null;
}

/** The slugs and keys of pages that have a published text in at least one language. */
export async function listPublishedPages(db: DbExecutor): Promise<{ slug: string; key: string | null }[]> {
  return db
    .selectDistinct({ slug: contentPages.slug, key: contentPages.key })
    .from(contentPages)
    .innerJoin(contentPageTranslations, eq(contentPageTranslations.pageId, contentPages.id))
    .orderBy(contentPages.slug);
}

/** Returns the page's id, creating the page if needed (with its key, for the platform's own pages). */
export async function ensurePage(db: DbExecutor, input: { slug: string; key?: string | null }): Promise<number> {
  const [row] = await db
    .insert(contentPages)
    .values({ slug: input.slug, key: input.key ?? null })
    .onConflictDoUpdate({ target: contentPages.slug, set: { slug: input.slug } })
    .returning({ id: contentPages.id });
  if (!row) throw new Error(`Could not create page ${input.slug}`);
  return row.id;
}

export async function upsertPageTranslation(
  db: DbExecutor,
  input: {
    pageId: number;
    locale: Locale;
    title: string;
    summary: string;
    bodyMarkdown: string;
    isDemo: boolean;
    revisionId: number | null;
    /** When true, an existing text that an editor wrote (not demo) is left as it is. */
    keepEditedText: boolean;
  },
): Promise<boolean> {
  const values = {
    pageId: input.pageId,
    locale: input.locale,
    title: input.title,
    summary: input.summary,
    bodyMarkdown: input.bodyMarkdown,
    isDemo: input.isDemo,
    revisionId: input.revisionId,
    updatedAt: new Date(),
  };
  const result = await db
    .insert(contentPageTranslations)
    .values(values)
    .onConflictDoUpdate({
      target: [contentPageTranslations.pageId, contentPageTranslations.locale],
      set: {
        title: values.title,
        summary: values.summary,
        bodyMarkdown: values.bodyMarkdown,
        isDemo: values.isDemo,
        revisionId: values.revisionId,
        updatedAt: sql`now()`,
      },
      ...(input.keepEditedText ? { setWhere: eq(contentPageTranslations.isDemo, true) } : {}),
    })
    .returning({ pageId: contentPageTranslations.pageId });
  return result.length > 0;
}

export interface FigureRow {
  key: string;
  series: string;
  year: number;
  value: number;
  approximate: boolean;
  label: Record<string, string>;
  detail: Record<string, string> | null;
  source: string;
  published: string;
}

/** Every headline figure, each series' latest first. */
export async function listFigures(db: DbExecutor): Promise<FigureRow[]> {
  return db.select().from(contentFigures).orderBy(contentFigures.series, sql`${contentFigures.year} DESC`);
}

export async function insertMissingFigures(db: DbExecutor, figures: readonly FigureRow[]): Promise<number> {
  if (figures.length === 0) return 0;
  const inserted = await db
    .insert(contentFigures)
    .values([...figures])
    .onConflictDoNothing()
    .returning({ key: contentFigures.key });
  return inserted.length;
}

export async function countDemoTranslations(db: DbExecutor): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(contentPageTranslations)
    .where(eq(contentPageTranslations.isDemo, true));
  return row?.count ?? 0;
}

export async function deleteDemoTranslations(db: DbExecutor): Promise<number> {
  const deleted = await db
    .delete(contentPageTranslations)
    .where(eq(contentPageTranslations.isDemo, true))
    .returning({ pageId: contentPageTranslations.pageId });
  return deleted.length;
}
