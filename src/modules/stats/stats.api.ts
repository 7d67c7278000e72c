import type { DerivedValue } from '../../db/derived-value.ts';
import type { ApiRegistry } from '../../http/api.ts';
import { countersSchema, type Counters } from './stats.schemas.ts';

export function registerStatsApi(api: ApiRegistry, deps: { counters: DerivedValue<Counters> }): void {
  api.get({
    path: '/stats',
    tag: 'stats',
    summary: 'Counters: active partners by kind and pathfinder countries',
    response: countersSchema,
    handler: () => deps.counters.get(),
  });
}
