/** Every table of the platform, for Drizzle's query builder and drizzle-kit's migrations. */
export * from './app-state.table.ts';
export * from '../modules/content/content.table.ts';
export * from '../modules/partners/partners.table.ts';
export * from '../modules/pathfinders/pathfinders.table.ts';

import { appState } from './app-state.table.ts';
import { contentPages, contentPageTranslations } from '../modules/content/content.table.ts';
import { organizations } from '../modules/partners/partners.table.ts';
import { pathfinderCountries } from '../modules/pathfinders/pathfinders.table.ts';

export const schema = { appState, contentPages, contentPageTranslations, organizations, pathfinderCountries };
