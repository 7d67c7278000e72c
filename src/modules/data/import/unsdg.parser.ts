import { NATURES } from '../data.table.ts';
import { ddfParser } from './import.rows.ts';

/**
 * The UN SDG Global Database as Gapminder's DDF files lay it out: the key columns `age`,
 * `geo_area` (M49), `nature`, `sex`, `units`, `year`, and a last column named after the series.
 */
export const UNSDG_SOURCE = 'UN Statistics Division, SDG Global Database (via Gapminder open-numbers, CC BY 4.0)';

export const unsdgParser = ddfParser({
  keys: ['age', 'geo_area', 'nature', 'sex', 'units', 'year'],
  read({ reader, record }) {
    const geography = reader.geography('geo_area', record.geo_area);
    const nature = (record.nature ?? '').trim().toUpperCase();
    if (!(NATURES as readonly string[]).includes(nature)) {
      reader.problem('nature', 'data.import.problem.nature', record.nature);
    }
    return {
      geo: geography?.geo,
      geoKind: geography?.kind,
      year: reader.year('year', record.year ?? ''),
      sex: reader.sex('sex', record.sex),
      age: reader.age('age', record.age),
      nature,
      unit: (record.units ?? '').trim(),
      source: UNSDG_SOURCE,
    };
  },
});
