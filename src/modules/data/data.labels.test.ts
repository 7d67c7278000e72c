import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.ts';
import { geoName, REGION_NAMES } from './data.labels.ts';
import { readGeography } from './import/import.dimensions.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const en = translator('en');
const fr = translator('fr');
const es = translator('es');

describe('the names of regions', () => {
  it('gives the M49 regions of the shipped data their UN names in French and Spanish', () => {
    expect([geoName(en, '202'), geoName(fr, '202'), geoName(es, '202')]).toEqual([
      'Sub-Saharan Africa (M49 202)',
      'Afrique subsaharienne (M49 202)',
      'África subsahariana (M49 202)',
    ]);
    expect([geoName(en, '419'), geoName(fr, '419'), geoName(es, '419')]).toEqual([
      'Latin America and the Caribbean (M49 419)',
      'Amérique latine et Caraïbes (M49 419)',
      'América Latina y el Caribe (M49 419)',
    ]);
    expect([geoName(en, '001'), geoName(fr, '001'), geoName(es, '001')]).toEqual(['World', 'Monde', 'Mundo']);
    expect([geoName(en, '150'), geoName(fr, '002'), geoName(es, '019')]).toEqual([
      'Europe (M49 150)',
      'Afrique (M49 002)',
      'Américas (M49 019)',
    ]);
  });

  it('keeps the English name of the SDG groupings that M49 does not list, in every language', () => {
    expect([geoName(en, '747'), geoName(fr, '747'), geoName(es, '747')]).toEqual([
      'Northern Africa and Western Asia (M49 747)',
      'Northern Africa and Western Asia (M49 747)',
      'Northern Africa and Western Asia (M49 747)',
    ]);
    expect(geoName(fr, '062')).toBe('Central and Southern Asia (M49 062)');
    expect(geoName(es, '753')).toBe('Eastern and South-Eastern Asia (M49 753)');
    expect(geoName(en, '513')).toBe('Europe and Northern America (M49 513)');
  });

  it('names a country in the reader’s language and an unknown region by its code', () => {
    expect(geoName(fr, 'NPL')).toBe('Népal');
    expect(geoName(es, '999')).toBe('Región (M49 999)');
  });

  it('has a name for every region in the files of content/data', () => {
    const directory = path.join(root, 'content/data/un_sdg');
    const regions = new Set<string>();
    for (const file of fs.readdirSync(directory).filter((name) => name.includes('datapoints'))) {
      for (const line of fs.readFileSync(path.join(directory, file), 'utf8').trim().split('\n').slice(1)) {
        const geography = readGeography(line.split(',')[1]!);
        if (geography?.kind === 'region') regions.add(geography.geo);
      }
    }
    expect([...regions].sort()).toEqual(['062', '158', '202', '419', '513', '747', '753']);
    for (const code of regions) expect(Object.keys(REGION_NAMES)).toContain(code);
  });
});
