import { z } from 'zod';
import { LOCALES } from '../../i18n/i18n.ts';

export const pageSlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80);

/** The text of one page in one language, as an editor submits it. */
export const pageTextSchema = z.object({
  slug: pageSlugSchema,
  locale: z.enum(LOCALES),
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(300).default(''),
  bodyMarkdown: z.string().max(100_000).default(''),
});
export type PageTextInput = z.input<typeof pageTextSchema>;
