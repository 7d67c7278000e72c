import type { DerivedValue } from '../../db/derived-value.ts';
import type { ModuleDescriptor } from '../../http/module.ts';
import type { Counters } from '../stats/index.ts';
import { loadContentDemo } from './content.demo.ts';
import { registerContentPages } from './content.pages.ts';
import { contentPages, contentPageTranslations } from './content.table.ts';

/** Editable pages: the home page (with the counters) and the about page. */
export const contentModule = {
  name: 'content',
  tables: [contentPages, contentPageTranslations],
  demo: loadContentDemo,
  mount: (context, needs) => ({ pages: (surface) => registerContentPages(surface, { ...context, ...needs }) }),
} satisfies ModuleDescriptor<{ counters: DerivedValue<Counters> }>;
