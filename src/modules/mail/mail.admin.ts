import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { translator, type MessageKey } from '../../i18n/i18n.ts';
import { selectField } from '../../ui/forms.ts';
import { html } from '../../ui/html.ts';
import { DEFAULT_PER_PAGE, pageNumber, pagination } from '../../ui/pagination.ts';
import { dataTable } from '../../ui/tables.ts';
import { sendAdminPage, type AdminPageDeps } from '../admin/index.ts';
import { MAIL_STATUSES, type MailStatus } from './mail.table.ts';
import { listOutbox } from './mail.usecases.ts';

const STATUS_LABELS: Record<MailStatus, MessageKey> = {
  queued: 'mail.status.queued',
  sent: 'mail.status.sent',
  failed: 'mail.status.failed',
  abandoned: 'mail.status.abandoned',
  kept: 'mail.status.kept',
};

/**
 * The outbox: every message the platform wrote, with its delivery status. Without SMTP_URL,
 * this is where the Secretariat reads the messages (and their links) that were not sent.
 */
export function registerMailAdmin(app: FastifyInstance, deps: AdminPageDeps & { db: Db }): void {
  app.get('/admin/outbox', async (request, reply) => {
    const viewer = request.viewer!;
    const tr = translator(viewer.locale);
    const raw = request.query as Record<string, string | undefined>;
    const status = z.enum(MAIL_STATUSES).optional().catch(undefined).parse(raw.status);
    const page = pageNumber(raw.page);
    const { total, items } = await listOutbox(deps.db, {
      page,
      perPage: DEFAULT_PER_PAGE,
      ...(status ? { status } : {}),
    });
    const main = html`<h1>${tr.t('admin.outbox')}</h1>
<p>${tr.t('mail.outbox.intro')}</p>
<form method="get" action="/admin/outbox" class="filters" role="search">
${selectField({ tr, name: 'status', label: tr.t('mail.field.status'), value: status, options: [{ value: '', label: tr.t('form.all') }, ...MAIL_STATUSES.map((value) => ({ value, label: tr.t(STATUS_LABELS[value]) }))] })}
<div class="field"><button type="submit" class="secondary">${tr.t('form.filter')}</button></div>
</form>
${
  items.length === 0
    ? html`<p class="empty">${tr.t('mail.outbox.empty')}</p>`
    : dataTable({
        caption: tr.t('admin.outbox'),
        captionHidden: true,
        columns: [
          tr.t('mail.field.created'),
          tr.t('mail.field.to'),
          tr.t('mail.field.subject'),
          tr.t('mail.field.status'),
        ],
        rows: items.map((item) => [
          html`<time datetime="${item.createdAt.toISOString()}">${item.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</time>`,
          item.to,
          html`<details><summary>${item.subject}</summary><pre class="json">${item.text}</pre></details>`,
          html`${tr.t(STATUS_LABELS[item.status])}${item.attempts > 0 ? html` (${tr.t('mail.field.attempts', { count: item.attempts })})` : ''}${item.lastError ? html`<br><span class="small">${item.lastError}</span>` : ''}`,
        ]),
      })
}
${pagination({ tr, path: '/admin/outbox', query: { status }, page, perPage: DEFAULT_PER_PAGE, total })}`;
    return sendAdminPage({
      deps,
      request,
      reply,
      title: () => tr.t('admin.outbox'),
      current: '/admin/outbox',
      main: () => main,
    });
  });
}
