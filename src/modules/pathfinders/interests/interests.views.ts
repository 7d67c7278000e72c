import type { FieldErrors } from '../../../http/forms.ts';
import { countryName, countryOptions } from '../../../i18n/countries.ts';
import { isLocale, LANGUAGE_NAMES, type MessageKey, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, filterForm, notice, selectField, textArea, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { DEFAULT_PER_PAGE, pagination } from '../../../ui/pagination.ts';
import { dataTable } from '../../../ui/tables.ts';
import { STAGE_LABELS } from '../pathfinders.labels.ts';
import {
  INTEREST_STATUSES,
  PATHFINDER_STAGES,
  type InterestStatus,
  type PathfinderStage,
} from '../pathfinders.table.ts';
import { PART_MAX } from './interests.schemas.ts';
import type { InterestReview, InterestRow, LetterFacts } from './interests.usecases.ts';

const LABELS = {
  country: 'pathfinders.interest.country',
  reasons: 'pathfinders.interest.reasons',
  commitment: 'pathfinders.interest.commitment',
  recent_successes: 'pathfinders.interest.recentSuccesses',
  focal_point_name: 'pathfinders.focalPoint.name',
  focal_point_title: 'pathfinders.focalPoint.title',
  focal_point_ministry: 'pathfinders.focalPoint.ministry',
  focal_point_email: 'pathfinders.focalPoint.email',
  letter: 'pathfinders.interest.letter',
} as const satisfies Record<string, MessageKey>;

function megabytes(tr: Translator, bytes: number): string {
  return tr.t('pathfinders.interest.size', {
    size: tr.formatNumber(Math.max(0.1, Math.round(bytes / 104_857.6) / 10)),
  });
}

/**
 * The expression of interest: the country, the three written parts and the nomination of the
 * focal point, an optional letter; sent, or kept as a draft.
 */
export function renderInterestForm(input: {
  tr: Translator;
  csrf: string;
  values: Record<string, string>;
  errors: FieldErrors;
  /** The draft this form continues (its private link's token). */
  draftToken?: string | undefined;
  /** The private link, said once just after the draft is saved. */
  savedLink?: string | undefined;
  letter?: LetterFacts | null | undefined;
}): SafeHtml {
  const { tr, values, errors } = input;
  const labels = Object.fromEntries(Object.entries(LABELS).map(([name, key]) => [name, tr.t(key)]));
  const letterError = errors.letter ? tr.t(errors.letter.key, errors.letter.values) : null;
  return html`<h1>${tr.t('pathfinders.interest.title')}</h1>
<p class="lead">${tr.t('pathfinders.interest.intro')}</p>
${input.savedLink ? html`<div class="flash flash-success" role="status"><p>${tr.t('pathfinders.interest.draftSaved')}</p><p><a href="${input.savedLink}">${input.savedLink}</a></p></div>` : ''}
${input.draftToken && !input.savedLink ? notice({ tr, key: 'pathfinders.interest.draftResumed', kind: 'info' }) : ''}
${errorSummary({ tr, errors, labels: { ...labels, _form: tr.t('pathfinders.interest.title') } })}
<form method="post" action="${localePath(tr.locale, '/pathfinders/apply')}" enctype="multipart/form-data" novalidate>
${csrfField(input.csrf)}
${input.draftToken ? html`<input type="hidden" name="draft" value="${input.draftToken}">` : ''}
${selectField({ tr, name: 'country', label: labels.country!, value: values.country, errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...countryOptions(tr.locale)] })}
<h2>${tr.t('pathfinders.interest.partsHeading')}</h2>
${textArea({ tr, name: 'reasons', label: labels.reasons!, hint: tr.t('pathfinders.interest.reasonsHint'), value: values.reasons, errors, maxLength: PART_MAX })}
${textArea({ tr, name: 'commitment', label: labels.commitment!, hint: tr.t('pathfinders.interest.commitmentHint'), value: values.commitment, errors, maxLength: PART_MAX })}
${textArea({ tr, name: 'recent_successes', label: labels.recent_successes!, hint: tr.t('pathfinders.interest.recentSuccessesHint'), value: values.recent_successes, errors, maxLength: PART_MAX })}
<h2>${tr.t('pathfinders.interest.nominationHeading')}</h2>
<p>${tr.t('pathfinders.interest.nominationIntro')}</p>
${textField({ tr, name: 'focal_point_name', label: labels.focal_point_name!, value: values.focal_point_name, errors, required: true, maxLength: 120, autocomplete: 'name' })}
${textField({ tr, name: 'focal_point_title', label: labels.focal_point_title!, value: values.focal_point_title, errors, required: true, maxLength: 200, autocomplete: 'organization-title' })}
${textField({ tr, name: 'focal_point_ministry', label: labels.focal_point_ministry!, hint: tr.t('pathfinders.focalPoint.ministryHint'), value: values.focal_point_ministry, errors, required: true, maxLength: 200, autocomplete: 'organization' })}
${textField({ tr, name: 'focal_point_email', type: 'email', label: labels.focal_point_email!, hint: tr.t('pathfinders.interest.emailHint'), value: values.focal_point_email, errors, required: true, maxLength: 254, autocomplete: 'email' })}
<h2>${tr.t('pathfinders.interest.letterHeading')}</h2>
<div class="field${letterError ? ' field-invalid' : ''}">
<label for="field-letter">${labels.letter} <span class="optional">(${tr.t('form.optional')})</span></label>
<p class="hint" id="field-letter-hint">${tr.t('pathfinders.interest.letterHint')}${input.letter ? html` ${tr.t('pathfinders.interest.letterKept', { name: input.letter.fileName, size: megabytes(tr, input.letter.byteSize) })}` : ''}</p>
${letterError ? html`<p class="error" id="field-letter-error">${letterError}</p>` : ''}
<input type="file" id="field-letter" name="letter" accept="application/pdf,.pdf" aria-describedby="field-letter-hint${letterError ? ' field-letter-error' : ''}"${letterError ? html` aria-invalid="true"` : ''}>
</div>
<div class="actions">
<button type="submit" name="intent" value="submit">${tr.t('pathfinders.interest.submit')}</button>
<button type="submit" name="intent" value="draft" class="secondary">${tr.t('pathfinders.interest.saveDraft')}</button>
</div>
<p class="hint">${tr.t('pathfinders.interest.draftHint')}</p>
</form>`;
}

export function renderDraftExpired(tr: Translator): SafeHtml {
  return html`<h1>${tr.t('accounts.link.expiredTitle')}</h1>
<p>${tr.t('pathfinders.interest.draftExpired')}</p>
<p><a href="${localePath(tr.locale, '/pathfinders/apply')}">${tr.t('pathfinders.interest.startAgain')}</a></p>`;
}

/** After the address is confirmed: the interest is with the Secretariat. */
export function renderInterestConfirmed(tr: Translator): SafeHtml {
  return html`<h1>${tr.t('pathfinders.interest.thanksTitle')}</h1>
<p class="flash" role="status">${tr.t('pathfinders.interest.confirmed')}</p>
<p><a href="${localePath(tr.locale, '/pathfinders')}">${tr.t('pathfinders.country.back')}</a></p>`;
}

const STATUS_LABELS: Record<InterestStatus, MessageKey> = {
  draft: 'pathfinders.interestStatus.draft',
  unconfirmed: 'pathfinders.interestStatus.unconfirmed',
  submitted: 'pathfinders.interestStatus.submitted',
  accepted: 'pathfinders.interestStatus.accepted',
  declined: 'pathfinders.interestStatus.declined',
};
const REVIEWED_STATUSES = INTEREST_STATUSES.filter((status) => status !== 'draft' && status !== 'unconfirmed');

const DONE_NOTICES = {
  accepted: 'pathfinders.interest.done.accepted',
  declined: 'pathfinders.interest.done.declined',
} as const satisfies Record<string, MessageKey>;

function describeCountry(tr: Translator, iso3: string | null): string {
  return iso3 ? countryName({ iso3, locale: tr.locale }) : '';
}

function received(tr: Translator, row: InterestRow): SafeHtml {
  const at = row.confirmedAt ?? row.createdAt;
  return html`<time datetime="${at.toISOString()}">${tr.formatDate(at, 'medium')}</time>`;
}

/** The Secretariat's list of expressions of interest, the ones waiting first. */
export function renderInterestQueue(input: {
  tr: Translator;
  status: InterestStatus | undefined;
  page: number;
  total: number;
  rows: InterestRow[];
}): SafeHtml {
  const { tr, status } = input;
  return html`<p><a href="/admin/pathfinders">${tr.t('pathfinders.admin.back')}</a></p>
<h1>${tr.t('pathfinders.interests.title')}</h1>
${filterForm({
  tr,
  action: '/admin/pathfinders/interests',
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
  ],
})}
${dataTable({
  empty: tr.t('pathfinders.interests.empty'),
  caption: tr.t('pathfinders.interests.title'),
  captionHidden: true,
  columns: [
    tr.t('pathfinders.interest.country'),
    tr.t('pathfinders.focalPoint.ministry'),
    tr.t('pathfinders.interests.received'),
    tr.t('accounts.field.status'),
  ],
  rows: input.rows.map((row) => [
    html`<a href="/admin/pathfinders/interests/${row.id}">${describeCountry(tr, row.iso3)}</a>`,
    row.focalPointMinistry,
    received(tr, row),
    tr.t(STATUS_LABELS[row.status]),
  ]),
})}
${pagination({ tr, path: '/admin/pathfinders/interests', query: { status: status ?? '' }, page: input.page, perPage: DEFAULT_PER_PAGE, total: input.total })}`;
}

function isStage(value: unknown): value is PathfinderStage {
  return typeof value === 'string' && (PATHFINDER_STAGES as readonly string[]).includes(value);
}

/** A refusal said above the decision forms (the stage it names in the reader's words). */
function problemOf(tr: Translator, problem: { key: MessageKey; values: Record<string, string | number> }): string {
  const stage = problem.values.stage;
  return tr.t(problem.key, isStage(stage) ? { ...problem.values, stage: tr.t(STAGE_LABELS[stage]) } : problem.values);
}

/** One interest for the Secretariat: what the government wrote, its nominee and letter, and the decision forms. */
export function renderInterestReview(input: {
  tr: Translator;
  csrf: string;
  review: InterestReview;
  done: keyof typeof DONE_NOTICES | undefined;
  problem?: { key: MessageKey; values: Record<string, string | number> } | undefined;
  values?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
}): SafeHtml {
  const { tr, csrf } = input;
  const { interest, letter } = input.review;
  const errors = input.errors ?? {};
  const country = describeCountry(tr, interest.iso3);
  const base = `/admin/pathfinders/interests/${interest.id}`;
  return html`<p><a href="/admin/pathfinders/interests">${tr.t('pathfinders.interests.back')}</a></p>
<h1>${tr.t('pathfinders.interests.reviewTitle', { country })}</h1>
${input.done ? notice({ tr, key: DONE_NOTICES[input.done] }) : ''}
${input.problem ? html`<div class="error-summary" role="alert"><p>${problemOf(tr, input.problem)}</p></div>` : ''}
<dl class="facts">
<dt>${tr.t('accounts.field.status')}</dt><dd>${tr.t(STATUS_LABELS[interest.status])}${input.review.decidedByName ? html` (${input.review.decidedByName})` : ''}</dd>
<dt>${tr.t('pathfinders.interest.country')}</dt><dd>${country} (${interest.iso3 ?? ''})</dd>
<dt>${tr.t('pathfinders.interests.received')}</dt><dd>${received(tr, interest)}</dd>
<dt>${tr.t('accounts.field.locale')}</dt><dd>${isLocale(interest.locale) ? LANGUAGE_NAMES[interest.locale] : interest.locale}</dd>
<dt>${tr.t('pathfinders.interest.letter')}</dt><dd>${letter ? html`<a href="${base}/letter">${letter.fileName}</a> (${megabytes(tr, letter.byteSize)})` : tr.t('pathfinders.interests.noLetter')}</dd>
</dl>
<h2>${tr.t('pathfinders.interest.reasons')}</h2>
<p class="prose">${interest.reasons}</p>
<h2>${tr.t('pathfinders.interest.commitment')}</h2>
<p class="prose">${interest.commitment}</p>
<h2>${tr.t('pathfinders.interest.recentSuccesses')}</h2>
<p class="prose">${interest.recentSuccesses}</p>
<h2>${tr.t('pathfinders.interest.nominationHeading')}</h2>
<dl class="facts">
<dt>${tr.t('pathfinders.focalPoint.name')}</dt><dd>${interest.focalPointName}</dd>
<dt>${tr.t('pathfinders.focalPoint.title')}</dt><dd>${interest.focalPointTitle}</dd>
<dt>${tr.t('pathfinders.focalPoint.ministry')}</dt><dd>${interest.focalPointMinistry}</dd>
<dt>${tr.t('pathfinders.focalPoint.email')}</dt><dd>${interest.focalPointEmail}</dd>
</dl>
${interest.declineReason ? html`<h2>${tr.t('pathfinders.interests.reason')}</h2><p class="prose">${interest.declineReason}</p>` : ''}
${interest.status === 'accepted' && interest.iso3 ? html`<p><a href="/admin/pathfinders/${interest.iso3}">${tr.t('pathfinders.interests.countryPage', { country })}</a></p>` : ''}
${
  input.review.open
    ? html`<h2>${tr.t('pathfinders.interests.decide')}</h2>
${errorSummary({ tr, errors, labels: { reason: tr.t('pathfinders.interests.reason') } })}
<form method="post" action="${base}/accept">${csrfField(csrf)}
<p>${tr.t('pathfinders.interests.acceptExplain')}</p>
<button type="submit">${tr.t('pathfinders.interests.accept')}</button></form>
<form method="post" action="${base}/decline" novalidate>${csrfField(csrf)}
${textArea({ tr, name: 'reason', label: tr.t('pathfinders.interests.reason'), hint: tr.t('pathfinders.interests.reasonHint'), value: input.values?.reason, errors, maxLength: 3000 })}
<button type="submit" class="danger">${tr.t('pathfinders.interests.decline')}</button></form>`
    : ''
}`;
}

/** The step before accepting: what accepting does, and the button that does it. */
export function renderAcceptConfirmation(input: { tr: Translator; csrf: string; interest: InterestRow }): SafeHtml {
  const { tr, interest } = input;
  const country = describeCountry(tr, interest.iso3);
  const base = `/admin/pathfinders/interests/${interest.id}`;
  return html`<p><a href="${base}">${tr.t('pathfinders.interests.backToInterest')}</a></p>
<h1>${tr.t('pathfinders.interests.acceptTitle', { country })}</h1>
<ul>
<li>${tr.t('pathfinders.interests.acceptPath', { country })}</li>
<li>${tr.t('pathfinders.interests.acceptInvite', { name: interest.focalPointName, email: interest.focalPointEmail, language: isLocale(interest.locale) ? LANGUAGE_NAMES[interest.locale] : interest.locale })}</li>
</ul>
<form method="post" action="${base}/accept">${csrfField(input.csrf)}
<input type="hidden" name="confirm" value="yes">
<button type="submit">${tr.t('pathfinders.interests.acceptConfirm')}</button>
<a href="${base}" class="button secondary">${tr.t('pathfinders.interests.acceptCancel')}</a>
</form>`;
}
