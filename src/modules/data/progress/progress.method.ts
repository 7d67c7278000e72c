/**
 * Progress to target 8.7, computed from the observations alone (decision 020):
 * - which indicators it applies to, and their target year (child labour 2025, the rest 2030);
 * - the comparable series of a geography (one series, both sexes, one age group, one unit);
 * - the observed trend, the yearly rate of reduction needed, and the verdict.
 * Pure functions: the pages, the API and the tests call them with plain values.
 */

/** The themes of target 8.7 that the profiles and the progress sections sort indicators into. */
export const THEMES = ['child_labour', 'forced_labour', 'trafficking'] as const;
export type Theme = (typeof THEMES)[number];

/** Target 8.7: end child labour by 2025, forced labour, modern slavery and trafficking by 2030. */
export const TARGET_YEAR: Record<Theme, number> = {
  child_labour: 2025,
  forced_labour: 2030,
  trafficking: 2030,
};

/**
 * The level read as "ended", in percent of the population the indicator counts. A constant rate
 * of reduction never reaches zero, so the end needs a threshold: we use 1 % (one child in a
 * hundred), low enough to mean the practice has become rare, high enough for a sample survey
 * to tell it apart from its sampling error.
 */
export const END_THRESHOLD_PERCENT = 1;

/** Series of the UN SDG database, ILOSTAT and Open SDG files, by theme (codes in upper case). */
const SERIES_PATTERNS: readonly { theme: Theme; pattern: RegExp }[] = [
  { theme: 'child_labour', pattern: /^(8\.7\.1(\b|[.-])|SL_TLF_CHLD|CLD_)/ },
  { theme: 'trafficking', pattern: /^(16\.2\.2(\b|[.-])|VC_HTF_)/ },
  { theme: 'forced_labour', pattern: /^(FL_|FORCED_)/ },
];

/** The theme of an indicator, from its SDG indicator or its series code (null: none of the three). */
export function themeOfIndicator(indicator: { code: string; sdgIndicator: string | null }): Theme | null {
  for (const candidate of [indicator.sdgIndicator, indicator.code]) {
    if (!candidate) continue;
    const found = SERIES_PATTERNS.find((entry) => entry.pattern.test(candidate.toUpperCase()));
    if (found) return found.theme;
  }
  return null;
}

/**
 * Whether progress to the end applies: to a prevalence (a percentage) of child labour or forced
 * labour. Not to detected victims of trafficking: more victims detected may mean better detection,
 * not more trafficking, so no level of that count means the end.
 */
export function progressApplies(input: { theme: Theme | null; unit: string }): boolean {
  return (input.theme === 'child_labour' || input.theme === 'forced_labour') && input.unit === 'percent';
}

/** An observation as the method reads it. */
export interface SeriesObservation {
  year: number;
  value: number;
  sex: string;
  age: string;
  unit: string;
  /** Other disaggregations (area, wealth…): such an observation is part of another series. */
  disaggregated: boolean;
}

export interface SeriesPoint {
  year: number;
  value: number;
}

/**
 * The comparable series of one indicator and one geography: both sexes together (`total`), no
 * other disaggregation, one unit, one age group (the preferred one when it has two points or
 * more, else the one with most points). The points are by year.
 * `not_comparable` when there are observations in several years but no such series has two.
 */
export function comparableSeries(input: {
  observations: readonly SeriesObservation[];
  unit: string;
  preferredAge?: string;
}):
  { ok: true; age: string; points: SeriesPoint[] } | { ok: false; reason: 'no_data' | 'one_point' | 'not_comparable' } {
  const candidates = input.observations.filter((row) => row.unit === input.unit);
  const byAge = new Map<string, Map<number, number>>();
  for (const row of candidates) {
    if (row.sex !== 'total' || row.disaggregated) continue;
    const years = byAge.get(row.age) ?? new Map<number, number>();
    years.set(row.year, row.value);
    byAge.set(row.age, years);
  }
  const ages = [...byAge.entries()].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]));
  const preferred = input.preferredAge === undefined ? undefined : byAge.get(input.preferredAge);
  const chosen: [string, Map<number, number>] | undefined =
    preferred && preferred.size >= 2 ? [input.preferredAge!, preferred] : ages[0];
  if (chosen && chosen[1].size >= 2) {
    const points = [...chosen[1].entries()].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
    return { ok: true, age: chosen[0], points };
  }
  const years = new Set(candidates.map((row) => row.year));
  if (years.size === 0) return { ok: false, reason: 'no_data' };
  return { ok: false, reason: years.size === 1 ? 'one_point' : 'not_comparable' };
}

export type Verdict = 'on_track' | 'off_track' | 'insufficient_data';

export interface Assessment {
  verdict: Verdict;
  /** Why: the series is too short, the end is already reached, the target year is past… */
  reason: 'no_data' | 'one_point' | 'not_comparable' | 'reached' | 'target_passed' | 'trend' | 'rising_from_zero';
  first: SeriesPoint | null;
  last: SeriesPoint | null;
  /** Observed average yearly rate of reduction, as a fraction (0.1: −10 % a year; negative: rising). */
  observedReduction: number | null;
  /** Yearly rate of reduction needed from the last observation to reach the threshold by the target year. */
  requiredReduction: number | null;
  targetYear: number;
  threshold: number;
}

/**
 * The verdict for one comparable series.
 * - Observed trend: the average yearly rate of change between the first and the last points,
 *   r = (last / first)^(1 / years between them) − 1; the rate of reduction is −r.
 * - Needed: the constant yearly rate of reduction that takes the last value down to the threshold
 *   by the target year: 1 − (threshold / last)^(1 / (target year − last year)).
 * - On track when the last value is at or below the threshold, or when the observed reduction is
 *   at least the one needed; off track otherwise, and when the last observation is in or after the
 *   target year and still above the threshold (no time left: no rate is needed, the target is missed).
 */
export function assessProgress(input: {
  series: ReturnType<typeof comparableSeries>;
  targetYear: number;
  threshold?: number;
}): Assessment {
  const threshold = input.threshold ?? END_THRESHOLD_PERCENT;
  const empty = { targetYear: input.targetYear, threshold, observedReduction: null, requiredReduction: null };
  if (!input.series.ok)
    return { ...empty, verdict: 'insufficient_data', reason: input.series.reason, first: null, last: null };
  const { points } = input.series;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const span = last.year - first.year;
  const observedReduction = first.value > 0 ? 1 - (last.value / first.value) ** (1 / span) : last.value > 0 ? null : 0;
  const base = { ...empty, first, last, observedReduction };
  if (last.value <= threshold) return { ...base, verdict: 'on_track', reason: 'reached' };
  if (last.year >= input.targetYear) return { ...base, verdict: 'off_track', reason: 'target_passed' };
  const requiredReduction = 1 - (threshold / last.value) ** (1 / (input.targetYear - last.year));
  if (observedReduction === null) {
    return { ...base, requiredReduction, verdict: 'off_track', reason: 'rising_from_zero' };
  }
  return {
    ...base,
    requiredReduction,
    // Equal rates count as on track, whatever the last digit of floating point says.
    verdict: observedReduction >= requiredReduction - 1e-12 ? 'on_track' : 'off_track',
    reason: 'trend',
  };
}
