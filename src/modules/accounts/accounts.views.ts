import type { FieldErrors } from '../../http/forms.ts';
import { LANGUAGE_NAMES, LOCALES, type MessageKey, type Translator } from '../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textField } from '../../ui/forms.ts';
import { html, trustedHtml, type SafeHtml } from '../../ui/html.ts';
import { localePath } from '../../ui/layout.ts';

interface FormState {
  tr: Translator;
  csrf: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
}

function formProblem(tr: Translator, key: MessageKey | undefined, values?: Record<string, string | number>): SafeHtml {
  return key ? html`<div class="error-summary" role="alert"><p>${tr.t(key, values)}</p></div>` : html``;
}

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

/** The code of the authenticator app, and a recovery code for those who lost it. */
export function renderCodeForm(input: FormState & { recoveryErrors?: FieldErrors; recoveryOpen?: boolean }): SafeHtml {
  const { tr } = input;
  const codeLabel = tr.t('accounts.field.code');
  const recoveryLabel = tr.t('accounts.field.recoveryCode');
  const recoveryErrors = input.recoveryErrors ?? {};
  return html`<h1>${tr.t('accounts.code.title')}</h1>
<p>${tr.t('accounts.code.intro')}</p>
${errorSummary({ tr, errors: input.errors ?? {}, labels: { code: codeLabel } })}
<form method="post" action="${localePath(tr.locale, '/sign-in/code')}" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'code', label: codeLabel, errors: input.errors, autocomplete: 'one-time-code', inputMode: 'numeric', required: true, maxLength: 7 })}
<button type="submit">${tr.t('accounts.code.submit')}</button>
</form>
<details class="recovery"${input.recoveryOpen ? html` open` : ''}>
<summary>${tr.t('accounts.recovery.summary')}</summary>
<p>${tr.t('accounts.recovery.intro')}</p>
${errorSummary({ tr, errors: recoveryErrors, labels: { recovery_code: recoveryLabel } })}
<form method="post" action="${localePath(tr.locale, '/sign-in/recovery')}" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'recovery_code', label: recoveryLabel, hint: tr.t('accounts.recovery.hint'), errors: recoveryErrors, autocomplete: 'off', required: true, maxLength: 40 })}
<button type="submit" class="secondary">${tr.t('accounts.recovery.submit')}</button>
</form>
<p class="small">${tr.t('accounts.recovery.lost')}</p>
</details>
${signOutForm({ tr, csrf: input.csrf, secondary: true })}`;
}

export function renderTotpSetup(input: FormState & { secret: string; qrSvg: string }): SafeHtml {
  const { tr } = input;
  return html`<h1>${tr.t('accounts.totpSetup.title')}</h1>
<p>${tr.t('accounts.totpSetup.intro')}</p>
<ol>
<li>${tr.t('accounts.totpSetup.stepApp')}</li>
<li>${tr.t('accounts.totpSetup.stepScan')}
<div class="qr" role="img" aria-label="${tr.t('accounts.totpSetup.qrLabel')}">${trustedHtml(input.qrSvg)}</div>
<p>${tr.t('accounts.totpSetup.manual')} <code class="secret">${input.secret.replace(/(.{4})/g, '$1 ').trim()}</code></p></li>
<li>${tr.t('accounts.totpSetup.stepCode')}</li>
</ol>
${errorSummary({ tr, errors: input.errors ?? {}, labels: { code: tr.t('accounts.field.code') } })}
<form method="post" action="${localePath(tr.locale, '/account/second-factor')}" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'code', label: tr.t('accounts.field.code'), errors: input.errors, autocomplete: 'one-time-code', inputMode: 'numeric', required: true, maxLength: 7 })}
<button type="submit">${tr.t('accounts.totpSetup.submit')}</button>
</form>
${signOutForm({ tr, csrf: input.csrf, secondary: true })}`;
}

/** Recovery codes, shown once, right after they are made. */
export function renderRecoveryCodes(input: { tr: Translator; codes: readonly string[]; next: string }): SafeHtml {
  const { tr } = input;
  return html`<h1>${tr.t('accounts.recoveryCodes.title')}</h1>
${notice({ tr, key: 'accounts.recoveryCodes.onlyOnce', kind: 'info' })}
<p>${tr.t('accounts.recoveryCodes.intro', { count: input.codes.length })}</p>
<ol class="recovery-codes" aria-label="${tr.t('accounts.recoveryCodes.listLabel')}">
${input.codes.map((code) => html`<li><code>${code}</code></li>`)}
</ol>
<p><a class="button" href="${input.next}">${tr.t('accounts.recoveryCodes.continue')}</a></p>`;
}

export function signOutForm(input: { tr: Translator; csrf: string; secondary?: boolean }): SafeHtml {
  return html`<form method="post" action="${localePath(input.tr.locale, '/sign-out')}" class="inline-form">
${csrfField(input.csrf)}<button type="submit" class="${input.secondary ? 'secondary' : 'link'}">${input.tr.t('accounts.signOut.submit')}</button></form>`;
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

export function renderAccount(input: {
  tr: Translator;
  csrf: string;
  email: string;
  profile: { values: Record<string, string>; errors: FieldErrors };
  password: { errors: FieldErrors };
  secondFactor: {
    enabledAt: Date | null;
    recoveryCodesLeft: number;
    errors: FieldErrors;
    justUsedRecoveryCode: boolean;
  };
  saved?: 'profile' | 'password';
}): SafeHtml {
  const { tr } = input;
  const profileLabels = { name: tr.t('accounts.field.name'), locale: tr.t('accounts.field.locale') };
  const passwordLabels = {
    current_password: tr.t('accounts.field.currentPassword'),
    password: tr.t('accounts.field.newPassword'),
    password_confirm: tr.t('accounts.field.passwordConfirm'),
  };
  return html`<h1>${tr.t('accounts.profile.title')}</h1>
${input.saved === 'profile' ? notice({ tr, key: 'accounts.profile.saved' }) : ''}
${input.saved === 'password' ? notice({ tr, key: 'accounts.password.saved' }) : ''}
<p>${tr.t('accounts.field.email')}: <strong>${input.email}</strong></p>
<h2 id="profile-heading">${tr.t('accounts.profile.heading')}</h2>
${errorSummary({ tr, errors: input.profile.errors, labels: profileLabels })}
<form method="post" action="${localePath(tr.locale, '/account')}" aria-labelledby="profile-heading" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'name', label: profileLabels.name, value: input.profile.values.name, errors: input.profile.errors, autocomplete: 'name', required: true, maxLength: 120 })}
${selectField({ tr, name: 'locale', label: profileLabels.locale, value: input.profile.values.locale, errors: input.profile.errors, required: true, options: LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale] })) })}
<button type="submit">${tr.t('accounts.profile.submit')}</button>
</form>
<h2 id="password-heading">${tr.t('accounts.password.heading')}</h2>
${errorSummary({ tr, errors: input.password.errors, labels: passwordLabels })}
<form method="post" action="${localePath(tr.locale, '/account/password')}" aria-labelledby="password-heading" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'current_password', type: 'password', label: passwordLabels.current_password, errors: input.password.errors, autocomplete: 'current-password', required: true })}
${textField({ tr, name: 'password', type: 'password', label: passwordLabels.password, hint: tr.t('accounts.field.passwordHint', { min: 12 }), errors: input.password.errors, autocomplete: 'new-password', required: true })}
${textField({ tr, name: 'password_confirm', type: 'password', label: passwordLabels.password_confirm, errors: input.password.errors, autocomplete: 'new-password', required: true })}
<button type="submit">${tr.t('accounts.password.submit')}</button>
</form>
${renderSecondFactorSection({ tr, csrf: input.csrf, ...input.secondFactor })}`;
}

function renderSecondFactorSection(input: {
  tr: Translator;
  csrf: string;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  errors: FieldErrors;
  justUsedRecoveryCode: boolean;
}): SafeHtml {
  const { tr } = input;
  const heading = html`<h2 id="second-factor-heading">${tr.t('accounts.secondFactor.heading')}</h2>`;
  if (!input.enabledAt) return html`${heading}<p>${tr.t('accounts.secondFactor.offExplain')}</p>`;
  const labels = { current_password: tr.t('accounts.field.currentPassword') };
  return html`${heading}
${input.justUsedRecoveryCode ? notice({ tr, key: 'accounts.secondFactor.recoveryUsed', values: { count: input.recoveryCodesLeft }, kind: 'info' }) : ''}
<p>${tr.t('accounts.secondFactor.onSince', { date: input.enabledAt })}</p>
<p>${tr.t('accounts.secondFactor.codesLeft', { count: input.recoveryCodesLeft })}</p>
${errorSummary({ tr, errors: input.errors, labels })}
<form method="post" action="${localePath(tr.locale, '/account/recovery-codes')}" aria-labelledby="second-factor-heading" novalidate>
${csrfField(input.csrf)}
<p class="hint">${tr.t('accounts.secondFactor.renewHint')}</p>
${textField({ tr, name: 'current_password', type: 'password', label: labels.current_password, errors: input.errors, autocomplete: 'current-password', required: true })}
<button type="submit" class="secondary">${tr.t('accounts.secondFactor.renew')}</button>
</form>`;
}
