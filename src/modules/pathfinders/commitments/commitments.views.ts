import type { FieldErrors } from '../../../http/forms.ts';
import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { dataTable } from '../../../ui/tables.ts';
import { fileField, sectionForm } from '../workshops/workshops.views.ts';
import { renderRecordPage, sourceHost, type FormState } from '../lifecycle/lifecycle.views.ts';
import {
  COMMITMENT_LABELS,
  IMPORT_COLUMN_LABELS,
  IMPORT_DATASET_LABELS,
  INSTRUMENT_KIND_LABELS,
  RATIFICATION_STATUS_LABELS,
  STANDARD_LABELS,
} from './commitments.labels.ts';
import type { ImportReport } from './commitments.import.ts';
import { IMPORT_DATASETS, type ImportDataset } from './commitments.schemas.ts';
import { COMMITMENTS, INSTRUMENT_KINDS, RATIFICATION_STATUSES, STANDARDS } from './commitments.table.ts';
import type { CommitmentRow, CountryCommitments, InstrumentRow, RatificationRow } from './commitments.usecases.ts';

const day = (tr: Translator, value: string) => tr.formatDate(new Date(`${value}T00:00:00Z`));

/** A source as given: a link when it is an address, its words otherwise. */
function renderSource(source: string): SafeHtml {
  return /^https?:\/\//.test(source)
    ? html`<a href="${source}" rel="noopener nofollow">${sourceHost(source)}</a>`
    : html`${source}`;
}

/** The three lists (laws and plans, commitments, standards), on the public page and in the back office. */
export function renderCommitmentTables(input: { tr: Translator; data: CountryCommitments; manage?: string }): SafeHtml {
  const { tr, data, manage } = input;
  /** In the back office, the links that correct or remove a record (its page, then a confirmation). */
  const links = (path: string, what: string) =>
    manage === undefined
      ? []
      : [
          html`<a href="${manage}/${path}">${tr.t('pathfinders.manage.correct')}<span class="visually-hidden"> ${what}</span></a> · <a href="${manage}/${path}/remove">${tr.t('pathfinders.manage.remove')}<span class="visually-hidden"> ${what}</span></a>`,
        ];
  const actions = manage === undefined ? [] : [tr.t('pathfinders.manage.actions')];
  const ratified = new Map(data.ratifications.map((row) => [row.standard, row]));
  const committed = new Map(data.commitments.map((row) => [row.commitment, row]));
  return html`<h3 id="instruments-heading">${tr.t('pathfinders.instrument.heading')}</h3>
${dataTable({
  caption: tr.t('pathfinders.instrument.heading'),
  captionHidden: true,
  columns: [
    tr.t('pathfinders.instrument.title'),
    tr.t('pathfinders.instrument.kind'),
    tr.t('pathfinders.instrument.year'),
    ...actions,
  ],
  rows: data.instruments.map((row) => [
    row.url ? html`<a href="${row.url}" rel="noopener nofollow">${row.title}</a>` : row.title,
    tr.t(INSTRUMENT_KIND_LABELS[row.kind]),
    String(row.year),
    ...links(`instruments/${row.id}`, row.title),
  ]),
  empty: tr.t('pathfinders.instrument.none'),
})}
<h3 id="commitments-list-heading">${tr.t('pathfinders.commitment.heading')}</h3>
${dataTable({
  caption: tr.t('pathfinders.commitment.heading'),
  captionHidden: true,
  columns: [
    tr.t('pathfinders.commitment.call'),
    tr.t('pathfinders.commitment.what'),
    tr.t('pathfinders.source'),
    ...actions,
  ],
  rows: COMMITMENTS.map((commitment) => {
    const row = committed.get(commitment);
    const manageCell =
      manage === undefined ? [] : row ? links(`commitments/${row.id}`, tr.t(COMMITMENT_LABELS[commitment])) : [''];
    return [
      tr.t(COMMITMENT_LABELS[commitment]),
      row
        ? `${row.year === null ? '' : `${row.year}. `}${row.note || tr.t('pathfinders.commitment.made')}`
        : tr.t('pathfinders.standards.noSource'),
      row ? renderSource(row.source) : '',
      ...manageCell,
    ];
  }),
})}
<h3 id="ratifications-heading">${tr.t('pathfinders.ratification.heading')}</h3>
${dataTable({
  caption: tr.t('pathfinders.ratification.heading'),
  captionHidden: true,
  columns: [
    tr.t('pathfinders.ratification.standard'),
    tr.t('pathfinders.ratification.status'),
    tr.t('pathfinders.move.onDate'),
    tr.t('pathfinders.source'),
    ...actions,
  ],
  rows: STANDARDS.map((standard) => {
    const row = ratified.get(standard);
    const manageCell =
      manage === undefined ? [] : row ? links(`ratifications/${standard}`, tr.t(STANDARD_LABELS[standard])) : [''];
    return [
      tr.t(STANDARD_LABELS[standard]),
      row ? tr.t(RATIFICATION_STATUS_LABELS[row.status]) : tr.t('pathfinders.standards.noSource'),
      row
        ? row.onDate
          ? day(tr, row.onDate)
          : row.status === 'not_ratified'
            ? ''
            : tr.t('pathfinders.date.unknown')
        : '',
      row ? renderSource(row.source) : '',
      ...manageCell,
    ];
  }),
})}`;
}

/** The commitments and standards on a country's public page. */
export function renderPublicCommitments(input: { tr: Translator; data: CountryCommitments }): SafeHtml {
  return html`<h2 id="commitments-heading">${input.tr.t('pathfinders.standards.heading')}</h2>
<p>${input.tr.t('pathfinders.standards.intro')}</p>
${renderCommitmentTables(input)}`;
}

/**
 * The commitments and standards section of a country's back-office page; the Secretariat also
 * gets the forms that add a law or plan and record a commitment or a status with a standard.
 */
export function renderCommitmentSection(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  data: CountryCommitments;
  canEdit: boolean;
  instrumentForm?: FormState | undefined;
  commitmentForm?: FormState | undefined;
  ratificationForm?: FormState | undefined;
}): SafeHtml {
  const { tr } = input;
  return html`<h2 id="commitments-heading">${tr.t('pathfinders.standards.heading')}</h2>
<p>${tr.t('pathfinders.standards.intro')}</p>
${renderCommitmentTables(input.canEdit ? { ...input, manage: `/admin/pathfinders/${input.iso3}` } : input)}
${
  input.canEdit
    ? html`${renderInstrumentForm({ ...input, form: input.instrumentForm })}
${renderCommitmentForm({ ...input, form: input.commitmentForm })}
${renderRatificationForm({ ...input, form: input.ratificationForm })}
<p><a href="/admin/standards">${tr.t('pathfinders.import.link')}</a></p>`
    : ''
}`;
}

/** Where an edit form posts, under which heading (the record's own page). */
interface EditTarget {
  action: string;
  heading: string;
}

function choose(tr: Translator, options: { value: string; label: string }[]) {
  return [{ value: '', label: tr.t('form.chooseOne') }, ...options];
}

function renderInstrumentForm(input: RecordFormInput): SafeHtml {
  const { tr } = input;
  const errors = input.form?.errors ?? {};
  const values = input.form?.values ?? {};
  const labels = {
    instrument_kind: tr.t('pathfinders.instrument.kind'),
    instrument_title: tr.t('pathfinders.instrument.title'),
    instrument_year: tr.t('pathfinders.instrument.year'),
    instrument_url: tr.t('pathfinders.instrument.url'),
  };
  return sectionForm({
    tr,
    csrf: input.csrf,
    id: 'instrument-form-heading',
    heading: input.edit?.heading ?? tr.t('pathfinders.instrument.add'),
    action: input.edit?.action ?? `/admin/pathfinders/${input.iso3}/instruments`,
    errors,
    labels,
    fields: html`${selectField({
      tr,
      name: 'instrument_kind',
      label: labels.instrument_kind,
      value: values.instrument_kind ?? '',
      errors,
      required: true,
      options: choose(
        tr,
        INSTRUMENT_KINDS.map((kind) => ({ value: kind, label: tr.t(INSTRUMENT_KIND_LABELS[kind]) })),
      ),
    })}
${textField({ tr, name: 'instrument_title', label: labels.instrument_title, value: values.instrument_title, errors, required: true, maxLength: 300 })}
${textField({ tr, name: 'instrument_year', label: labels.instrument_year, value: values.instrument_year, errors, required: true, inputMode: 'numeric' })}
${textField({ tr, name: 'instrument_url', type: 'url', label: labels.instrument_url, hint: tr.t('pathfinders.instrument.urlHint'), value: values.instrument_url, errors, maxLength: 500 })}`,
    submit: input.edit ? tr.t('pathfinders.manage.save') : tr.t('pathfinders.instrument.submit'),
    secondary: !input.edit,
  });
}

function renderCommitmentForm(input: RecordFormInput): SafeHtml {
  const { tr } = input;
  const errors = input.form?.errors ?? {};
  const values = input.form?.values ?? {};
  const labels = {
    commitment: tr.t('pathfinders.commitment.call'),
    commitment_year: tr.t('pathfinders.instrument.year'),
    commitment_note: tr.t('pathfinders.commitment.what'),
    commitment_source: tr.t('pathfinders.source'),
  };
  return sectionForm({
    tr,
    csrf: input.csrf,
    id: 'commitment-form-heading',
    heading: input.edit?.heading ?? tr.t('pathfinders.commitment.record'),
    action: input.edit?.action ?? `/admin/pathfinders/${input.iso3}/commitments`,
    errors,
    labels,
    fields: html`${
      input.edit
        ? ''
        : selectField({
            tr,
            name: 'commitment',
            label: labels.commitment,
            value: values.commitment ?? '',
            errors,
            required: true,
            options: choose(
              tr,
              COMMITMENTS.map((commitment) => ({ value: commitment, label: tr.t(COMMITMENT_LABELS[commitment]) })),
            ),
          })
    }
${textField({ tr, name: 'commitment_year', label: labels.commitment_year, value: values.commitment_year, errors, inputMode: 'numeric' })}
${textField({ tr, name: 'commitment_note', label: labels.commitment_note, value: values.commitment_note, errors, maxLength: 2000 })}
${textField({ tr, name: 'commitment_source', label: labels.commitment_source, hint: tr.t('pathfinders.standards.sourceHint'), value: values.commitment_source, errors, required: true, maxLength: 500 })}`,
    submit: input.edit ? tr.t('pathfinders.manage.save') : tr.t('pathfinders.commitment.submit'),
    secondary: !input.edit,
  });
}

function renderRatificationForm(input: RecordFormInput): SafeHtml {
  const { tr } = input;
  const errors = input.form?.errors ?? {};
  const values = input.form?.values ?? {};
  const labels = {
    standard: tr.t('pathfinders.ratification.standard'),
    status: tr.t('pathfinders.ratification.status'),
    ratified_on: tr.t('pathfinders.move.onDate'),
    ratification_source: tr.t('pathfinders.source'),
  };
  return sectionForm({
    tr,
    csrf: input.csrf,
    id: 'ratification-form-heading',
    heading: input.edit?.heading ?? tr.t('pathfinders.ratification.record'),
    action: input.edit?.action ?? `/admin/pathfinders/${input.iso3}/ratifications`,
    errors,
    labels,
    fields: html`${
      input.edit
        ? ''
        : selectField({
            tr,
            name: 'standard',
            label: labels.standard,
            value: values.standard ?? '',
            errors,
            required: true,
            options: choose(
              tr,
              STANDARDS.map((standard) => ({ value: standard, label: tr.t(STANDARD_LABELS[standard]) })),
            ),
          })
    }
${selectField({
  tr,
  name: 'status',
  label: labels.status,
  value: values.status ?? '',
  errors,
  required: true,
  options: choose(
    tr,
    RATIFICATION_STATUSES.map((status) => ({ value: status, label: tr.t(RATIFICATION_STATUS_LABELS[status]) })),
  ),
})}
${textField({ tr, name: 'ratified_on', type: 'date', label: labels.ratified_on, hint: tr.t('pathfinders.ratification.dateHint'), value: values.ratified_on ?? '', errors })}
${textField({ tr, name: 'ratification_source', label: labels.ratification_source, hint: tr.t('pathfinders.standards.sourceHint'), value: values.ratification_source, errors, required: true, maxLength: 500 })}`,
    submit: input.edit ? tr.t('pathfinders.manage.save') : tr.t('pathfinders.ratification.submit'),
    secondary: !input.edit,
  });
}

interface RecordFormInput {
  tr: Translator;
  csrf: string;
  iso3: string;
  form?: FormState | undefined;
  edit?: EditTarget | undefined;
}

/** The page of one record: its form posting to the record's own address, then the way to remove it. */
function correctionPage(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  path: string;
  what: string;
  anchor: string;
  form: FormState;
  render: (form: RecordFormInput) => SafeHtml;
}): SafeHtml {
  const { tr, iso3 } = input;
  const base = `/admin/pathfinders/${iso3}/${input.path}`;
  return renderRecordPage({
    tr,
    iso3,
    title: tr.t('pathfinders.manage.correctTitle', { what: input.what }),
    form: input.render({
      tr,
      csrf: input.csrf,
      iso3,
      form: input.form,
      edit: { action: base, heading: tr.t('pathfinders.manage.correct') },
    }),
    removeHref: `${base}/remove`,
    anchor: input.anchor,
  });
}

/** The page of one law, plan or policy: its form, filled with what is recorded. */
export function renderInstrumentPage(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  instrument: InstrumentRow;
  form?: FormState | undefined;
}): SafeHtml {
  const { instrument } = input;
  return correctionPage({
    ...input,
    path: `instruments/${instrument.id}`,
    what: instrument.title,
    anchor: 'instruments-heading',
    form: input.form ?? {
      values: {
        instrument_kind: instrument.kind,
        instrument_title: instrument.title,
        instrument_year: String(instrument.year),
        instrument_url: instrument.url ?? '',
      },
      errors: {},
    },
    render: renderInstrumentForm,
  });
}

/** The page of one commitment: its form (the call stays), filled with what is recorded. */
export function renderCommitmentPage(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  commitment: CommitmentRow;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr, commitment } = input;
  return correctionPage({
    ...input,
    path: `commitments/${commitment.id}`,
    what: tr.t(COMMITMENT_LABELS[commitment.commitment]),
    anchor: 'commitments-list-heading',
    form: input.form ?? {
      values: {
        commitment_year: commitment.year === null ? '' : String(commitment.year),
        commitment_note: commitment.note,
        commitment_source: commitment.source,
      },
      errors: {},
    },
    render: renderCommitmentForm,
  });
}

/** The page of the country's status with one standard: its form (the standard stays). */
export function renderRatificationPage(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  ratification: RatificationRow;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr, ratification } = input;
  return correctionPage({
    ...input,
    path: `ratifications/${ratification.standard}`,
    what: tr.t(STANDARD_LABELS[ratification.standard]),
    anchor: 'ratifications-heading',
    form: input.form ?? {
      values: {
        status: ratification.status,
        ratified_on: ratification.onDate ?? '',
        ratification_source: ratification.source,
      },
      errors: {},
    },
    render: renderRatificationForm,
  });
}

/** What the confirmation page says of a record before it is removed. */
export function describeInstrument(tr: Translator, row: InstrumentRow): string {
  return `${row.title} (${tr.t(INSTRUMENT_KIND_LABELS[row.kind])}, ${row.year})`;
}
export function describeCommitment(tr: Translator, row: CommitmentRow): string {
  return tr.t(COMMITMENT_LABELS[row.commitment]);
}
export function describeRatification(tr: Translator, row: RatificationRow): string {
  return `${tr.t(STANDARD_LABELS[row.standard])}: ${tr.t(RATIFICATION_STATUS_LABELS[row.status])}`;
}

/** `/admin/standards`: the import of statuses, laws and plans, or commitments from a file, and its report. */
export function renderStandardsImport(input: {
  tr: Translator;
  csrf: string;
  recorded: number;
  imported?: { dataset: ImportDataset; count: number } | undefined;
  report?: ImportReport | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
}): SafeHtml {
  const { tr, report } = input;
  const errors = input.errors ?? {};
  const labels = {
    dataset: tr.t('pathfinders.import.dataset'),
    file: tr.t('pathfinders.import.file'),
    source: tr.t('pathfinders.import.source'),
  };
  return html`<h1>${tr.t('pathfinders.import.title')}</h1>
<p>${tr.t('pathfinders.import.intro')}</p>
<p>${tr.t('pathfinders.import.recorded', { count: input.recorded })}</p>
${input.imported === undefined ? '' : notice({ tr, key: IMPORT_DONE[input.imported.dataset], values: { count: input.imported.count } })}
${report ? renderImportReport(tr, report) : ''}
<h2 id="import-form-heading">${tr.t('pathfinders.import.formHeading')}</h2>
${IMPORT_DATASETS.map(
  (dataset) => html`<h3>${tr.t(IMPORT_DATASET_LABELS[dataset])}</h3>
${dataTable({
  caption: tr.t('pathfinders.import.columns'),
  columns: [tr.t('pathfinders.import.columnName'), tr.t('pathfinders.import.columnMeaning')],
  rows: Object.entries(IMPORT_COLUMN_LABELS[dataset]).map(([column, key]) => [html`<code>${column}</code>`, tr.t(key)]),
})}`,
)}
<p>${tr.t('pathfinders.import.instrumentKey')}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/standards/import" enctype="multipart/form-data" aria-labelledby="import-form-heading" novalidate>
${csrfField(input.csrf)}
${selectField({
  tr,
  name: 'dataset',
  label: labels.dataset,
  value: input.values?.dataset || 'ratifications',
  errors,
  required: true,
  options: IMPORT_DATASETS.map((dataset) => ({ value: dataset, label: tr.t(IMPORT_DATASET_LABELS[dataset]) })),
})}
${textField({ tr, name: 'source', label: labels.source, hint: tr.t('pathfinders.import.sourceHint'), value: input.values?.source, errors, maxLength: 500 })}
${fileField({ tr, name: 'file', label: labels.file, accept: '.csv,text/csv', errors })}
<button type="submit">${tr.t('pathfinders.import.submit')}</button>
</form>`;
}

const IMPORT_DONE: Record<ImportDataset, MessageKey> = {
  ratifications: 'pathfinders.import.done',
  instruments: 'pathfinders.import.doneInstruments',
  commitments: 'pathfinders.import.doneCommitments',
};

function renderImportReport(tr: Translator, report: ImportReport): SafeHtml {
  if (report.fileProblem) {
    return html`<div class="error-summary" role="alert"><p>${tr.t(report.fileProblem.key, report.fileProblem.values)}</p><p>${tr.t('pathfinders.import.nothingWritten')}</p></div>`;
  }
  return html`<div class="error-summary" role="alert">
<h2>${tr.t('pathfinders.import.badRows', { count: report.badRows.length })}</h2>
<p>${tr.t('pathfinders.import.nothingWritten')}</p>
</div>
${dataTable({
  caption: tr.t('pathfinders.import.badRowsCaption'),
  columns: [tr.t('pathfinders.import.line'), tr.t('pathfinders.import.problems')],
  rows: report.badRows.map((row) => [
    String(row.line),
    html`<ul>${row.problems.map((problem) => html`<li>${tr.t('pathfinders.import.inColumn', { column: problem.field, problem: tr.t(problem.key, problem.values) })}</li>`)}</ul>`,
  ]),
})}`;
}
