import type { ModuleDescriptor, QueueProvider } from '../../http/module.ts';
import { registerAdminHome } from './admin.pages.ts';

/** The back office shell: its home lists every module's queues for the signed-in person. */
export const adminModule = {
  name: 'admin',
  tables: [],
  mount: (context, needs) => ({ admin: (app) => registerAdminHome(app, { ...context, queues: needs.queues }) }),
} satisfies ModuleDescriptor<{ queues: readonly QueueProvider[] }>;
