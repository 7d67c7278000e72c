import type { DerivedValue } from '../../db/derived-value.ts';
import type { ModuleDescriptor, TranslationProvider } from '../../http/module.ts';
import type { LatestNews } from '../news/index.ts';
import type { Counters } from '../stats/index.ts';
import { countContentDemo, ensureStartingPages, removeContentDemo } from './content.starting.ts';
import { registerContentPages } from './content.pages.ts';
import {
  contentFigures,
  contentMenuItems,
  contentPageRevisions,
  contentPages,
  contentPageTranslations,
  contentSlugRedirects,
} from './content.table.ts';
import { registerEditorAdmin } from './editor/editor.admin.ts';
import { registerMenuAdmin } from './menu/menu.admin.ts';
import { listMenuItems } from './menu/menu.repository.ts';
import { listPublishedPagePaths } from './menu/menu.usecases.ts';

/** Tables whose changes can change the menu every public page shows. */
const MENU_TABLES = new Set(['content_menu_items', 'content_pages', 'content_page_translations']);

/**
 * Editable pages (the home page with the counters, about, the footer's pages, any other), their
 * editor and history in the back office, and the site's main menu.
 */
export const contentModule = {
  name: 'content',
  tables: [
    contentPages,
    contentPageTranslations,
    contentPageRevisions,
    contentSlugRedirects,
    contentMenuItems,
    contentFigures,
  ],
  demo: ensureStartingPages,
  countDemo: countContentDemo,
  removeDemo: removeContentDemo,
  mount: (context, needs) => {
    const menu = context.site.menu;
    let snapshot = '';
    /** Reads the menu again; when it changed, every cached page (which shows it) is dropped. */
    const refreshMenu = async () => {
      if (!menu) return;
      const [entries, pages] = await Promise.all([listMenuItems(context.db), listPublishedPagePaths(context.db)]);
      menu.entries = entries.length > 0 ? entries : null;
      menu.pagePaths = pages.paths;
      menu.pageSlugs = pages.slugs;
      const next = JSON.stringify([entries, [...pages.paths], [...pages.slugs]]);
      if (snapshot && next !== snapshot) context.pageCache.clear();
      snapshot = next;
    };
    const refresh = () => {
      refreshMenu().catch((error: unknown) => context.log.error({ err: error }, 'could not read the menu'));
    };
    return {
      pages: (surface) => registerContentPages(surface, { ...context, ...needs }),
      admin: (app) => {
        registerEditorAdmin(app, { ...context, translations: needs.translations });
        registerMenuAdmin(app, { ...context, menuChanged: refreshMenu });
      },
      // The first pages must show the saved menu and the published pages' links.
      start: refreshMenu,
      invalidate: (table) => {
        if (table === undefined || MENU_TABLES.has(table)) refresh();
      },
    };
  },
} satisfies ModuleDescriptor<{
  counters: DerivedValue<Counters>;
  /** The home page's latest news. */
  latestNews?: LatestNews;
  /** Other modules' items on the translation status. */
  translations?: readonly TranslationProvider[];
}>;
