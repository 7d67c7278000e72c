import type { ModuleDescriptor } from '../../http/module.ts';
import { hasAnyRole } from '../../http/viewer.ts';
import type { EmailConfirmations } from '../mail/index.ts';
import {
  pathfinderCommitments,
  pathfinderInstruments,
  pathfinderRatifications,
} from './commitments/commitments.table.ts';
import { registerPathfindersApi } from './directory/directory.api.ts';
import { registerPathfinderPages } from './directory/directory.pages.ts';
import { registerInterestsAdmin } from './interests/interests.admin.ts';
import { registerInterestPages } from './interests/interests.pages.ts';
import {
  confirmInterest,
  countOpenInterests,
  deleteUnconfirmedInterests,
  INTEREST_CONFIRMATION,
} from './interests/interests.usecases.ts';
import { registerPathfindersAdmin } from './pathfinders.admin.ts';
import { countPathfindersDemo, loadPathfindersDemo, removePathfindersDemo } from './pathfinders.demo.ts';
import {
  pathfinderCountries,
  pathfinderFocalPoints,
  pathfinderInterestLetters,
  pathfinderInterests,
  pathfinderStageMoves,
} from './pathfinders.table.ts';
import { pathfinderReportActions, pathfinderReportAttachments, pathfinderReports } from './reports/reports.table.ts';
import { countWaitingReports } from './reports/reports.usecases.ts';
import {
  pathfinderRoadmapActions,
  pathfinderRoadmapPriorities,
  pathfinderRoadmapVersions,
} from './roadmaps/roadmaps.table.ts';
import { registerWorkshopMedia } from './workshops/workshops.media.ts';
import {
  pathfinderSupportRequests,
  pathfinderWorkshopDocuments,
  pathfinderWorkshopOrganizers,
  pathfinderWorkshops,
} from './workshops/workshops.table.ts';
import { countOpenSupport } from './workshops/workshops.usecases.ts';

/** What the pathfinders module needs from the others: a way to send mail soon, and the confirmation of a sender's address (mail). */
export interface PathfindersNeeds {
  nudgeMail: () => void;
  confirmations: EmailConfirmations;
}

/** A count for the Secretariat's home, shown to Secretariat members only. */
function forSecretariat(
  key: 'pathfinders.queue.interests' | 'pathfinders.queue.support' | 'pathfinders.report.queue',
  href: string,
  count: () => Promise<number>,
) {
  return async (viewer: Parameters<typeof hasAnyRole>[0]) =>
    hasAnyRole(viewer, ['secretariat']) ? { key, count: await count(), href } : null;
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
    pathfinderWorkshops,
    pathfinderWorkshopOrganizers,
    pathfinderWorkshopDocuments,
    pathfinderSupportRequests,
    pathfinderInstruments,
    pathfinderCommitments,
    pathfinderRatifications,
    pathfinderRoadmapVersions,
    pathfinderRoadmapPriorities,
    pathfinderRoadmapActions,
    pathfinderReports,
    pathfinderReportActions,
    pathfinderReportAttachments,
    pathfinderInterests,
    pathfinderInterestLetters,
  ],
  demo: loadPathfindersDemo,
  countDemo: countPathfindersDemo,
  removeDemo: removePathfindersDemo,
  mount: (context, needs) => {
    const deps = { ...context, ...needs, publicUrl: context.config.publicUrl };
    needs.confirmations.register(INTEREST_CONFIRMATION, {
      purpose: 'pathfinders.interest.purpose',
      onConfirmed: (tx, input) => confirmInterest(tx, input),
      onAbandoned: deleteUnconfirmedInterests,
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
      routes: (app) => registerWorkshopMedia(app, context),
      queues: [
        forSecretariat('pathfinders.queue.interests', '/admin/pathfinders/interests', () =>
          countOpenInterests(context.db),
        ),
        forSecretariat('pathfinders.queue.support', '/admin/support-requests', () => countOpenSupport(context.db)),
        // Submitted yearly reports wait for the Secretariat's acknowledgement.
        forSecretariat('pathfinders.report.queue', '/admin/pathfinders/reports', () =>
          countWaitingReports({ db: context.db }),
        ),
      ],
    };
  },
} satisfies ModuleDescriptor<PathfindersNeeds>;
