import { and, eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/database.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { contentPages, contentPageTranslations } from './content.table.ts';

export interface PageTranslationRow {
  locale: Locale;
  title: string;
  summary: string;
  bodyMarkdown: string;
  isDemo: boolean;
  updatedAt: Date;
}

export async function findPageTranslations(db: DbExecutor, slug: string): Promise<PageTranslationRow[]> {
  const rows = await db
    .select({
      locale: contentPageTranslations.locale,
      title: contentPageTranslations.title,
      summary: contentPageTranslations.summary,
      bodyMarkdown: contentPageTranslations.bodyMarkdown,
      isDemo: contentPageTranslations.isDemo,
      updatedAt: contentPageTranslations.updatedAt,
    })
    .from(contentPageTranslations)
    .innerJoin(contentPages, eq(contentPages.id, contentPageTranslations.pageId))
    .where(eq(contentPages.slug, slug));
  return rows.map((row) => ({ ...row, locale: row.locale as Locale }));
}

/** Returns the page's id, creating the page if needed. */
export async function ensurePage(db: DbExecutor, slug: string): Promise<number> {
  const [row] = await db
    .insert(contentPages)
    .values({ slug })
    .onConflictDoUpdate({ target: contentPages.slug, set: { slug } })
    .returning({ id: contentPages.id });
  if (!row) throw new Error(`Could not create page ${slug}`);
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
        updatedAt: sql`now()`,
      },
      ...(input.keepEditedText ? { setWhere: eq(contentPageTranslations.isDemo, true) } : {}),
    })
    .returning({ pageId: contentPageTranslations.pageId });
  return result.length > 0;
}

export async function deletePageTranslation(db: DbExecutor, input: { pageId: number; locale: Locale }) {
  await db
    .delete(contentPageTranslations)
    .where(and(eq(contentPageTranslations.pageId, input.pageId), eq(contentPageTranslations.locale, input.locale)));
}
