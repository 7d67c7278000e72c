import { z } from 'zod';
import { INDICATOR_STATUSES } from '../data.table.ts';
import { INDICATOR_CODE } from '../import/import.schemas.ts';

export const indicatorCodeParamsSchema = z.object({
  code: INDICATOR_CODE.describe('The indicator’s code, such as 8.7.1'),
});

export const catalogueQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
});

const perLocale = z.object({ fr: z.string().optional(), en: z.string().optional(), es: z.string().optional() });

export const indicatorSchema = z.object({
  code: z.string(),
  sdg_indicator: z.string().nullable().describe('The SDG indicator the series belongs to'),
  status: z.enum(INDICATOR_STATUSES).describe('draft: made by an import, not yet completed by an editor'),
  names: perLocale,
  definitions: perLocale,
  methodology: perLocale,
  unit: z.string(),
  custodian: z.string(),
  source: z.string(),
  version: z.number().int().nullable().describe('The current version of its data'),
  observations: z.number().int().describe('Observations in the current version'),
  geographies: z.number().int(),
  first_year: z.number().int().nullable(),
  last_year: z.number().int().nullable(),
  updated_at: z.string(),
});

export const indicatorListSchema = z.object({
  items: z.array(indicatorSchema),
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
});

export const indicatorDetailSchema = indicatorSchema.extend({
  versions: z
    .array(
      z.object({
        number: z.number().int(),
        kind: z.enum(['import', 'restore']),
        format: z.string().nullable(),
        file_name: z.string().nullable(),
        restored_from: z.number().int().nullable(),
        observations: z.number().int(),
        added: z.number().int(),
        changed: z.number().int(),
        removed: z.number().int(),
        created_at: z.string(),
      }),
    )
    .describe('Every version of its data, newest first'),
});

/** The columns the indicator page's tables are sorted by, and the directions. */
export const TABLE_SORTS = ['geo', 'year', 'value'] as const;
export type TableSort = (typeof TABLE_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/**
 * The order of the indicator page's tables (`?sort=value&dir=desc`): a value it does not know is
 * the default (by year, ascending), never an error.
 */
export const tableOrderSchema = z.object({
  sort: z.enum(TABLE_SORTS).catch('year').default('year'),
  dir: z.enum(SORT_DIRECTIONS).catch('asc').default('asc'),
});
export type TableOrder = z.output<typeof tableOrderSchema>;
