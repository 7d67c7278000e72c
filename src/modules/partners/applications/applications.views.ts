import type { FieldErrors } from '../../../http/forms.ts';
import { countryName, countryOptions } from '../../../i18n/countries.ts';
import { isLocale, LANGUAGE_NAMES, type MessageKey, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, filterForm, notice, selectField, textArea, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { DEFAULT_PER_PAGE, pagination } from '../../../ui/pagination.ts';
import { dataTable } from '../../../ui/tables.ts';
import { KIND_LABELS, kindOptions } from '../partners.labels.ts';
import { REVIEWED_STATUSES, type OrganizationKind, type ReviewedStatus } from '../partners.table.ts';
import type { ApplicationEvent, ApplicationRow } from './applications.repository.ts';
import type { ApplicationReview, ApplicationStage } from './applications.usecases.ts';

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
${errorSummary({ tr, errors, labels: { ...labels, _form: tr.t('partners.apply.title') } })}
<form method="post" action="${localePath(tr.locale, '/partners/apply')}" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'name', label: labels.name!, value: values.name, errors, required: true, maxLength: 200, autocomplete: 'organization' })}
${selectField({ tr, name: 'kind', label: labels.kind!, value: values.kind, errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...kindOptions(tr)] })}
${selectField({ tr, name: 'country', label: labels.country!, hint: tr.t('partners.apply.countryHint'), value: values.country, errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...countryOptions(tr.locale)] })}
${textField({ tr, name: 'website', type: 'url', label: labels.website!, hint: tr.t('partners.apply.websiteHint'), value: values.website, errors, maxLength: 300, autocomplete: 'url' })}
${textField({ tr, name: 'contact_name', label: labels.contact_name!, value: values.contact_name, errors, required: true, maxLength: 120, autocomplete: 'name' })}
${textField({ tr, name: 'contact_email', type: 'email', label: labels.contact_email!, hint: tr.t('partners.apply.contactHint'), value: values.contact_email, errors, required: true, maxLength: 254, autocomplete: 'email' })}
${textArea({ tr, name: 'motivation', label: labels.motivation!, hint: tr.t('partners.apply.motivationHint'), value: values.motivation, errors, maxLength: 5000 })}
<div class="field checkbox${termsError ? ' field-invalid' : ''}">
${termsError ? html`<p class="error" id="field-endorses_terms-error">${tr.t(termsError.key)}</p>` : ''}
<input type="checkbox" id="field-endorses_terms" name="endorses_terms" value="yes" required${values.endorses_terms ? html` checked` : ''}${termsError ? html` aria-invalid="true" aria-describedby="field-endorses_terms-error"` : ''}>
<label for="field-endorses_terms">${labels.endorses_terms}</label>
<p class="hint" id="field-endorses_terms-hint"><a href="${localePath(tr.locale, '/about')}#${tr.t('partners.apply.termsAnchor')}">${tr.t('partners.apply.termsLink')}</a></p>
</div>
<button type="submit">${tr.t('partners.apply.submit')}</button>
</form>`;
}

/** After the address is confirmed: the application is with the Secretariat. */
export function renderApplicationConfirmed(tr: Translator): SafeHtml {
  return html`<h1>${tr.t('partners.apply.thanksTitle')}</h1>
<p class="flash" role="status">${tr.t('partners.apply.confirmed')}</p>
<p><a href="${localePath(tr.locale, '/partners')}">${tr.t('partners.profile.back')}</a></p>`;
}

const STAGE_LABELS: Record<ApplicationStage, MessageKey> = {
  received: 'partners.standing.received',
  review: 'partners.standing.review',
  info: 'partners.standing.info',
  accepted: 'partners.standing.accepted',
  declined: 'partners.standing.declined',
};

const STAGE_EXPLANATIONS: Record<ApplicationStage, MessageKey> = {
  received: 'partners.standing.receivedExplain',
  review: 'partners.standing.reviewExplain',
  info: 'partners.standing.infoExplain',
  accepted: 'partners.standing.acceptedExplain',
  declined: 'partners.standing.declinedExplain',
};

/** The applicant's private page: where their application stands, the steps before and after. */
export function renderApplicationStanding(input: {
  tr: Translator;
  reference: number;
  organization: string;
  receivedAt: Date;
  stage: ApplicationStage;
}): SafeHtml {
  const { tr, stage } = input;
  // The steps in order; a decision ends the list with the one taken.
  const steps: ApplicationStage[] = [
    'received',
    'review',
    ...(stage === 'info' ? ['info' as const] : []),
    stage === 'declined' ? 'declined' : 'accepted',
  ];
  const reached = steps.indexOf(stage);
  return html`<h1>${tr.t('partners.standing.title')}</h1>
<dl class="facts">
<dt>${tr.t('partners.apply.name')}</dt><dd>${input.organization}</dd>
<dt>${tr.t('partners.standing.reference')}</dt><dd>${input.reference}</dd>
<dt>${tr.t('partners.standing.receivedAt')}</dt><dd><time datetime="${input.receivedAt.toISOString()}">${tr.formatDate(input.receivedAt, 'long')}</time></dd>
</dl>
<p class="flash flash-info" role="status"><strong>${tr.t(STAGE_LABELS[stage])}</strong> — ${tr.t(STAGE_EXPLANATIONS[stage])}</p>
<ol class="steps">${steps.map(
    (step, index) =>
      html`<li class="${index < reached ? 'step-done' : index === reached ? 'step-current' : 'step-next'}"${index === reached ? html` aria-current="step"` : ''}>${tr.t(STAGE_LABELS[step])}</li>`,
  )}</ol>`;
}

export function renderStandingUnknown(tr: Translator): SafeHtml {
  return html`<h1>${tr.t('partners.standing.title')}</h1><p>${tr.t('partners.standing.unknown')}</p>`;
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

const STATUS_LABELS: Record<ReviewedStatus, MessageKey> = {
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
  status: ReviewedStatus | undefined;
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
        ...REVIEWED_STATUSES.map((value) => ({ value, label: tr.t(STATUS_LABELS[value]) })),
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
${dataTable({
  empty: tr.t('partners.review.empty'),
  caption: tr.t('admin.applications'),
  captionHidden: true,
  columns: [
    tr.t('partners.apply.name'),
    tr.t('partners.field.kind'),
    tr.t('partners.field.country'),
    tr.t('partners.review.age'),
    tr.t('accounts.field.status'),
  ],
  rows: rows.map((row) => [
    html`<a href="/admin/applications/${row.id}">${row.name}</a>`,
    tr.t(KIND_LABELS[row.kind]),
    describeCountry(tr, row.country),
    tr.t('partners.review.days', { count: ageInDays(row.confirmedAt ?? row.createdAt) }),
    tr.t(STATUS_LABELS[row.status as ReviewedStatus]),
  ]),
})}
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
<dt>${tr.t('accounts.field.status')}</dt><dd>${tr.t(STATUS_LABELS[application.status as ReviewedStatus])}</dd>
<dt>${tr.t('partners.field.kind')}</dt><dd>${tr.t(KIND_LABELS[application.kind])}</dd>
<dt>${tr.t('partners.field.country')}</dt><dd>${describeCountry(tr, application.country)}</dd>
<dt>${tr.t('partners.field.website')}</dt><dd>${application.website ? html`<a href="${application.website}" rel="noopener nofollow">${application.website}</a>` : tr.t('partners.review.noWebsite')}</dd>
<dt>${tr.t('partners.apply.contactName')}</dt><dd>${application.contactName} &lt;${application.contactEmail}&gt;</dd>
<dt>${tr.t('accounts.field.locale')}</dt><dd>${isLocale(application.locale) ? LANGUAGE_NAMES[application.locale] : application.locale}</dd>
<dt>${tr.t('partners.review.age')}</dt><dd>${tr.t('partners.review.days', { count: ageInDays(application.confirmedAt ?? application.createdAt) })}</dd>
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

/** The step before approving: what approving does, and the button that does it. */
export function renderApproveConfirmation(input: {
  tr: Translator;
  csrf: string;
  application: ApplicationRow;
}): SafeHtml {
  const { tr, application } = input;
  return html`<p><a href="/admin/applications/${application.id}">${tr.t('partners.review.backToApplication')}</a></p>
<h1>${tr.t('partners.review.approveTitle', { organization: application.name })}</h1>
<p>${tr.t('partners.review.approveExplain')}</p>
<ul>
<li>${tr.t('partners.review.approveDirectory', { organization: application.name })}</li>
<li>${tr.t('partners.review.approveInvite', { name: application.contactName, email: application.contactEmail, language: isLocale(application.locale) ? LANGUAGE_NAMES[application.locale] : application.locale })}</li>
</ul>
<form method="post" action="/admin/applications/${application.id}/approve">${csrfField(input.csrf)}
<input type="hidden" name="confirm" value="yes">
<button type="submit">${tr.t('partners.review.approveConfirm')}</button>
<a href="/admin/applications/${application.id}" class="button secondary">${tr.t('partners.review.approveCancel')}</a>
</form>`;
}
