export { newsModule, type LatestNews } from './news.module.ts';
export { newsImages, newsStories, newsStoryTranslations, NEWS_TABLES } from './news.table.ts';
export { readDemoStories } from './news.demo.ts';
export { listLatestNews, type StoryForReader } from './news.usecases.ts';
