import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { csrfField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';

/** The organization page's logo form, with the reason an upload was refused. */
export function renderLogoSection(input: {
  tr: Translator;
  csrf: string;
  slug: string;
  error: MessageKey | undefined;
}): SafeHtml {
  const { tr, error } = input;
  return html`<h2 id="logo-heading">${tr.t('partners.logo.heading')}</h2>
${error ? html`<div class="error-summary" role="alert"><p>${tr.t(error)}</p></div>` : ''}
<form method="post" action="/admin/organizations/${input.slug}/logo" enctype="multipart/form-data" aria-labelledby="logo-heading">
${csrfField(input.csrf)}
<div class="field${error ? ' field-invalid' : ''}"><label for="field-logo">${tr.t('partners.logo.field')}</label>
<p class="hint" id="field-logo-hint">${tr.t('partners.logo.hint')}</p>
<input type="file" id="field-logo" name="logo" accept="image/png,image/jpeg,image/webp,image/gif" aria-describedby="field-logo-hint"${error ? html` aria-invalid="true"` : ''}></div>
<button type="submit" class="secondary">${tr.t('partners.logo.submit')}</button>
</form>`;
}
