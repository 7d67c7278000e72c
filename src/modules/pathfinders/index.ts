export { pathfinderCountries, PATHFINDER_COUNTED_STAGES, PATHFINDER_STAGES } from './pathfinders.table.ts';
export { pathfindersModule } from './pathfinders.module.ts';
