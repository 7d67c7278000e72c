export { registerAdminHome } from './admin.pages.ts';
export { adminNavigation, renderAdminPage } from './admin.layout.ts';
