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
import { getCountryCommitments, type CountryCommitments } from '../commitments/commitments.usecases.ts';
import { getPublicProgress } from '../reports/reports.usecases.ts';
import type { RoadmapActionStatus } from '../roadmaps/roadmaps.table.ts';

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

/** A country's adopted roadmap in short and its commitments and standards, for its profile. */
export interface CountrySummary {
  roadmap: {
    number: number;
    adoptedOn: string | null;
    /** The language the roadmap is written in. */
    locale: string;
    /** The year of the acknowledged report the statuses come from (null: the roadmap's own). */
    statusYear: number | null;
    priorities: {
      key: string;
      title: string;
      actions: { key: string; title: string; status: RoadmapActionStatus }[];
    }[];
  } | null;
  commitments: CountryCommitments;
}

/**
 * The adopted roadmap's priorities and each action's status (as the latest acknowledged report
 * gives it, else the roadmap's), and the laws, commitments and standards recorded from sources.
 */
export async function getCountrySummary(input: { db: Db; iso3: string }): Promise<CountrySummary> {
  const [progress, commitments] = await Promise.all([getPublicProgress(input), getCountryCommitments(input)]);
  const { roadmap } = progress;
  return {
    roadmap: roadmap && {
      number: roadmap.version.number,
      adoptedOn: roadmap.version.adoptedOn,
      locale: roadmap.version.locale,
      statusYear: progress.statusYear,
      priorities: roadmap.priorities.map((priority) => ({
        key: priority.key,
        title: priority.title,
        actions: roadmap.actions
          .filter((action) => action.priorityKey === priority.key)
          .map((action) => ({
            key: action.key,
            title: action.title,
            status: progress.statuses.get(action.key) ?? action.status,
          })),
      })),
    },
    commitments,
  };
}
