import type { Translator } from '../i18n/i18n.ts';
import { html, type SafeHtml } from './html.ts';

export const DEFAULT_PER_PAGE = 25;

/** Reads `?page=` safely: a positive whole number, 1 otherwise. */
export function pageNumber(value: unknown): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

/** "Previous / Page 2 of 7 / Next" links that keep the other query parameters. */
export function pagination(input: {
  tr: Translator;
  path: string;
  query: Record<string, string | undefined>;
  page: number;
  perPage: number;
  total: number;
}): SafeHtml {
  const pages = Math.max(1, Math.ceil(input.total / input.perPage));
  const link = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(input.query)) if (value && key !== 'page') params.set(key, value);
    if (page > 1) params.set('page', String(page));
    const search = params.toString();
    return `${input.path}${search ? `?${search}` : ''}`;
  };
  return html`<nav aria-label="${input.tr.t('list.pagination')}"><ul class="pagination">
${input.page > 1 ? html`<li><a href="${link(input.page - 1)}" rel="prev">${input.tr.t('list.previous')}</a></li>` : ''}
<li>${input.tr.t('list.pageOf', { page: input.page, pages })} · ${input.tr.t('list.total', { count: input.total })}</li>
${input.page < pages ? html`<li><a href="${link(input.page + 1)}" rel="next">${input.tr.t('list.next')}</a></li>` : ''}
</ul></nav>`;
}
