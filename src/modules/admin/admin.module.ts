import type { ModuleDescriptor, QueueProvider } from '../../http/module.ts';
import { registerDemoRemoval, type DemoRecords } from './admin.demo.ts';
import { registerAdminHome } from './admin.pages.ts';

/**
 * The back office shell: its home lists every module's queues for the signed-in person; the
 * Secretariat removes every module's demonstration records from it in one step.
 */
export const adminModule = {
  name: 'admin',
  tables: [],
  mount: (context, needs) => ({
    admin: (app) => {
      registerAdminHome(app, { ...context, queues: needs.queues });
      registerDemoRemoval(app, { ...context, demo: needs.demo });
    },
  }),
} satisfies ModuleDescriptor<{ queues: readonly QueueProvider[]; demo: DemoRecords }>;
