export { computeCounters, STATS_TABLES } from './stats.usecases.ts';
export type { Counters } from './stats.schemas.ts';
export { statsModule } from './stats.module.ts';
