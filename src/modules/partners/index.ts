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
export { partnersModule, type PartnersNeeds } from './partners.module.ts';
export { readDemoOrganizations } from './partners.demo.ts';
export type { PeopleDirectory, Representative } from './partners.people.ts';
