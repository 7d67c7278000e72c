import { describe, expect, it } from 'vitest';
import { html, trustedHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';

describe('html templates', () => {
  it('escapes every interpolated value', () => {
    const name = `<script>alert("x")</script>&'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
  });

  it('nests templates and lists without escaping them twice, and drops empty values', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
    expect(html`${trustedHtml('<b>ok</b>')}`.value).toBe('<b>ok</b>');
  });
});

describe('Markdown from editors', () => {
  it('renders text but never raw HTML or script links', () => {
    const out = renderMarkdown('## Title\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) **bold**').value;
    expect(out).toContain('<h2 id="title">Title</h2>');
    expect(out).toContain('&lt;script&gt;');
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('href="javascript:');
    expect(out).toContain('<strong>bold</strong>');
  });

  it('gives each heading an anchor from its words, numbered when the words repeat', () => {
    const out = renderMarkdown('## Textes fondateurs\n\n### Año 2017: ¿qué?\n\n## Textes fondateurs\n\n## ***').value;
    expect(out).toContain('<h2 id="textes-fondateurs">Textes fondateurs</h2>');
    expect(out).toContain('<h3 id="ano-2017-que">Año 2017: ¿qué?</h3>');
    expect(out).toContain('<h2 id="textes-fondateurs-2">Textes fondateurs</h2>');
    // A second page starts its numbering afresh.
    expect(renderMarkdown('## Textes fondateurs').value).toContain('id="textes-fondateurs"');
  });
});
