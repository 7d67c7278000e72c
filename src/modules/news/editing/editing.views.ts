import type { FieldErrors } from '../../../http/forms.ts';
import { LANGUAGE_NAMES, LOCALES, type Locale, type MessageKey, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { pagination } from '../../../ui/pagination.ts';
import { dataTable } from '../../../ui/tables.ts';
import type { StoryRow } from '../news.repository.ts';
import type { NewsDone } from '../news.schemas.ts';
import { STORY_STATUSES, type StoryStatus } from '../news.table.ts';
import type { StoryImage } from '../news.usecases.ts';
import type { StoryLanguage } from './editing.usecases.ts';

interface FormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

const DONE_KEYS: Record<NewsDone, MessageKey> = {
  created: 'news.done.created',
  saved: 'news.done.saved',
  details: 'news.done.details',
  image: 'news.done.image',
  published: 'news.done.published',
  scheduled: 'news.done.scheduled',
  unpublished: 'news.done.unpublished',
  declined: 'news.done.declined',
};

function doneNotice(tr: Translator, done: NewsDone | undefined): SafeHtml | '' {
  return done ? notice({ tr, key: DONE_KEYS[done] }) : '';
}

const STATUS_KEYS: Record<StoryStatus, MessageKey> = {
  draft: 'news.status.draft',
  submitted: 'news.status.submitted',
  published: 'news.status.published',
  declined: 'news.status.declined',
};

/** The story's state in words: a publication in the future is said as scheduled. */
function statusOf(tr: Translator, story: Pick<StoryRow, 'status' | 'publishAt'>, now: Date): string {
  if (story.status === 'published' && story.publishAt && story.publishAt > now) {
    return tr.t('news.status.scheduled', {
      when: `${story.publishAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    });
  }
  return tr.t(STATUS_KEYS[story.status]);
}

/** The stories the viewer may edit, filtered by state, and the form that starts one. */
export function renderStoryList(input: {
  tr: Translator;
  csrf: string;
  now: Date;
  status: StoryStatus | undefined;
  page: number;
  perPage: number;
  list: { total: number; stories: (StoryRow & { title: string | null; locales: Locale[] })[] };
  /** A representative's organizations they may propose for (empty for the Secretariat). */
  organizations: { slug: string; name: string }[];
  secretariat: boolean;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr, form } = input;
  const errors = form?.errors ?? {};
  return html`<h1>${tr.t('admin.news')}</h1>
<p><a href="/admin/translations">${tr.t('content.translations.link')}</a></p>
<form method="get" action="/admin/news" class="filters" role="search">
${selectField({ tr, name: 'status', label: tr.t('news.admin.status'), value: input.status ?? '', options: [{ value: '', label: tr.t('news.filter.all') }, ...STORY_STATUSES.map((status) => ({ value: status, label: tr.t(STATUS_KEYS[status]) }))] })}
<div class="field"><button type="submit" class="secondary">${tr.t('form.filter')}</button></div>
</form>
${dataTable({
  caption: tr.t('admin.news'),
  captionHidden: true,
  columns: [tr.t('news.admin.story'), tr.t('news.admin.status'), tr.t('news.admin.languages')],
  rows: input.list.stories.map((story) => [
    html`<a href="/admin/news/${story.id}">${story.title ?? story.slug}</a>`,
    statusOf(tr, story, input.now),
    story.locales.length > 0
      ? story.locales.map((locale) => LANGUAGE_NAMES[locale]).join(', ')
      : tr.t('news.admin.noText'),
  ]),
  empty: tr.t('news.admin.empty'),
})}
${pagination({ tr, path: '/admin/news', query: { status: input.status }, page: input.page, perPage: input.perPage, total: input.list.total })}
<h2 id="new-story-heading">${input.secretariat ? tr.t('news.admin.new') : tr.t('news.admin.propose')}</h2>
${errorSummary({ tr, errors, labels: { slug: tr.t('news.admin.slug'), organization: tr.t('news.admin.organization') } })}
<form method="post" action="/admin/news" aria-labelledby="new-story-heading" novalidate>${csrfField(input.csrf)}
${textField({ tr, name: 'slug', label: tr.t('news.admin.slug'), hint: tr.t('news.admin.slugHint'), value: form?.values.slug, errors, required: true, maxLength: 80 })}
${
  input.secretariat
    ? ''
    : selectField({
        tr,
        name: 'organization',
        label: tr.t('news.admin.organization'),
        value: form?.values.organization ?? input.organizations[0]?.slug ?? '',
        options: input.organizations.map((organization) => ({ value: organization.slug, label: organization.name })),
        errors,
        required: true,
      })
}
<button type="submit">${input.secretariat ? tr.t('news.admin.create') : tr.t('news.admin.proposeSubmit')}</button>
</form>`;
}

function imageSection(
  tr: Translator,
  input: { id: number; csrf: string; image: StoryImage | null; error?: MessageKey | undefined },
): SafeHtml {
  const error = input.error;
  return html`<h2 id="image-heading">${tr.t('news.admin.image')}</h2>
${input.image ? html`<p><img src="${input.image.src}" width="240" alt="${tr.t('news.admin.currentImage')}"></p>` : html`<p>${tr.t('news.admin.noImage')}</p>`}
${error ? html`<div class="error-summary" role="alert"><p>${tr.t(error)}</p></div>` : ''}
<form method="post" action="/admin/news/${input.id}/image" enctype="multipart/form-data" aria-labelledby="image-heading">
${csrfField(input.csrf)}
<div class="field${error ? ' field-invalid' : ''}"><label for="field-image">${tr.t('news.admin.imageField')}</label>
<p class="hint" id="field-image-hint">${tr.t('news.admin.imageHint')}</p>
<input type="file" id="field-image" name="image" accept="image/png,image/jpeg,image/webp" aria-describedby="field-image-hint"${error ? html` aria-invalid="true"` : ''}></div>
<button type="submit" class="secondary">${tr.t('news.admin.imageSubmit')}</button>
</form>`;
}

/** One story: its state, languages, tags and countries, image, and what the Secretariat can do with it. */
export function renderStoryOverview(input: {
  tr: Translator;
  csrf: string;
  now: Date;
  story: StoryRow;
  languages: StoryLanguage[];
  image: StoryImage | null;
  secretariat: boolean;
  done: NewsDone | undefined;
  form?: (FormState & { which: 'details' | 'publish' | 'unpublish' | 'decline' }) | undefined;
  imageError?: MessageKey | undefined;
}): SafeHtml {
  const { tr, story, form } = input;
  const errorsFor = (which: string) => (form?.which === which ? form.errors : {});
  const title = input.languages.find((language) => language.text)?.text?.title ?? story.slug;
  const detailErrors = errorsFor('details');
  const publishErrors = errorsFor('publish');
  return html`<p><a href="/admin/news">${tr.t('news.admin.back')}</a></p>
<h1>${title}</h1>
${doneNotice(tr, input.done)}
<p>${tr.t('news.admin.status')}: <strong>${statusOf(tr, story, input.now)}</strong>${
    story.status === 'declined' && story.declineReason
      ? html`<br>${tr.t('news.admin.declinedBecause', { reason: story.declineReason })}`
      : ''
  }</p>
<p class="small">${tr.t('news.admin.address')} <code>/news/${story.slug}</code></p>
${dataTable({
  caption: tr.t('news.admin.languages'),
  columns: [tr.t('content.editor.language'), tr.t('content.editor.state'), tr.t('content.editor.actions')],
  rows: input.languages.map((language) => [
    html`<span lang="${language.locale}">${LANGUAGE_NAMES[language.locale]}</span>`,
    html`${language.text ? tr.t('news.admin.writtenOn', { date: language.text.updatedAt }) : tr.t('content.editor.stateMissing')}${
      language.behind
        ? html`<br><strong>${tr.t('content.translations.behindSource', { language: LANGUAGE_NAMES[language.behind] })}</strong>`
        : ''
    }${language.text && story.imageVersion && !language.text.imageAlt ? html`<br><strong>${tr.t('news.admin.altMissing')}</strong>` : ''}`,
    html`<a href="/admin/news/${story.id}/${language.locale}">${tr.t('content.editor.edit')}<span class="visually-hidden"> (${LANGUAGE_NAMES[language.locale]})</span></a>`,
  ]),
})}
<h2 id="details-heading">${tr.t('news.admin.details')}</h2>
${errorSummary({ tr, errors: detailErrors, labels: { tags: tr.t('news.admin.tags'), countries: tr.t('news.admin.countries') } })}
<form method="post" action="/admin/news/${story.id}/details" aria-labelledby="details-heading" novalidate>${csrfField(input.csrf)}
${textField({ tr, name: 'tags', label: tr.t('news.admin.tags'), hint: tr.t('news.admin.tagsHint'), value: form?.which === 'details' ? form.values.tags : story.tags.join(', '), errors: detailErrors, maxLength: 500 })}
${textField({ tr, name: 'countries', label: tr.t('news.admin.countries'), hint: tr.t('news.admin.countriesHint'), value: form?.which === 'details' ? form.values.countries : story.countries.join(', '), errors: detailErrors, maxLength: 500 })}
<button type="submit" class="secondary">${tr.t('news.admin.saveDetails')}</button>
</form>
${imageSection(tr, { id: story.id, csrf: input.csrf, image: input.image, error: input.imageError })}
${input.secretariat ? publication(tr, { ...input, errors: publishErrors, values: form?.which === 'publish' ? form.values : {}, unpublishErrors: errorsFor('unpublish'), declineErrors: errorsFor('decline'), declineValues: form?.which === 'decline' ? form.values : {} }) : ''}
${story.status === 'published' ? html`<p><a href="${localePath(tr.locale, `/news/${story.slug}`)}">${tr.t('content.editor.view')}</a></p>` : ''}`;
}

function confirmBox(tr: Translator, id: string, label: string, errors: FieldErrors): SafeHtml {
  const error = errors.confirm ? tr.t(errors.confirm.key) : null;
  return html`<div class="field checkbox${error ? ' field-invalid' : ''}">${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}<input type="checkbox" id="${id}" name="confirm" value="yes" required${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}> <label for="${id}">${label}</label></div>`;
}

/** Publish now or later, take off the site, decline a proposal: each asks first. */
function publication(
  tr: Translator,
  input: {
    csrf: string;
    story: StoryRow;
    errors: FieldErrors;
    values: Record<string, string>;
    unpublishErrors: FieldErrors;
    declineErrors: FieldErrors;
    declineValues: Record<string, string>;
  },
): SafeHtml {
  const { story } = input;
  const dateError = input.errors.date ? tr.t(input.errors.date.key) : null;
  const formError = input.errors._form ? tr.t(input.errors._form.key) : null;
  return html`<h2 id="publish-heading">${tr.t('news.admin.publication')}</h2>
${formError ? html`<div class="error-summary" role="alert"><p>${formError}</p></div>` : ''}
<form method="post" action="/admin/news/${story.id}/publish" aria-labelledby="publish-heading" novalidate>${csrfField(input.csrf)}
<fieldset><legend>${tr.t('news.admin.when')}</legend>
<div class="field checkbox"><input type="radio" id="field-when-now" name="when" value="now"${input.values.when === 'later' ? '' : html` checked`}> <label for="field-when-now">${tr.t('news.admin.now')}</label></div>
<div class="field checkbox"><input type="radio" id="field-when-later" name="when" value="later"${input.values.when === 'later' ? html` checked` : ''}> <label for="field-when-later">${tr.t('news.admin.later')}</label></div>
</fieldset>
<div class="field${dateError ? ' field-invalid' : ''}"><label for="field-date">${tr.t('news.admin.date')}</label>
${dateError ? html`<p class="error" id="field-date-error">${dateError}</p>` : ''}
<input type="date" id="field-date" name="date" value="${input.values.date ?? ''}"${dateError ? html` aria-invalid="true" aria-describedby="field-date-error"` : ''}></div>
<div class="field"><label for="field-time">${tr.t('news.admin.time')}</label>
<input type="time" id="field-time" name="time" value="${input.values.time ?? ''}"></div>
${confirmBox(tr, 'field-confirm-publish', tr.t('news.admin.publishConfirm'), input.errors)}
<button type="submit">${tr.t('news.admin.publish')}</button>
</form>
${
  story.status === 'published'
    ? html`<h2 id="unpublish-heading">${tr.t('news.admin.unpublish')}</h2>
<form method="post" action="/admin/news/${story.id}/unpublish" aria-labelledby="unpublish-heading" novalidate>${csrfField(input.csrf)}
${confirmBox(tr, 'field-confirm-unpublish', tr.t('news.admin.unpublishConfirm'), input.unpublishErrors)}
<button type="submit" class="secondary">${tr.t('news.admin.unpublish')}</button>
</form>`
    : ''
}
${
  story.status === 'submitted'
    ? html`<h2 id="decline-heading">${tr.t('news.admin.decline')}</h2>
${errorSummary({ tr, errors: input.declineErrors, labels: { reason: tr.t('news.admin.reason') } })}
<form method="post" action="/admin/news/${story.id}/decline" aria-labelledby="decline-heading" novalidate>${csrfField(input.csrf)}
<div class="field${input.declineErrors.reason ? ' field-invalid' : ''}"><label for="field-reason">${tr.t('news.admin.reason')}</label>
<p class="hint" id="field-reason-hint">${tr.t('news.admin.reasonHint')}</p>
${input.declineErrors.reason ? html`<p class="error" id="field-reason-error">${tr.t(input.declineErrors.reason.key)}</p>` : ''}
<textarea id="field-reason" name="reason" rows="4" maxlength="2000" required aria-describedby="field-reason-hint">${input.declineValues.reason ?? ''}</textarea></div>
<button type="submit" class="secondary">${tr.t('news.admin.decline')}</button>
</form>`
    : ''
}`;
}

/** The editor of one language: title, lead, body, the image's alt text; preview without JavaScript. */
export function renderStoryEditor(input: {
  tr: Translator;
  csrf: string;
  story: StoryRow;
  locale: Locale;
  text: { title: string; lead: string; bodyMarkdown: string; imageAlt: string } | null;
  hasImage: boolean;
  done: NewsDone | undefined;
  values?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
  preview?: { title: string; lead: string; body: SafeHtml } | undefined;
}): SafeHtml {
  const { tr, story, locale } = input;
  const errors = input.errors ?? {};
  const labels = {
    title: tr.t('news.editor.title'),
    lead: tr.t('news.editor.lead'),
    body: tr.t('news.editor.body'),
    image_alt: tr.t('news.editor.imageAlt'),
  };
  const value = (name: 'title' | 'lead' | 'body' | 'image_alt') =>
    input.values?.[name] ??
    (input.text
      ? {
          title: input.text.title,
          lead: input.text.lead,
          body: input.text.bodyMarkdown,
          image_alt: input.text.imageAlt,
        }[name]
      : '');
  const bodyError = errors.body ? tr.t(errors.body.key, errors.body.values) : null;
  return html`<p><a href="/admin/news/${story.id}">${tr.t('news.editor.backToStory')}</a></p>
<h1>${tr.t('news.editor.heading', { language: LANGUAGE_NAMES[locale] })}</h1>
${doneNotice(tr, input.done)}
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/news/${story.id}/${locale}" novalidate>${csrfField(input.csrf)}
${textField({ tr, name: 'title', label: labels.title, value: value('title'), errors, required: true, maxLength: 200 })}
${textField({ tr, name: 'lead', label: labels.lead, hint: tr.t('news.editor.leadHint'), value: value('lead'), errors, maxLength: 400 })}
<div class="field${bodyError ? ' field-invalid' : ''}">
<label for="field-body">${labels.body}</label>
<p class="hint" id="field-body-hint">${tr.t('content.editor.bodyHint')}</p>
${bodyError ? html`<p class="error" id="field-body-error">${bodyError}</p>` : ''}
<textarea id="field-body" name="body" rows="16" maxlength="100000" class="markdown" aria-describedby="field-body-hint${bodyError ? ' field-body-error' : ''}"${bodyError ? html` aria-invalid="true"` : ''}>${value('body')}</textarea>
</div>
${textField({ tr, name: 'image_alt', label: labels.image_alt, hint: tr.t('news.editor.imageAltHint'), value: value('image_alt'), errors, required: input.hasImage, maxLength: 300 })}
<div class="actions">
<button type="submit" name="intent" value="preview" class="secondary">${tr.t('content.editor.preview')}</button>
<button type="submit" name="intent" value="save">${tr.t('news.editor.save')}</button>
</div>
</form>
${
  input.preview
    ? html`<section class="preview" aria-labelledby="preview-heading" lang="${locale}">
<h2 id="preview-heading">${tr.t('content.editor.previewHeading')}</h2>
<div class="preview-frame"><p class="page-title">${input.preview.title}</p>
${input.preview.lead ? html`<p class="lead">${input.preview.lead}</p>` : ''}
<div class="prose">${input.preview.body}</div></div>
</section>`
    : ''
}
<p class="small">${tr.t('news.editor.otherLanguages')} ${LOCALES.filter((other) => other !== locale).map(
    (other, index) =>
      html`${index > 0 ? ', ' : ''}<a href="/admin/news/${story.id}/${other}" lang="${other}">${LANGUAGE_NAMES[other]}</a>`,
  )}</p>`;
}
