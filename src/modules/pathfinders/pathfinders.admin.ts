import type { FastifyInstance } from 'fastify';
import { registerFocalPointsAdmin } from './focal-points/focal-points.admin.ts';
import { registerReportsAdmin } from './reports/reports.admin.ts';
import { registerCommitmentsAdmin } from './commitments/commitments.admin.ts';
import { registerWorkshopsAdmin } from './workshops/workshops.admin.ts';
import { registerRoadmapsAdmin } from './roadmaps/roadmaps.admin.ts';
import { createCountryPage, registerLifecycleAdmin, type LifecycleAdminDeps } from './lifecycle/lifecycle.admin.ts';

/** Every back-office screen of the pathfinders module: the list of countries and each country's page. */
export function registerPathfindersAdmin(
  app: FastifyInstance,
  deps: LifecycleAdminDeps & { publicUrl: string; nudgeMail: () => void },
): void {
  const page = createCountryPage(deps);
  registerLifecycleAdmin(app, deps, page);
  registerFocalPointsAdmin(app, deps, page);
  registerReportsAdmin(app, deps, page);
  registerWorkshopsAdmin(app, deps, page);
  registerCommitmentsAdmin(app, deps, page);
  registerRoadmapsAdmin(app, deps);
}
