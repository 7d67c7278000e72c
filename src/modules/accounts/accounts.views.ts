import type { FieldErrors } from '../../http/forms.ts';
import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import { csrfField } from '../../ui/forms.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { localePath } from '../../ui/layout.ts';

/** What the forms of the accounts share. */
export interface FormState {
  tr: Translator;
  csrf: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
}

export function formProblem(
  tr: Translator,
  key: MessageKey | undefined,
  values?: Record<string, string | number>,
): SafeHtml {
  return key ? html`<div class="error-summary" role="alert"><p>${tr.t(key, values)}</p></div>` : html``;
}

export function signOutForm(input: { tr: Translator; csrf: string; secondary?: boolean }): SafeHtml {
  return html`<form method="post" action="${localePath(input.tr.locale, '/sign-out')}" class="inline-form">
${csrfField(input.csrf)}<button type="submit" class="${input.secondary ? 'secondary' : 'link'}">${input.tr.t('accounts.signOut.submit')}</button></form>`;
}
