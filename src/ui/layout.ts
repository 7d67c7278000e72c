import { LANGUAGE_NAMES, LOCALES, type Locale, type Translator } from '../i18n/i18n.ts';
import { html, type SafeHtml } from './html.ts';
import { defaultMenu, FOOTER_PAGES, type SiteMenu } from './navigation.ts';
import { WORDMARK } from './wordmark.ts';

/** What every page needs to know about the site it belongs to. */
export interface SiteContext {
  publicUrl: string;
  stylesheetUrl: string;
  /** The fingerprinted SVG icon (`/favicon.ico` answers too, for browsers that ask for it). */
  iconUrl: string;
  /** Paths (without the locale) that the public surface serves, e.g. `/` and `/about`. */
  publicPaths: ReadonlySet<string>;
  /** The main menu, as the content module keeps it (absent: the default, from the served paths). */
  menu?: SiteMenu;
}

/** The main menu's entries: the Secretariat's, or the default one's whose pages are served. */
export function menuEntries(site: SiteContext) {
  return (
    site.menu?.entries ?? defaultMenu((path) => site.publicPaths.has(path) || (site.menu?.pagePaths.has(path) ?? false))
  );
}

export function localePath(locale: Locale, path: string): string {
  return `/${locale}${path === '/' ? '/' : path}`;
}

export function renderDocument(input: {
  locale: Locale;
  title: string;
  description?: string;
  stylesheetUrl: string;
  iconUrl: string;
  head?: SafeHtml;
  body: SafeHtml;
}): string {
  return html`<!doctype html>
<html lang="${input.locale}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
${input.description ? html`<meta name="description" content="${input.description}">` : ''}
<link rel="stylesheet" href="${input.stylesheetUrl}">
<link rel="icon" href="${input.iconUrl}" type="image/svg+xml">
${input.head}
</head>
<body>
${input.body}
</body>
</html>
`.value;
}

export interface PublicPageInput {
  tr: Translator;
  site: SiteContext;
  /** The page's path without the locale: `/`, `/about`. */
  path: string;
  /** Query string to keep when switching language, including the `?`. */
  search?: string;
  /**
   * A query string for the language switcher only, never for the canonical and alternate
   * addresses given to search engines: a one-time link's token, so that the page can be read in
   * another language without losing it.
   */
  languageSearch?: string;
  title: string;
  description?: string;
  /** The navigation entry to mark as current. */
  section?: string;
  main: SafeHtml;
  /** The signed-in person's name; such pages are never cached for others. */
  viewerName?: string | null;
}

export function renderPublicPage(input: PublicPageInput): string {
  const { tr, site } = input;
  const search = input.search ?? '';
  const absolute = (locale: Locale) => `${site.publicUrl}${localePath(locale, input.path)}${search}`;
  const fullTitle = input.path === '/' ? input.title : `${input.title} · ${tr.t('layout.siteName')}`;

  const head = html`<link rel="canonical" href="${absolute(tr.locale)}">
${LOCALES.map((locale) => html`<link rel="alternate" hreflang="${locale}" href="${absolute(locale)}">\n`)}${
    input.path === '/' ? html`<link rel="alternate" hreflang="x-default" href="${site.publicUrl}/">` : ''
  }`;

  const languageLinks = LOCALES.map((locale) => {
    const current = locale === tr.locale;
    return html`<li><a href="${localePath(locale, input.path)}${input.languageSearch ?? search}" hreflang="${locale}" lang="${locale}"${
      current ? html` aria-current="true"` : ''
    }>${LANGUAGE_NAMES[locale]}${
      current ? html`<span class="visually-hidden"> (${tr.t('layout.currentLanguage')})</span>` : ''
    }</a></li>`;
  });
  const languages = html`<nav class="languages" aria-label="${tr.t('layout.languageSwitcher')}"><ul>${languageLinks}</ul></nav>`;

  const section = input.section ?? input.path;
  const navigationLinks = menuEntries(site).map(
    (entry) =>
      html`<li><a href="${localePath(tr.locale, entry.path)}"${
        entry.path === section ? html` aria-current="page"` : ''
      }>${entry.labels[tr.locale]}</a></li>`,
  );
  const mainNav = html`<nav class="main-nav wrap" aria-label="${tr.t('layout.mainNavigation')}"><ul>${navigationLinks}</ul></nav>`;

  const accountLinks = input.viewerName
    ? html`<ul class="account-links"><li><a href="/admin">${tr.t('layout.backOffice')}</a></li><li><a href="${localePath(tr.locale, '/account')}">${tr.t('layout.myAccount')}</a></li></ul>`
    : site.publicPaths.has('/sign-in')
      ? html`<ul class="account-links"><li><a href="${localePath(tr.locale, '/sign-in')}">${tr.t('layout.signIn')}</a></li></ul>`
      : '';

  const body = html`<a class="skip-link" href="#main">${tr.t('layout.skipLink')}</a>
<header class="site-header">
<div class="wrap bar">
<a class="brand" href="${localePath(tr.locale, '/')}">${WORDMARK}<span>${tr.t('layout.siteName')}<small>${tr.t('layout.siteTagline')}</small></span></a>
<div class="header-tools">${accountLinks}${languages}</div>
</div>
${mainNav}
</header>
<main id="main" tabindex="-1"><div class="wrap">
${input.main}
</div></main>
<footer class="site-footer"><div class="wrap">
<p>${tr.t('layout.footerAbout')}</p>
<nav aria-label="${tr.t('layout.footerNavigation')}"><ul>
${FOOTER_PAGES.map((page) => {
  const slug = site.menu?.pageSlugs.get(page.key);
  return slug ? html`<li><a href="${localePath(tr.locale, `/${slug}`)}">${tr.t(page.label)}</a></li>\n` : '';
})}<li><a href="/api/v1/openapi.json">${tr.t('layout.openData')}</a></li>
<li><a href="/sitemap.xml">${tr.t('layout.sitemap')}</a></li>
</ul></nav>
</div></footer>`;

  return renderDocument({
    locale: tr.locale,
    title: fullTitle,
    ...(input.description ? { description: input.description } : {}),
    stylesheetUrl: site.stylesheetUrl,
    iconUrl: site.iconUrl,
    head,
    body,
  });
}
