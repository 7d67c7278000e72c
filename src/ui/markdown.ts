import MarkdownIt from 'markdown-it';
import { trustedHtml, type SafeHtml } from './html.ts';

/**
 * Editors write page text in Markdown. Raw HTML is disabled (it is shown as text) and
 * markdown-it refuses javascript: and similar links, so the output is safe to embed.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** Page titles are the page's h1: headings in the body start at h2. */
export function renderMarkdown(source: string): SafeHtml {
  return trustedHtml(markdown.render(source));
}
