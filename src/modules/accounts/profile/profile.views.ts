import type { FieldErrors } from '../../../http/forms.ts';
import { LANGUAGE_NAMES, LOCALES, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { renderSecondFactorSection } from '../second-factor/second-factor.views.ts';

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
