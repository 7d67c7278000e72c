import { countryName } from '../../../i18n/countries.ts';
import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { REGION_LABELS, REGIONS } from '../../../i18n/regions.ts';
import { filterForm, selectField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { dataTable } from '../../../ui/tables.ts';
import { renderWorldMap } from '../../../ui/world-map.ts';
import type { StageMove } from '../lifecycle/lifecycle.usecases.ts';
import { sourceHost } from '../lifecycle/lifecycle.views.ts';
import { formatRecordedDay, STAGE_LABELS } from '../pathfinders.labels.ts';
import type { PathfinderStage } from '../pathfinders.table.ts';
import { PUBLIC_STAGES, type DirectoryQuery } from './directory.schemas.ts';
import type { CountrySummary, PublicCountry } from './directory.usecases.ts';
import { renderCommitmentTables } from '../commitments/commitments.views.ts';
import { ACTION_STATUS_LABELS } from '../roadmaps/roadmaps.views.ts';

/** The map's colours: four groups of stages, each named in the legend. */
const STAGE_GROUPS = ['candidate', 'preparing', 'pathfinder', 'withdrawn'] as const;
type StageGroup = (typeof STAGE_GROUPS)[number];
const GROUP_OF_STAGE: Record<PathfinderStage, StageGroup> = {
  interest_expressed: 'candidate',
  under_review: 'candidate',
  mapping: 'preparing',
  strategic_workshop: 'preparing',
  roadmap_adopted: 'preparing',
  status_granted: 'pathfinder',
  implementing: 'pathfinder',
  declined: 'withdrawn',
  withdrawn: 'withdrawn',
};
const GROUP_LABELS: Record<StageGroup, MessageKey> = {
  candidate: 'pathfinders.group.candidate',
  preparing: 'pathfinders.group.preparing',
  pathfinder: 'pathfinders.group.pathfinder',
  withdrawn: 'pathfinders.group.withdrawn',
};

function day(tr: Translator, country: PublicCountry): string {
  return country.since || country.sincePrecision
    ? formatRecordedDay({ tr, day: country.since, precision: country.sincePrecision ?? 'day' })
    : tr.t('pathfinders.date.unknown');
}

function byName(tr: Translator, countries: readonly PublicCountry[]): PublicCountry[] {
  const name = (iso3: string) => countryName({ iso3, locale: tr.locale });
  return [...countries].sort((a, b) => name(a.iso3).localeCompare(name(b.iso3), tr.locale));
}

/** `/{l}/pathfinders`: the filters, the map and its legend, and the table that says the same. */
export function renderDirectory(input: {
  tr: Translator;
  query: DirectoryQuery;
  countries: readonly PublicCountry[];
}): SafeHtml {
  const { tr, query } = input;
  const path = localePath(tr.locale, '/pathfinders');
  const countries = byName(tr, input.countries);
  const search = new URLSearchParams({
    ...(query.region ? { region: query.region } : {}),
    ...(query.stage ? { stage: query.stage } : {}),
    locale: tr.locale,
  });
  const groups = STAGE_GROUPS.filter((group) => countries.some((country) => GROUP_OF_STAGE[country.stage] === group));
  return html`<h1>${tr.t('pathfinders.directory.title')}</h1>
<p class="lead">${tr.t('pathfinders.directory.intro')}</p>
<p><a href="${localePath(tr.locale, '/pathfinders/apply')}">${tr.t('pathfinders.interest.link')}</a></p>
${filterForm({
  tr,
  action: path,
  fields: [
    selectField({
      tr,
      name: 'region',
      label: tr.t('pathfinders.field.region'),
      value: query.region,
      options: [
        { value: '', label: tr.t('form.all') },
        ...REGIONS.map((region) => ({ value: region, label: tr.t(REGION_LABELS[region]) })),
      ],
    }),
    selectField({
      tr,
      name: 'stage',
      label: tr.t('pathfinders.field.stage'),
      value: query.stage,
      options: [
        { value: '', label: tr.t('form.all') },
        ...PUBLIC_STAGES.map((stage) => ({ value: stage, label: tr.t(STAGE_LABELS[stage]) })),
      ],
    }),
  ],
})}
<p role="status"><strong>${tr.t('pathfinders.directory.count', { count: countries.length })}</strong></p>
${
  countries.length === 0
    ? html`<p class="empty">${tr.t('pathfinders.directory.empty')}</p>`
    : html`<figure class="map">
${renderWorldMap({
  title: tr.t('pathfinders.map.title'),
  description: tr.t('pathfinders.map.description'),
  countries: countries.map((country) => ({
    iso3: country.iso3,
    href: localePath(tr.locale, `/pathfinders/${country.iso3}`),
    label: `${countryName({ iso3: country.iso3, locale: tr.locale })}: ${tr.t(STAGE_LABELS[country.stage])}`,
    colour: `stage-${GROUP_OF_STAGE[country.stage]}`,
  })),
})}
<figcaption><ul class="legend">${groups.map((group) => html`<li><span class="swatch stage-${group}" aria-hidden="true"></span>${tr.t(GROUP_LABELS[group])}</li>`)}</ul>
<p class="small"><a href="#pathfinder-table">${tr.t('pathfinders.map.tableLink')}</a></p></figcaption>
</figure>
<div id="pathfinder-table">${dataTable({
        caption: tr.t('pathfinders.directory.tableCaption'),
        columns: [
          tr.t('pathfinders.field.country'),
          tr.t('pathfinders.field.region'),
          tr.t('pathfinders.field.stage'),
          tr.t('pathfinders.field.since'),
        ],
        rows: countries.map((country) => [
          html`<a href="${localePath(tr.locale, `/pathfinders/${country.iso3}`)}">${countryName({ iso3: country.iso3, locale: tr.locale })}</a>`,
          country.region ? tr.t(REGION_LABELS[country.region]) : '—',
          tr.t(STAGE_LABELS[country.stage]),
          day(tr, country),
        ]),
      })}</div>`
}
<p class="small">${tr.t('pathfinders.directory.sources')}</p>
<p class="small">${tr.t('pathfinders.directory.download')} <a href="/api/v1/pathfinders?${search.toString()}&amp;format=csv">CSV</a> · <a href="/api/v1/pathfinders?${search.toString()}">JSON</a></p>`;
}

/** One step of the public timeline: the stage, its day, what happened, and its source. */
function renderStep(tr: Translator, move: StageMove): SafeHtml {
  // Steps recorded from a source by the platform keep the source's words, in English.
  const lang = move.recordedBy === null && move.sourceUrl && tr.locale !== 'en' ? html` lang="en"` : '';
  return html`<li><h3>${tr.t(STAGE_LABELS[move.stage])}</h3>
<p class="when">${move.onDate ? html`<time datetime="${move.onDate}">${formatRecordedDay({ tr, day: move.onDate, precision: move.datePrecision })}</time>` : tr.t('pathfinders.date.unknown')}</p>
${move.note ? html`<p${lang}>${move.note}</p>` : ''}
${move.decisionReference ? html`<p>${tr.t('pathfinders.country.decision', { reference: move.decisionReference, date: move.decisionDate ? tr.formatDate(new Date(`${move.decisionDate}T00:00:00Z`)) : '—' })}</p>` : ''}
${move.sourceUrl ? html`<p class="small">${tr.t('pathfinders.source')}: <a href="${move.sourceUrl}" rel="noopener nofollow">${sourceHost(move.sourceUrl)}</a></p>` : ''}
</li>`;
}

/** `/{l}/pathfinders/{ISO3}`: the country's stage and every step, then what each part adds. */
export function renderCountry(input: {
  tr: Translator;
  country: PublicCountry;
  moves: readonly StageMove[];
  sections?: readonly SafeHtml[];
}): SafeHtml {
  const { tr, country } = input;
  return html`<p><a href="${localePath(tr.locale, '/pathfinders')}">${tr.t('pathfinders.country.back')}</a></p>
<h1>${countryName({ iso3: country.iso3, locale: tr.locale })}</h1>
<dl class="facts">
<dt>${tr.t('pathfinders.field.stage')}</dt><dd><span class="swatch stage-${GROUP_OF_STAGE[country.stage]}" aria-hidden="true"></span> ${tr.t(STAGE_LABELS[country.stage])}</dd>
<dt>${tr.t('pathfinders.field.since')}</dt><dd>${day(tr, country)}</dd>
${country.region ? html`<dt>${tr.t('pathfinders.field.region')}</dt><dd>${tr.t(REGION_LABELS[country.region])}</dd>` : ''}
</dl>
<p><a href="${localePath(tr.locale, `/countries/${country.iso3}`)}">${tr.t('countries.profile.link', { country: countryName({ iso3: country.iso3, locale: tr.locale }) })}</a></p>
<h2>${tr.t('pathfinders.timeline.heading')}</h2>
<ol class="timeline">${input.moves.map((move) => renderStep(tr, move))}</ol>
${input.sections ?? ''}`;
}

/**
 * What a country profile shows of a pathfinder: the adopted roadmap in short (each priority and
 * its actions' statuses), then the laws and plans, commitments and standards, each part pointing
 * to the pathfinder page for the rest. Headings start at level 3, under the profile's section.
 */
export function renderCountrySummary(input: { tr: Translator; iso3: string; summary: CountrySummary }): SafeHtml {
  const { tr, summary } = input;
  const { roadmap } = summary;
  const country = countryName({ iso3: input.iso3, locale: tr.locale });
  const page = localePath(tr.locale, `/pathfinders/${input.iso3}`);
  const day = (value: string) => tr.formatDate(new Date(`${value}T00:00:00Z`));
  return html`<h3 id="roadmap-summary">${tr.t('pathfinders.roadmap.publicHeading')}</h3>
${
  roadmap
    ? html`<p>${tr.t('pathfinders.roadmap.publicAdopted', { number: roadmap.number, date: roadmap.adoptedOn ? day(roadmap.adoptedOn) : '—' })}
${roadmap.statusYear ? tr.t('pathfinders.roadmap.publicStatusFrom', { year: roadmap.statusYear }) : tr.t('pathfinders.roadmap.publicStatusPlanned')}</p>
<ol class="roadmap-summary">${roadmap.priorities.map(
        (priority) =>
          html`<li><strong lang="${roadmap.locale}">${priority.title}</strong>${
            priority.actions.length === 0
              ? html`<p class="empty">${tr.t('pathfinders.summary.noAction')}</p>`
              : html`<ul>${priority.actions.map(
                  (action) =>
                    html`<li><span lang="${roadmap.locale}">${action.title}</span> — ${tr.t(ACTION_STATUS_LABELS[action.status])}</li>`,
                )}</ul>`
          }</li>`,
      )}</ol>
<p class="small no-print"><a href="${page}#roadmap">${tr.t('pathfinders.summary.roadmapMore', { country })}</a></p>`
    : html`<p class="empty">${tr.t('pathfinders.summary.noRoadmap', { country })}</p>`
}
${renderCommitmentTables({ tr, data: summary.commitments })}
<p class="small no-print"><a href="${page}#commitments-heading">${tr.t('pathfinders.summary.standardsMore', { country })}</a></p>`;
}
