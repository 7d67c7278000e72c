import type { PgTable } from 'drizzle-orm/pg-core';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config/config.ts';
import type { DbExecutor } from '../db/database.ts';
import type { Locale, MessageKey } from '../i18n/i18n.ts';
import type { ApiRegistry } from './api.ts';
import type { Csrf } from './csrf.ts';
import type { PublicPageDeps } from './public-surface.ts';
import type { Viewer } from './viewer.ts';

/**
 * What the server gives every module it mounts: the database, the configuration, the page cache
 * and the site (what public pages need), the CSRF tokens, the stylesheet and the icon (what
 * back-office screens need), a logger.
 */
export interface ServerContext extends PublicPageDeps {
  config: Config;
  log: FastifyBaseLogger;
  csrf: Csrf;
  stylesheetUrl: string;
  iconUrl: string;
  /** The fingerprinted address of a script of ui/assets (`upload-progress.js`): scripts only enhance. */
  scriptUrl(name: `${string}.js`): string;
}

/** One line of the back office home: how many things wait for this person, and where. */
export interface QueueEntry {
  key: MessageKey;
  count: number;
  href: string;
}

/** A module's queue for a viewer (null when it has none for them). */
export type QueueProvider = (viewer: Viewer) => Promise<QueueEntry | null>;

/** A value `/metrics` reads when it is collected (name without the `alliance87_` prefix). */
export interface Gauge {
  name: string;
  help: string;
  value: () => number;
}

/** One item of a module's translation status: the languages it lacks and those behind its source. */
export interface TranslationItem {
  title: string;
  /** Where visitors read it (without the locale). */
  detail: string;
  /** Where editors write it in a language. */
  href: (locale: Locale) => string;
  /** The language it was first written in, when known. */
  source: Locale | null;
  missing: Locale[];
  behind: Locale[];
}

/** A module's items on the editors' translation status (`/admin/translations`), under its heading. */
export interface TranslationContribution {
  heading: MessageKey;
  /** How many lack a text, and how many are behind their source (ICU plurals of `count`). */
  missing: MessageKey;
  behind: MessageKey;
  items: TranslationItem[];
}

export type TranslationProvider = (readerLocale: Locale) => Promise<TranslationContribution>;

/** What a mounted module adds to the server; every part is optional. */
export interface MountedModule {
  /** Public pages, registered on the `/{locale}` surface (paths without the locale). */
  pages?(surface: FastifyInstance): void;
  /** Back-office screens under `/admin/`. */
  admin?(app: FastifyInstance): void;
  /** JSON API routes under `/api/v1/`. */
  api?(api: ApiRegistry): void;
  /** Routes outside the three surfaces (`/media/…`). */
  routes?(app: FastifyInstance): void;
  /** Public pages with a parameter that the sitemap lists (paths without the locale: `/countries/NPL`). */
  sitemap?(): Promise<readonly string[]>;
  /** What waits for someone in the back office, shown on its home. */
  queues?: readonly QueueProvider[];
  gauges?: readonly Gauge[];
  /** What editors must translate or bring up to date, listed with the pages' on `/admin/translations`. */
  translations?: TranslationProvider;
  /**
   * A table changed, by anyone (the change feed): drop what was computed from it. Without a
   * table, anything may have changed (the feed reconnected).
   */
  invalidate?(table?: string): void;
  /**
   * Starts background work once the server is built. The server answers its first request only
   * once every promise returned here has settled (state every page needs, such as the menu).
   */
  start?(): void | Promise<void>;
  /** Stops background work and waits for what is under way, when the server closes. */
  stop?(): Promise<void>;
}

/**
 * A module as the server knows it: the tables it declares (each table has one owner), its
 * demonstration content, and `mount`, which builds what it adds to a server from the server's
 * context and what it needs from other modules (given by `server.ts`, which mounts them in order).
 * What `mount` returns beyond `MountedModule` is what the module offers the modules after it.
 * A module declares itself with `satisfies ModuleDescriptor<…>`, which keeps its exact type.
 */
export interface ModuleDescriptor<Needs = Record<string, never>, Offers = object> {
  name: string;
  tables: readonly PgTable[];
  /** Loads or refreshes the module's demonstration content, in the caller's transaction. */
  demo?(db: DbExecutor): Promise<unknown>;
  /** How many demonstration records the module holds now (shown before they are removed). */
  countDemo?(db: DbExecutor): Promise<number>;
  /**
   * Removes the module's demonstration records, in the caller's transaction (the Secretariat's one
   * audited step that removes every module's); returns how many it removed.
   */
  removeDemo?(db: DbExecutor): Promise<number>;
  mount(context: ServerContext, needs: Needs): MountedModule & Offers;
}
