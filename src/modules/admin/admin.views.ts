import type { Translator } from '../../i18n/i18n.ts';
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
