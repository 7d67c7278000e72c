export {
  ACTION_GROUPS,
  organizations,
  organizationActionGroups,
  organizationStatusHistory,
  organizationTranslations,
  ORGANIZATION_KINDS,
  ORGANIZATION_STATUSES,
  partnerApplications,
  type ActionGroup,
  type OrganizationKind,
  type OrganizationStatus,
} from './partners.table.ts';
export { createDirectoryIndex, type DirectoryIndex } from './directory/directory.search-index.ts';
export { PARTNER_TABLES } from './partners.table.ts';
export { registerPartnerPages } from './directory/directory.pages.ts';
export { registerPartnersApi } from './directory/directory.api.ts';
export { loadPartnersDemo } from './partners.demo.ts';
export { countActivePartnersOn } from './partners.repository.ts';
export { registerApplyPages } from './applications/applications.pages.ts';
export { registerPartnersAdmin } from './partners.admin.ts';
export { countOpenApplications } from './applications/applications.usecases.ts';
export type { PeopleDirectory, Representative } from './partners.people.ts';
export { registerPartnerMedia } from './logos/logos.media.ts';
export { countPendingChangeRequests } from './change-requests/change-requests.usecases.ts';
