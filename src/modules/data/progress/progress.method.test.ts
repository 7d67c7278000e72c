import { describe, expect, it } from 'vitest';
import {
  assessProgress,
  comparableSeries,
  progressApplies,
  themeOfIndicator,
  type SeriesObservation,
} from './progress.method.ts';

/** A total, undisaggregated observation in percent, as most tests need. */
function total(year: number, value: number, age = '5-17'): SeriesObservation {
  return { year, value, sex: 'total', age, unit: 'percent', disaggregated: false };
}

function assess(rows: SeriesObservation[], targetYear = 2025) {
  return assessProgress({
    series: comparableSeries({ observations: rows, unit: 'percent', preferredAge: '5-17' }),
    targetYear,
  });
}

describe('the verdict on constructed series (threshold 1 %)', () => {
  it('is on track when the series falls fast enough: 64 % in 2020, 16 % in 2021', () => {
    // Observed: 16 / 64 = 1/4 in one year, a reduction of 75 % a year.
    // Needed: from 16 % in 2021 to 1 % in 2025, (1/16)^(1/4) = 1/2, so 50 % a year.
    const result = assess([total(2020, 64), total(2021, 16)]);
    expect(result.verdict).toBe('on_track');
    expect(result.reason).toBe('trend');
    expect(result.observedReduction).toBeCloseTo(0.75, 10);
    expect(result.requiredReduction).toBeCloseTo(0.5, 10);
  });

  it('is on track when the observed rate equals the one needed: 64 % in 2019, 16 % in 2021', () => {
    // (1/4)^(1/2) = 1/2: 50 % a year observed, 50 % needed.
    const result = assess([total(2019, 64), total(2021, 16)]);
    expect(result.verdict).toBe('on_track');
    expect(result.observedReduction).toBeCloseTo(0.5, 10);
  });

  it('is off track when it falls too slowly: 32 % in 2017, 16 % in 2021', () => {
    // Observed: (1/2)^(1/4) = 0.840896, a reduction of 15.9104 % a year; needed 50 %.
    const result = assess([total(2017, 32), total(2021, 16)]);
    expect(result.verdict).toBe('off_track');
    expect(result.observedReduction).toBeCloseTo(0.159104, 6);
    expect(result.requiredReduction).toBeCloseTo(0.5, 10);
  });

  it('is off track when it rises: 10 % in 2016, 20 % in 2020, target 2030', () => {
    // Observed: 2^(1/4) = 1.189207, a change of +18.9207 % a year (a reduction of −18.9207 %).
    // Needed: (1/20)^(1/10) = 0.741134, a reduction of 25.8866 % a year.
    const result = assess([total(2016, 10), total(2020, 20)], 2030);
    expect(result.verdict).toBe('off_track');
    expect(result.observedReduction).toBeCloseTo(-0.189207, 6);
    expect(result.requiredReduction).toBeCloseTo(0.258866, 6);
  });

  it('uses the first and last points only, whatever lies between', () => {
    const result = assess([total(2017, 32), total(2019, 40), total(2021, 16)]);
    expect(result.first).toEqual({ year: 2017, value: 32 });
    expect(result.last).toEqual({ year: 2021, value: 16 });
    expect(result.observedReduction).toBeCloseTo(0.159104, 6);
  });

  it('says insufficient data with one point only', () => {
    const result = assess([total(2019, 23.6)]);
    expect(result).toMatchObject({ verdict: 'insufficient_data', reason: 'one_point', observedReduction: null });
  });

  it('says insufficient data without any observation', () => {
    expect(assess([])).toMatchObject({ verdict: 'insufficient_data', reason: 'no_data' });
  });

  it('says insufficient data when the years have no comparable series (5–17 in 2014, 5–14 in 2019)', () => {
    const result = assess([total(2014, 30, '5-17'), total(2019, 20, '5-14')]);
    expect(result).toMatchObject({ verdict: 'insufficient_data', reason: 'not_comparable' });
  });

  it('is off track, with no rate needed, when the last point is past the target year and above the end', () => {
    // 8 % in 2020, 4 % in 2026, target 2025: observed (1/2)^(1/6) = 0.890899, 10.9101 % a year.
    const result = assess([total(2020, 8), total(2026, 4)]);
    expect(result).toMatchObject({ verdict: 'off_track', reason: 'target_passed', requiredReduction: null });
    expect(result.observedReduction).toBeCloseTo(0.109101, 6);
  });

  it('is on track once the last value is at or below the threshold', () => {
    expect(assess([total(2015, 3), total(2020, 0.8)])).toMatchObject({ verdict: 'on_track', reason: 'reached' });
  });

  it('is off track when a series rises from zero', () => {
    expect(assess([total(2015, 0), total(2020, 2)])).toMatchObject({
      verdict: 'off_track',
      reason: 'rising_from_zero',
      observedReduction: null,
    });
  });
});

describe('the comparable series', () => {
  it('takes both sexes together, without other breakdowns, in the preferred age group', () => {
    const rows: SeriesObservation[] = [
      total(2008, 33.9),
      total(2019, 23.6),
      { ...total(2008, 31.1), sex: 'female' },
      { ...total(2019, 12.5), disaggregated: true },
      total(2010, 40, '5-14'),
      total(2012, 41, '5-14'),
      total(2014, 42, '5-14'),
      { ...total(2015, 99), unit: 'number' },
    ];
    expect(comparableSeries({ observations: rows, unit: 'percent', preferredAge: '5-17' })).toEqual({
      ok: true,
      age: '5-17',
      points: [
        { year: 2008, value: 33.9 },
        { year: 2019, value: 23.6 },
      ],
    });
    // Without a preference, the age group with most points.
    expect(comparableSeries({ observations: rows, unit: 'percent' })).toMatchObject({ ok: true, age: '5-14' });
  });
});

describe('where progress applies', () => {
  it('sorts series into the themes of target 8.7 by SDG indicator or code', () => {
    expect(themeOfIndicator({ code: 'SL_TLF_CHLDEC', sdgIndicator: null })).toBe('child_labour');
    expect(themeOfIndicator({ code: 'CLD_XCHL_SEX_AGE_RT', sdgIndicator: null })).toBe('child_labour');
    expect(themeOfIndicator({ code: '8.7.1', sdgIndicator: '8.7.1' })).toBe('child_labour');
    expect(themeOfIndicator({ code: 'VC_HTF_DETV', sdgIndicator: null })).toBe('trafficking');
    expect(themeOfIndicator({ code: '16.2.2-a', sdgIndicator: '16.2.2' })).toBe('trafficking');
    expect(themeOfIndicator({ code: '8.7.10', sdgIndicator: null })).toBeNull();
    expect(themeOfIndicator({ code: 'NY_GDP', sdgIndicator: null })).toBeNull();
  });

  it('applies to prevalences of child labour and forced labour, not to counts of detected victims', () => {
    expect(progressApplies({ theme: 'child_labour', unit: 'percent' })).toBe(true);
    expect(progressApplies({ theme: 'forced_labour', unit: 'percent' })).toBe(true);
    expect(progressApplies({ theme: 'child_labour', unit: 'number' })).toBe(false);
    expect(progressApplies({ theme: 'trafficking', unit: 'per_100000_pop' })).toBe(false);
  });
});
