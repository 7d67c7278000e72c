import fs from 'node:fs';
import { z } from 'zod';
import type { DbExecutor } from '../../db/database.ts';
import { findCountry, replaceDemoCountry } from './lifecycle/lifecycle.repository.ts';
import {
  countDemoRecords,
  deleteDemoRecords,
  findRoadmapVersionsForDemo,
  hasReportForYear,
  insertDemoRoadmap,
} from './pathfinders.repository.ts';
import { insertReport } from './reports/reports.repository.ts';
import { DATE_PRECISIONS, PATHFINDER_STAGES } from './pathfinders.table.ts';
import { ROADMAP_ACTION_STATUSES } from './roadmaps/roadmaps.table.ts';

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

/**
 * Illustrative roadmaps and reports for two demonstration countries
 * (`content/demo/pathfinder-roadmaps.json`): plainly marked as illustrative in their own words,
 * with round amounts, and flagged in the database so that every page says they are demonstration.
 */
const DEMO_ROADMAPS_FILE = new URL('../../../content/demo/pathfinder-roadmaps.json', import.meta.url);

const demoActionSchema = z.object({
  title: z.string().min(1),
  responsible_body: z.string().min(1),
  start_on: z.iso.date(),
  end_on: z.iso.date(),
  budget_amount: z
    .string()
    .regex(/^\d+\.00$/)
    .nullable(),
  budget_currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable(),
  status: z.enum(ROADMAP_ACTION_STATUSES),
  indicator_codes: z.array(z.string().min(1)),
});

const demoRoadmapSchema = z.object({
  iso3: z.string().regex(/^[A-Z]{3}$/),
  locale: z.enum(['fr', 'en', 'es']),
  priorities: z
    .array(z.object({ title: z.string().min(1), description: z.string(), actions: z.array(demoActionSchema).min(1) }))
    .min(1),
  report: z.object({
    year: z.number().int(),
    overall_narrative: z.string().min(1),
    actions: z.array(z.object({ status: z.enum(ROADMAP_ACTION_STATUSES), narrative: z.string() })),
  }),
});

export function readDemoRoadmaps() {
  return z.array(demoRoadmapSchema).parse(JSON.parse(fs.readFileSync(DEMO_ROADMAPS_FILE, 'utf8')));
}

/**
 * Writes the illustrative roadmaps and reports that are not there yet. Only on a demonstration
 * country without any roadmap (a real one is never touched, a demonstration one not written twice);
 * the report only on the demonstration roadmap still adopted, for a year without a report.
 */
async function loadDemoRoadmaps(db: DbExecutor): Promise<{ roadmaps: number; reports: number }> {
  let roadmaps = 0;
  let reports = 0;
  for (const entry of readDemoRoadmaps()) {
    const country = await findCountry(db, entry.iso3);
    if (!country?.isDemo) continue;
    const versions = await findRoadmapVersionsForDemo(db, entry.iso3);
    let versionId = versions.adoptedDemoId;
    let actionKeys: string[] | null = null;
    if (versions.total === 0) {
      const written = await insertDemoRoadmap(db, {
        iso3: entry.iso3,
        locale: entry.locale,
        priorities: entry.priorities.map((priority) => ({
          title: priority.title,
          description: priority.description,
          actions: priority.actions.map((action) => ({
            title: action.title,
            responsibleBody: action.responsible_body,
            startOn: action.start_on,
            endOn: action.end_on,
            budgetAmount: action.budget_amount,
            budgetCurrency: action.budget_currency,
            status: action.status,
            indicatorCodes: action.indicator_codes,
          })),
        })),
      });
      versionId = written.versionId;
      actionKeys = written.actionKeys;
      roadmaps += 1;
    }
    if (versionId === null || (await hasReportForYear(db, { iso3: entry.iso3, year: entry.report.year }))) continue;
    // The loader numbers the actions A1, A2… in the file's order, as it wrote them.
    const keys =
      actionKeys ?? entry.priorities.flatMap((priority) => priority.actions).map((_, index) => `A${index + 1}`);
    // Acknowledged, so that the country's page shows it; with no submission or acknowledgement day.
    await insertReport(db, {
      iso3: entry.iso3,
      year: entry.report.year,
      roadmapVersionId: versionId,
      locale: entry.locale,
      createdBy: null,
      status: 'acknowledged',
      isDemo: true,
      overallNarrative: entry.report.overall_narrative,
      actions: entry.report.actions
        .slice(0, keys.length)
        .map((action, index) => ({ ...action, actionKey: keys[index]! })),
    });
    reports += 1;
  }
  return { roadmaps, reports };
}

/** How many demonstration records the module holds: countries, illustrative roadmaps and reports. */
export function countPathfindersDemo(db: DbExecutor): Promise<number> {
  return countDemoRecords(db);
}

/** Removes the demonstration records, keeping those on which real records were written since. */
export function removePathfindersDemo(db: DbExecutor): Promise<number> {
  return deleteDemoRecords(db);
}

/**
 * Loads (or refreshes) the sourced pathfinder countries, then the illustrative roadmaps and reports;
 * a country with a real record is left alone.
 */
export async function loadPathfindersDemo(
  db: DbExecutor,
): Promise<{ countries: number; roadmaps: number; reports: number }> {
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
  return { countries: written, ...(await loadDemoRoadmaps(db)) };
}
