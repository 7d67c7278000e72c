import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import { LOCALES, type Locale } from '../../../i18n/i18n.ts';
import { INDICATOR_STATUSES } from '../data.table.ts';

const line = (max: number) => z.string().trim().max(max).regex(NO_MARKUP, { error: 'form.error.noMarkup' }).default('');
const text = (max: number) =>
  z
    .string()
    .max(max)
    .default('')
    .transform((value) => value.replace(/\r\n/g, '\n').trim());

const perLanguage = Object.fromEntries(
  LOCALES.flatMap((locale) => [
    [`name_${locale}`, line(300)],
    [`definition_${locale}`, text(5000)],
    [`methodology_${locale}`, text(20_000)],
  ]),
) as Record<`name_${Locale}`, ReturnType<typeof line>> &
  Record<`definition_${Locale}` | `methodology_${Locale}`, ReturnType<typeof text>>;

/**
 * What a data editor can change of an indicator: whether visitors see it, its SDG indicator, unit,
 * custodian and source, and its name, definition and methodology notes in each language. A
 * published indicator has a name in every language.
 */
export const indicatorFormSchema = z
  .object({
    status: z.enum(INDICATOR_STATUSES),
    sdg_indicator: z
      .string()
      .trim()
      .regex(/^(?:\d{1,2}\.[0-9a-z]{1,2}\.\d{1,2})?$/, { error: 'data.edit.sdgFormat' })
      .default(''),
    unit: line(100),
    custodian: line(300),
    source: line(1000),
    ...perLanguage,
  })
  .superRefine((form, context) => {
    for (const locale of LOCALES) {
      if (form[`name_${locale}`] !== '') continue;
      if (form.status === 'published') {
        context.addIssue({ code: 'custom', path: [`name_${locale}`], message: 'data.edit.nameToPublish' });
      } else if (form[`definition_${locale}`] !== '' || form[`methodology_${locale}`] !== '') {
        context.addIssue({ code: 'custom', path: [`name_${locale}`], message: 'data.edit.nameForTexts' });
      }
    }
  });
export type IndicatorForm = z.output<typeof indicatorFormSchema>;

/** A version to bring back, and whether the editor has confirmed it. */
export const restoreFormSchema = z.object({
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/)
    .transform(Number),
  confirm: z.literal('yes').optional(),
});

/** The notice after a change (`?done=saved`). */
export const editingNoticeSchema = z.object({
  done: z.enum(['saved', 'restored']).optional().catch(undefined),
});
