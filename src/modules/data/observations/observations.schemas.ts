import { z } from 'zod';
import { GEO_KINDS, NATURES, SEXES } from '../data.table.ts';

/** A query value that may come once, several times (`?geo=A&geo=B`) or comma-separated (`?geo=A,B`). */
function many<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value: unknown): unknown[] =>
      value === undefined
        ? []
        : (Array.isArray(value) ? (value as unknown[]) : [value]).flatMap((one) =>
            typeof one === 'string' ? one.split(',') : [one],
          ),
    z.array(item).max(300),
  );
}

export const observationQuerySchema = z.object({
  geo: many(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{3}|\d{3})$/),
  ).describe('ISO3 country codes or M49 region codes (001 is the world)'),
  year: many(z.coerce.number().int().min(1900).max(2100)),
  sex: many(z.enum(SEXES)),
  age: many(z.string().regex(/^(all|unknown|\d{1,3}-\d{1,3}|\d{1,3}\+|<\d{1,3})$/)).describe(
    'Such as 5-17, 18+, <18, all',
  ),
  unit: many(z.string().trim().min(1).max(100)).describe('Units, such as percent or number'),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('An earlier version of the data (the current one by default)'),
  sort: z
    .enum(['geo', 'year', 'value'])
    .optional()
    .describe('Order by geography code, year or value (ties, and by default: geography, year, sex, age, unit)'),
  dir: z.enum(['asc', 'desc']).default('asc').describe('The direction of `sort`'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(1000).default(100),
  format: z.enum(['json', 'csv']).default('json').describe('csv: every matching observation as a CSV table'),
});
export type ObservationQuery = z.output<typeof observationQuerySchema>;

export const observationSchema = z.object({
  geo: z.string().describe('ISO 3166-1 alpha-3 country code, or M49 code of a region (001: the world)'),
  geo_kind: z.enum(GEO_KINDS),
  year: z.number().int(),
  value: z.number(),
  sex: z.enum(SEXES),
  age: z.string().describe('Age group: 5-17, 18+, <18, all, unknown'),
  nature: z
    .enum(NATURES)
    .nullable()
    .describe('C country data, CA country-adjusted, E estimated, M modelled, G global monitoring, N non-relevant'),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  unit: z.string(),
  source: z.string(),
  footnote: z.string(),
  disaggregations: z.record(z.string(), z.string()).describe('Other disaggregations, name → label'),
});

export const observationListSchema = z.object({
  indicator: z.string(),
  version: z.number().int().describe('The version of the data these observations belong to'),
  items: z.array(observationSchema),
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
});
