import type { FieldErrors } from '../../../http/forms.ts';
import { LANGUAGE_NAMES, LOCALES, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import type { MenuEntry } from '../../../ui/navigation.ts';

/** How many empty rows the form offers for new entries. */
const NEW_ROWS = 2;

function cellError(tr: Translator, errors: FieldErrors, name: string): SafeHtml | '' {
  const error = errors[name];
  return error ? html`<p class="error" id="field-${name}-error">${tr.t(error.key, error.values)}</p>` : '';
}

function described(errors: FieldErrors, name: string): SafeHtml | '' {
  return errors[name] ? html` aria-describedby="field-${name}-error" aria-invalid="true"` : '';
}

/**
 * The menu's form: one row per entry (its position, where it leads, its label in each language,
 * a box to remove it) and empty rows to add entries. Works without JavaScript.
 */
export function renderMenuEditor(input: {
  tr: Translator;
  csrf: string;
  entries: readonly MenuEntry[];
  isDefault: boolean;
  targets: readonly string[];
  saved: boolean;
  values?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
}): SafeHtml {
  const { tr } = input;
  const errors = input.errors ?? {};
  const count = input.values ? Math.max(...Object.keys(input.values).map((name) => Number(/_(\d+)$/.exec(name)?.[1] ?? -1)), -1) + 1 : input.entries.length + NEW_ROWS;
  const value = (name: string, index: number, fallback: string) => input.values ? (input.values[`${name}_${index}`] ?? '') : fallback;
  const labels: Record<string, string> = {};
  for (const name of Object.keys(errors)) labels[name] = name === '_form' ? '' : tr.t('content.menu.rowField', { row: Number(/_(\d+)$/.exec(name)?.[1] ?? 0) + 1 });
  const rows = Array.from({ length: count }, (_, index) => {
    const entry = input.entries[index];
    const pathName = `path_${index}`;
    const current = value('path', index, entry?.path ?? '');
    return html`<fieldset class="menu-row"><legend>${entry || current ? tr.t('content.menu.entry', { number: index + 1 }) : tr.t('content.menu.newEntry')}</legend>
<div class="field"><label for="field-position_${index}">${tr.t('content.menu.position')}</label>${cellError(tr, errors, `position_${index}`)}
<input id="field-position_${index}" name="position_${index}" type="number" min="1" max="99" inputmode="numeric" value="${value('position', index, String(index + 1))}"${described(errors, `position_${index}`)}></div>
<div class="field"><label for="field-${pathName}">${tr.t('content.menu.path')}</label>${cellError(tr, errors, pathName)}
<select id="field-${pathName}" name="${pathName}"${described(errors, pathName)}><option value="">${tr.t('content.menu.noPath')}</option>${input.targets.map(
      (target) => html`<option value="${target}"${target === current ? html` selected` : ''}>${target}</option>`,
    )}</select></div>
${LOCALES.map((locale) => {
  const name = `label_${locale}_${index}`;
  return html`<div class="field"><label for="field-${name}">${tr.t('content.menu.label', { language: LANGUAGE_NAMES[locale] })}</label>${cellError(tr, errors, name)}
<input id="field-${name}" name="${name}" lang="${locale}" maxlength="60" value="${value(`label_${locale}`, index, entry?.labels[locale] ?? '')}"${described(errors, name)}></div>`;
})}
${entry ? html`<div class="field checkbox"><input id="field-remove_${index}" name="remove_${index}" type="checkbox" value="yes"><label for="field-remove_${index}">${tr.t('content.menu.remove')}</label></div>` : ''}
</fieldset>`;
  });
  return html`<p><a href="/admin/pages">${tr.t('content.editor.back')}</a></p>
<h1>${tr.t('content.menu.heading')}</h1>
${input.saved ? notice({ tr, key: 'content.menu.saved' }) : ''}
<p class="hint">${input.isDefault ? tr.t('content.menu.defaultExplain') : tr.t('content.menu.explain')}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/menu" novalidate>${csrfField(input.csrf)}
${rows}
<button type="submit">${tr.t('content.menu.save')}</button>
</form>`;
}
