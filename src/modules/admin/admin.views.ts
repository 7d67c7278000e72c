import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import { csrfField, notice } from '../../ui/forms.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import type { QueueEntry } from '../../http/module.ts';

/** The back office home: a welcome and what waits for the signed-in person. */
export function renderAdminHome(input: { tr: Translator; name: string; queues: QueueEntry[] }): SafeHtml {
  const { tr, queues } = input;
  return html`<h1>${tr.t('admin.home')}</h1>
<p>${tr.t('admin.welcome', { name: input.name })}</p>
<h2>${tr.t('admin.queuesHeading')}</h2>
${
  queues.length === 0
    ? html`<p class="empty">${tr.t('admin.queuesEmpty')}</p>`
    : html`<ul>${queues.map((entry) => html`<li><a href="${entry.href}">${tr.t(entry.key, { count: entry.count })}</a></li>`)}</ul>`
}`;
}

const DEMO_MODULE_NAMES: Record<string, MessageKey> = {
  content: 'admin.demo.module.content',
  partners: 'admin.demo.module.partners',
  pathfinders: 'admin.demo.module.pathfinders',
  news: 'admin.demo.module.news',
};

/** The demonstration records each module holds, and the confirmed form that removes them all. */
export function renderDemoRemoval(input: {
  tr: Translator;
  csrf: string;
  counts: Record<string, number>;
  removed: number | undefined;
  refused: boolean;
}): SafeHtml {
  const { tr } = input;
  const entries = Object.entries(input.counts);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const name = (module: string) => (DEMO_MODULE_NAMES[module] ? tr.t(DEMO_MODULE_NAMES[module]) : module);
  return html`<h1>${tr.t('admin.demo')}</h1>
${input.removed === undefined ? '' : notice({ tr, key: 'admin.demo.removed', values: { count: input.removed } })}
<p>${tr.t('admin.demo.explain')}</p>
<ul>${entries.map(([module, count]) => html`<li>${tr.t('admin.demo.count', { module: name(module), count })}</li>`)}</ul>
${
  total === 0
    ? html`<p class="empty">${tr.t('admin.demo.none')}</p>`
    : html`<form method="post" action="/admin/demo" novalidate>${csrfField(input.csrf)}
<div class="field checkbox${input.refused ? ' field-invalid' : ''}">
${input.refused ? html`<p class="error" id="field-confirm-error">${tr.t('admin.demo.confirmRequired')}</p>` : ''}
<input id="field-confirm" name="confirm" type="checkbox" value="yes"${input.refused ? html` aria-invalid="true" aria-describedby="field-confirm-error"` : ''}>
<label for="field-confirm">${tr.t('admin.demo.confirm', { count: total })}</label></div>
<button type="submit" class="danger">${tr.t('admin.demo.remove')}</button>
</form>`
}`;
}
