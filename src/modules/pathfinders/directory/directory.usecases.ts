import type { Db } from '../../../db/database.ts';
import { regionOfCountry, type Region } from '../../../i18n/regions.ts';
import {
  getCountryLifecycle,
  listPathfinderCountries,
  type CountryListRow,
  type StageMove,
} from '../lifecycle/lifecycle.usecases.ts';
import { PATHFINDER_COUNTED_STAGES, type PathfinderStage } from '../pathfinders.table.ts';
import type { DirectoryQuery } from './directory.schemas.ts';

export interface PublicCountry extends CountryListRow {
  region: Region | null;
  isPathfinder: boolean;
}

function present(row: CountryListRow): PublicCountry {
  return {
    ...row,
    region: regionOfCountry(row.iso3),
    isPathfinder: (PATHFINDER_COUNTED_STAGES as readonly PathfinderStage[]).includes(row.stage),
  };
}

/** The countries shown publicly that match the filters (a declined request is not shown). */
export async function listPublicCountries(input: { db: Db; query: DirectoryQuery }): Promise<PublicCountry[]> {
  const { query } = input;
  return (await listPathfinderCountries({ db: input.db }))
    .filter((row) => row.stage !== 'declined')
    .map(present)
    .filter((row) => (!query.region || row.region === query.region) && (!query.stage || row.stage === query.stage));
}

/** A country's public record and its steps, oldest first (null when it is not shown publicly). */
export async function getPublicCountry(input: {
  db: Db;
  iso3: string;
}): Promise<{ country: PublicCountry; moves: StageMove[] } | null> {
  const found = await getCountryLifecycle(input);
  if (!found || found.country.stage === 'declined') return null;
  const current = [...found.moves].reverse().find((move) => move.stage === found.country.stage);
  return {
    country: present({
      ...found.country,
      since: current?.onDate ?? null,
      sincePrecision: current?.datePrecision ?? null,
    }),
    moves: found.moves,
  };
}
