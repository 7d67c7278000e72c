import type { FieldErrors } from '../../../http/forms.ts';
import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import type { ConfirmationState } from './confirmations.usecases.ts';

/** The form that asks for a new confirmation link, for an address. */
function resendForm(input: { tr: Translator; csrf: string; values: Record<string, string>; errors: FieldErrors }) {
  const { tr } = input;
  const label = tr.t('mail.confirmation.email');
  return html`<h2>${tr.t('mail.confirmation.resendTitle')}</h2>
<p>${tr.t('mail.confirmation.resendIntro')}</p>
${errorSummary({ tr, errors: input.errors, labels: { email: label } })}
<form method="post" action="${localePath(tr.locale, '/confirm/resend')}" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'email', type: 'email', label, value: input.values.email, errors: input.errors, required: true, maxLength: 254, autocomplete: 'email' })}
<button type="submit" class="secondary">${tr.t('mail.confirmation.resend')}</button>
</form>`;
}

/** After a submission: the one step left, and a new link for who did not get the first. */
export function renderConfirmationSent(input: {
  tr: Translator;
  csrf: string;
  resent: boolean;
  values: Record<string, string>;
  errors: FieldErrors;
}): SafeHtml {
  const { tr } = input;
  return html`<h1>${tr.t('mail.confirmation.sentTitle')}</h1>
${input.resent ? notice({ tr, key: 'mail.confirmation.resent' }) : ''}
<p class="lead">${tr.t('mail.confirmation.sent')}</p>
<p>${tr.t('mail.confirmation.sentHint')}</p>
${resendForm(input)}`;
}

/** What the link opens: one button, so that a mail scanner opening links confirms nothing. */
export function renderConfirmationPrompt(input: {
  tr: Translator;
  csrf: string;
  token: string;
  purpose: MessageKey;
}): SafeHtml {
  const { tr } = input;
  return html`<h1>${tr.t('mail.confirmation.promptTitle')}</h1>
<p>${tr.t('mail.confirmation.prompt', { purpose: tr.t(input.purpose) })}</p>
<form method="post" action="${localePath(tr.locale, '/confirm')}">
${csrfField(input.csrf)}
<input type="hidden" name="token" value="${input.token}">
<button type="submit">${tr.t('mail.confirmation.confirm')}</button>
</form>`;
}

const PROBLEMS = {
  used: 'mail.confirmation.used',
  expired: 'mail.confirmation.expired',
  unknown: 'mail.confirmation.unknown',
} as const satisfies Record<Exclude<ConfirmationState, 'pending'>, MessageKey>;

/** A link that cannot confirm anything: why, and (unless it was used) how to get a new one. */
export function renderConfirmationProblem(input: {
  tr: Translator;
  csrf: string;
  state: Exclude<ConfirmationState, 'pending'>;
}): SafeHtml {
  const { tr } = input;
  return html`<h1>${tr.t('mail.confirmation.problemTitle')}</h1>
<p>${tr.t(PROBLEMS[input.state])}</p>
${input.state === 'used' ? '' : resendForm({ tr, csrf: input.csrf, values: {}, errors: {} })}`;
}
