import type { FieldErrors } from '../../../http/forms.ts';
import type { TranslationContribution, TranslationItem } from '../../../http/module.ts';
import { LANGUAGE_NAMES, LOCALES, type Locale, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import type { DiffLine } from './editor.diff.ts';
import type { HistoryEntry, LanguageStatus, PageText, TranslationGap, TranslationStatus } from './editor.usecases.ts';

type Done = 'created' | 'draft' | 'published' | 'restored' | 'slug' | 'menu' | undefined;

const DONE_KEYS = {
  created: 'content.editor.created',
  draft: 'content.editor.draftSaved',
  published: 'content.editor.published',
  restored: 'content.editor.restored',
  slug: 'content.editor.slugChanged',
  menu: 'content.menu.saved',
} as const;

function doneNotice(tr: Translator, done: Done): SafeHtml | '' {
  return done ? notice({ tr, key: DONE_KEYS[done] }) : '';
}

/** Where visitors read a page: the home page at the site's root, the others at their slug. */
export function publicPathOf(page: { slug: string; key: string | null }): string {
  return page.key === 'home' ? '/' : `/${page.slug}`;
}

function languageBadges(tr: Translator, input: { published: readonly string[]; drafts: readonly string[] }): SafeHtml {
  return html`<ul class="inline-list">${LOCALES.map((locale) => {
    const state = input.drafts.includes(locale)
      ? tr.t('content.editor.stateDraft')
      : input.published.includes(locale)
        ? tr.t('content.editor.statePublished')
        : tr.t('content.editor.stateMissing');
    return html`<li><span lang="${locale}">${LANGUAGE_NAMES[locale]}</span>: ${state}</li>`;
  })}</ul>`;
}

/** Every page, with its languages' state, and the form that adds one. */
export function renderPageList(input: {
  tr: Translator;
  csrf: string;
  pages: { id: number; slug: string; key: string | null; title: string | null; published: string[]; drafts: string[] }[];
  form?: { values: Record<string, string>; errors: FieldErrors } | undefined;
}): SafeHtml {
  const { tr, form } = input;
  const errors = form?.errors ?? {};
  return html`<h1>${tr.t('admin.pages')}</h1>
<p><a href="/admin/menu">${tr.t('content.menu.link')}</a> · <a href="/admin/translations">${tr.t('content.translations.link')}</a></p>
<ul class="record-list">${input.pages.map(
    (page) => html`<li><h2><a href="/admin/pages/${page.id}">${page.title ?? page.slug}</a></h2>
<p class="small"><code>${publicPathOf(page)}</code></p>
${languageBadges(tr, page)}</li>`,
  )}</ul>
<h2 id="new-page-heading">${tr.t('content.editor.newPage')}</h2>
${errorSummary({ tr, errors, labels: { slug: tr.t('content.editor.slug') } })}
<form method="post" action="/admin/pages" aria-labelledby="new-page-heading" novalidate>${csrfField(input.csrf)}
${textField({ tr, name: 'slug', label: tr.t('content.editor.slug'), hint: tr.t('content.editor.slugHint'), value: form?.values.slug, errors, required: true, maxLength: 80 })}
<button type="submit">${tr.t('content.editor.create')}</button>
</form>`;
}

/** One page: its address (and the form that changes it), and its languages with their links. */
export function renderPageOverview(input: {
  tr: Translator;
  csrf: string;
  page: { id: number; slug: string; key: string | null };
  languages: LanguageStatus[];
  done: Done;
  form?: { values: Record<string, string>; errors: FieldErrors } | undefined;
}): SafeHtml {
  const { tr, page, form } = input;
  const errors = form?.errors ?? {};
  const title = input.languages.find((language) => language.published)?.published?.title ?? page.slug;
  return html`<p><a href="/admin/pages">${tr.t('content.editor.back')}</a></p>
<h1>${title}</h1>
${doneNotice(tr, input.done)}
<table class="data-table"><caption>${tr.t('content.editor.languages')}</caption>
<thead><tr><th scope="col">${tr.t('content.editor.language')}</th><th scope="col">${tr.t('content.editor.state')}</th><th scope="col">${tr.t('content.editor.actions')}</th></tr></thead>
<tbody>${input.languages.map(
    (language) => html`<tr><th scope="row" lang="${language.locale}">${LANGUAGE_NAMES[language.locale]}</th>
<td>${
      language.published
        ? tr.t('content.editor.publishedOn', { date: language.published.updatedAt })
        : tr.t('content.editor.stateMissing')
    }${language.behind ? html`<br><strong>${tr.t('content.translations.behindSource', { language: LANGUAGE_NAMES[language.behind] })}</strong>` : ''}${language.draft ? html`<br>${tr.t('content.editor.draftBy', { who: language.draft.authorLabel, date: language.draft.createdAt })}` : ''}</td>
<td><a href="/admin/pages/${page.id}/${language.locale}">${tr.t('content.editor.edit')}<span class="visually-hidden"> (${LANGUAGE_NAMES[language.locale]})</span></a>
· <a href="/admin/pages/${page.id}/${language.locale}/history">${tr.t('content.editor.history')}<span class="visually-hidden"> (${LANGUAGE_NAMES[language.locale]})</span></a>${
      language.published
        ? html` · <a href="${localePath(language.locale, publicPathOf(page))}">${tr.t('content.editor.view')}<span class="visually-hidden"> (${LANGUAGE_NAMES[language.locale]})</span></a>`
        : ''
    }</td></tr>`,
  )}</tbody></table>
${
  page.key === 'home'
    ? html`<p>${tr.t('content.editor.homeAddress')}</p>`
    : html`<h2 id="slug-heading">${tr.t('content.editor.address')}</h2>
${errorSummary({ tr, errors, labels: { slug: tr.t('content.editor.slug') } })}
<form method="post" action="/admin/pages/${page.id}/slug" aria-labelledby="slug-heading" novalidate>${csrfField(input.csrf)}
${textField({ tr, name: 'slug', label: tr.t('content.editor.slug'), hint: tr.t('content.editor.slugChangeHint'), value: form?.values.slug ?? page.slug, errors, required: true, maxLength: 80 })}
<button type="submit" class="secondary">${tr.t('content.editor.changeSlug')}</button>
</form>`
}`;
}

/** The editor of one language: the form, its three buttons, and the preview when one was asked for. */
export function renderPageEditor(input: {
  tr: Translator;
  csrf: string;
  page: { id: number; slug: string; key: string | null };
  locale: Locale;
  text: PageText | null;
  isDraft: boolean;
  isPublished: boolean;
  done: Done;
  values?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
  preview?: { title: string; summary: string; body: SafeHtml } | undefined;
}): SafeHtml {
  const { tr, page, locale } = input;
  const errors = input.errors ?? {};
  const labels = {
    title: tr.t('content.editor.title'),
    summary: tr.t('content.editor.summary'),
    body: tr.t('content.editor.body'),
  };
  const value = (name: 'title' | 'summary' | 'body') =>
    input.values?.[name] ??
    (input.text ? { title: input.text.title, summary: input.text.summary, body: input.text.bodyMarkdown }[name] : '');
  const bodyError = errors.body ? tr.t(errors.body.key, errors.body.values) : null;
  return html`<p><a href="/admin/pages/${page.id}">${tr.t('content.editor.backToPage')}</a></p>
<h1>${tr.t('content.editor.heading', { language: LANGUAGE_NAMES[locale] })}</h1>
${doneNotice(tr, input.done)}
<p class="small">${
    input.isDraft
      ? tr.t('content.editor.editingDraft')
      : input.isPublished
        ? tr.t('content.editor.editingPublished')
        : tr.t('content.editor.editingNew')
  } <a href="/admin/pages/${page.id}/${locale}/history">${tr.t('content.editor.history')}</a></p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/pages/${page.id}/${locale}" novalidate>${csrfField(input.csrf)}
${textField({ tr, name: 'title', label: labels.title, value: value('title'), errors, required: true, maxLength: 200 })}
${textField({ tr, name: 'summary', label: labels.summary, hint: tr.t('content.editor.summaryHint'), value: value('summary'), errors, maxLength: 300 })}
<div class="field${bodyError ? ' field-invalid' : ''}">
<label for="field-body">${labels.body}</label>
<p class="hint" id="field-body-hint">${tr.t('content.editor.bodyHint')}</p>
${bodyError ? html`<p class="error" id="field-body-error">${bodyError}</p>` : ''}
<textarea id="field-body" name="body" rows="20" maxlength="100000" class="markdown" aria-describedby="field-body-hint${bodyError ? ' field-body-error' : ''}"${bodyError ? html` aria-invalid="true"` : ''}>${value('body')}</textarea>
</div>
<div class="actions">
<button type="submit" name="intent" value="preview" class="secondary">${tr.t('content.editor.preview')}</button>
<button type="submit" name="intent" value="draft" class="secondary">${tr.t('content.editor.saveDraft')}</button>
<button type="submit" name="intent" value="publish">${tr.t('content.editor.publish')}</button>
</div>
</form>
${
  input.preview
    ? html`<section class="preview" aria-labelledby="preview-heading" lang="${locale}">
<h2 id="preview-heading">${tr.t('content.editor.previewHeading')}</h2>
<div class="preview-frame"><p class="page-title">${input.preview.title}</p>
${input.preview.summary ? html`<p class="lead">${input.preview.summary}</p>` : ''}
<div class="prose">${input.preview.body}</div></div>
</section>`
    : ''
}`;
}

function diffView(tr: Translator, lines: DiffLine[]): SafeHtml {
  const changed = lines.some((line) => line.kind !== 'same');
  if (!changed) return html`<p class="small">${tr.t('content.history.bodyUnchanged')}</p>`;
  return html`<pre class="diff">${lines.map((line) =>
    line.kind === 'same'
      ? html`<span>  ${line.text}\n</span>`
      : line.kind === 'added'
        ? html`<ins><span class="visually-hidden">${tr.t('content.history.added')} </span>+ ${line.text}\n</ins>`
        : html`<del><span class="visually-hidden">${tr.t('content.history.removed')} </span>- ${line.text}\n</del>`,
  )}</pre>`;
}

/** The revisions of one language, newest first, each with its changes and a restore button. */
export function renderHistory(input: {
  tr: Translator;
  csrf: string;
  page: { id: number; slug: string };
  locale: Locale;
  entries: HistoryEntry[];
  done: Done;
}): SafeHtml {
  const { tr, page, locale } = input;
  return html`<p><a href="/admin/pages/${page.id}">${tr.t('content.editor.backToPage')}</a></p>
<h1>${tr.t('content.history.heading', { language: LANGUAGE_NAMES[locale] })}</h1>
${doneNotice(tr, input.done)}
${
  input.entries.length === 0
    ? html`<p class="empty">${tr.t('content.history.empty')}</p>`
    : html`<ol class="record-list history" reversed>${input.entries.map(({ revision, isCurrent, changes }) => {
        const state = isCurrent
          ? tr.t('content.history.current')
          : revision.publishedAt
            ? tr.t('content.history.wasPublished')
            : tr.t('content.history.draft');
        return html`<li id="revision-${revision.id}">
<h2>${tr.t('content.history.revision', { number: revision.id, date: revision.createdAt })}</h2>
<p class="small">${tr.t('content.history.by', { who: revision.authorLabel === 'system' ? tr.t('audit.actor.system') : revision.authorLabel })} · ${state}${
          revision.restoredFrom ? html` · ${tr.t('content.history.restoredFrom', { number: revision.restoredFrom })}` : ''
        }</p>
<p><strong>${revision.title}</strong></p>
${
  changes
    ? html`<details><summary>${tr.t('content.history.changes')}</summary>
${changes.title ? html`<p>${tr.t('content.history.titleChanged', { before: changes.title[0], after: changes.title[1] })}</p>` : ''}
${changes.summary ? html`<p>${tr.t('content.history.summaryChanged')}</p>${diffView(tr, [{ kind: 'removed', text: changes.summary[0] }, { kind: 'added', text: changes.summary[1] }])}` : ''}
${diffView(tr, changes.body)}
</details>`
    : html`<p class="small">${tr.t('content.history.first')}</p>`
}
${
  isCurrent
    ? ''
    : html`<form method="post" action="/admin/pages/${page.id}/${locale}/restore">${csrfField(input.csrf)}<input type="hidden" name="revision" value="${revision.id}"><button type="submit" class="secondary">${tr.t('content.history.restore', { number: revision.id })}</button></form>`
}
</li>`;
      })}</ol>`
}`;
}

function gapList(tr: Translator, locale: Locale, gaps: readonly TranslationGap[], action: 'write' | 'update'): SafeHtml {
  return html`<ul>${gaps.map(
    (gap) => html`<li><a href="/admin/pages/${gap.id}/${locale}">${gap.title}</a> <span class="small">(<code>${publicPathOf(gap)}</code>${
      action === 'update' && gap.source ? html`; ${tr.t('content.translations.sourceIs', { language: LANGUAGE_NAMES[gap.source] })}` : ''
    })</span></li>`,
  )}</ul>`;
}

function itemList(tr: Translator, locale: Locale, items: readonly TranslationItem[], action: 'write' | 'update'): SafeHtml {
  return html`<ul>${items.map(
    (item) => html`<li><a href="${item.href(locale)}">${item.title}</a> <span class="small">(<code>${item.detail}</code>${
      action === 'update' && item.source ? html`; ${tr.t('content.translations.sourceIs', { language: LANGUAGE_NAMES[item.source] })}` : ''
    })</span></li>`,
  )}</ul>`;
}

/** Per language, another module's items (stories…) to write or bring up to date, under its heading. */
function contributedGaps(tr: Translator, locale: Locale, contribution: TranslationContribution): SafeHtml | '' {
  const missing = contribution.items.filter((item) => item.missing.includes(locale));
  const behind = contribution.items.filter((item) => item.behind.includes(locale));
  if (missing.length === 0 && behind.length === 0) return '';
  return html`<h3>${tr.t(contribution.heading)}</h3>${
    missing.length > 0 ? html`<p>${tr.t(contribution.missing, { count: missing.length })}</p>${itemList(tr, locale, missing, 'write')}` : ''
  }${behind.length > 0 ? html`<p>${tr.t(contribution.behind, { count: behind.length })}</p>${itemList(tr, locale, behind, 'update')}` : ''}`;
}

/**
 * Per language, the pages to translate and those whose translation is older than their source
 * text, then the other modules' items (stories…) by the same rule.
 */
export function renderTranslationStatus(input: {
  tr: Translator;
  languages: readonly TranslationStatus[];
  others?: readonly TranslationContribution[];
}): SafeHtml {
  const { tr } = input;
  const others = input.others ?? [];
  return html`<p><a href="/admin/pages">${tr.t('content.editor.back')}</a></p>
<h1>${tr.t('content.translations.title')}</h1>
<p>${tr.t('content.translations.intro')}</p>
${input.languages.map((language) => {
  const name = LANGUAGE_NAMES[language.locale];
  const contributed = others.map((contribution) => contributedGaps(tr, language.locale, contribution));
  const nothing = language.missing.length === 0 && language.behind.length === 0 && contributed.every((part) => part === '');
  return html`<section aria-labelledby="translations-${language.locale}">
<h2 id="translations-${language.locale}"><span lang="${language.locale}">${name}</span></h2>
${
  nothing
    ? html`<p class="empty">${tr.t('content.translations.allCurrent', { language: name })}</p>`
    : html`${
        language.missing.length > 0
          ? html`<h3>${tr.t('content.translations.missing', { count: language.missing.length })}</h3>${gapList(tr, language.locale, language.missing, 'write')}`
          : ''
      }${
        language.behind.length > 0
          ? html`<h3>${tr.t('content.translations.behind', { count: language.behind.length })}</h3>${gapList(tr, language.locale, language.behind, 'update')}`
          : ''
      }${contributed}`
}
</section>`;
})}`;
}
