import type { Db } from '../../db/database.ts';
import { LOCALES, type Locale } from '../../i18n/i18n.ts';
import { renderMarkdown } from '../../ui/markdown.ts';
import type { SafeHtml } from '../../ui/html.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { ensurePage, findPageTranslations, upsertPageTranslation } from './content.repository.ts';
import { pageTextSchema, type PageTextInput } from './content.schemas.ts';

/** The tables a content page is read from: the page cache drops pages when they change. */
export const CONTENT_TABLES = ['content_pages', 'content_page_translations'] as const;

export interface PageForReader {
  title: string;
  summary: string;
  body: SafeHtml;
  isDemo: boolean;
  updatedAt: Date;
  /** The language the text is in: the requested one, or a fallback when it has no translation. */
  locale: Locale;
  isFallback: boolean;
}

/**
 * The page's text in the reader's language, or in the default language (then any other)
 * with `isFallback` set so that the page can say so.
 */
export async function getPageForReader(input: {
  db: Db;
  slug: string;
  locale: Locale;
  defaultLocale: Locale;
}): Promise<PageForReader | null> {
  const translations = await findPageTranslations(input.db, input.slug);
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
    };
  }
  return null;
}

/** An editor's new text for a page: it replaces the text in that language and is no longer demo. */
export async function updatePageText(input: { db: Db; text: PageTextInput; actor: Actor }): Promise<void> {
  const text = pageTextSchema.parse(input.text);
  await input.db.transaction(async (tx) => {
    const pageId = await ensurePage(tx, text.slug);
    const before = (await findPageTranslations(tx, text.slug)).find((translation) => translation.locale === text.locale);
    await upsertPageTranslation(tx, {
      pageId,
      locale: text.locale,
      title: text.title,
      summary: text.summary,
      bodyMarkdown: text.bodyMarkdown,
      isDemo: false,
      keepEditedText: false,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'content.page_text_updated',
      entityType: 'content_page',
      entityId: `${text.slug}/${text.locale}`,
      before: before ? { title: before.title, summary: before.summary, bodyMarkdown: before.bodyMarkdown } : null,
      after: { title: text.title, summary: text.summary, bodyMarkdown: text.bodyMarkdown },
    });
  });
}
