import type { FastifyInstance } from 'fastify';
import { registerLifecycleAdmin, type LifecycleAdminDeps } from './lifecycle/lifecycle.admin.ts';

/** Every back-office screen of the pathfinders module. */
export function registerPathfindersAdmin(app: FastifyInstance, deps: LifecycleAdminDeps): void {
  registerLifecycleAdmin(app, deps);
}
