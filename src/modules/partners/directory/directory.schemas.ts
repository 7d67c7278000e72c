import { z } from 'zod';
import { LOCALES } from '../../../i18n/i18n.ts';
import { REGIONS } from '../../../i18n/regions.ts';
import { ACTION_GROUPS, ORGANIZATION_KINDS } from '../partners.table.ts';

/** A query value that may come once or several times (`?kind=a&kind=b`). */
function many<T extends z.ZodType>(item: T) {
  return z
    .union([item, z.array(item)])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
}

export const DIRECTORY_SORTS = ['name', 'newest', 'country'] as const;

/** The directory's filters, from the page's or the API's query string. Unknown values are refused. */
export const directoryQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  kind: many(z.enum(ORGANIZATION_KINDS)),
  country: many(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/),
  ),
  region: many(z.enum(REGIONS)),
  action_group: many(z.enum(ACTION_GROUPS)),
  sort: z.enum(DIRECTORY_SORTS).default('name'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(24),
});
export type DirectoryQuery = z.output<typeof directoryQuerySchema>;

const perLocale = z.object({ fr: z.string().optional(), en: z.string().optional(), es: z.string().optional() });

/** The API's view of a partner: its public fields, in every language it has given. */
export const partnerSchema = z.object({
  slug: z.string(),
  name: z.string().describe('The name in the requested language, or a fallback'),
  names: perLocale.describe('The name in each language the partner has given'),
  descriptions: perLocale,
  kind: z.enum(ORGANIZATION_KINDS),
  country: z.string().nullable().describe('ISO 3166-1 alpha-3'),
  region: z.string().nullable().describe('UN M49 region code'),
  website: z.string().nullable(),
  action_groups: z.array(z.enum(ACTION_GROUPS)),
  joined_on: z.string().nullable().describe('First day as an active partner (YYYY-MM-DD)'),
  is_demo: z.boolean().describe('Demonstration record, not a real partner'),
});

export const partnerListSchema = z.object({
  items: z.array(partnerSchema),
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
});

export const partnerApiQuerySchema = directoryQuerySchema.extend({
  locale: z.enum(LOCALES).default('en').describe('Language of `name`'),
  format: z.enum(['json', 'csv']).default('json').describe('csv: every matching partner as a CSV table'),
});
