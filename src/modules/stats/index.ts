export { computeCounters, createCountersSource, STATS_TABLES } from './stats.usecases.ts';
export { registerStatsApi } from './stats.api.ts';
export type { Counters } from './stats.schemas.ts';
