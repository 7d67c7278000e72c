import type { ModuleDescriptor } from '../../http/module.ts';
import { registerPathfindersApi } from './directory/directory.api.ts';
import { registerPathfinderPages } from './directory/directory.pages.ts';
import { registerPathfindersAdmin } from './pathfinders.admin.ts';
import { loadPathfindersDemo } from './pathfinders.demo.ts';
import { pathfinderCountries, pathfinderFocalPoints, pathfinderStageMoves } from './pathfinders.table.ts';
import {
  pathfinderCommitments,
  pathfinderInstruments,
  pathfinderRatifications,
} from './commitments/commitments.table.ts';
import { registerWorkshopMedia } from './workshops/workshops.media.ts';
import {
  pathfinderSupportRequests,
  pathfinderWorkshopDocuments,
  pathfinderWorkshopOrganizers,
  pathfinderWorkshops,
} from './workshops/workshops.table.ts';
import { countOpenSupport } from './workshops/workshops.usecases.ts';
import { countWaitingReports } from './reports/reports.usecases.ts';
import { pathfinderReportActions, pathfinderReportAttachments, pathfinderReports } from './reports/reports.table.ts';
import {
  pathfinderRoadmapActions,
  pathfinderRoadmapPriorities,
  pathfinderRoadmapVersions,
} from './roadmaps/roadmaps.table.ts';
import { hasAnyRole } from '../../http/viewer.ts';

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
  ],
  demo: loadPathfindersDemo,
  mount: (context, needs) => ({
    pages: (surface) => registerPathfinderPages(surface, context),
    admin: (app) => registerPathfindersAdmin(app, { ...context, ...needs, publicUrl: context.config.publicUrl }),
    api: (api) => registerPathfindersApi(api, context),
    routes: (app) => registerWorkshopMedia(app, context),
    queues: [
      async (viewer) =>
        hasAnyRole(viewer, ['secretariat'])
          ? {
              key: 'pathfinders.queue.support',
              count: await countOpenSupport(context.db),
              href: '/admin/support-requests',
            }
          : null,
      // Submitted yearly reports wait for the Secretariat's acknowledgement.
      async (viewer) =>
        hasAnyRole(viewer, ['secretariat'])
          ? {
              key: 'pathfinders.report.queue',
              count: await countWaitingReports({ db: context.db }),
              href: '/admin/pathfinders/reports',
            }
          : null,
    ],
  }),
} satisfies ModuleDescriptor<{ nudgeMail: () => void }>;
