import fs from 'node:fs';
import { z } from 'zod';
import type { DbExecutor } from '../../db/database.ts';
import { isLocale, type Locale } from '../../i18n/i18n.ts';
import {
  countDemoTranslations,
  deleteDemoTranslations,
  ensurePage,
  findPage,
  findPageTranslationsById,
  insertMissingFigures,
  upsertPageTranslation,
} from './content.repository.ts';
import { pageSlugSchema } from './content.schemas.ts';

/**
 * The site's starting texts, the Alliance's own (not demonstration content):
 * `content/pages/{key}.{locale}.md`, with a small front matter. Each file's page is named by its
 * key (`home`, `about`, `privacy`…), which is also its first slug.
 */
const PAGES_FOLDER = new URL('../../../content/pages/', import.meta.url);

const frontMatterSchema = z.object({
  title: z.string().min(1).max(200),
  summary: z.string().max(300),
});

export interface PageFile {
  slug: string;
  locale: Locale;
  title: string;
  summary: string;
  bodyMarkdown: string;
}

export function parsePageFile(input: { name: string; text: string }): PageFile {
  const nameMatch = /^(?<slug>[a-z0-9-]+)\.(?<locale>[a-z]{2})\.md$/.exec(input.name);
  const slug = pageSlugSchema.parse(nameMatch?.groups?.slug);
  const locale = nameMatch?.groups?.locale;
  if (!isLocale(locale)) throw new Error(`${input.name}: the language must be fr, en or es`);
  const match = /^---\n(?<head>[\s\S]*?)\n---\n(?<body>[\s\S]*)$/.exec(input.text.replace(/\r\n/g, '\n'));
  if (!match?.groups) throw new Error(`${input.name}: missing front matter`);
  const fields: Record<string, unknown> = {};
  for (const line of (match.groups.head ?? '').split('\n')) {
    const field = /^(?<key>\w+):\s*(?<value>".*")\s*$/.exec(line);
    if (field?.groups?.key) fields[field.groups.key] = JSON.parse(field.groups.value ?? '""');
  }
  const head = frontMatterSchema.parse(fields);
  return { slug, locale, ...head, bodyMarkdown: (match.groups.body ?? '').trim() + '\n' };
}

export function readPageFiles(): PageFile[] {
  return fs
    .readdirSync(PAGES_FOLDER)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => parsePageFile({ name, text: fs.readFileSync(new URL(name, PAGES_FOLDER), 'utf8') }));
}

/**
 * Gives the site the starting pages it does not have yet (by key), in every language, published
 * and not flagged as demonstration content. A page the Secretariat already has is never touched,
 * whatever its slug became; so this runs at every start, and new starting pages reach existing
 * sites. A page whose slug another page took is skipped.
 */
export async function ensureStartingPages(db: DbExecutor): Promise<{ written: number; kept: number }> {
  await ensureHeadlineFigures(db);
  let written = 0;
  let kept = 0;
  const created = new Map<string, number | null>();
  for (const file of readPageFiles()) {
    if (!created.has(file.slug)) {
      const exists = (await findPage(db, { key: file.slug })) ?? (await findPage(db, { slug: file.slug }));
      created.set(file.slug, exists ? null : await ensurePage(db, { slug: file.slug, key: file.slug }));
    }
    const pageId = created.get(file.slug);
    if (!pageId) {
      kept += 1;
      continue;
    }
    await upsertPageTranslation(db, {
      pageId,
      locale: file.locale,
      title: file.title,
      summary: file.summary,
      bodyMarkdown: file.bodyMarkdown,
      isDemo: false,
      revisionId: null,
      keepEditedText: true,
    });
    written += 1;
  }
  return { written, kept };
}

const FIGURES_FILE = new URL('../../../content/figures.json', import.meta.url);

const localized = z.object({ fr: z.string().min(1), en: z.string().min(1), es: z.string().min(1) });
const figuresFileSchema = z.object({
  figures: z.array(
    z.object({
      key: z.string().regex(/^[a-z0-9-]+$/),
      series: z.string().regex(/^[a-z0-9-]+$/),
      year: z.number().int().min(1900).max(2100),
      value: z.number().positive(),
      approximate: z.boolean(),
      label: localized,
      detail: localized.nullable(),
      source: z.string().min(1),
      published: z.string().regex(/^\d{4}(-\d{2})?$/),
    }),
  ),
});

export type HeadlineFigureFile = z.infer<typeof figuresFileSchema>['figures'][number];

export function readHeadlineFigures(): HeadlineFigureFile[] {
  return figuresFileSchema.parse(JSON.parse(fs.readFileSync(FIGURES_FILE, 'utf8'))).figures;
}

/** Adds the headline figures the site does not have yet; a figure already there is left as it is. */
export async function ensureHeadlineFigures(db: DbExecutor): Promise<number> {
  return insertMissingFigures(db, readHeadlineFigures());
}

export { countDemoTranslations as countContentDemo };

/**
 * Removes the page texts flagged as demonstration content; a page the platform ships a starting
 * text for gets that text back in the languages it lost, so that no page is left empty.
 */
export async function removeContentDemo(db: DbExecutor): Promise<number> {
  const removed = await deleteDemoTranslations(db);
  for (const file of readPageFiles()) {
    const page = await findPage(db, { key: file.slug });
    if (!page) continue;
    const existing = await findPageTranslationsById(db, page.id);
    if (existing.some((translation) => translation.locale === file.locale)) continue;
    await upsertPageTranslation(db, {
      pageId: page.id,
      locale: file.locale,
      title: file.title,
      summary: file.summary,
      bodyMarkdown: file.bodyMarkdown,
      isDemo: false,
      revisionId: null,
      keepEditedText: true,
    });
  }
  return removed;
}
