import { describe, expect, it } from 'vitest';
import { html } from './html.ts';
import { dataTable } from './tables.ts';

describe('a back-office table', () => {
  it('names each cell by its column, for the cards of narrow screens, escaping what it is given', () => {
    const table = dataTable({
      caption: 'People & roles',
      columns: ['Name', 'E-mail "address"'],
      rows: [
        [html`<a href="/admin/users/7">Ana</a>`, 'ana@example.org'],
        ['<b>Bo</b>', 3],
      ],
    }).value;
    expect(table).toBe(
      '<div class="table-wrap" role="region" aria-label="People &amp; roles" tabindex="0"><table class="reflow">\n' +
        '<caption>People &amp; roles</caption>\n' +
        '<thead><tr><th scope="col">Name</th><th scope="col">E-mail &quot;address&quot;</th></tr></thead>\n' +
        '<tbody><tr><td data-label="Name"><a href="/admin/users/7">Ana</a></td><td data-label="E-mail &quot;address&quot;">ana@example.org</td></tr>\n' +
        '<tr><td data-label="Name">&lt;b&gt;Bo&lt;/b&gt;</td><td data-label="E-mail &quot;address&quot;">3</td></tr>\n' +
        '</tbody></table></div>',
    );
  });

  it('says its empty message instead of an empty table, and keeps the table when rows exist', () => {
    const none = dataTable({ caption: 'People', columns: ['Name'], rows: [], empty: 'No one & nobody yet.' }).value;
    expect(none).toBe('<p class="empty">No one &amp; nobody yet.</p>');
    const one = dataTable({ caption: 'People', columns: ['Name'], rows: [['Ana']], empty: 'No one yet.' }).value;
    expect(one).toContain('<td data-label="Name">Ana</td>');
    expect(one).not.toContain('No one yet.');
  });

  it('hides its caption from sight only when asked, and takes a class of its own', () => {
    const table = dataTable({
      caption: 'Log',
      captionHidden: true,
      className: 'audit-log',
      columns: ['When'],
      rows: [],
    });
    expect(table.value).toContain('<table class="reflow audit-log">');
    expect(table.value).toContain('<caption class="visually-hidden">Log</caption>');
  });
});
