export { CONTENT_TABLES, getPageForReader, updatePageText } from './content.usecases.ts';
export { loadContentDemo } from './content.demo.ts';
export { registerContentPages } from './content.pages.ts';
