import type { FieldErrors } from '../../../http/forms.ts';
import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, selectField, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { dataTable } from '../../../ui/tables.ts';
import type { IndicatorRow } from '../catalogue/catalogue.usecases.ts';
import { indicatorName } from '../catalogue/catalogue.views.ts';
import { IMPORT_FORMATS, type ImportReport } from './import.schemas.ts';

function checkbox(input: { name: string; label: string; hint: string; checked: boolean }): SafeHtml {
  return html`<div class="checkbox"><input type="checkbox" id="field-${input.name}" name="${input.name}"${
    input.checked ? html` checked` : ''
  } aria-describedby="field-${input.name}-hint"> <label for="field-${input.name}">${input.label}</label>
<p class="hint" id="field-${input.name}-hint">${input.hint}</p></div>`;
}

/** The import's report: what changed (or would), or each problem with its row and column. */
function renderReport(tr: Translator, report: ImportReport): SafeHtml {
  const read = tr.t('data.report.read', {
    rows: report.rows,
    file: report.fileName,
    empty: report.skippedEmpty,
    repeated: report.repeated,
  });
  if (report.problemCount > 0) {
    return html`<section class="error-summary" role="alert" aria-labelledby="report-title" tabindex="-1">
<h2 id="report-title">${tr.t('data.report.rejected', { count: report.problemCount })}</h2>
<p>${read}</p>
${dataTable({
  caption: tr.t('data.report.problems'),
  columns: [tr.t('data.report.row'), tr.t('data.report.column'), tr.t('data.report.problem')],
  rows: report.problems.map((problem) => [
    problem.row,
    problem.column ?? '',
    `${tr.t(problem.problem, { otherRow: problem.otherRow ?? '' })}${problem.value ? ` (${problem.value})` : ''}`,
  ]),
})}
${report.problems.length < report.problemCount ? html`<p>${tr.t('data.report.more', { count: report.problemCount - report.problems.length })}</p>` : ''}
</section>`;
  }
  return html`<section class="flash flash-success" role="status" aria-labelledby="report-title">
<h2 id="report-title">${report.dryRun ? tr.t('data.report.dryRun') : tr.t('data.report.done')}</h2>
<p>${read}</p>
<ul>${report.indicators.map(
    (indicator) =>
      html`<li>${tr.t('data.report.indicator', {
        code: indicator.code,
        created: indicator.created ? 'yes' : 'no',
        version: indicator.version ?? 0,
        added: indicator.added,
        changed: indicator.changed,
        unchanged: indicator.unchanged,
      })}</li>`,
  )}</ul></section>`;
}

const FORMAT_LABELS: Record<(typeof IMPORT_FORMATS)[number], MessageKey> = {
  tidy: 'data.format.tidy',
  unsdg: 'data.format.unsdg',
  ilostat: 'data.format.ilostat',
  opensdg: 'data.format.opensdg',
};

/**
 * Where the upload's progress shows (hidden without script): a progress bar and a line said to
 * screen readers, whose texts the script takes from here, in the page's language.
 */
function uploadProgress(tr: Translator): SafeHtml {
  return html`<div class="upload-progress" id="import-progress" hidden data-uploading="${tr.t('data.upload.uploading', { percent: '{percent}' })}" data-checking="${tr.t('data.upload.checking')}" data-failed="${tr.t('data.upload.failed')}">
<label for="import-progress-bar">${tr.t('data.upload.progressLabel')}</label>
<progress id="import-progress-bar" max="100" value="0"></progress>
<p role="status" aria-live="polite"></p></div>`;
}

export function renderDataAdmin(input: {
  tr: Translator;
  csrf: string;
  /** The script that shows the upload's progress (the form works without it). */
  scriptUrl: string;
  indicators: IndicatorRow[];
  report?: ImportReport;
  errors?: FieldErrors;
  values?: Record<string, string>;
}): SafeHtml {
  const { tr } = input;
  const values = input.values ?? {};
  const errors = input.errors ?? {};
  const fileError = errors.file ? tr.t(errors.file.key) : null;
  return html`<h1>${tr.t('admin.data')}</h1>
${input.report ? renderReport(tr, input.report) : ''}
${errorSummary({ tr, errors, labels: { file: tr.t('data.upload.file'), format: tr.t('data.upload.format'), indicator: tr.t('data.upload.indicator'), geo: tr.t('data.upload.geo') } })}
<h2 id="import-heading">${tr.t('data.upload.heading')}</h2>
<p>${tr.t('data.upload.intro')}</p>
<form method="post" action="/admin/data/import" enctype="multipart/form-data" aria-labelledby="import-heading" data-upload-progress="import-progress">
${csrfField(input.csrf)}
${selectField({
  tr,
  name: 'format',
  label: tr.t('data.upload.format'),
  required: true,
  value: values.format ?? 'tidy',
  errors,
  options: IMPORT_FORMATS.map((format) => ({ value: format, label: tr.t(FORMAT_LABELS[format]) })),
})}
<div class="field${fileError ? ' field-invalid' : ''}"><label for="field-file">${tr.t('data.upload.file')}</label>
<p class="hint" id="field-file-hint">${tr.t('data.upload.fileHint')}</p>
${fileError ? html`<p class="error" id="field-file-error">${fileError}</p>` : ''}
<input type="file" id="field-file" name="file" accept=".csv,text/csv" required aria-describedby="field-file-hint${fileError ? ' field-file-error' : ''}"${fileError ? html` aria-invalid="true"` : ''}></div>
${textField({ tr, name: 'indicator', label: tr.t('data.upload.indicator'), hint: tr.t('data.upload.indicatorHint'), value: values.indicator, errors, maxLength: 40 })}
${textField({ tr, name: 'geo', label: tr.t('data.upload.geo'), hint: tr.t('data.upload.geoHint'), value: values.geo, errors, maxLength: 3 })}
${textField({ tr, name: 'source', label: tr.t('data.upload.source'), hint: tr.t('data.upload.sourceHint'), value: values.source, errors, maxLength: 1000 })}
${checkbox({ name: 'dry_run', label: tr.t('data.upload.dryRun'), hint: tr.t('data.upload.dryRunHint'), checked: values.dry_run === 'on' || !input.values })}
${checkbox({ name: 'create_indicators', label: tr.t('data.upload.create'), hint: tr.t('data.upload.createHint'), checked: values.create_indicators === 'on' })}
<button type="submit">${tr.t('data.upload.submit')}</button>
${uploadProgress(tr)}
</form>
<script src="${input.scriptUrl}" type="module"></script>
<h2>${tr.t('data.admin.catalogue')}</h2>
${
  input.indicators.length === 0
    ? html`<p>${tr.t('data.catalogue.empty')}</p>`
    : dataTable({
        caption: tr.t('data.admin.catalogue'),
        captionHidden: true,
        columns: [
          tr.t('data.indicator.code'),
          tr.t('data.admin.name'),
          tr.t('data.admin.status'),
          tr.t('data.admin.version'),
          tr.t('data.admin.observations'),
        ],
        rows: input.indicators.map((indicator) => [
          html`<a href="/admin/data/indicators/${encodeURIComponent(indicator.code)}">${indicator.code}</a>`,
          indicatorName(indicator, tr.locale),
          indicator.status === 'draft' ? tr.t('data.draft.badge') : tr.t('data.admin.published'),
          indicator.currentVersion ?? '—',
          indicator.observations,
        ]),
      })
}`;
}
