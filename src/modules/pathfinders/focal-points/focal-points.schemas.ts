import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import { LOCALES } from '../../../i18n/i18n.ts';

const text = (max: number) => z.string().trim().min(1).max(max).regex(NO_MARKUP, { error: 'form.error.noMarkup' });

/** The official a government names as focal point, as the Secretariat enters them. */
export const appointmentSchema = z.object({
  name: text(120),
  title: text(200),
  ministry: text(200),
  email: z.string().trim().min(1).max(254).pipe(z.email()),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+\d ().-]*$/, { error: 'pathfinders.focalPoint.badPhone' })
    .optional()
    .transform((value) => (value ? value : null)),
  locale: z.enum(LOCALES),
  started_on: z.iso.date({ error: 'pathfinders.move.badDate' }),
});
export type Appointment = z.output<typeof appointmentSchema>;
