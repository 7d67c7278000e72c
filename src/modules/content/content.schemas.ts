import { z } from 'zod';
import { NO_MARKUP } from '../../http/forms.ts';
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

/** The editor's form: the text, and what to do with it (show it, keep it as a draft, publish it). */
export const pageEditFormSchema = z.object({
  intent: z.enum(['preview', 'draft', 'publish']).catch('preview'),
  title: z.string().trim().min(1).max(200).regex(NO_MARKUP, { error: 'form.error.noMarkup' }),
  summary: z.string().trim().max(300).regex(NO_MARKUP, { error: 'form.error.noMarkup' }).default(''),
  body: z
    .string()
    .max(100_000)
    .default('')
    .transform((value) => value.replace(/\r\n/g, '\n')),
});
export type PageEditForm = z.output<typeof pageEditFormSchema>;

/** A new page, or a page's new slug. */
export const slugFormSchema = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'content.slug.format' }),
});

export const restoreFormSchema = z.object({
  revision: z.string().regex(/^[1-9]\d{0,9}$/).transform(Number),
});

/** The notices the editor's pages show after a change (`?done=published`). */
export const editorNoticeSchema = z.object({
  done: z.enum(['created', 'draft', 'published', 'restored', 'slug', 'menu']).optional().catch(undefined),
});
