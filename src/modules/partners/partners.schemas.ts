import { z } from 'zod';
import { REGIONS } from '../../i18n/regions.ts';
import { ACTION_GROUPS, ORGANIZATION_KINDS } from './partners.table.ts';

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
