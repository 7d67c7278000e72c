import type { Db, DbExecutor } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { LOCALES, type Locale } from '../../../i18n/i18n.ts';
import { renderMarkdown } from '../../../ui/markdown.ts';
import type { SafeHtml } from '../../../ui/html.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { findPage, upsertPageTranslation, type PageRow } from '../content.repository.ts';
import type { PageEditForm } from '../content.schemas.ts';
import { diffLines, type DiffLine } from './editor.diff.ts';
import {
  changePageSlug,
  findLatestRevision,
  findPublishedText,
  findRevision,
  findSourceLocale,
  insertPage,
  insertRevision,
  isSlugTaken,
  listPagesWithStatus,
  listRevisions,
  listTranslationStates,
  markRevisionPublished,
  redirectOwner,
  type RevisionRow,
} from './editor.repository.ts';

export { listPagesWithStatus };

/**
 * Addresses the platform uses for itself or will (INTERFACE.md): a page cannot take them, even
 * before the module that serves them exists.
 */
const RESERVED_SLUGS = new Set([
  'home',
  'about-us',
  'admin',
  'api',
  'assets',
  'media',
  'account',
  'sign-in',
  'sign-out',
  'password',
  'partners',
  'pathfinders',
  'action-groups',
  'gcg',
  'library',
  'news',
  'events',
  'data',
  'countries',
  'glossary',
  'search',
]);

export interface PageText {
  title: string;
  summary: string;
  bodyMarkdown: string;
}

function sameText(a: PageText, b: PageText): boolean {
  return a.title === b.title && a.summary === b.summary && a.bodyMarkdown === b.bodyMarkdown;
}

function textOf(form: PageEditForm): PageText {
  return { title: form.title, summary: form.summary, bodyMarkdown: form.body };
}

export async function requirePage(db: DbExecutor, id: number): Promise<PageRow> {
  const page = await findPage(db, { id });
  if (!page) throw new AppError('not_found');
  return page;
}

/** Whether a slug is free for a page: well formed, not the platform's, not another page's (now or before). */
async function ensureSlugAvailable(
  db: DbExecutor,
  input: { slug: string; pageId: number | null; servedPaths: ReadonlySet<string> },
): Promise<void> {
  if (RESERVED_SLUGS.has(input.slug) || input.servedPaths.has(`/${input.slug}`)) {
    throw new AppError('content.slug.reserved', { field: 'slug' });
  }
  if (await isSlugTaken(db, input.slug)) throw new AppError('content.slug.taken', { field: 'slug' });
  const owner = await redirectOwner(db, input.slug);
  if (owner !== null && owner !== input.pageId) throw new AppError('content.slug.taken', { field: 'slug' });
}

/** A new page, with no text yet: the editor then writes it language by language. */
export async function createPage(input: {
  db: Db;
  slug: string;
  servedPaths: ReadonlySet<string>;
  actor: Actor;
  ip?: string;
}): Promise<number> {
  return input.db.transaction(async (tx) => {
    await ensureSlugAvailable(tx, { slug: input.slug, pageId: null, servedPaths: input.servedPaths });
    const id = await insertPage(tx, input.slug);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'content.page_created',
      entityType: 'content_page',
      entityId: input.slug,
      after: { id, slug: input.slug },
      ip: input.ip ?? null,
    });
    return id;
  });
}

/** A page's new slug; its old address redirects to the new one. The home page keeps its own. */
export async function renamePage(input: {
  db: Db;
  pageId: number;
  slug: string;
  servedPaths: ReadonlySet<string>;
  actor: Actor;
  ip?: string;
}): Promise<{ from: string; to: string }> {
  return input.db.transaction(async (tx) => {
    const page = await requirePage(tx, input.pageId);
    if (page.key === 'home') throw new AppError('content.slug.home', { field: 'slug' });
    if (page.slug === input.slug) return { from: page.slug, to: page.slug };
    await ensureSlugAvailable(tx, { slug: input.slug, pageId: page.id, servedPaths: input.servedPaths });
    await changePageSlug(tx, { pageId: page.id, from: page.slug, to: input.slug });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'content.page_slug_changed',
      entityType: 'content_page',
      entityId: input.slug,
      before: { slug: page.slug },
      after: { slug: input.slug },
      ip: input.ip ?? null,
    });
    return { from: page.slug, to: input.slug };
  });
}

/**
 * The text published before revisions were kept (a starting text, a demonstration text) becomes
 * the first revision, so that the history shows it and a restore can bring it back.
 */
async function ensureBaseRevision(tx: DbExecutor, input: { page: PageRow; locale: Locale }): Promise<void> {
  const published = await findPublishedText(tx, { pageId: input.page.id, locale: input.locale });
  if (!published || published.revisionId !== null) return;
  if (await findLatestRevision(tx, { pageId: input.page.id, locale: input.locale })) return;
  const base = await insertRevision(tx, {
    pageId: input.page.id,
    locale: input.locale,
    title: published.title,
    summary: published.summary,
    bodyMarkdown: published.bodyMarkdown,
    authorId: null,
    authorLabel: 'system',
    published: true,
  });
  await upsertPageTranslation(tx, {
    pageId: input.page.id,
    locale: input.locale,
    ...published,
    isDemo: false,
    revisionId: base.id,
    keepEditedText: false,
  });
}

async function publishRevision(tx: DbExecutor, input: { page: PageRow; revision: RevisionRow }): Promise<void> {
  await upsertPageTranslation(tx, {
    pageId: input.page.id,
    locale: input.revision.locale,
    title: input.revision.title,
    summary: input.revision.summary,
    bodyMarkdown: input.revision.bodyMarkdown,
    isDemo: false,
    revisionId: input.revision.id,
    keepEditedText: false,
  });
}

/**
 * Saves the editor's text as a new revision: a draft, or the published text. Publishing a draft
 * that has not changed publishes that revision rather than writing the same text twice.
 */
export async function saveRevision(input: {
  db: Db;
  pageId: number;
  locale: Locale;
  form: PageEditForm;
  publish: boolean;
  actor: Actor;
  ip?: string;
}): Promise<{ revisionId: number; slug: string }> {
  const text = textOf(input.form);
  return input.db.transaction(async (tx) => {
    const page = await requirePage(tx, input.pageId);
    await ensureBaseRevision(tx, { page, locale: input.locale });
    const latest = await findLatestRevision(tx, { pageId: page.id, locale: input.locale });
    const published = await findPublishedText(tx, { pageId: page.id, locale: input.locale });
    let revision: RevisionRow;
    if (latest && sameText(latest, text)) {
      revision = latest;
      if (input.publish && latest.publishedAt === null) await markRevisionPublished(tx, latest.id);
    } else {
      revision = await insertRevision(tx, {
        pageId: page.id,
        locale: input.locale,
        ...text,
        authorId: input.actor.id,
        authorLabel: input.actor.label,
        published: input.publish,
      });
    }
    if (input.publish) await publishRevision(tx, { page, revision });
    await recordAudit(tx, {
      actor: input.actor,
      action: input.publish ? 'content.page_published' : 'content.page_draft_saved',
      entityType: 'content_page',
      entityId: `${page.slug}/${input.locale}`,
      before: input.publish && published ? { title: published.title, revision: published.revisionId } : null,
      after: { title: text.title, revision: revision.id },
      ip: input.ip ?? null,
    });
    return { revisionId: revision.id, slug: page.slug };
  });
}

/** Publishes again the text of an earlier revision, as a new revision that says where it came from. */
export async function restoreRevision(input: {
  db: Db;
  pageId: number;
  locale: Locale;
  revisionId: number;
  actor: Actor;
  ip?: string;
}): Promise<{ revisionId: number }> {
  return input.db.transaction(async (tx) => {
    const page = await requirePage(tx, input.pageId);
    const source = await findRevision(tx, { id: input.revisionId, pageId: page.id, locale: input.locale });
    if (!source) throw new AppError('content.revision.notFound');
    const revision = await insertRevision(tx, {
      pageId: page.id,
      locale: input.locale,
      title: source.title,
      summary: source.summary,
      bodyMarkdown: source.bodyMarkdown,
      authorId: input.actor.id,
      authorLabel: input.actor.label,
      published: true,
      restoredFrom: source.id,
    });
    await publishRevision(tx, { page, revision });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'content.page_restored',
      entityType: 'content_page',
      entityId: `${page.slug}/${input.locale}`,
      after: { title: source.title, revision: revision.id, restoredFrom: source.id },
      ip: input.ip ?? null,
    });
    return { revisionId: revision.id };
  });
}

export interface LanguageStatus {
  locale: Locale;
  published: { title: string; updatedAt: Date } | null;
  draft: { title: string; createdAt: Date; authorLabel: string } | null;
  /** The page's source language when this language's text is older than it (to be brought up to date). */
  behind: Locale | null;
}

/** A page's overview: its slug and, per language, what is published and what waits as a draft. */
export async function getPageOverview(db: Db, pageId: number): Promise<{ page: PageRow; languages: LanguageStatus[] }> {
  const page = await requirePage(db, pageId);
  const [source, states] = await Promise.all([
    findSourceLocale(db, pageId),
    Promise.all(
      LOCALES.map(async (locale) => {
        const [published, latest] = await Promise.all([
          findPublishedText(db, { pageId, locale }),
          findLatestRevision(db, { pageId, locale }),
        ]);
        return { locale, published, latest };
      }),
    ),
  ]);
  const sourceDate = states.find((state) => state.locale === source)?.published?.updatedAt ?? null;
  const languages = states.map(
    ({ locale, published, latest }): LanguageStatus => ({
      locale,
      published: published ? { title: published.title, updatedAt: published.updatedAt } : null,
      draft:
        latest && latest.publishedAt === null
          ? { title: latest.title, createdAt: latest.createdAt, authorLabel: latest.authorLabel }
          : null,
      behind: source && sourceDate && published && published.updatedAt < sourceDate ? source : null,
    }),
  );
  return { page, languages };
}

export interface TranslationGap {
  id: number;
  title: string;
  slug: string;
  key: string | null;
  /** The language the page was first written in, when known. */
  source: Locale | null;
}

/** Per language: the pages with no text in it, and those whose text is older than their source's. */
export interface TranslationStatus {
  locale: Locale;
  missing: TranslationGap[];
  behind: TranslationGap[];
}

/** What each language lacks, for the editors' list of translations to write or bring up to date. */
export async function getTranslationStatus(db: Db, readerLocale: Locale): Promise<TranslationStatus[]> {
  const pages = await listTranslationStates(db, readerLocale);
  return LOCALES.map((locale) => {
    const status: TranslationStatus = { locale, missing: [], behind: [] };
    for (const page of pages) {
      const gap = { id: page.id, title: page.title ?? page.slug, slug: page.slug, key: page.key, source: page.source };
      const language = page.languages.find((candidate) => candidate.locale === locale);
      if (!language) status.missing.push(gap);
      else if (language.outdated) status.behind.push(gap);
    }
    return status;
  });
}

/** What the editor opens with: the draft if there is one, else the published text, else nothing. */
export async function getEditorText(
  db: Db,
  input: { pageId: number; locale: Locale },
): Promise<{ page: PageRow; text: PageText | null; isDraft: boolean; isPublished: boolean }> {
  const page = await requirePage(db, input.pageId);
  const [latest, published] = await Promise.all([findLatestRevision(db, input), findPublishedText(db, input)]);
  const isDraft = latest !== null && latest.publishedAt === null;
  const text = isDraft ? latest : (published ?? null);
  return {
    page,
    text: text ? { title: text.title, summary: text.summary, bodyMarkdown: text.bodyMarkdown } : null,
    isDraft,
    isPublished: published !== null,
  };
}

/** The preview of a text as visitors would read it. */
export function previewText(form: PageEditForm): { title: string; summary: string; body: SafeHtml } {
  return { title: form.title, summary: form.summary, body: renderMarkdown(form.body) };
}

export interface HistoryEntry {
  revision: RevisionRow;
  /** Whether visitors read this revision now. */
  isCurrent: boolean;
  /** The changes from the revision before it (none for the first). */
  changes: { title: [string, string] | null; summary: [string, string] | null; body: DiffLine[] } | null;
}

/** A page's revisions in one language, newest first, each with what it changed. */
export async function getHistory(
  db: Db,
  input: { pageId: number; locale: Locale },
): Promise<{ page: PageRow; entries: HistoryEntry[] }> {
  const page = await requirePage(db, input.pageId);
  const [revisions, published] = await Promise.all([listRevisions(db, input), findPublishedText(db, input)]);
  const entries = revisions.map((revision, index): HistoryEntry => {
    const before = revisions[index - 1];
    return {
      revision,
      isCurrent: published?.revisionId === revision.id,
      changes: before
        ? {
            title: before.title === revision.title ? null : [before.title, revision.title],
            summary: before.summary === revision.summary ? null : [before.summary, revision.summary],
            body: diffLines(before.bodyMarkdown, revision.bodyMarkdown),
          }
        : null,
    };
  });
  return { page, entries: entries.reverse() };
}
