import type { Db } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { isAllowedMove } from './lifecycle.moves.ts';
import {
  findCountry,
  findLatestMoveDay,
  insertCountry,
  insertMove,
  listCountries,
  listMoves,
  lockCountry,
  type CountryListRow,
  type CountryRecord,
  type NewStageMove,
  type StageMove,
} from './lifecycle.repository.ts';
import type { PathfinderStage } from '../pathfinders.table.ts';
import type { AddCountry, Move } from './lifecycle.schemas.ts';

export type { CountryListRow, CountryRecord, StageMove } from './lifecycle.repository.ts';

/** Every country on the path, or once on it. */
export function listPathfinderCountries(input: { db: Db }): Promise<CountryListRow[]> {
  return listCountries(input.db);
}

/** A country and its moves, oldest first (null when it was never on the path). */
export async function getCountryLifecycle(input: {
  db: Db;
  iso3: string;
}): Promise<{ country: CountryRecord; moves: StageMove[] } | null> {
  const country = await findCountry(input.db, input.iso3);
  if (!country) return null;
  return { country, moves: await listMoves(input.db, input.iso3) };
}

/** A step a person records, on a day, with a note: without a source or a decision. */
export function recordedMove(input: {
  iso3: string;
  fromStage: PathfinderStage | null;
  stage: PathfinderStage;
  onDate: string;
  note: string;
  recordedBy: number | null;
}): NewStageMove & { iso3: string } {
  return {
    ...input,
    datePrecision: 'day',
    decisionReference: null,
    decisionDate: null,
    gcgDecisionId: null,
    sourceUrl: null,
    sourceReadOn: null,
  };
}

/**
 * The Secretariat records a country's expression of interest (a letter received, a request made
 * at a GCG meeting): the country enters the path at its first stage.
 */
export async function addPathfinderCountry(input: {
  db: Db;
  country: AddCountry;
  today: string;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const { country } = input;
  if (country.on_date > input.today) throw new AppError('pathfinders.move.future', { field: 'on_date' });
  await input.db.transaction(async (tx) => {
    if (await findCountry(tx, country.country)) {
      throw new AppError('pathfinders.country.exists', { field: 'country' });
    }
    await insertCountry(tx, { iso3: country.country, stage: 'interest_expressed', isDemo: false });
    const move = recordedMove({
      iso3: country.country,
      fromStage: null,
      stage: 'interest_expressed',
      onDate: country.on_date,
      note: country.note,
      recordedBy: input.actor.id,
    });
    await insertMove(tx, move);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.country_added',
      entityType: 'pathfinder_country',
      entityId: country.country,
      after: { stage: move.stage, onDate: move.onDate, note: move.note },
      ip: input.ip,
    });
  });
}

/**
 * The Secretariat moves a country along: only a move of the table of allowed moves, dated today
 * or earlier and not before the country's last dated step; a grant of status names the decision
 * it rests on (a reference and its date).
 */
export async function moveCountry(input: {
  db: Db;
  iso3: string;
  move: Move;
  today: string;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const { move } = input;
  if (move.on_date > input.today) throw new AppError('pathfinders.move.future', { field: 'on_date' });
  if (move.stage === 'status_granted') {
    if (!move.decision_reference) {
      throw new AppError('pathfinders.move.decisionRequired', { field: 'decision_reference' });
    }
    if (!move.decision_date) throw new AppError('pathfinders.move.decisionDateRequired', { field: 'decision_date' });
    if (move.decision_date > move.on_date) {
      throw new AppError('pathfinders.move.decisionAfter', { field: 'decision_date' });
    }
  }
  await input.db.transaction(async (tx) => {
    const country = await lockCountry(tx, input.iso3);
    if (!country) throw new AppError('not_found');
    if (!isAllowedMove(country.stage, move.stage)) {
      throw new AppError('pathfinders.move.notAllowed', { field: 'stage' });
    }
    const latest = await findLatestMoveDay(tx, input.iso3);
    if (latest && move.on_date < latest) {
      throw new AppError('pathfinders.move.tooEarly', { field: 'on_date', values: { date: latest } });
    }
    const granted = move.stage === 'status_granted';
    await insertMove(tx, {
      iso3: input.iso3,
      fromStage: country.stage,
      stage: move.stage,
      onDate: move.on_date,
      datePrecision: 'day',
      note: move.note,
      decisionReference: granted ? move.decision_reference : null,
      decisionDate: granted ? move.decision_date : null,
      gcgDecisionId: null,
      sourceUrl: null,
      sourceReadOn: null,
      recordedBy: input.actor.id,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.stage_moved',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      before: { stage: country.stage },
      after: {
        stage: move.stage,
        onDate: move.on_date,
        note: move.note,
        ...(granted ? { decisionReference: move.decision_reference, decisionDate: move.decision_date } : {}),
      },
      ip: input.ip,
    });
  });
}
