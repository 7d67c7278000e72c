import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';

/** The most entries a menu holds: beyond that it no longer fits a phone's screen. */
export const MAX_MENU_ENTRIES = 12;

const label = z.string().trim().min(1).max(60).regex(NO_MARKUP, { error: 'form.error.noMarkup' });

/** One row of the menu form, read from its numbered fields (`path_3`, `label_fr_3`…). */
export const menuRowSchema = z.object({
  path: z.string().trim().max(200),
  position: z.coerce.number().int().min(1).max(99),
  fr: label,
  en: label,
  es: label,
});

/** The rows of the menu form: the numbered fields of each row, unless it is left empty or removed. */
export function menuFormRows(body: unknown): { index: number; fields: Record<string, string> }[] {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const rows: { index: number; fields: Record<string, string> }[] = [];
  for (let index = 0; index < MAX_MENU_ENTRIES + 3; index += 1) {
    const read = (name: string) => {
      const value = fields[`${name}_${index}`];
      return typeof value === 'string' ? value : '';
    };
    const row = {
      path: read('path'),
      position: read('position'),
      fr: read('label_fr'),
      en: read('label_en'),
      es: read('label_es'),
    };
    if (fields[`remove_${index}`] !== undefined) continue;
    if (!row.path && !row.fr && !row.en && !row.es) continue;
    rows.push({ index, fields: row });
  }
  return rows;
}
