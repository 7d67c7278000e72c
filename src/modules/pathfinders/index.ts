export {
  pathfinderCountries,
  pathfinderStageMoves,
  PATHFINDER_COUNTED_STAGES,
  PATHFINDER_STAGES,
  type PathfinderStage,
} from './pathfinders.table.ts';
export { pathfindersModule } from './pathfinders.module.ts';
export { readDemoPathfinders } from './pathfinders.demo.ts';
