import type { FieldErrors } from '../../../http/forms.ts';
import { LANGUAGE_NAMES, LOCALES, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textArea, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { dataTable } from '../../../ui/tables.ts';
import type { IndicatorRow, VersionRow } from '../catalogue/catalogue.repository.ts';
import { indicatorName } from '../catalogue/catalogue.views.ts';
import { INDICATOR_STATUSES } from '../data.table.ts';

/** The path of an indicator's screen in the back office. */
export function indicatorAdminPath(code: string, rest = ''): string {
  return `/admin/data/indicators/${encodeURIComponent(code)}${rest}`;
}

/** The form's values from the indicator as it is stored. */
function storedValues(indicator: IndicatorRow): Record<string, string> {
  const values: Record<string, string> = {
    status: indicator.status,
    sdg_indicator: indicator.sdgIndicator ?? '',
    unit: indicator.unit,
    custodian: indicator.custodian,
    source: indicator.source,
  };
  for (const locale of LOCALES) {
    values[`name_${locale}`] = indicator.names[locale] ?? '';
    values[`definition_${locale}`] = indicator.definitions[locale] ?? '';
    values[`methodology_${locale}`] = indicator.methodologies[locale] ?? '';
  }
  return values;
}

function versionOrigin(tr: Translator, version: VersionRow): string {
  return version.kind === 'restore'
    ? tr.t('data.edit.restoredFrom', { number: version.restoredFromNumber ?? '—' })
    : tr.t('data.edit.importedFrom', { file: version.fileName ?? '—', format: version.format ?? '—' });
}

function versionTable(input: {
  tr: Translator;
  csrf: string;
  indicator: IndicatorRow;
  versions: readonly VersionRow[];
}): SafeHtml {
  const { tr, indicator } = input;
  return dataTable({
    caption: tr.t('data.edit.versions'),
    columns: [
      tr.t('data.edit.version'),
      tr.t('data.edit.origin'),
      tr.t('data.edit.date'),
      tr.t('data.admin.observations'),
      tr.t('data.edit.changes'),
      tr.t('content.editor.actions'),
    ],
    empty: tr.t('data.edit.noVersion'),
    rows: input.versions.map((version) => [
      version.number === indicator.currentVersion
        ? html`${version.number} <span class="badge">${tr.t('data.edit.current')}</span>`
        : String(version.number),
      versionOrigin(tr, version),
      tr.t('data.edit.when', { date: version.createdAt }),
      version.observations,
      tr.t('data.edit.counts', { added: version.added, changed: version.changed, removed: version.removed }),
      version.number === indicator.currentVersion
        ? ''
        : html`<form method="post" action="${indicatorAdminPath(indicator.code, '/restore')}">${csrfField(input.csrf)}
<input type="hidden" name="version" value="${version.number}">
<button type="submit" class="secondary">${tr.t('data.edit.restore')}<span class="visually-hidden"> (${tr.t('data.edit.version')} ${version.number})</span></button></form>`,
    ]),
  });
}

/** An indicator's description, editable per language, and the versions of its dataset. */
export function renderIndicatorEditor(input: {
  tr: Translator;
  csrf: string;
  indicator: IndicatorRow;
  versions: readonly VersionRow[];
  done?: 'saved' | 'restored' | undefined;
  form?: { values: Record<string, string>; errors: FieldErrors } | undefined;
}): SafeHtml {
  const { tr, indicator } = input;
  const values = input.form?.values ?? storedValues(indicator);
  const errors = input.form?.errors ?? {};
  const labels: Record<string, string> = {
    status: tr.t('data.admin.status'),
    sdg_indicator: tr.t('data.edit.sdgIndicator'),
    unit: tr.t('data.indicator.unit'),
    custodian: tr.t('data.indicator.custodian'),
    source: tr.t('data.indicator.source'),
  };
  for (const locale of LOCALES) {
    labels[`name_${locale}`] = `${tr.t('data.admin.name')} (${LANGUAGE_NAMES[locale]})`;
    labels[`definition_${locale}`] = `${tr.t('data.indicator.definition')} (${LANGUAGE_NAMES[locale]})`;
    labels[`methodology_${locale}`] = `${tr.t('data.indicator.methodology')} (${LANGUAGE_NAMES[locale]})`;
  }
  return html`<p><a href="/admin/data">${tr.t('data.edit.back')}</a></p>
<h1>${indicator.code}: ${indicatorName(indicator, tr.locale)}</h1>
${input.done === 'saved' ? notice({ tr, key: 'data.edit.saved' }) : ''}${input.done === 'restored' ? notice({ tr, key: 'data.edit.restored' }) : ''}
<p><a href="${localePath(tr.locale, `/data/${encodeURIComponent(indicator.code)}`)}">${tr.t('data.edit.publicPage')}</a></p>
<h2 id="describe-heading">${tr.t('data.edit.describe')}</h2>
${errorSummary({ tr, errors, labels })}
<form method="post" action="${indicatorAdminPath(indicator.code)}" aria-labelledby="describe-heading" novalidate>${csrfField(input.csrf)}
${selectField({
  tr,
  name: 'status',
  label: labels.status!,
  hint: tr.t('data.edit.statusHint'),
  required: true,
  value: values.status,
  errors,
  options: INDICATOR_STATUSES.map((status) => ({
    value: status,
    label: status === 'draft' ? tr.t('data.draft.badge') : tr.t('data.admin.published'),
  })),
})}
${textField({ tr, name: 'sdg_indicator', label: labels.sdg_indicator!, hint: tr.t('data.edit.sdgHint'), value: values.sdg_indicator, errors, maxLength: 12 })}
${textField({ tr, name: 'unit', label: labels.unit!, value: values.unit, errors, maxLength: 100 })}
${textField({ tr, name: 'custodian', label: labels.custodian!, value: values.custodian, errors, maxLength: 300 })}
${textField({ tr, name: 'source', label: labels.source!, value: values.source, errors, maxLength: 1000 })}
${LOCALES.map(
  (locale) => html`<fieldset><legend>${LANGUAGE_NAMES[locale]}</legend>
${textField({ tr, name: `name_${locale}`, label: labels[`name_${locale}`]!, value: values[`name_${locale}`], errors, maxLength: 300 })}
${textArea({ tr, name: `definition_${locale}`, label: labels[`definition_${locale}`]!, value: values[`definition_${locale}`], errors, maxLength: 5000, required: false, rows: 4 })}
${textArea({ tr, name: `methodology_${locale}`, label: labels[`methodology_${locale}`]!, hint: tr.t('data.edit.methodologyHint'), value: values[`methodology_${locale}`], errors, maxLength: 20000, required: false })}
</fieldset>`,
)}
<button type="submit">${tr.t('data.edit.save')}</button>
</form>
<h2>${tr.t('data.edit.versions')}</h2>
<p>${tr.t('data.edit.versionsIntro')}</p>
${versionTable({ tr, csrf: input.csrf, indicator, versions: input.versions })}`;
}

/** The question asked before an earlier version is brought back. */
export function renderRestoreConfirmation(input: {
  tr: Translator;
  csrf: string;
  indicator: IndicatorRow;
  version: VersionRow;
}): SafeHtml {
  const { tr, indicator, version } = input;
  return html`<p><a href="${indicatorAdminPath(indicator.code)}">${tr.t('data.edit.backToIndicator')}</a></p>
<h1>${tr.t('data.edit.restoreTitle', { number: version.number, code: indicator.code })}</h1>
<p>${tr.t('data.edit.restoreExplain', { number: version.number, observations: version.observations, current: indicator.currentVersion ?? 0 })}</p>
<form method="post" action="${indicatorAdminPath(indicator.code, '/restore')}">${csrfField(input.csrf)}
<input type="hidden" name="version" value="${version.number}">
<input type="hidden" name="confirm" value="yes">
<button type="submit">${tr.t('data.edit.restoreConfirm', { number: version.number })}</button>
<a href="${indicatorAdminPath(indicator.code)}">${tr.t('data.edit.cancel')}</a>
</form>`;
}
