import { notice, errorSummary, csrfField, textField } from '../../../ui/forms.ts';
import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { formProblem, type FormState } from '../accounts.views.ts';

export function renderSignIn(
  input: FormState & {
    next?: string;
    problem?: MessageKey;
    problemValues?: Record<string, number>;
    notice?: 'accounts.signOut.done' | 'accounts.code.sessionEnded';
  },
): SafeHtml {
  const { tr } = input;
  const labels = { email: tr.t('accounts.field.email'), password: tr.t('accounts.field.password') };
  return html`<h1>${tr.t('accounts.signIn.title')}</h1>
${input.notice ? notice({ tr, key: input.notice, kind: input.notice === 'accounts.signOut.done' ? 'success' : 'info' }) : ''}
${errorSummary({ tr, errors: input.errors ?? {}, labels })}
${formProblem(tr, input.problem, input.problemValues)}
<form method="post" action="${localePath(tr.locale, '/sign-in')}" novalidate>
${csrfField(input.csrf)}
${input.next ? html`<input type="hidden" name="next" value="${input.next}">` : ''}
${textField({ tr, name: 'email', type: 'email', label: labels.email, value: input.values?.email, errors: input.errors, autocomplete: 'username', required: true, maxLength: 254 })}
${textField({ tr, name: 'password', type: 'password', label: labels.password, errors: input.errors, autocomplete: 'current-password', required: true })}
<div class="actions"><button type="submit">${tr.t('accounts.signIn.submit')}</button>
<a href="${localePath(tr.locale, '/password/forgot')}">${tr.t('accounts.signIn.forgot')}</a></div>
</form>`;
}

export function renderForgot(input: FormState & { sent?: boolean }): SafeHtml {
  const { tr } = input;
  if (input.sent) {
    return html`<h1>${tr.t('accounts.forgot.title')}</h1>
${notice({ tr, key: 'accounts.forgot.sent', kind: 'info' })}
<p><a href="${localePath(tr.locale, '/sign-in')}">${tr.t('accounts.forgot.back')}</a></p>`;
  }
  return html`<h1>${tr.t('accounts.forgot.title')}</h1>
<p>${tr.t('accounts.forgot.intro')}</p>
${errorSummary({ tr, errors: input.errors ?? {}, labels: { email: tr.t('accounts.field.email') } })}
<form method="post" action="${localePath(tr.locale, '/password/forgot')}" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'email', type: 'email', label: tr.t('accounts.field.email'), value: input.values?.email, errors: input.errors, autocomplete: 'email', required: true, maxLength: 254 })}
<button type="submit">${tr.t('accounts.forgot.submit')}</button>
</form>`;
}

export function renderSetPassword(
  input: FormState & { token: string; askName: boolean; purpose: 'invitation' | 'password_reset' | 'sign_in' },
): SafeHtml {
  const { tr } = input;
  const labels = {
    name: tr.t('accounts.field.name'),
    password: tr.t('accounts.field.newPassword'),
    password_confirm: tr.t('accounts.field.passwordConfirm'),
  };
  return html`<h1>${tr.t(input.purpose === 'password_reset' ? 'accounts.setPassword.resetTitle' : 'accounts.setPassword.title')}</h1>
${errorSummary({ tr, errors: input.errors ?? {}, labels })}
<form method="post" action="${localePath(tr.locale, '/account/set-password')}" novalidate>
${csrfField(input.csrf)}
<input type="hidden" name="token" value="${input.token}">
${input.askName ? textField({ tr, name: 'name', label: labels.name, value: input.values?.name, errors: input.errors, autocomplete: 'name', required: true, maxLength: 120 }) : ''}
${textField({ tr, name: 'password', type: 'password', label: labels.password, hint: tr.t('accounts.field.passwordHint', { min: 12 }), errors: input.errors, autocomplete: 'new-password', required: true })}
${textField({ tr, name: 'password_confirm', type: 'password', label: labels.password_confirm, errors: input.errors, autocomplete: 'new-password', required: true })}
<button type="submit">${tr.t('accounts.setPassword.submit')}</button>
</form>`;
}

export function renderLinkExpired(tr: Translator): SafeHtml {
  return html`<h1>${tr.t('accounts.link.expiredTitle')}</h1>
<p>${tr.t('accounts.link.expiredBody')}</p>
<p><a href="${localePath(tr.locale, '/password/forgot')}">${tr.t('accounts.signIn.forgot')}</a></p>`;
}
