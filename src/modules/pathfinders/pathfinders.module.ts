import type { ModuleDescriptor } from '../../http/module.ts';
import { hasAnyRole } from '../../http/viewer.ts';
import type { EmailConfirmations } from '../mail/index.ts';
import { registerPathfindersApi } from './directory/directory.api.ts';
import { registerPathfinderPages } from './directory/directory.pages.ts';
import { registerInterestsAdmin } from './interests/interests.admin.ts';
import { registerInterestPages } from './interests/interests.pages.ts';
import { confirmInterest, countOpenInterests, INTEREST_CONFIRMATION } from './interests/interests.usecases.ts';
import { registerPathfindersAdmin } from './pathfinders.admin.ts';
import { loadPathfindersDemo } from './pathfinders.demo.ts';
import {
  pathfinderCountries,
  pathfinderFocalPoints,
  pathfinderInterestLetters,
  pathfinderInterests,
  pathfinderStageMoves,
} from './pathfinders.table.ts';

/** What the pathfinders module needs from the others: a way to send mail soon, and the confirmation of a sender's address (mail). */
export interface PathfindersNeeds {
  nudgeMail: () => void;
  confirmations: EmailConfirmations;
}

/**
 * Pathfinder countries: each country's path from its expression of interest to its yearly
 * reports, kept by the Secretariat and the country's focal point, and shown publicly.
 */
export const pathfindersModule = {
  name: 'pathfinders',
  tables: [
    pathfinderCountries,
    pathfinderStageMoves,
    pathfinderFocalPoints,
    pathfinderInterests,
    pathfinderInterestLetters,
  ],
  demo: loadPathfindersDemo,
  mount: (context, needs) => {
    const deps = { ...context, ...needs, publicUrl: context.config.publicUrl };
    needs.confirmations.register(INTEREST_CONFIRMATION, {
      purpose: 'pathfinders.interest.purpose',
      onConfirmed: (tx, input) => confirmInterest(tx, input),
    });
    return {
      pages: (surface) => {
        registerPathfinderPages(surface, context);
        registerInterestPages(surface, deps);
      },
      admin: (app) => {
        registerPathfindersAdmin(app, deps);
        registerInterestsAdmin(app, deps);
      },
      api: (api) => registerPathfindersApi(api, context),
      queues: [
        async (viewer) =>
          hasAnyRole(viewer, ['secretariat'])
            ? {
                key: 'pathfinders.queue.interests',
                count: await countOpenInterests(context.db),
                href: '/admin/pathfinders/interests',
              }
            : null,
      ],
    };
  },
} satisfies ModuleDescriptor<PathfindersNeeds>;
