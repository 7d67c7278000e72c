import type { ModuleDescriptor } from '../../http/module.ts';
import { registerPathfindersApi } from './directory/directory.api.ts';
import { registerPathfinderPages } from './directory/directory.pages.ts';
import { registerPathfindersAdmin } from './pathfinders.admin.ts';
import { loadPathfindersDemo } from './pathfinders.demo.ts';
import { pathfinderCountries, pathfinderFocalPoints, pathfinderStageMoves } from './pathfinders.table.ts';

/**
 * Pathfinder countries: each country's path from its expression of interest to its yearly
 * reports, kept by the Secretariat and the country's focal point, and shown publicly.
 */
export const pathfindersModule = {
  name: 'pathfinders',
  tables: [pathfinderCountries, pathfinderStageMoves, pathfinderFocalPoints],
  demo: loadPathfindersDemo,
  mount: (context, needs) => ({
    pages: (surface) => registerPathfinderPages(surface, context),
    admin: (app) => registerPathfindersAdmin(app, { ...context, ...needs, publicUrl: context.config.publicUrl }),
    api: (api) => registerPathfindersApi(api, context),
  }),
} satisfies ModuleDescriptor<{ nudgeMail: () => void }>;
