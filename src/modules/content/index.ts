export { CONTENT_TABLES, getPageForReader, updatePageText } from './content.usecases.ts';
export { ensureStartingPages } from './content.starting.ts';
export { contentModule } from './content.module.ts';
