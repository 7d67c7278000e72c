import type { FastifyInstance } from 'fastify';
import { registerApplicationsAdmin, type ApplicationsAdminDeps } from './applications/applications.admin.ts';
import { registerChangeRequestForm, registerChangeRequestsAdmin } from './change-requests/change-requests.admin.ts';
import { registerLogoUpload } from './logos/logos.admin.ts';
import { registerStatusChanges } from './registry/registry.admin.ts';
import { createOrganizationPage, registerSelfService } from './self-service/self-service.admin.ts';

/**
 * Every back-office screen of the partners module: the review of applications, the organizations
 * (the Secretariat's registry, each organization's page and the forms on it) and the name and
 * kind changes to decide.
 */
export function registerPartnersAdmin(app: FastifyInstance, deps: ApplicationsAdminDeps): void {
  registerApplicationsAdmin(app, deps);
  const organizationPage = createOrganizationPage(deps);
  registerSelfService(app, deps, organizationPage);
  registerChangeRequestForm(app, deps, organizationPage);
  registerLogoUpload(app, deps, organizationPage);
  registerStatusChanges(app, deps, organizationPage);
  registerChangeRequestsAdmin(app, deps);
}
