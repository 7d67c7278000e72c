export { organizations, ORGANIZATION_KINDS, type OrganizationKind } from './partners.table.ts';
