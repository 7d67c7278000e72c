import type { FieldErrors } from '../../../http/forms.ts';
import { countryName } from '../../../i18n/countries.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, filterForm, selectField, textArea, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { DEFAULT_PER_PAGE, pagination } from '../../../ui/pagination.ts';
import { dataTable } from '../../../ui/tables.ts';
import { KIND_LABELS, kindOptions, ORGANIZATION_STATUS_LABELS } from '../partners.labels.ts';
import { ORGANIZATION_STATUSES, type OrganizationStatus } from '../partners.table.ts';
import { SETTABLE_STATUSES, type RegistryQuery } from './registry.schemas.ts';
import type { RegistryRow, StatusHistoryEntry } from './registry.usecases.ts';

/** The Secretariat's list of every organization: search, status and kind filters, pages. */
export function renderRegistry(input: {
  tr: Translator;
  query: RegistryQuery;
  total: number;
  rows: RegistryRow[];
}): SafeHtml {
  const { tr, query, rows, total } = input;
  const page = query.page;
  return html`<h1>${tr.t('admin.organizationsAll')}</h1>
${filterForm({
  tr,
  action: '/admin/organizations',
  fields: [
    textField({ tr, name: 'q', label: tr.t('partners.registry.search'), value: query.q }),
    selectField({
      tr,
      name: 'status',
      label: tr.t('accounts.field.status'),
      value: query.status,
      options: [
        { value: '', label: tr.t('form.all') },
        ...ORGANIZATION_STATUSES.map((status) => ({ value: status, label: tr.t(ORGANIZATION_STATUS_LABELS[status]) })),
      ],
    }),
    selectField({
      tr,
      name: 'kind',
      label: tr.t('partners.field.kind'),
      value: query.kind,
      options: [{ value: '', label: tr.t('form.all') }, ...kindOptions(tr)],
    }),
  ],
})}
${dataTable({
  empty: tr.t('partners.registry.empty'),
  caption: tr.t('admin.organizationsAll'),
  captionHidden: true,
  columns: [
    tr.t('partners.apply.name'),
    tr.t('partners.field.kind'),
    tr.t('partners.field.country'),
    tr.t('accounts.field.status'),
    tr.t('partners.registry.since'),
  ],
  rows: rows.map((row) => [
    html`<a href="/admin/organizations/${row.slug}">${row.name}</a>${row.isDemo ? html` <span class="badge">${tr.t('partners.demoBadge')}</span>` : ''}`,
    tr.t(KIND_LABELS[row.kind]),
    row.country ? countryName({ iso3: row.country, locale: tr.locale }) : '—',
    tr.t(ORGANIZATION_STATUS_LABELS[row.status]),
    row.since ? tr.formatDate(new Date(`${row.since}T00:00:00Z`)) : '—',
  ]),
})}
${pagination({ tr, path: '/admin/organizations', query: { q: query.q, status: query.status, kind: query.kind }, page, perPage: DEFAULT_PER_PAGE, total })}`;
}

/** The status of an organization, its history, and the Secretariat's form to change it. */
export function renderStatusSection(input: {
  tr: Translator;
  csrf: string;
  slug: string;
  status: OrganizationStatus;
  history: StatusHistoryEntry[];
  today: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
}): SafeHtml {
  const { tr } = input;
  const errors = input.errors ?? {};
  const labels = {
    status: tr.t('partners.status.new'),
    valid_from: tr.t('partners.status.validFrom'),
    note: tr.t('partners.status.note'),
  };
  return html`<h2 id="status-heading">${tr.t('partners.status.heading')}</h2>
<p>${tr.t('partners.status.current', { status: tr.t(ORGANIZATION_STATUS_LABELS[input.status]) })}</p>
${dataTable({
  caption: tr.t('partners.status.history'),
  columns: [tr.t('partners.status.validFrom'), tr.t('accounts.field.status'), tr.t('partners.status.note')],
  rows: input.history.map((entry) => [
    tr.formatDate(new Date(`${entry.validFrom}T00:00:00Z`)),
    tr.t(ORGANIZATION_STATUS_LABELS[entry.status]),
    entry.note ?? '',
  ]),
})}
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/organizations/${input.slug}/status" aria-labelledby="status-heading" novalidate>
${csrfField(input.csrf)}
${selectField({ tr, name: 'status', label: labels.status, value: input.values?.status ?? '', errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...SETTABLE_STATUSES.filter((status) => status !== input.status).map((status) => ({ value: status, label: tr.t(ORGANIZATION_STATUS_LABELS[status]) }))] })}
${textField({ tr, name: 'valid_from', type: 'date', label: labels.valid_from, hint: tr.t('partners.status.validFromHint'), value: input.values?.valid_from ?? input.today, errors, required: true })}
${textArea({ tr, name: 'note', label: labels.note, hint: tr.t('partners.status.noteHint'), value: input.values?.note, errors, maxLength: 1000 })}
<button type="submit" class="secondary">${tr.t('partners.status.submit')}</button>
</form>`;
}
