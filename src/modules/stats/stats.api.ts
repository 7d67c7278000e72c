import type { Db } from '../../db/database.ts';
import type { ApiRegistry } from '../../http/api.ts';
import { countersSchema } from './stats.schemas.ts';
import { computeCounters } from './stats.usecases.ts';

export function registerStatsApi(api: ApiRegistry, deps: { db: Db }): void {
  api.get({
    path: '/stats',
    tag: 'stats',
    summary: 'Counters: active partners by kind and pathfinder countries',
    response: countersSchema,
    handler: () => computeCounters(deps.db),
  });
}
