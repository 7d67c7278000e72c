export { nobodySignedIn, registerAdminPages, type Authenticate, type Viewer } from './admin.pages.ts';
