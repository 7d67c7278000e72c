import { readAge } from './import.dimensions.ts';
import { ddfParser } from './import.rows.ts';

/**
 * ILOSTAT as Gapminder's DDF files lay it out: `ref_area` (lower-case ISO3), `sex` (`sex_t`,
 * `sex_f`, `sex_m`), `classif1` (an age band such as `age_cldversion_y5_17`), `time`, and a last
 * column named after the ILOSTAT indicator (`cld_xchl_sex_age_rt`).
 */
export const ILOSTAT_SOURCE = 'ILO, ILOSTAT (via Gapminder open-numbers, CC BY 4.0)';

/** `age_cldversion_y5_17` → `5-17`; `age_ybands_ge65` → `65+`; `age_aggregate_total` → all. */
function ageOfClassification(text: string): string | null {
  const range = /_y(\d{1,3})_(\d{1,3})$/.exec(text);
  if (range) return readAge(`${range[1]}-${range[2]}`);
  const over = /_(?:y)?ge(\d{1,3})$/.exec(text);
  if (over) return `${Number(over[1])}+`;
  return /_total$/.test(text) ? 'all' : null;
}

export const ilostatParser = ddfParser({
  keys: ['ref_area', 'sex', 'classif1', 'time'],
  read({ reader, record, series }) {
    const area = (record.ref_area ?? '').trim();
    const geography = /^[a-z]{3}$/i.test(area)
      ? reader.geography('ref_area', area)
      : reader.problem('ref_area', 'data.import.problem.geo', area);
    const age = ageOfClassification((record.classif1 ?? '').trim());
    if (!age) reader.problem('classif1', 'data.import.problem.age', record.classif1);
    return {
      geo: geography?.geo,
      geoKind: geography?.kind,
      year: reader.year('time', record.time ?? ''),
      sex: reader.sex('sex', record.sex),
      age,
      nature: null,
      unit: series.endsWith('_rt') ? 'percent' : '',
      source: ILOSTAT_SOURCE,
    };
  },
});
