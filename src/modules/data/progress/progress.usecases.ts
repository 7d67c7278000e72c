import type { Locale } from '../../../i18n/i18n.ts';
import type { ObservationRow } from '../observations/observations.repository.ts';
import {
  assessProgress,
  comparableSeries,
  progressApplies,
  TARGET_YEAR,
  type Assessment,
  type Theme,
} from './progress.method.ts';

/** Progress of one series (an indicator in one unit, for one geography) to its target. */
export interface ProgressItem {
  indicator: { code: string; names: Partial<Record<Locale, string>> };
  theme: Theme;
  unit: string;
  /** The age group of the comparable series (null when there is none). */
  age: string | null;
  assessment: Assessment;
}

/** Child labour is measured for children aged 5 to 17: that series is preferred when it has two points. */
const PREFERRED_AGE: Partial<Record<Theme, string>> = { child_labour: '5-17' };

/** The progress of a series, or null where progress does not apply (counts, other indicators). */
export function assessSeries(input: {
  indicator: { code: string; sdgIndicator: string | null; names: Partial<Record<Locale, string>> };
  theme: Theme | null;
  unit: string;
  observations: readonly ObservationRow[];
}): ProgressItem | null {
  const { theme } = input;
  if (theme === null || !progressApplies({ theme, unit: input.unit })) return null;
  const preferredAge = PREFERRED_AGE[theme];
  const series = comparableSeries({
    observations: input.observations.map((row) => ({
      year: row.year,
      value: row.value,
      sex: row.sex,
      age: row.age,
      unit: row.unit,
      disaggregated: Object.keys(row.disaggregations).length > 0,
    })),
    unit: input.unit,
    ...(preferredAge ? { preferredAge } : {}),
  });
  return {
    indicator: { code: input.indicator.code, names: input.indicator.names },
    theme,
    unit: input.unit,
    // Without a comparable series, the age group it would have been read in, when there is one.
    age: series.ok
      ? series.age
      : ((input.observations.find((row) => row.age === preferredAge) ?? input.observations[0])?.age ?? null),
    assessment: assessProgress({ series, targetYear: TARGET_YEAR[theme] }),
  };
}
