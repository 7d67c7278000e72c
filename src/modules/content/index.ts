export { CONTENT_TABLES, getPageForReader, updatePageText } from './content.usecases.ts';
export { contentModule } from './content.module.ts';
