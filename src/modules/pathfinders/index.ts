export {
  pathfinderCountries,
  pathfinderStageMoves,
  PATHFINDER_COUNTED_STAGES,
  PATHFINDER_STAGES,
  type PathfinderStage,
} from './pathfinders.table.ts';
export { pathfindersModule } from './pathfinders.module.ts';
export { readDemoPathfinders } from './pathfinders.demo.ts';
export {
  getCountrySummary,
  getPublicCountry,
  listPublicCountries,
  type CountrySummary,
  type PublicCountry,
} from './directory/directory.usecases.ts';
export { presentCountrySummary } from './directory/directory.presenters.ts';
export { countrySummaryApiSchema } from './directory/directory.schemas.ts';
export { renderCountrySummary } from './directory/directory.views.ts';
export { PUBLIC_COUNTRY_TABLES } from './directory/directory.pages.ts';
export { formatRecordedDay, STAGE_LABELS } from './pathfinders.labels.ts';
export { PATHFINDER_TABLES } from './pathfinders.table.ts';
export { redirectToUpperCase } from './pathfinders.access.ts';
export { renderLight } from './reports/reports.views.ts';
export { reportLight } from './reports/reports.light.ts';
