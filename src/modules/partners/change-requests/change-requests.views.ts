import type { FieldErrors } from '../../../http/forms.ts';
import { LANGUAGE_NAMES, LOCALES, type Locale, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textArea, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { KIND_LABELS, kindOptions } from '../partners.labels.ts';
import type { PendingChangeRequest } from './change-requests.usecases.ts';

function requestFacts(tr: Translator, row: PendingChangeRequest): SafeHtml {
  const { changes } = row;
  return html`<p class="small">${tr.t('partners.change.by', { who: row.requestedByLabel })} · ${tr.formatDate(row.createdAt, 'medium')}</p>
<dl class="facts">
<dt>${tr.t('partners.field.kind')}</dt><dd>${tr.t(KIND_LABELS[row.organizationKind])} → ${tr.t(KIND_LABELS[changes.kind])}</dd>
${LOCALES.filter((locale) => changes.names[locale]).map((locale) => html`<dt>${tr.t('partners.change.name', { language: LANGUAGE_NAMES[locale] })}</dt><dd>${changes.names[locale]}</dd>`)}
</dl>`;
}

/** The changes waiting for the Secretariat, each with its approval button and a link to decline it. */
export function renderChangeRequestList(input: {
  tr: Translator;
  csrf: string;
  rows: PendingChangeRequest[];
  done: 'approved' | 'declined' | undefined;
}): SafeHtml {
  const { tr, csrf, rows, done } = input;
  return html`<h1>${tr.t('admin.changeRequests')}</h1>
${done === 'approved' ? notice({ tr, key: 'partners.change.approved' }) : done === 'declined' ? notice({ tr, key: 'partners.change.declined' }) : ''}
${
  rows.length === 0
    ? html`<p class="empty">${tr.t('partners.change.none')}</p>`
    : rows.map(
        (row) => html`<section class="change-request" aria-labelledby="change-${row.id}">
<h2 id="change-${row.id}">${row.organizationName}</h2>
${requestFacts(tr, row)}
<div class="actions">
<form method="post" action="/admin/change-requests/${row.id}/approve">${csrfField(csrf)}<button type="submit">${tr.t('partners.review.approve')}</button></form>
<a href="/admin/change-requests/${row.id}">${tr.t('partners.change.declineLink')}</a>
</div>
</section>`,
      )
}`;
}

/** One change, with both decisions; the decline form keeps what was typed when it is refused. */
export function renderChangeRequestDetail(input: {
  tr: Translator;
  csrf: string;
  row: PendingChangeRequest;
  values?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
}): SafeHtml {
  const { tr, csrf, row } = input;
  const errors = input.errors ?? {};
  const labels = { reason: tr.t('partners.change.reason') };
  return html`<p><a href="/admin/change-requests">${tr.t('partners.change.back')}</a></p>
<h1>${row.organizationName}</h1>
${requestFacts(tr, row)}
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/change-requests/${row.id}/approve">${csrfField(csrf)}
<p>${tr.t('partners.change.approveExplain')}</p>
<button type="submit">${tr.t('partners.review.approve')}</button></form>
<form method="post" action="/admin/change-requests/${row.id}/decline" novalidate>${csrfField(csrf)}
${textArea({ tr, name: 'reason', label: labels.reason, hint: tr.t('partners.change.reasonHint'), value: input.values?.reason, errors, maxLength: 3000 })}
<button type="submit" class="danger">${tr.t('partners.review.decline')}</button></form>`;
}

/** The organization page's form to ask for a new name or kind. */
export function renderChangeRequestSection(input: {
  tr: Translator;
  csrf: string;
  organization: { slug: string; kind: string; names: Partial<Record<Locale, string>> };
  form?: { values: Record<string, string>; errors: FieldErrors } | undefined;
}): SafeHtml {
  const { tr, organization, form } = input;
  return html`<h2 id="change-heading">${tr.t('partners.change.heading')}</h2>
<p class="hint">${tr.t('partners.change.explain')}</p>
${errorSummary({ tr, errors: form?.errors ?? {}, labels: { kind: tr.t('partners.field.kind'), name_fr: tr.t('partners.change.name', { language: LANGUAGE_NAMES.fr }), name_en: tr.t('partners.change.name', { language: LANGUAGE_NAMES.en }), name_es: tr.t('partners.change.name', { language: LANGUAGE_NAMES.es }) } })}
<form method="post" action="/admin/organizations/${organization.slug}/change-request" aria-labelledby="change-heading" novalidate>
${csrfField(input.csrf)}
${selectField({ tr, name: 'kind', label: tr.t('partners.field.kind'), value: form?.values.kind ?? organization.kind, errors: form?.errors ?? {}, required: true, options: kindOptions(tr) })}
${LOCALES.map((locale) => textField({ tr, name: `name_${locale}`, label: tr.t('partners.change.name', { language: LANGUAGE_NAMES[locale] }), value: form?.values[`name_${locale}`] ?? organization.names[locale] ?? '', errors: form?.errors ?? {}, maxLength: 200 }))}
<button type="submit" class="secondary">${tr.t('partners.change.submit')}</button>
</form>`;
}
