import type { Db } from '../../db/database.ts';
import { LOCALES, type Locale } from '../../i18n/i18n.ts';
import { renderMarkdown } from '../../ui/markdown.ts';
import type { SafeHtml } from '../../ui/html.ts';
import type { Actor } from '../audit/index.ts';
import {
  ensurePage,
  findPage,
  findPageTranslationsById,
  findRedirectTarget,
  listFigures,
  type FigureRow,
  type PageRow,
} from './content.repository.ts';
import { pageTextSchema, type PageTextInput } from './content.schemas.ts';
import { saveRevision } from './editor/editor.usecases.ts';

/** The tables a content page is read from: the page cache drops pages when they change. */
export const CONTENT_TABLES = ['content_pages', 'content_page_translations', 'content_slug_redirects'] as const;

/** The tables of the home page's headline figures. */
export const FIGURE_TABLES = ['content_figures'] as const;

export interface PageForReader {
  title: string;
  summary: string;
  body: SafeHtml;
  isDemo: boolean;
  updatedAt: Date;
  /** The language the text is in: the requested one, or a fallback when it has no translation. */
  locale: Locale;
  isFallback: boolean;
  /** The languages the page is published in. */
  locales: Locale[];
}

async function readPage(input: { db: Db; page: PageRow | null; locale: Locale; defaultLocale: Locale }) {
  if (!input.page) return null;
  const translations = await findPageTranslationsById(input.db, input.page.id);
  const order = [input.locale, input.defaultLocale, ...LOCALES];
  for (const locale of order) {
    const found = translations.find((translation) => translation.locale === locale);
    if (!found) continue;
    return {
      title: found.title,
      summary: found.summary,
      body: renderMarkdown(found.bodyMarkdown),
      isDemo: found.isDemo,
      updatedAt: found.updatedAt,
      locale,
      isFallback: locale !== input.locale,
      locales: LOCALES.filter((candidate) => translations.some((translation) => translation.locale === candidate)),
    };
  }
  return null;
}

/**
 * The page's text in the reader's language, or in the default language (then any other)
 * with `isFallback` set so that the page can say so. A page is named by its slug, or, for the
 * pages the platform links to itself (`home`, the footer's), by its key.
 */
export async function getPageForReader(input: {
  db: Db;
  slug?: string;
  key?: string;
  locale: Locale;
  defaultLocale: Locale;
}): Promise<PageForReader | null> {
  const page = input.key
    ? await findPage(input.db, { key: input.key })
    : input.slug
      ? await findPage(input.db, { slug: input.slug })
      : null;
  // The home page is read at the site's root, not at its slug.
  if (!input.key && page?.key === 'home') return null;
  return readPage({ db: input.db, page, locale: input.locale, defaultLocale: input.defaultLocale });
}

/** Where a former slug leads now (null when it never was one). */
export async function findMovedPage(db: Db, slug: string): Promise<string | null> {
  return findRedirectTarget(db, slug);
}

/**
 * Publishes a text for a page named by its slug, creating the page if needed: what tests and the
 * command line use; editors go through the back office's editor, which keeps drafts too.
 */
export async function updatePageText(input: { db: Db; text: PageTextInput; actor: Actor }): Promise<void> {
  const text = pageTextSchema.parse(input.text);
  const pageId = await ensurePage(input.db, { slug: text.slug, key: text.slug === 'home' ? 'home' : null });
  await saveRevision({
    db: input.db,
    pageId,
    locale: text.locale,
    form: { intent: 'publish', title: text.title, summary: text.summary, body: text.bodyMarkdown },
    publish: true,
    actor: input.actor,
  });
}

/** A series of headline figures as the home page shows it: the latest, and the one before it. */
export interface HeadlineFigure {
  latest: FigureRow;
  previous: FigureRow | null;
}

export async function getHeadlineFigures(db: Db): Promise<HeadlineFigure[]> {
  const rows = await listFigures(db);
  const bySeries = new Map<string, FigureRow[]>();
  for (const row of rows) bySeries.set(row.series, [...(bySeries.get(row.series) ?? []), row]);
  return [...bySeries.values()].map((series) => ({ latest: series[0]!, previous: series[1] ?? null }));
}

/** The deadlines target 8.7 sets: child labour by 2025, forced labour, modern slavery and trafficking by 2030. */
export const TARGET_DEADLINES = [
  { key: 'home.deadlineChildLabour', year: 2025 },
  { key: 'home.deadlineForcedLabour', year: 2030 },
] as const;
