import { trustedHtml } from './html.ts';

/**
 * The platform's own mark, drawn for it (not the Alliance's registered logo, which the Alliance can
 * upload later): the figures 8 and 7 in one line, on the brand colour, as in the favicon. Inline
 * (a few hundred bytes) so that the header costs no request; the name beside it is text.
 */
export const WORDMARK = trustedHtml(
  '<svg class="mark" aria-hidden="true" focusable="false" viewBox="0 0 32 32" width="40" height="40"><rect x="1" y="1" width="30" height="30" rx="6" fill="#0b3558" stroke="#fff" stroke-width="2"/><g fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"><circle cx="9" cy="10.6" r="3.4"/><circle cx="9" cy="19.8" r="4.4"/><path d="M18.5 7.5h8.5L21 24.5"/></g><circle cx="15.6" cy="23.2" r="1.6" fill="#fff"/></svg>',
);
