import {
  boolean,
  char,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * Pages of the public site (home, about, the footer's pages, any page the Secretariat adds). A
 * page has one slug, its address in every language; `key` names the pages the platform itself
 * links to (the home page, the footer's pages), whatever their slug becomes.
 */
export const contentPages = pgTable('content_pages', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  key: text('key').unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The published text of a page in one language: what visitors read. */
export const contentPageTranslations = pgTable(
  'content_page_translations',
  {
    pageId: integer('page_id')
      .notNull()
      .references(() => contentPages.id, { onDelete: 'cascade' }),
    locale: char('locale', { length: 2 }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    bodyMarkdown: text('body_markdown').notNull().default(''),
    /** Written to show the platform, not by the Alliance: flagged on the site until edited. */
    isDemo: boolean('is_demo').notNull().default(false),
    /** The revision this text was published from (none for texts loaded from files). */
    revisionId: integer('revision_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.pageId, table.locale] })],
);

/**
 * Every version of a page's text in one language that an editor saved, published or not: the
 * history, its differences and what a restore brings back. A revision newer than the published
 * one is the draft.
 */
export const contentPageRevisions = pgTable(
  'content_page_revisions',
  {
    id: serial('id').primaryKey(),
    pageId: integer('page_id')
      .notNull()
      .references(() => contentPages.id, { onDelete: 'cascade' }),
    locale: char('locale', { length: 2 }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    bodyMarkdown: text('body_markdown').notNull().default(''),
    authorId: integer('author_id'),
    authorLabel: text('author_label').notNull(),
    /** When this revision became the published text (null: saved as a draft). */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The revision whose text this one brought back, when it is a restore. */
    restoredFrom: integer('restored_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('content_page_revisions_page_locale').on(table.pageId, table.locale, table.id)],
);

/** A page's former slugs: their addresses answer with a permanent redirect to the current one. */
export const contentSlugRedirects = pgTable('content_slug_redirects', {
  oldSlug: text('old_slug').primaryKey(),
  pageId: integer('page_id')
    .notNull()
    .references(() => contentPages.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The public site's main menu, as the Secretariat arranged it (empty: the platform's default). */
export const contentMenuItems = pgTable('content_menu_items', {
  id: serial('id').primaryKey(),
  position: integer('position').notNull(),
  /** A path without the locale: `/`, `/partners`, `/privacy`. */
  path: text('path').notNull(),
  labelFr: text('label_fr').notNull(),
  labelEn: text('label_en').notNull(),
  labelEs: text('label_es').notNull(),
});

/**
 * The headline figures the home page opens with: the scale of the problem, each with its source,
 * its year and when the source was published. The latest figure of each series is shown, with the
 * one before it for comparison.
 */
export const contentFigures = pgTable('content_figures', {
  key: text('key').primaryKey(),
  series: text('series').notNull(),
  year: integer('year').notNull(),
  value: doublePrecision('value').notNull(),
  approximate: boolean('approximate').notNull().default(false),
  /** `{ fr, en, es }`: what is counted. */
  label: jsonb('label').$type<Record<string, string>>().notNull(),
  /** `{ fr, en, es }`: the breakdown, as the source gives it (or null). */
  detail: jsonb('detail').$type<Record<string, string> | null>(),
  source: text('source').notNull(),
  /** When the source was published, as precisely as it says (`2025-06`, `2017`). */
  published: text('published').notNull(),
});
