export { adminModule } from './admin.module.ts';
export type { QueueEntry, QueueProvider } from '../../http/module.ts';
export { adminNavigation, renderAdminPage, sendAdminPage, type AdminPageDeps } from './admin.layout.ts';
export type { DemoRecords } from './admin.demo.ts';
