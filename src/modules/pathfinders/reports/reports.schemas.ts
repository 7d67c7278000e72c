import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import { optionalText } from '../roadmaps/roadmaps.schemas.ts';
import { ROADMAP_ACTION_STATUSES } from '../roadmaps/roadmaps.table.ts';

/** The day the next yearly report is due, as the Secretariat sets it. */
export const reportDueSchema = z.object({ due_on: z.iso.date({ error: 'pathfinders.move.badDate' }) });

const narrative = optionalText;

/** A new report: its reporting year. */
export const startReportSchema = z.object({
  year: z.coerce
    .number({ error: 'pathfinders.report.badYear' })
    .int({ error: 'pathfinders.report.badYear' })
    .min(2015, { error: 'pathfinders.report.badYear' })
    .max(2100, { error: 'pathfinders.report.badYear' }),
});

/**
 * What a report's form sends: the overall narrative, each action's status and narrative (fields
 * `status_A1`, `narrative_A1`… by the action's key), and whether to save or submit. Submitting
 * needs every narrative.
 */
export function reportFormSchema(actionKeys: readonly string[]) {
  const fields: Record<string, z.ZodType> = {
    intent: z.enum(['save', 'submit']),
    overall_narrative: narrative(20_000),
  };
  for (const key of actionKeys) {
    fields[`status_${key}`] = z.enum(ROADMAP_ACTION_STATUSES);
    fields[`narrative_${key}`] = narrative(5_000);
  }
  return z.object(fields).superRefine((form, context) => {
    if (form.intent !== 'submit') return;
    for (const name of ['overall_narrative', ...actionKeys.map((key) => `narrative_${key}`)]) {
      if (form[name] === '') context.addIssue({ code: 'custom', path: [name], message: 'form.error.required' });
    }
  });
}

/** The Secretariat's acknowledgement: a note to the focal point. */
export const acknowledgeSchema = z.object({
  note: z.string().trim().min(1).max(5_000).regex(NO_MARKUP, { error: 'form.error.noMarkup' }),
});
