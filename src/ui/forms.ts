import type { FieldErrors } from '../http/forms.ts';
import type { MessageKey, Translator } from '../i18n/i18n.ts';
import { html, type SafeHtml } from './html.ts';

/** Accessible form controls: label, hint and error tied to the control, input kept on error. */
export interface FieldInput {
  tr: Translator;
  name: string;
  label: string;
  value?: string | undefined;
  errors?: FieldErrors;
  type?: 'text' | 'email' | 'password' | 'url' | 'date';
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  maxLength?: number;
  inputMode?: 'numeric' | 'text';
}

function errorText(tr: Translator, errors: FieldErrors | undefined, name: string): string | null {
  const error = errors?.[name];
  return error ? tr.t(error.key, error.values) : null;
}

export function textField(input: FieldInput): SafeHtml {
  const error = errorText(input.tr, input.errors, input.name);
  const id = `field-${input.name}`;
  const describedBy = [input.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' field-invalid' : ''}">
<label for="${id}">${input.label}${input.required ? '' : html` <span class="optional">(${input.tr.t('form.optional')})</span>`}</label>
${input.hint ? html`<p class="hint" id="${id}-hint">${input.hint}</p>` : ''}
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
<input id="${id}" name="${input.name}" type="${input.type ?? 'text'}"${
    input.type === 'password' ? '' : html` value="${input.value ?? ''}"`
  }${input.autocomplete ? html` autocomplete="${input.autocomplete}"` : ''}${input.required ? html` required` : ''}${
    input.maxLength ? html` maxlength="${input.maxLength}"` : ''
  }${input.inputMode ? html` inputmode="${input.inputMode}"` : ''}${
    describedBy ? html` aria-describedby="${describedBy}"` : ''
  }${error ? html` aria-invalid="true"` : ''}>
</div>`;
}

export function selectField(
  input: Omit<FieldInput, 'type' | 'autocomplete'> & { options: readonly { value: string; label: string }[] },
): SafeHtml {
  const error = errorText(input.tr, input.errors, input.name);
  const id = `field-${input.name}`;
  const describedBy = [input.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' field-invalid' : ''}">
<label for="${id}">${input.label}${input.required ? '' : html` <span class="optional">(${input.tr.t('form.optional')})</span>`}</label>
${input.hint ? html`<p class="hint" id="${id}-hint">${input.hint}</p>` : ''}
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
<select id="${id}" name="${input.name}"${input.required ? html` required` : ''}${
    describedBy ? html` aria-describedby="${describedBy}"` : ''
  }${error ? html` aria-invalid="true"` : ''}>
${input.options.map(
  (option) =>
    html`<option value="${option.value}"${option.value === (input.value ?? '') ? html` selected` : ''}>${option.label}</option>`,
)}
</select>
</div>`;
}

/** A multi-line text (required unless said otherwise), with its label, hint and error tied to it. */
export function textArea(input: {
  tr: Translator;
  name: string;
  label: string;
  hint?: string;
  value?: string | undefined;
  errors?: FieldErrors;
  maxLength: number;
  required?: boolean;
  rows?: number;
}): SafeHtml {
  const required = input.required ?? true;
  const error = errorText(input.tr, input.errors, input.name);
  const id = `field-${input.name}`;
  const describedBy = [input.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' field-invalid' : ''}">
<label for="${id}">${input.label}${required ? '' : html` <span class="optional">(${input.tr.t('form.optional')})</span>`}</label>
${input.hint ? html`<p class="hint" id="${id}-hint">${input.hint}</p>` : ''}
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
<textarea id="${id}" name="${input.name}" rows="${input.rows ?? 6}" maxlength="${input.maxLength}"${required ? html` required` : ''}${
    describedBy ? html` aria-describedby="${describedBy}"` : ''
  }${error ? html` aria-invalid="true"` : ''}>${input.value ?? ''}</textarea>
</div>`;
}

/** The list of problems at the top of a form, each linking to its field. */
export function errorSummary(input: { tr: Translator; errors: FieldErrors; labels: Record<string, string> }): SafeHtml {
  const entries = Object.entries(input.errors);
  if (entries.length === 0) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${input.tr.t('form.errorSummary', { count: entries.length })}</h2>
<ul>${entries.map(
    ([name, error]) =>
      html`<li>${
        input.labels[name]
          ? html`<a href="#field-${name}">${input.tr.t('form.errorItem', { label: input.labels[name], message: input.tr.t(error.key, error.values) })}</a>`
          : input.tr.t(error.key, error.values)
      }</li>`,
  )}</ul>
</div>`;
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function notice(input: {
  tr: Translator;
  key: MessageKey;
  values?: Record<string, string | number>;
  kind?: 'success' | 'info';
}): SafeHtml {
  return html`<p class="flash flash-${input.kind ?? 'success'}" role="status">${input.tr.t(input.key, input.values)}</p>`;
}

/** The filters above a back-office list: a form that sends its fields in the address, and its button. */
export function filterForm(input: { tr: Translator; action: string; fields: readonly SafeHtml[] }): SafeHtml {
  return html`<form method="get" action="${input.action}" class="filters" role="search">
${input.fields.map((field) => html`${field}\n`)}<div class="field"><button type="submit" class="secondary">${input.tr.t('form.filter')}</button></div>
</form>`;
}
