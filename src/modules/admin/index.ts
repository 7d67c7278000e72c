export { registerAdminHome, type QueueEntry, type QueueProvider } from './admin.pages.ts';
export { adminNavigation, renderAdminPage, sendAdminPage, type AdminPageDeps } from './admin.layout.ts';
