/** The yearly report's light: green on time, amber due soon or late by up to a year, red later. */
export type ReportLight = 'green' | 'amber' | 'red';

/** How many days before its due day a report turns amber. */
export const AMBER_DAYS_BEFORE = 60;

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 86_400_000;
}

/** The same day one year later (29 February gives 1 March). */
export function oneYearAfter(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The light of a country's next report, from dates only: green while the due day is more than
 * 60 days away; amber from 60 days before it, on it, and while the report is late by up to one
 * year (the same day a year later is still amber); red from the day after. No due day, no light.
 */
export function reportLight(input: { dueOn: string | null; today: string }): ReportLight | null {
  const { dueOn, today } = input;
  if (!dueOn) return null;
  if (dayNumber(dueOn) - dayNumber(today) > AMBER_DAYS_BEFORE) return 'green';
  return today <= oneYearAfter(dueOn) ? 'amber' : 'red';
}

/**
 * The due day of the next report once one is submitted: a year after the day it was due, and
 * again a year later while that day has already passed (a country that catches up is on time
 * again). Without a due day, a year after the submission.
 */
export function nextDueDay(input: { dueOn: string | null; submittedOn: string }): string {
  let next = oneYearAfter(input.dueOn ?? input.submittedOn);
  while (next <= input.submittedOn) next = oneYearAfter(next);
  return next;
}
