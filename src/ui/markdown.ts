import MarkdownIt from 'markdown-it';
import { trustedHtml, type SafeHtml } from './html.ts';

/**
 * Editors write page text in Markdown. Raw HTML is disabled (it is shown as text) and
 * markdown-it refuses javascript: and similar links, so the output is safe to embed.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** A heading's anchor: its words without accents, lower case, joined by hyphens ("Textes fondateurs" → `textes-fondateurs`). */
export function headingAnchor(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// Every heading gets an id, so that other pages can link to a section (the form to apply links
// to the founding documents); a second heading with the same words gets a number.
markdown.renderer.rules.heading_open = (tokens, index, options, env: object | undefined, self) => {
  const state = (env ?? {}) as { anchors?: Set<string> };
  const anchors = (state.anchors ??= new Set<string>());
  const base = headingAnchor(tokens[index + 1]?.content ?? '');
  if (base) {
    let anchor = base;
    for (let count = 2; anchors.has(anchor); count += 1) anchor = `${base}-${count}`;
    anchors.add(anchor);
    tokens[index]!.attrSet('id', anchor);
  }
  return self.renderToken(tokens, index, options);
};

/** Page titles are the page's h1: headings in the body start at h2. */
export function renderMarkdown(source: string): SafeHtml {
  return trustedHtml(markdown.render(source, {}));
}
