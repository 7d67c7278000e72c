import type { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import type { ApiRegistry } from '../../../http/api.ts';
import { notFound } from '../../../http/errors.ts';
import { countryName } from '../../../i18n/countries.ts';
import type { Locale } from '../../../i18n/i18n.ts';
import { localePath } from '../../../ui/layout.ts';
import { presentCountrySummary, reportLight } from '../../pathfinders/index.ts';
import type { Nature, Sex } from '../data.table.ts';
import { indicatorName } from '../data.labels.ts';
import { countryParamsSchema, countryProfileSchema, countryQuerySchema } from './countries.schemas.ts';
import { getCountryProfile, type CountryProfile } from './countries.usecases.ts';

function present(input: {
  profile: CountryProfile;
  locale: Locale;
  today: string;
  publicUrl: string;
}): z.input<typeof countryProfileSchema> {
  const { profile, locale, today, publicUrl } = input;
  return {
    iso3: profile.iso3,
    name: countryName({ iso3: profile.iso3, locale }),
    region: profile.region,
    series: profile.series.map((entry) => ({
      indicator: entry.indicator.code,
      sdg_indicator: entry.indicator.sdgIndicator,
      name: indicatorName(entry.indicator, locale),
      theme: entry.theme,
      unit: entry.unit,
      observations: entry.observations.map((row) => ({
        year: row.year,
        sex: row.sex as Sex,
        age: row.age,
        value: row.value,
        lower: row.lower,
        upper: row.upper,
        nature: row.nature as Nature | null,
        source: row.source,
        footnote: row.footnote,
        disaggregations: row.disaggregations,
      })),
    })),
    availability: profile.availability.map((entry) => ({
      theme: entry.theme,
      indicators: entry.indicators.map(({ indicator, years }) => ({
        indicator: indicator.code,
        name: indicatorName(indicator, locale),
        years,
      })),
    })),
    progress: profile.progress.map((item) => ({
      indicator: item.indicator.code,
      theme: item.theme,
      unit: item.unit,
      age: item.age,
      target_year: item.assessment.targetYear,
      threshold: item.assessment.threshold,
      verdict: item.assessment.verdict,
      reason: item.assessment.reason,
      first: item.assessment.first,
      last: item.assessment.last,
      observed_annual_reduction: item.assessment.observedReduction,
      required_annual_reduction: item.assessment.requiredReduction,
    })),
    pathfinder: profile.pathfinder && {
      stage: profile.pathfinder.stage,
      stage_since: profile.pathfinder.since,
      report_due_on: profile.pathfinder.reportDueOn,
      report_light: reportLight({ dueOn: profile.pathfinder.reportDueOn, today }),
      is_pathfinder: profile.pathfinder.isPathfinder,
      url: `${publicUrl}${localePath(locale, `/pathfinders/${profile.iso3}`)}`,
      ...(profile.pathfinderSummary
        ? presentCountrySummary(profile.pathfinderSummary)
        : { roadmap: null, commitments_and_standards: { instruments: [], commitments: [], ratifications: [] } }),
    },
    partners: profile.partners.map((partner) => ({ slug: partner.slug, name: partner.name, kind: partner.kind })),
    news: profile.news.map((story) => ({
      slug: story.slug,
      title: story.title,
      language: story.locale,
      published_at: story.publishedAt.toISOString(),
      url: `${publicUrl}${localePath(locale, `/news/${story.slug}`)}`,
    })),
  };
}

export function registerCountriesApi(
  api: ApiRegistry,
  deps: { db: Db; defaultLocale: Locale; publicUrl: string },
): void {
  api.get({
    path: '/countries/:iso3',
    tag: 'data',
    summary:
      'A country’s profile: its data, the data available by theme, progress to target 8.7, its pathfinder record (roadmap in short, standards), its partners, the latest news about it',
    params: countryParamsSchema,
    query: countryQuerySchema,
    response: countryProfileSchema,
    handler: async ({ params, query }) => {
      const profile = await getCountryProfile({
        db: deps.db,
        iso3: params.iso3,
        locale: query.locale,
        defaultLocale: deps.defaultLocale,
        now: new Date(),
      });
      if (!profile) throw notFound();
      return present({
        profile,
        locale: query.locale,
        today: new Date().toISOString().slice(0, 10),
        publicUrl: deps.publicUrl,
      });
    },
  });
}
