import { LOCALES, translator, type Locale, type MessageKey } from '../i18n/i18n.ts';

/**
 * The public site's main navigation, in the order of the platform's interface, until the
 * Secretariat arranges its own. An entry is shown only once a module serves its page, so the menu
 * never leads to a missing page.
 */
export const MAIN_NAVIGATION = [
  { key: 'nav.home', path: '/' },
  { key: 'nav.about', path: '/about' },
  { key: 'nav.partners', path: '/partners' },
  { key: 'nav.pathfinders', path: '/pathfinders' },
  { key: 'nav.actionGroups', path: '/action-groups' },
  { key: 'nav.gcg', path: '/gcg' },
  { key: 'nav.library', path: '/library' },
  { key: 'nav.news', path: '/news' },
  { key: 'nav.events', path: '/events' },
  { key: 'nav.data', path: '/data' },
] as const satisfies readonly { key: MessageKey; path: string }[];

export type NavigationPath = (typeof MAIN_NAVIGATION)[number]['path'];

/** One entry of the menu: a path without the locale, and its label in each language. */
export interface MenuEntry {
  path: string;
  labels: Record<Locale, string>;
}

/**
 * The menu the site shows: the Secretariat's (kept by the content module, which reads it again
 * when it changes), or, while it has none, the platform's default.
 */
export interface SiteMenu {
  entries: readonly MenuEntry[] | null;
  /** The paths of the pages editors published (`/about`, `/privacy`), which the default menu may show. */
  pagePaths: ReadonlySet<string>;
  /** The current slug of each page the platform links to by name (`privacy` → `privacy-notice`). */
  pageSlugs: ReadonlyMap<string, string>;
}

/** The footer's pages, by key, with their link's label. */
export const FOOTER_PAGES = [
  { key: 'contact', label: 'layout.footer.contact' },
  { key: 'privacy', label: 'layout.footer.privacy' },
  { key: 'legal', label: 'layout.footer.legal' },
  { key: 'accessibility', label: 'layout.footer.accessibility' },
] as const satisfies readonly { key: string; label: MessageKey }[];

/** The default menu's entries whose pages are served (`/about` once a page has that slug). */
export function defaultMenu(isServed: (path: string) => boolean): MenuEntry[] {
  return MAIN_NAVIGATION.filter((entry) => isServed(entry.path)).map((entry) => ({
    path: entry.path,
    labels: Object.fromEntries(LOCALES.map((locale) => [locale, translator(locale).t(entry.key)])) as Record<
      Locale,
      string
    >,
  }));
}
