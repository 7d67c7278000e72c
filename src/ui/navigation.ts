import type { MessageKey } from '../i18n/i18n.ts';

/**
 * The public site's main navigation, in the order of the platform's interface. An entry is
 * shown only once a module serves its page, so the menu never leads to a missing page.
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
