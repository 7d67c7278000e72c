import { z } from 'zod';
import { NO_MARKUP } from '../../http/forms.ts';
import { isCountryCode } from '../../i18n/countries.ts';
import { LOCALES } from '../../i18n/i18n.ts';
import { STORY_STATUSES } from './news.table.ts';

/** A country the platform knows (ISO 3166-1 alpha-3), in any case. */
const ISO3 = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/)
  .refine(isCountryCode);
const TAG = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u)
  .max(40);

/** The public list's filters (`/{l}/news?tag=&country=&page=`); a wrong value is dropped. */
export const newsListQuerySchema = z.object({
  tag: TAG.optional().catch(undefined),
  country: ISO3.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type NewsListQuery = z.output<typeof newsListQuerySchema>;

export const NEWS_PER_PAGE = 10;

/** `/api/v1/news`: paginated like the other lists. */
export const newsApiQuerySchema = z.object({
  locale: z.enum(LOCALES).default('en').describe('Language of `title`, `lead` and `body` (with a fallback)'),
  tag: TAG.optional(),
  country: ISO3.optional().describe('ISO 3166-1 alpha-3'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

const perLocale = z.object({ fr: z.string().optional(), en: z.string().optional(), es: z.string().optional() });

export const storyApiSchema = z.object({
  slug: z.string(),
  url: z.string().describe('The story’s public page in the requested language'),
  locale: z.enum(LOCALES).describe('The language of title, lead and body: the requested one or a fallback'),
  title: z.string(),
  lead: z.string(),
  body_markdown: z.string(),
  titles: perLocale.describe('The title in each language the story has'),
  published_at: z.string().describe('ISO 8601'),
  tags: z.array(z.string()),
  countries: z.array(z.string()).describe('ISO 3166-1 alpha-3'),
  image: z.object({ url: z.string(), width: z.number().int(), height: z.number().int(), alt: z.string() }).nullable(),
  is_demo: z.boolean().describe('A demonstration story, told from a public source to present the platform'),
});

export const storyListApiSchema = z.object({
  items: z.array(storyApiSchema),
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
});

/** A new story: its slug, and for a partner's proposal, the organization proposing it. */
export const newStoryFormSchema = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'news.slug.format' }),
  organization: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

/** A list separated by commas, each item read by `item`; a wrong item is said with `error`. */
function commaList(
  item: z.ZodType<string, string>,
  input: { max: number; error: 'news.tags.format' | 'news.countries.format' },
) {
  return z
    .string()
    .max(500)
    .default('')
    .transform((value, context) => {
      const items = value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => item.safeParse(part));
      if (items.length > input.max || items.some((parsed) => !parsed.success)) {
        context.addIssue({ code: 'custom', message: input.error });
        return z.NEVER;
      }
      return items.flatMap((parsed) => (parsed.success ? [parsed.data] : []));
    });
}

/** Tags and countries, each a list separated by commas. */
export const storyDetailsFormSchema = z.object({
  tags: commaList(TAG, { max: 10, error: 'news.tags.format' }),
  countries: commaList(ISO3, { max: 30, error: 'news.countries.format' }),
});

/** The editor's form for one language: the text, and whether to show a preview or save it. */
export const storyTextFormSchema = z.object({
  intent: z.enum(['preview', 'save']).catch('preview'),
  title: z.string().trim().min(1).max(200).regex(NO_MARKUP, { error: 'form.error.noMarkup' }),
  lead: z.string().trim().max(400).regex(NO_MARKUP, { error: 'form.error.noMarkup' }).default(''),
  body: z
    .string()
    .max(100_000)
    .default('')
    .transform((value) => value.replace(/\r\n/g, '\n')),
  image_alt: z.string().trim().max(300).regex(NO_MARKUP, { error: 'form.error.noMarkup' }).default(''),
});
export type StoryTextForm = z.output<typeof storyTextFormSchema>;

/** Publishing: now, or at a date and time (UTC), after the confirmation box. */
export const publishFormSchema = z
  .object({
    when: z.enum(['now', 'later']).default('now'),
    date: z.string().trim().default(''),
    time: z.string().trim().default(''),
    confirm: z.literal('yes', { error: 'news.publish.confirm' }),
  })
  .transform((form, context) => {
    if (form.when === 'now') return { at: null };
    // Browsers send `HH:MM`, or `HH:MM:SS` when the field's step asks for seconds.
    const time = form.time || '00:00';
    const at = new Date(`${form.date}T${time.length === 5 ? `${time}:00` : time}Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(form.date) ||
      !/^(\d{2}:\d{2}(:\d{2})?)?$/.test(form.time) ||
      Number.isNaN(at.getTime())
    ) {
      context.addIssue({ code: 'custom', path: ['date'], message: 'news.publish.date' });
      return z.NEVER;
    }
    return { at };
  });

export const confirmFormSchema = z.object({ confirm: z.literal('yes', { error: 'news.publish.confirm' }) });

export const declineFormSchema = z.object({
  reason: z.string().trim().min(1).max(2000).regex(NO_MARKUP, { error: 'form.error.noMarkup' }),
});

/** The back office list's filters. */
export const adminListQuerySchema = z.object({
  status: z.enum(STORY_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The notices after a change (`?done=published`). */
export const NEWS_DONE = [
  'created',
  'saved',
  'details',
  'image',
  'published',
  'scheduled',
  'unpublished',
  'declined',
] as const;
export const doneQuerySchema = z.object({ done: z.enum(NEWS_DONE).optional().catch(undefined) });
export type NewsDone = (typeof NEWS_DONE)[number];
