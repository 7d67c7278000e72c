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
export { listCountryPartners, type CountryPartner } from './country-partners/country-partners.usecases.ts';
export { KIND_LABELS } from './partners.labels.ts';
export { PARTNER_TABLES } from './partners.table.ts';
