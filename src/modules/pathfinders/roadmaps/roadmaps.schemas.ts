import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import { LOCALES } from '../../../i18n/i18n.ts';
import { ROADMAP_ACTION_STATUSES } from './roadmaps.table.ts';

const text = (max: number) => z.string().trim().min(1).max(max).regex(NO_MARKUP, { error: 'form.error.noMarkup' });
/** A text that may stay empty (given as ''). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(NO_MARKUP, { error: 'form.error.noMarkup' })
    .optional()
    .transform((value) => value ?? '');

/** The ISO 4217 currency codes the platform's Unicode data knows (Node's ICU: USD, EUR, XOF…). */
export const CURRENCY_CODES: readonly string[] = Intl.supportedValuesOf('currency');

/** An indicator code as the data pages name it: 8.7.1, 16.2.2, SL_TLF_CHLDEC. */
const INDICATOR_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** A new draft: the language its texts will be written in. */
export const startDraftSchema = z.object({ locale: z.enum(LOCALES) });

/** A priority's form (its fields are named apart from an action's, which the same page shows). */
export const prioritySchema = z.object({ priority_title: text(300), priority_description: optionalText(2000) });
export type PriorityForm = z.output<typeof prioritySchema>;

/** An action as the roadmap's editors enter it; dates, budget and indicator codes are checked together. */
export const actionSchema = z
  .object({
    priority: z.string().regex(/^P\d{1,6}$/, { error: 'form.error.choose' }),
    title: text(300),
    responsible_body: text(300),
    start_on: z.iso.date({ error: 'pathfinders.move.badDate' }),
    end_on: z.iso.date({ error: 'pathfinders.move.badDate' }),
    budget_amount: z
      .string()
      .trim()
      .regex(/^(\d{1,13}([.,]\d{1,2})?)?$/, { error: 'pathfinders.roadmap.badAmount' })
      .optional()
      .transform((value) => (value ? value.replace(',', '.') : null)),
    budget_currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine((code) => code === '' || CURRENCY_CODES.includes(code), { error: 'pathfinders.roadmap.badCurrency' })
      .optional()
      .transform((value) => (value ? value : null)),
    status: z.enum(ROADMAP_ACTION_STATUSES),
    indicator_codes: z
      .string()
      .max(500)
      .optional()
      .transform((value) => [...new Set((value ?? '').split(/[\s,;]+/).filter(Boolean))])
      .refine((codes) => codes.every((code) => INDICATOR_CODE.test(code)), {
        error: 'pathfinders.roadmap.badIndicator',
      }),
  })
  .superRefine((action, context) => {
    if (action.end_on < action.start_on) {
      context.addIssue({ code: 'custom', path: ['end_on'], message: 'pathfinders.roadmap.endBeforeStart' });
    }
    if ((action.budget_amount === null) !== (action.budget_currency === null)) {
      context.addIssue({
        code: 'custom',
        path: [action.budget_amount === null ? 'budget_amount' : 'budget_currency'],
        message: 'pathfinders.roadmap.budgetPair',
      });
    }
  });
export type ActionForm = z.output<typeof actionSchema>;

/** The Secretariat adopts the draft (the form of the page that asks first). */
export const adoptSchema = z.object({
  confirm: z.literal('yes'),
  adopted_on: z.iso.date({ error: 'pathfinders.move.badDate' }),
});

/** The versions compared: by their numbers; by default the adopted version and the draft. */
export const diffQuerySchema = z.object({
  from: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  to: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** Which version the roadmap page shows (by default the draft, else the adopted one). */
export const roadmapPageQuerySchema = z.object({
  version: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  done: z.enum(['draft', 'priority', 'action', 'removed', 'adopted']).optional().catch(undefined),
});
