import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import { filterForm, selectField } from '../../ui/forms.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { DEFAULT_PER_PAGE, pagination } from '../../ui/pagination.ts';
import { dataTable } from '../../ui/tables.ts';
import { MAIL_STATUSES, type MailStatus } from './mail.table.ts';
import type { OutboxItem } from './mail.usecases.ts';

const STATUS_LABELS: Record<MailStatus, MessageKey> = {
  queued: 'mail.status.queued',
  sent: 'mail.status.sent',
  failed: 'mail.status.failed',
  abandoned: 'mail.status.abandoned',
  kept: 'mail.status.kept',
};

/** The outbox: every message with its delivery status, a filter by status, pages. */
export function renderOutbox(input: {
  tr: Translator;
  status: MailStatus | undefined;
  page: number;
  total: number;
  items: OutboxItem[];
}): SafeHtml {
  const { tr, status, items } = input;
  return html`<h1>${tr.t('admin.outbox')}</h1>
<p>${tr.t('mail.outbox.intro')}</p>
${filterForm({
  tr,
  action: '/admin/outbox',
  fields: [
    selectField({
      tr,
      name: 'status',
      label: tr.t('mail.field.status'),
      value: status,
      options: [
        { value: '', label: tr.t('form.all') },
        ...MAIL_STATUSES.map((value) => ({ value, label: tr.t(STATUS_LABELS[value]) })),
      ],
    }),
  ],
})}
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
${pagination({ tr, path: '/admin/outbox', query: { status }, page: input.page, perPage: DEFAULT_PER_PAGE, total: input.total })}`;
}
