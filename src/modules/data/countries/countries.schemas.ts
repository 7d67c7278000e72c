import { z } from 'zod';
import { LOCALES } from '../../../i18n/i18n.ts';
import { REGIONS } from '../../../i18n/regions.ts';
import { countrySummaryApiSchema, PATHFINDER_STAGES } from '../../pathfinders/index.ts';
import { NATURES, SEXES } from '../data.table.ts';
import { THEMES } from '../progress/progress.method.ts';

export const countryParamsSchema = z.object({
  iso3: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((code) => code.toUpperCase())
    .describe('ISO 3166-1 alpha-3 (upper case; lower case is read as upper case)'),
});

export const countryQuerySchema = z.object({
  locale: z.enum(LOCALES).default('en').describe('Language of the names'),
});

const point = z.object({ year: z.number().int(), value: z.number() });

export const countryProfileSchema = z.object({
  iso3: z.string(),
  name: z.string().describe('In the language asked for'),
  region: z.enum(REGIONS).nullable().describe('M49 code of the continent'),
  series: z
    .array(
      z.object({
        indicator: z.string(),
        sdg_indicator: z.string().nullable(),
        name: z.string(),
        theme: z.enum(THEMES).nullable(),
        unit: z.string(),
        observations: z.array(
          z.object({
            year: z.number().int(),
            sex: z.enum(SEXES),
            age: z.string(),
            value: z.number(),
            lower: z.number().nullable(),
            upper: z.number().nullable(),
            nature: z.enum(NATURES).nullable(),
            source: z.string(),
            footnote: z.string(),
            disaggregations: z.record(z.string(), z.string()),
          }),
        ),
      }),
    )
    .describe('Every indicator with data for the country, one entry per unit, with its live observations'),
  availability: z
    .array(
      z.object({
        theme: z.enum([...THEMES, 'other']),
        indicators: z.array(z.object({ indicator: z.string(), name: z.string(), years: z.array(z.number().int()) })),
      }),
    )
    .describe('For child labour, forced labour and trafficking (and other indicators): which indicators, which years'),
  progress: z
    .array(
      z.object({
        indicator: z.string(),
        theme: z.enum(THEMES),
        unit: z.string(),
        age: z.string().nullable().describe('Age group of the comparable series'),
        target_year: z.number().int(),
        threshold: z.number().describe('The level read as the end, in the unit of the series'),
        verdict: z.enum(['on_track', 'off_track', 'insufficient_data']),
        reason: z.enum([
          'no_data',
          'one_point',
          'not_comparable',
          'reached',
          'target_passed',
          'trend',
          'rising_from_zero',
        ]),
        first: point.nullable(),
        last: point.nullable(),
        observed_annual_reduction: z
          .number()
          .nullable()
          .describe(
            'Average yearly rate of reduction between the first and last points (0.1: −10 % a year; negative: rising)',
          ),
        required_annual_reduction: z
          .number()
          .nullable()
          .describe(
            'Constant yearly rate of reduction needed from the last point to reach the threshold by the target year',
          ),
      }),
    )
    .describe('Progress to target 8.7 for each prevalence series (child labour, forced labour)'),
  pathfinder: z
    .object({
      stage: z.enum(PATHFINDER_STAGES),
      stage_since: z.string().nullable(),
      report_due_on: z.string().nullable(),
      report_light: z.enum(['green', 'amber', 'red']).nullable(),
      is_pathfinder: z.boolean(),
      url: z.string().describe('The pathfinder page, with every step, the whole roadmap and the sources'),
      ...countrySummaryApiSchema.shape,
    })
    .nullable()
    .describe('The country’s public record on the pathfinder path (null: none)'),
  partners: z.array(z.object({ slug: z.string(), name: z.string(), kind: z.string() })),
  news: z
    .array(
      z.object({
        slug: z.string(),
        title: z.string(),
        language: z.enum(LOCALES).describe('The language of `title` (another when the story lacks the one asked for)'),
        published_at: z.string().describe('ISO 8601'),
        url: z.string(),
      }),
    )
    .describe(
      'The latest published stories about the country, newest first (at most 5; /api/v1/news?country= has all)',
    ),
});
