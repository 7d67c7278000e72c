import { countryName, countryOptions } from '../../../i18n/countries.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { REGION_LABELS } from '../../../i18n/regions.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';

import { ACTION_GROUP_LABELS, KIND_LABELS, SORT_LABELS } from '../partners.labels.ts';
import { DIRECTORY_SORTS, type DirectoryQuery } from './directory.schemas.ts';
import type { DirectoryPage, FacetValue, PartnerProfile } from './directory.usecases.ts';

function checkboxGroup<T extends string>(input: {
  name: string;
  legend: string;
  values: FacetValue<T>[];
  label: (value: T) => string;
  /** A long list scrolls in its own box (its checkboxes take the focus, so keyboards reach it). */
  long?: boolean;
}): SafeHtml {
  return html`<fieldset class="facet${input.long ? ' facet-long' : ''}"><legend>${input.legend}</legend>
${input.values.map(
  (entry) =>
    html`<div class="checkbox"><input type="checkbox" id="f-${input.name}-${entry.value}" name="${input.name}" value="${entry.value}"${
      entry.selected ? html` checked` : ''
    }> <label for="f-${input.name}-${entry.value}">${input.label(entry.value)} <span class="count">(${entry.count})</span></label></div>`,
)}
</fieldset>`;
}

/** The query string of the current filters, for links (pagination, downloads). */
function queryString(query: DirectoryQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const value of query.kind) params.append('kind', value);
  for (const value of query.country) params.append('country', value);
  for (const value of query.region) params.append('region', value);
  for (const value of query.action_group) params.append('action_group', value);
  if (query.sort !== 'name') params.set('sort', query.sort);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function renderDirectory(input: { tr: Translator; query: DirectoryQuery; page: DirectoryPage }): SafeHtml {
  const { tr, query, page } = input;
  const path = localePath(tr.locale, '/partners');
  // Countries in the order of their names in the reader's language.
  const rank = new Map(countryOptions(tr.locale).map((option, index) => [option.value, index]));
  const countries = [...page.facets.country].sort(
    (a, b) => (rank.get(a.value) ?? Infinity) - (rank.get(b.value) ?? Infinity) || a.value.localeCompare(b.value),
  );
  const pages = Math.max(1, Math.ceil(page.total / query.per_page));
  const pageLinks = html`<nav aria-label="${tr.t('list.pagination')}"><ul class="pagination">
${query.page > 1 ? html`<li><a href="${path}${queryString(query, { page: String(query.page - 1) })}" rel="prev">${tr.t('list.previous')}</a></li>` : ''}
<li>${tr.t('list.pageOf', { page: query.page, pages })}</li>
${query.page < pages ? html`<li><a href="${path}${queryString(query, { page: String(query.page + 1) })}" rel="next">${tr.t('list.next')}</a></li>` : ''}
</ul></nav>`;
  const chosen =
    (query.q ? 1 : 0) + query.kind.length + query.country.length + query.region.length + query.action_group.length;
  // On a phone the filters fold away above the results (closed: the first partner shows without
  // scrolling past them); on a wide screen the stylesheet shows them open beside the results.
  return html`<h1>${tr.t('partners.directory.title')}</h1>
<p class="lead">${tr.t('partners.directory.intro')}</p>
<p><a class="button" href="${localePath(tr.locale, '/partners/apply')}">${tr.t('partners.apply.title')}</a></p>
<div class="directory">
<details class="filters-fold">
<summary>${tr.t('partners.directory.filters')}${chosen > 0 ? html` <span class="count">(${tr.t('partners.directory.chosen', { count: chosen })})</span>` : ''}</summary>
<form method="get" action="${path}" class="directory-filters" role="search" aria-label="${tr.t('partners.directory.filters')}">
<div class="field"><label for="f-q">${tr.t('partners.directory.search')}</label><input id="f-q" type="text" name="q" value="${query.q ?? ''}" maxlength="200"></div>
${checkboxGroup({ name: 'kind', legend: tr.t('partners.field.kind'), values: page.facets.kind, label: (value) => tr.t(KIND_LABELS[value]) })}
${checkboxGroup({ name: 'region', legend: tr.t('partners.field.region'), values: page.facets.region, label: (value) => tr.t(REGION_LABELS[value]) })}
${checkboxGroup({ name: 'country', legend: tr.t('partners.field.country'), values: countries, label: (value) => countryName({ iso3: value, locale: tr.locale }), long: true })}
${checkboxGroup({ name: 'action_group', legend: tr.t('partners.field.actionGroups'), values: page.facets.actionGroup, label: (value) => tr.t(ACTION_GROUP_LABELS[value]) })}
<div class="field"><label for="f-sort">${tr.t('partners.directory.sort')}</label>
<select id="f-sort" name="sort">${DIRECTORY_SORTS.map((sort) => html`<option value="${sort}"${sort === query.sort ? html` selected` : ''}>${tr.t(SORT_LABELS[sort])}</option>`)}</select></div>
<div class="actions"><button type="submit">${tr.t('partners.directory.apply')}</button> <a href="${path}">${tr.t('partners.directory.clear')}</a></div>
</form>
</details>
<div class="directory-results">
<p role="status"><strong>${tr.t('partners.directory.count', { count: page.total })}</strong></p>
${
  page.items.length === 0
    ? html`<p class="empty">${tr.t('partners.directory.empty')}</p>`
    : html`<ul class="partner-list">${page.items.map(
        (
          item,
        ) => html`<li><h2><a href="${localePath(tr.locale, `/partners/${item.slug}`)}"${item.nameLocale && item.nameLocale !== tr.locale ? html` lang="${item.nameLocale}"` : ''}>${item.name}</a></h2>
<p>${tr.t(KIND_LABELS[item.kind])}${item.country ? html` · ${countryName({ iso3: item.country, locale: tr.locale })}` : ''}${item.isDemo ? html` · <span class="badge">${tr.t('partners.demoBadge')}</span>` : ''}</p></li>`,
      )}</ul>`
}
${pageLinks}
<p class="small">${tr.t('partners.directory.download')} <a href="/api/v1/partners${queryString(query, { format: 'csv', locale: tr.locale })}">CSV</a> · <a href="/api/v1/partners${queryString(query, { locale: tr.locale })}">JSON</a></p>
</div>
</div>`;
}

export function renderProfile(input: { tr: Translator; profile: PartnerProfile }): SafeHtml {
  const { tr, profile } = input;
  const fallback = profile.textLocale && profile.textLocale !== tr.locale ? profile.textLocale : null;
  const lang = fallback ? html` lang="${fallback}"` : '';
  return html`<p><a href="${localePath(tr.locale, '/partners')}">${tr.t('partners.profile.back')}</a></p>
${profile.logo ? html`<img class="logo" src="/media/logos/${profile.slug}?v=${profile.logo.hash}" width="${profile.logo.width}" height="${profile.logo.height}" alt="${tr.t('partners.logo.alt', { name: profile.name })}">` : ''}
<h1${lang}>${profile.name}</h1>
${profile.isDemo ? html`<p class="notice" role="note">${tr.t('partners.demoNotice')}</p>` : ''}
${fallback ? html`<p class="notice" role="note">${tr.t('content.fallbackNotice', { language: tr.languageName(fallback) })}</p>` : ''}
${profile.description ? html`<p class="lead"${lang}>${profile.description}</p>` : ''}
<dl class="facts">
<dt>${tr.t('partners.field.kind')}</dt><dd>${tr.t(KIND_LABELS[profile.kind])}</dd>
${profile.country ? html`<dt>${tr.t('partners.field.country')}</dt><dd>${countryName({ iso3: profile.country, locale: tr.locale })}</dd>` : ''}
${profile.website ? html`<dt>${tr.t('partners.field.website')}</dt><dd><a href="${profile.website}" rel="noopener nofollow">${profile.website.replace(/^https?:\/\//, '')}</a></dd>` : ''}
${profile.actionGroups.length > 0 ? html`<dt>${tr.t('partners.field.actionGroups')}</dt><dd>${profile.actionGroups.map((group) => tr.t(ACTION_GROUP_LABELS[group])).join(', ')}</dd>` : ''}
${profile.joinedOn ? html`<dt>${tr.t('partners.field.joinedOn')}</dt><dd>${tr.formatDate(new Date(`${profile.joinedOn}T00:00:00Z`))}</dd>` : ''}
</dl>`;
}
