import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import { LANGUAGE_NAMES, LOCALES } from '../../i18n/i18n.ts';
import { csrfField, notice } from '../../ui/forms.ts';
import { html } from '../../ui/html.ts';
import { sendAdminPage, type AdminPageDeps } from '../admin/index.ts';
import { decideChangeRequest, listPendingChangeRequests, type RequestedChanges } from './partners.change-requests.ts';
import { KIND_LABELS } from './partners.labels.ts';

/** The Secretariat decides the name and kind changes that representatives ask for. */
export function registerChangeRequestsAdmin(app: FastifyInstance, deps: AdminPageDeps & { db: Db }): void {
  app.get('/admin/change-requests', async (request, reply) => {
    const rows = await listPendingChangeRequests(deps.db);
    const done = (request.query as Record<string, string | undefined>).done;
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('admin.changeRequests'),
      current: '/admin/change-requests',
      main: (tr) => {
        const csrf = deps.csrf.token(request, reply);
        return html`<h1>${tr.t('admin.changeRequests')}</h1>
${done === 'approved' ? notice({ tr, key: 'partners.change.approved' }) : done === 'declined' ? notice({ tr, key: 'partners.change.declined' }) : ''}
${
  rows.length === 0
    ? html`<p class="empty">${tr.t('partners.change.none')}</p>`
    : rows.map((row) => {
        const changes = row.changes as RequestedChanges;
        return html`<section class="change-request" aria-labelledby="change-${row.id}">
<h2 id="change-${row.id}">${row.organizationName}</h2>
<p class="small">${tr.t('partners.change.by', { who: row.requestedByLabel })} · ${tr.formatDate(row.createdAt, 'medium')}</p>
<dl class="facts">
<dt>${tr.t('partners.field.kind')}</dt><dd>${tr.t(KIND_LABELS[row.organizationKind])} → ${tr.t(KIND_LABELS[changes.kind])}</dd>
${LOCALES.filter((locale) => changes.names[locale]).map((locale) => html`<dt>${tr.t('partners.change.name', { language: LANGUAGE_NAMES[locale] })}</dt><dd>${changes.names[locale]}</dd>`)}
</dl>
<div class="actions">
<form method="post" action="/admin/change-requests/${row.id}/approve">${csrfField(csrf)}<button type="submit">${tr.t('partners.review.approve')}</button></form>
<form method="post" action="/admin/change-requests/${row.id}/decline">${csrfField(csrf)}<button type="submit" class="secondary">${tr.t('partners.review.decline')}</button></form>
</div>
</section>`;
      })
}`;
      },
    });
  });

  for (const decision of ['approve', 'decline'] as const) {
    app.post(`/admin/change-requests/:id/${decision}`, async (request, reply) => {
      const id = Number((request.params as { id: string }).id);
      if (!Number.isInteger(id) || id < 1) throw notFound();
      const viewer = request.viewer!;
      const decided = await decideChangeRequest({
        db: deps.db,
        id,
        approve: decision === 'approve',
        actor: { id: viewer.userId, label: viewer.email },
        ip: request.ip,
      });
      if (!decided) throw notFound();
      return reply.redirect(`/admin/change-requests?done=${decision === 'approve' ? 'approved' : 'declined'}`, 303);
    });
  }
}
