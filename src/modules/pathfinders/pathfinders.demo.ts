import fs from 'node:fs';
import { z } from 'zod';
import type { DbExecutor } from '../../db/database.ts';
import { replaceDemoCountry } from './lifecycle/lifecycle.repository.ts';
import { DATE_PRECISIONS, PATHFINDER_STAGES } from './pathfinders.table.ts';

/** Pathfinder countries as public sources describe them (`content/demo/pathfinders.json`). */
const DEMO_FILE = new URL('../../../content/demo/pathfinders.json', import.meta.url);

const demoCountrySchema = z.object({
  iso3: z.string().regex(/^[A-Z]{3}$/),
  moves: z
    .array(
      z.object({
        stage: z.enum(PATHFINDER_STAGES),
        on_date: z.iso.date().nullable(),
        precision: z.enum(DATE_PRECISIONS),
        note: z.string().min(1),
        source: z.url(),
      }),
    )
    .min(1),
});

export function readDemoPathfinders() {
  return z.array(demoCountrySchema).parse(JSON.parse(fs.readFileSync(DEMO_FILE, 'utf8')));
}

/** Loads (or refreshes) the sourced pathfinder countries; a country with a real record is left alone. */
export async function loadPathfindersDemo(db: DbExecutor): Promise<{ countries: number }> {
  let written = 0;
  for (const entry of readDemoPathfinders()) {
    const last = entry.moves.at(-1)!;
    const granted = entry.moves.find((move) => move.stage === 'status_granted');
    const replaced = await replaceDemoCountry(db, {
      iso3: entry.iso3,
      stage: last.stage,
      statusGrantedOn: granted?.precision === 'day' ? granted.on_date : null,
      moves: entry.moves.map((move, index) => ({
        fromStage: index === 0 ? null : entry.moves[index - 1]!.stage,
        stage: move.stage,
        onDate: move.on_date,
        datePrecision: move.precision,
        note: move.note,
        decisionReference: null,
        decisionDate: null,
        gcgDecisionId: null,
        sourceUrl: move.source,
        sourceReadOn: null,
        recordedBy: null,
      })),
    });
    if (replaced) written += 1;
  }
  return { countries: written };
}
