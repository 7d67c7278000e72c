import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { translator } from '../../i18n/i18n.ts';
import { selectField, textField } from '../../ui/forms.ts';
import { html } from '../../ui/html.ts';
import { DEFAULT_PER_PAGE, pageNumber, pagination } from '../../ui/pagination.ts';
import { sendAdminPage, type AdminPageDeps } from '../admin/index.ts';
import { listAuditEntries, listAuditEntityTypes } from './audit.repository.ts';

const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(value)));

const filterSchema = z.object({
  actor: z.string().trim().max(254).optional().catch(undefined),
  entity: z.string().trim().max(60).optional().catch(undefined),
  entity_id: z.string().trim().max(100).optional().catch(undefined),
  from: dateText.optional().catch(undefined),
  to: dateText.optional().catch(undefined),
});

/** The audit log: who did what, when, with before and after; filtered by person, entity and date. */
export function registerAuditAdmin(
  app: FastifyInstance,
  deps: AdminPageDeps & { db: Db; findUserIdByEmail: (email: string) => Promise<number | null> },
): void {
  app.get('/admin/audit', async (request, reply) => {
    const viewer = request.viewer!;
    const tr = translator(viewer.locale);
    const raw = request.query as Record<string, string | undefined>;
    const filter = filterSchema.parse(raw);
    const page = pageNumber(raw.page);
    const actorId = filter.actor ? ((await deps.findUserIdByEmail(filter.actor)) ?? -1) : undefined;
    const until = filter.to ? new Date(Date.parse(filter.to) + 24 * 60 * 60 * 1000) : undefined;
    const [{ total, entries }, entityTypes] = await Promise.all([
      listAuditEntries(deps.db, {
        filter: {
          actorId,
          entityType: filter.entity,
          entityId: filter.entity_id,
          from: filter.from ? new Date(filter.from) : undefined,
          until,
        },
        limit: DEFAULT_PER_PAGE,
        offset: (page - 1) * DEFAULT_PER_PAGE,
      }),
      listAuditEntityTypes(deps.db),
    ]);
    const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value, null, 1));
    const main = html`<h1>${tr.t('admin.audit')}</h1>
<form method="get" action="/admin/audit" class="filters" role="search">
${textField({ tr, name: 'actor', type: 'email', label: tr.t('audit.filter.actor'), value: filter.actor })}
${selectField({ tr, name: 'entity', label: tr.t('audit.filter.entity'), value: filter.entity, options: [{ value: '', label: tr.t('form.all') }, ...entityTypes.map((type) => ({ value: type, label: type }))] })}
${textField({ tr, name: 'entity_id', label: tr.t('audit.filter.entityId'), value: filter.entity_id })}
${textField({ tr, name: 'from', type: 'date', label: tr.t('audit.filter.from'), value: filter.from })}
${textField({ tr, name: 'to', type: 'date', label: tr.t('audit.filter.to'), value: filter.to })}
<div class="field"><button type="submit" class="secondary">${tr.t('form.filter')}</button></div>
</form>
${
  entries.length === 0
    ? html`<p class="empty">${tr.t('audit.empty')}</p>`
    : html`<div class="table-wrap"><table>
<caption class="visually-hidden">${tr.t('admin.audit')}</caption>
<thead><tr><th scope="col">${tr.t('audit.when')}</th><th scope="col">${tr.t('audit.who')}</th><th scope="col">${tr.t('audit.what')}</th><th scope="col">${tr.t('audit.entity')}</th><th scope="col">${tr.t('audit.change')}</th></tr></thead>
<tbody>${entries.map(
        (entry) => html`<tr>
<td><time datetime="${entry.at.toISOString()}">${entry.at.toISOString().replace('T', ' ').slice(0, 19)} UTC</time></td>
<td>${entry.actorLabel}</td>
<td><code>${entry.action}</code></td>
<td>${entry.entityType}${entry.entityId ? html` #${entry.entityId}` : ''}</td>
<td>${
          entry.before !== null || entry.after !== null
            ? html`<details><summary>${tr.t('audit.details')}</summary>${entry.before !== null ? html`<p>${tr.t('audit.before')}</p><pre class="json">${json(entry.before)}</pre>` : ''}${entry.after !== null ? html`<p>${tr.t('audit.after')}</p><pre class="json">${json(entry.after)}</pre>` : ''}</details>`
            : ''
        }${entry.ip ? html`<span class="small">${entry.ip}</span>` : ''}</td>
</tr>`,
      )}</tbody></table></div>`
}
${pagination({ tr, path: '/admin/audit', query: { ...filter }, page, perPage: DEFAULT_PER_PAGE, total })}`;
    return sendAdminPage({
      deps,
      request,
      reply,
      title: () => tr.t('admin.audit'),
      current: '/admin/audit',
      main: () => main,
    });
  });
}
