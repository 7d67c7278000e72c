import type { FastifyReply, FastifyRequest } from 'fastify';
import { allows, ruleFor } from '../../http/access.ts';
import type { Csrf } from '../../http/csrf.ts';
import { LANGUAGE_NAMES, LOCALES, translator } from '../../i18n/i18n.ts';
import type { Viewer } from '../../http/viewer.ts';
import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import { csrfField } from '../../ui/forms.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { localePath, renderDocument } from '../../ui/layout.ts';

/** The back office menu; each entry shows only to those its route's access rule lets in. */
export const ADMIN_NAVIGATION: readonly { path: string; key: MessageKey }[] = [
  { path: '/admin', key: 'admin.home' },
  { path: '/admin/organizations', key: 'admin.organizations' },
  { path: '/admin/applications', key: 'admin.applications' },
  { path: '/admin/change-requests', key: 'admin.changeRequests' },
  { path: '/admin/pathfinders', key: 'admin.pathfinders' },
  { path: '/admin/support-requests', key: 'admin.supportRequests' },
  { path: '/admin/standards', key: 'admin.standards' },
  { path: '/admin/pages', key: 'admin.pages' },
  { path: '/admin/news', key: 'admin.news' },
  { path: '/admin/users', key: 'admin.users' },
  { path: '/admin/data', key: 'admin.data' },
  { path: '/admin/audit', key: 'admin.audit' },
  { path: '/admin/outbox', key: 'admin.outbox' },
  { path: '/admin/demo', key: 'admin.demo' },
];

export function adminNavigation(viewer: Viewer | null): { path: string; key: MessageKey }[] {
  const secretariat = viewer?.roles.some((grant) => grant.role === 'secretariat') ?? false;
  return ADMIN_NAVIGATION.filter((entry) => {
    const rule = ruleFor('GET', entry.path);
    return rule !== undefined && allows(rule, viewer);
  }).map((entry) =>
    // The Secretariat keeps every organization there, not one of its own.
    entry.path === '/admin/organizations' && secretariat ? { ...entry, key: 'admin.organizationsAll' } : entry,
  );
}

/**
 * The back office's language switcher: a form (it changes the person's account, so it is a POST
 * with its CSRF token) whose buttons name each language in that language; it works without
 * JavaScript and comes back to `back`, the page it was used on.
 */
function languageSwitcher(input: { tr: Translator; csrf: string; back: string }): SafeHtml {
  const { tr } = input;
  return html`<nav class="languages" aria-label="${tr.t('layout.languageSwitcher')}"><form method="post" action="/admin/language">${csrfField(input.csrf)}<input type="hidden" name="back" value="${input.back}"><ul>${LOCALES.map(
    (locale) =>
      html`<li>${
        locale === tr.locale
          ? html`<span class="current" lang="${locale}" aria-current="true">${LANGUAGE_NAMES[locale]}<span class="visually-hidden"> (${tr.t('layout.currentLanguage')})</span></span>`
          : html`<button type="submit" name="locale" value="${locale}" lang="${locale}">${LANGUAGE_NAMES[locale]}</button>`
      }</li>`,
  )}</ul></form></nav>`;
}

export function renderAdminPage(input: {
  tr: Translator;
  stylesheetUrl: string;
  iconUrl: string;
  title: string;
  main: SafeHtml;
  viewer: Viewer | null;
  csrf?: string;
  /** The menu entry to mark as current. */
  current?: string;
  /** Where the language switcher comes back to: this page's address. */
  back?: string;
}): string {
  const { tr, viewer } = input;
  const entries = adminNavigation(viewer);
  const navigation = viewer
    ? html`<nav class="admin-nav" aria-label="${tr.t('admin.navigation')}"><ul>${entries.map(
        (entry) =>
          html`<li><a href="${entry.path}"${entry.path === input.current ? html` aria-current="page"` : ''}>${tr.t(entry.key)}</a></li>`,
      )}</ul></nav>`
    : '';
  const account =
    viewer && input.csrf
      ? html`<div class="header-tools"><ul class="account-links"><li><a href="${localePath(tr.locale, '/account')}">${viewer.name || viewer.email}</a></li></ul>
<form method="post" action="${localePath(tr.locale, '/sign-out')}" class="inline-form">${csrfField(input.csrf)}<button type="submit" class="secondary">${tr.t('accounts.signOut.submit')}</button></form>
${languageSwitcher({ tr, csrf: input.csrf, back: input.back ?? input.current ?? '/admin' })}</div>`
      : '';
  return renderDocument({
    locale: tr.locale,
    title: `${input.title} · ${tr.t('admin.title')} · ${tr.t('layout.siteName')}`,
    stylesheetUrl: input.stylesheetUrl,
    iconUrl: input.iconUrl,
    head: html`<meta name="robots" content="noindex">`,
    body: html`<a class="skip-link" href="#main">${tr.t('layout.skipLink')}</a>
<header class="site-header"><div class="wrap bar">
<a class="brand" href="/admin">${tr.t('layout.siteName')}<small>${tr.t('admin.title')}</small></a>
<a href="${localePath(tr.locale, '/')}">${tr.t('admin.backToSite')}</a>
${account}
</div></header>
<main id="main" tabindex="-1"><div class="wrap admin-layout">
${navigation}
<div>${input.main}</div>
</div></main>`,
  });
}

/** What every back office screen needs to render its page. */
export interface AdminPageDeps {
  csrf: Csrf;
  stylesheetUrl: string;
  iconUrl: string;
}

/** Sends a back office page to the signed-in viewer, in their language, never cached. */
export function sendAdminPage(input: {
  deps: AdminPageDeps;
  request: FastifyRequest;
  reply: FastifyReply;
  title: (tr: Translator) => string;
  current: string;
  main: (tr: Translator) => SafeHtml;
  status?: number;
}): FastifyReply {
  const viewer = input.request.viewer!;
  const tr = translator(viewer.locale);
  return input.reply
    .code(input.status ?? 200)
    .header('cache-control', 'private, no-store')
    .type('text/html; charset=utf-8')
    .send(
      renderAdminPage({
        tr,
        viewer,
        csrf: input.deps.csrf.token(input.request, input.reply),
        stylesheetUrl: input.deps.stylesheetUrl,
        iconUrl: input.deps.iconUrl,
        title: input.title(tr),
        current: input.current,
        // A page answering a form comes back to its menu entry: the form's address is no page.
        back: input.request.method === 'GET' ? input.request.url : input.current,
        main: input.main(tr),
      }),
    );
}
