import type { ModuleDescriptor } from '../../http/module.ts';
import { pathfinderCountries } from './pathfinders.table.ts';

/** Pathfinder countries: their table only, for now (the counters read it). */
export const pathfindersModule = {
  name: 'pathfinders',
  tables: [pathfinderCountries],
  mount: () => ({}),
} satisfies ModuleDescriptor;
