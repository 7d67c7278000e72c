import type { FieldErrors } from '../../../http/forms.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, textField } from '../../../ui/forms.ts';
import { html, trustedHtml, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { signOutForm, type FormState } from '../accounts.views.ts';

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

export function renderSecondFactorSection(input: {
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

/** The Secretariat's reset of another person's second factor: a reason, their own code, a confirmation. */
export function secondFactorResetForm(input: {
  tr: Translator;
  csrf: string;
  userId: number;
  values: Record<string, string>;
  errors: FieldErrors;
}): SafeHtml {
  const { tr, errors } = input;
  const labels = {
    reason: tr.t('accounts.reset2fa.reason'),
    code: tr.t('accounts.reset2fa.ownCode'),
    confirm_reset: tr.t('accounts.reset2fa.confirm'),
  };
  const confirmError = errors.confirm_reset;
  return html`<h2 id="reset-2fa-heading">${tr.t('accounts.reset2fa.heading')}</h2>
<p>${tr.t('accounts.reset2fa.explain')}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/users/${input.userId}/second-factor/reset" aria-labelledby="reset-2fa-heading" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'reason', label: labels.reason, hint: tr.t('accounts.reset2fa.reasonHint'), value: input.values.reason, errors, required: true, maxLength: 500 })}
${textField({ tr, name: 'code', label: labels.code, errors, autocomplete: 'one-time-code', inputMode: 'numeric', required: true, maxLength: 7 })}
<div class="field checkbox${confirmError ? ' field-invalid' : ''}">
${confirmError ? html`<p class="error" id="field-confirm_reset-error">${tr.t(confirmError.key)}</p>` : ''}
<input type="checkbox" id="field-confirm_reset" name="confirm_reset" value="yes" required${confirmError ? html` aria-invalid="true" aria-describedby="field-confirm_reset-error"` : ''}>
<label for="field-confirm_reset">${labels.confirm_reset}</label></div>
<button type="submit" class="danger">${tr.t('accounts.reset2fa.submit')}</button>
</form>`;
}
