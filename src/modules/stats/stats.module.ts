import type { ModuleDescriptor } from '../../http/module.ts';
import { registerStatsApi } from './stats.api.ts';
import { createCountersSource } from './stats.usecases.ts';

/** The public counters, computed from the records and kept until a table they come from changes. */
export const statsModule = {
  name: 'stats',
  tables: [],
  mount: (context) => {
    const counters = createCountersSource(context.db);
    return {
      counters,
      api: (api) => registerStatsApi(api, { counters }),
      invalidate: (table) => counters.invalidate(table),
    };
  },
} satisfies ModuleDescriptor;
