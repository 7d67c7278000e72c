/** Every table of the platform, for Drizzle's query builder and drizzle-kit's migrations. */
export * from './app-state.table.ts';
export * from '../modules/accounts/accounts.table.ts';
export * from '../modules/audit/audit.table.ts';
export * from '../modules/content/content.table.ts';
export * from '../modules/news/news.table.ts';
export * from '../modules/data/data.table.ts';
export * from '../modules/mail/mail.table.ts';
export * from '../modules/mail/confirmations/confirmations.table.ts';
export * from '../modules/partners/partners.table.ts';
export * from '../modules/pathfinders/pathfinders.table.ts';
export * from '../modules/pathfinders/workshops/workshops.table.ts';
export * from '../modules/pathfinders/commitments/commitments.table.ts';
export * from '../modules/pathfinders/roadmaps/roadmaps.table.ts';
export * from '../modules/pathfinders/reports/reports.table.ts';

import { appState } from './app-state.table.ts';
import {
  authAttempts,
  oneTimeTokens,
  recoveryCodes,
  roleAssignments,
  sessions,
  users,
} from '../modules/accounts/accounts.table.ts';
import { auditLog } from '../modules/audit/audit.table.ts';
import {
  contentFigures,
  contentMenuItems,
  contentPageRevisions,
  contentPages,
  contentPageTranslations,
  contentSlugRedirects,
} from '../modules/content/content.table.ts';
import { dataVersions, indicators, indicatorTranslations, observations } from '../modules/data/data.table.ts';
import { mailOutbox } from '../modules/mail/mail.table.ts';
import { newsImages, newsStories, newsStoryTranslations } from '../modules/news/news.table.ts';
import { emailConfirmations } from '../modules/mail/confirmations/confirmations.table.ts';
import {
  organizationActionGroups,
  organizationChangeRequests,
  organizationLogos,
  organizations,
  organizationStatusHistory,
  organizationTranslations,
  partnerApplicationEvents,
  partnerApplications,
} from '../modules/partners/partners.table.ts';
import {
  pathfinderCountries,
  pathfinderFocalPoints,
  pathfinderInterestLetters,
  pathfinderInterests,
  pathfinderStageMoves,
} from '../modules/pathfinders/pathfinders.table.ts';
import {
  pathfinderSupportRequests,
  pathfinderWorkshopDocuments,
  pathfinderWorkshopOrganizers,
  pathfinderWorkshops,
} from '../modules/pathfinders/workshops/workshops.table.ts';
import {
  pathfinderCommitments,
  pathfinderInstruments,
  pathfinderRatifications,
} from '../modules/pathfinders/commitments/commitments.table.ts';
import {
  pathfinderRoadmapActions,
  pathfinderRoadmapPriorities,
  pathfinderRoadmapVersions,
} from '../modules/pathfinders/roadmaps/roadmaps.table.ts';
import {
  pathfinderReportActions,
  pathfinderReportAttachments,
  pathfinderReports,
} from '../modules/pathfinders/reports/reports.table.ts';

export const schema = {
  appState,
  auditLog,
  authAttempts,
  oneTimeTokens,
  recoveryCodes,
  roleAssignments,
  sessions,
  users,
  contentFigures,
  contentMenuItems,
  contentPageRevisions,
  contentPages,
  contentPageTranslations,
  contentSlugRedirects,
  dataVersions,
  indicators,
  indicatorTranslations,
  observations,
  mailOutbox,
  newsImages,
  newsStories,
  newsStoryTranslations,
  emailConfirmations,
  organizations,
  organizationActionGroups,
  organizationChangeRequests,
  organizationLogos,
  organizationStatusHistory,
  organizationTranslations,
  partnerApplicationEvents,
  partnerApplications,
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
};
