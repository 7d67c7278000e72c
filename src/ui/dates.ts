import type { Translator } from '../i18n/i18n.ts';

const relative = new Map<string, Intl.RelativeTimeFormat>();

/**
 * A deadline given as a year ("by 2030": until the end of that year), said relative to `now`:
 * "in 4 years", "next year", "this year", or, once the year is over, that it has passed.
 */
export function deadlineStatus(tr: Translator, input: { year: number; now: Date }): string {
  const thisYear = input.now.getUTCFullYear();
  if (thisYear > input.year) return tr.t('time.deadlinePassed');
  let format = relative.get(tr.locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(tr.locale, { numeric: 'auto' });
    relative.set(tr.locale, format);
  }
  return format.format(input.year - thisYear, 'year');
}
