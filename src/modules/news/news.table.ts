import {
  boolean,
  char,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { organizations } from '../partners/index.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * - draft: written by the Secretariat, not public;
 * - submitted: proposed by a partner, waiting for the Secretariat's review;
 * - published: public from `publish_at` on (a future date is a scheduled publication);
 * - declined: a partner's proposal the Secretariat did not publish, with its reason.
 */
export const STORY_STATUSES = ['draft', 'submitted', 'published', 'declined'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

/** A news story: one slug (its address in every language), its tags, countries and publication. */
export const newsStories = pgTable(
  'news_stories',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    status: text('status', { enum: STORY_STATUSES }).notNull().default('draft'),
    /** When the story becomes public (set by publishing; in the future: scheduled). */
    publishAt: timestamp('publish_at', { withTimezone: true }),
    tags: text('tags').array().notNull().default([]),
    /** ISO 3166-1 alpha-3 codes of the countries the story is about. */
    countries: text('countries').array().notNull().default([]),
    /** The language the story was first written in: its other languages are translations of it. */
    sourceLocale: char('source_locale', { length: 2 }),
    /** The partner that proposed the story (null: written by the Secretariat). */
    organizationId: integer('organization_id').references(() => organizations.id),
    /** Who proposed it, and the language to write to them in. */
    submittedBy: integer('submitted_by'),
    submitterEmail: text('submitter_email'),
    submitterLocale: char('submitter_locale', { length: 2 }),
    declineReason: text('decline_reason'),
    /** The image's version (a hash of what the platform made), part of its address; null: none. */
    imageVersion: text('image_version'),
    imageWidth: integer('image_width'),
    imageHeight: integer('image_height'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('news_stories_status_publish_at').on(table.status, table.publishAt)],
);

/** A story's text in one language. */
export const newsStoryTranslations = pgTable(
  'news_story_translations',
  {
    storyId: integer('story_id')
      .notNull()
      .references(() => newsStories.id, { onDelete: 'cascade' }),
    locale: char('locale', { length: 2 }).notNull(),
    title: text('title').notNull(),
    lead: text('lead').notNull().default(''),
    bodyMarkdown: text('body_markdown').notNull().default(''),
    /** What the image shows, for those who cannot see it (required when the story has an image). */
    imageAlt: text('image_alt').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.storyId, table.locale] })],
);

/** The story's image at each width the platform made (WebP), for a responsive `srcset`. */
export const newsImages = pgTable(
  'news_images',
  {
    storyId: integer('story_id')
      .notNull()
      .references(() => newsStories.id, { onDelete: 'cascade' }),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    image: bytea('image').notNull(),
  },
  (table) => [primaryKey({ columns: [table.storyId, table.width] })],
);

/** The tables the public news pages are read from: the page cache drops them when these change. */
export const NEWS_TABLES = ['news_stories', 'news_story_translations'] as const;
