import type { FieldErrors } from '../../../http/forms.ts';
import { countryName, countryOptions } from '../../../i18n/countries.ts';
import { isLocale, LANGUAGE_NAMES, type MessageKey, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, filterForm, notice, selectField, textArea, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { DEFAULT_PER_PAGE, pagination } from '../../../ui/pagination.ts';
import { KIND_LABELS, kindOptions } from '../partners.labels.ts';
import { APPLICATION_STATUSES, type ApplicationStatus, type OrganizationKind } from '../partners.table.ts';
import type { ApplicationEvent, ApplicationRow } from './applications.repository.ts';
import type { ApplicationReview } from './applications.usecases.ts';

export function renderApplicationForm(input: {
  tr: Translator;
  csrf: string;
  values: Record<string, string>;
  errors: FieldErrors;
}): SafeHtml {
  const { tr, values, errors } = input;
  const labels: Record<string, string> = {
    name: tr.t('partners.apply.name'),
    kind: tr.t('partners.field.kind'),
    country: tr.t('partners.field.country'),
    website: tr.t('partners.field.website'),
    contact_name: tr.t('partners.apply.contactName'),
    contact_email: tr.t('partners.apply.contactEmail'),
    motivation: tr.t('partners.apply.motivation'),
    endorses_terms: tr.t('partners.apply.terms'),
  };
  const termsError = errors.endorses_terms;
  return html`<h1>${tr.t('partners.apply.title')}</h1>
<p class="lead">${tr.t('partners.apply.intro')}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="${localePath(tr.locale, '/partners/apply')}" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'name', label: labels.name!, value: values.name, errors, required: true, maxLength: 200, autocomplete: 'organization' })}
${selectField({ tr, name: 'kind', label: labels.kind!, value: values.kind, errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...kindOptions(tr)] })}
${selectField({ tr, name: 'country', label: labels.country!, hint: tr.t('partners.apply.countryHint'), value: values.country, errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...countryOptions(tr.locale)] })}
${textField({ tr, name: 'website', type: 'url', label: labels.website!, hint: tr.t('partners.apply.websiteHint'), value: values.website, errors, required: true, maxLength: 300, autocomplete: 'url' })}
${textField({ tr, name: 'contact_name', label: labels.contact_name!, value: values.contact_name, errors, required: true, maxLength: 120, autocomplete: 'name' })}
${textField({ tr, name: 'contact_email', type: 'email', label: labels.contact_email!, hint: tr.t('partners.apply.contactHint'), value: values.contact_email, errors, required: true, maxLength: 254, autocomplete: 'email' })}
${textArea({ tr, name: 'motivation', label: labels.motivation!, hint: tr.t('partners.apply.motivationHint'), value: values.motivation, errors, maxLength: 5000 })}
<div class="field checkbox${termsError ? ' field-invalid' : ''}">
${termsError ? html`<p class="error" id="field-endorses_terms-error">${tr.t(termsError.key)}</p>` : ''}
<input type="checkbox" id="field-endorses_terms" name="endorses_terms" value="yes" required${values.endorses_terms ? html` checked` : ''}${termsError ? html` aria-invalid="true" aria-describedby="field-endorses_terms-error"` : ''}>
<label for="field-endorses_terms">${labels.endorses_terms}</label>
</div>
<button type="submit">${tr.t('partners.apply.submit')}</button>
</form>`;
}

export function renderApplicationReceived(input: { tr: Translator; reference: number; email: string }): SafeHtml {
  const { tr } = input;
  return html`<h1>${tr.t('partners.apply.thanksTitle')}</h1>
<p class="flash" role="status">${tr.t('partners.apply.thanks', { reference: input.reference, email: input.email })}</p>
<p><a href="${localePath(tr.locale, '/partners')}">${tr.t('partners.profile.back')}</a></p>`;
}

export function renderAnswerForm(input: {
  tr: Translator;
  csrf: string;
  token: string;
  organization: string;
  question: string | null;
  values: Record<string, string>;
  errors: FieldErrors;
}): SafeHtml {
  const { tr } = input;
  return html`<h1>${tr.t('partners.answer.title')}</h1>
<p>${tr.t('partners.answer.intro', { organization: input.organization })}</p>
${input.question ? html`<blockquote>${input.question}</blockquote>` : ''}
${errorSummary({ tr, errors: input.errors, labels: { answer: tr.t('partners.answer.field') } })}
<form method="post" action="${localePath(tr.locale, '/partners/apply/answer')}" novalidate>
${csrfField(input.csrf)}
<input type="hidden" name="token" value="${input.token}">
${textArea({ tr, name: 'answer', label: tr.t('partners.answer.field'), value: input.values.answer, errors: input.errors, maxLength: 5000 })}
<button type="submit">${tr.t('partners.answer.submit')}</button>
</form>`;
}

export function renderAnswerExpired(tr: Translator): SafeHtml {
  return html`<h1>${tr.t('accounts.link.expiredTitle')}</h1><p>${tr.t('partners.answer.expired')}</p>`;
}

export function renderAnswerReceived(tr: Translator): SafeHtml {
  return html`<h1>${tr.t('partners.answer.thanksTitle')}</h1><p class="flash" role="status">${tr.t('partners.answer.thanks')}</p>`;
}

function describeCountry(tr: Translator, iso3: string): string {
  return countryName({ iso3, locale: tr.locale });
}

const STATUS_LABELS: Record<ApplicationStatus, MessageKey> = {
  submitted: 'partners.applicationStatus.submitted',
  info_requested: 'partners.applicationStatus.info_requested',
  approved: 'partners.applicationStatus.approved',
  declined: 'partners.applicationStatus.declined',
};

const EVENT_LABELS: Record<ApplicationEvent, MessageKey> = {
  submitted: 'partners.event.submitted',
  info_requested: 'partners.event.info_requested',
  answered: 'partners.event.answered',
  approved: 'partners.event.approved',
  declined: 'partners.event.declined',
};

const DONE_NOTICES = {
  approved: 'partners.done.approved',
  declined: 'partners.done.declined',
  info: 'partners.done.info',
} as const satisfies Record<string, MessageKey>;

function ageInDays(since: Date): number {
  return Math.floor((Date.now() - since.getTime()) / 86_400_000);
}

/** The Secretariat's queue of applications, with its filters and pages. */
export function renderApplicationQueue(input: {
  tr: Translator;
  status: ApplicationStatus | undefined;
  kind?: OrganizationKind | undefined;
  page: number;
  total: number;
  rows: ApplicationRow[];
}): SafeHtml {
  const { tr, status, kind, rows } = input;
  return html`<h1>${tr.t('admin.applications')}</h1>
${filterForm({
  tr,
  action: '/admin/applications',
  fields: [
    selectField({
      tr,
      name: 'status',
      label: tr.t('accounts.field.status'),
      value: status ?? '',
      options: [
        { value: '', label: tr.t('form.all') },
        ...APPLICATION_STATUSES.map((value) => ({ value, label: tr.t(STATUS_LABELS[value]) })),
      ],
    }),
    selectField({
      tr,
      name: 'kind',
      label: tr.t('partners.field.kind'),
      value: kind,
      options: [{ value: '', label: tr.t('form.all') }, ...kindOptions(tr)],
    }),
  ],
})}
${
  rows.length === 0
    ? html`<p class="empty">${tr.t('partners.review.empty')}</p>`
    : html`<div class="table-wrap"><table><caption class="visually-hidden">${tr.t('admin.applications')}</caption>
<thead><tr><th scope="col">${tr.t('partners.apply.name')}</th><th scope="col">${tr.t('partners.field.kind')}</th><th scope="col">${tr.t('partners.field.country')}</th><th scope="col">${tr.t('partners.review.age')}</th><th scope="col">${tr.t('accounts.field.status')}</th></tr></thead>
<tbody>${rows.map((row) => html`<tr><td><a href="/admin/applications/${row.id}">${row.name}</a></td><td>${tr.t(KIND_LABELS[row.kind])}</td><td>${describeCountry(tr, row.country)}</td><td>${tr.t('partners.review.days', { count: ageInDays(row.createdAt) })}</td><td>${tr.t(STATUS_LABELS[row.status])}</td></tr>`)}</tbody></table></div>`
}
${pagination({ tr, path: '/admin/applications', query: { status: status ?? '', kind }, page: input.page, perPage: DEFAULT_PER_PAGE, total: input.total })}`;
}

/** One application for the Secretariat: its facts, possible duplicates, history and the decision forms. */
export function renderApplicationReview(input: {
  tr: Translator;
  csrf: string;
  review: ApplicationReview;
  done: keyof typeof DONE_NOTICES | undefined;
  problem?: MessageKey | undefined;
  values?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
}): SafeHtml {
  const { tr, csrf } = input;
  const { application, events, duplicates } = input.review;
  const errors = input.errors ?? {};
  const labels = { reason: tr.t('partners.review.reason'), message: tr.t('partners.review.message') };
  return html`<p><a href="/admin/applications">${tr.t('partners.review.back')}</a></p>
<h1>${application.name}</h1>
${input.done ? notice({ tr, key: DONE_NOTICES[input.done] }) : ''}
${input.problem ? html`<div class="error-summary" role="alert"><p>${tr.t(input.problem)}</p></div>` : ''}
<dl class="facts">
<dt>${tr.t('accounts.field.status')}</dt><dd>${tr.t(STATUS_LABELS[application.status])}</dd>
<dt>${tr.t('partners.field.kind')}</dt><dd>${tr.t(KIND_LABELS[application.kind])}</dd>
<dt>${tr.t('partners.field.country')}</dt><dd>${describeCountry(tr, application.country)}</dd>
<dt>${tr.t('partners.field.website')}</dt><dd><a href="${application.website}" rel="noopener nofollow">${application.website}</a></dd>
<dt>${tr.t('partners.apply.contactName')}</dt><dd>${application.contactName} &lt;${application.contactEmail}&gt;</dd>
<dt>${tr.t('accounts.field.locale')}</dt><dd>${isLocale(application.locale) ? LANGUAGE_NAMES[application.locale] : application.locale}</dd>
<dt>${tr.t('partners.review.age')}</dt><dd>${tr.t('partners.review.days', { count: ageInDays(application.createdAt) })}</dd>
</dl>
<h2>${tr.t('partners.apply.motivation')}</h2>
<p class="prose">${application.motivation}</p>
<h2>${tr.t('partners.review.duplicates')}</h2>
${
  duplicates.length === 0
    ? html`<p class="empty">${tr.t('partners.review.noDuplicates')}</p>`
    : html`<ul>${duplicates.map((entry) => html`<li>${entry.source === 'organization' ? tr.t('partners.review.existingOrganization') : tr.t('partners.review.otherApplication')}: ${entry.source === 'application' ? html`<a href="/admin/applications/${entry.id}">${entry.name}</a>` : entry.name} — ${entry.reason === 'website' ? tr.t('partners.review.sameWebsite') : tr.t('partners.review.similarName', { percent: Math.round(entry.similarity * 100) })}</li>`)}</ul>`
}
<h2>${tr.t('partners.review.history')}</h2>
<ol>${events.map((event) => html`<li><time datetime="${event.at.toISOString()}">${tr.formatDate(event.at, 'medium')}</time> — ${tr.t(EVENT_LABELS[event.event])} (${event.actorLabel})${event.note ? html`<blockquote>${event.note}</blockquote>` : ''}</li>`)}</ol>
${
  input.review.open
    ? html`<h2>${tr.t('partners.review.decide')}</h2>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/applications/${application.id}/approve">${csrfField(csrf)}
<p>${tr.t('partners.review.approveExplain')}</p>
<button type="submit">${tr.t('partners.review.approve')}</button></form>
<form method="post" action="/admin/applications/${application.id}/request-info" novalidate>${csrfField(csrf)}
${textArea({ tr, name: 'message', label: labels.message, hint: tr.t('partners.review.messageHint'), value: input.values?.message, errors, maxLength: 3000 })}
<button type="submit" class="secondary">${tr.t('partners.review.requestInfo')}</button></form>
<form method="post" action="/admin/applications/${application.id}/decline" novalidate>${csrfField(csrf)}
${textArea({ tr, name: 'reason', label: labels.reason, hint: tr.t('partners.review.reasonHint'), value: input.values?.reason, errors, maxLength: 3000 })}
<button type="submit" class="danger">${tr.t('partners.review.decline')}</button></form>`
    : application.organizationId
      ? html`<p><a href="${localePath(tr.locale, '/partners')}">${tr.t('partners.profile.back')}</a></p>`
      : ''
}`;
}
