import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import { param } from '../../http/params.ts';
import { parseForm, type FieldErrors } from '../../http/forms.ts';
import { LANGUAGE_NAMES, LOCALES, type Translator } from '../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, textArea } from '../../ui/forms.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { sendAdminPage, type AdminPageDeps } from '../admin/index.ts';
import {
  decideChangeRequest,
  declineChangeSchema,
  findPendingChangeRequest,
  listPendingChangeRequests,
  type ChangeDecision,
  type PendingChangeRequest,
} from './partners.change-requests.ts';
import { KIND_LABELS } from './partners.labels.ts';
import type { PeopleDirectory } from './partners.people.ts';

function requestFacts(tr: Translator, row: PendingChangeRequest): SafeHtml {
  const { changes } = row;
  return html`<p class="small">${tr.t('partners.change.by', { who: row.requestedByLabel })} · ${tr.formatDate(row.createdAt, 'medium')}</p>
<dl class="facts">
<dt>${tr.t('partners.field.kind')}</dt><dd>${tr.t(KIND_LABELS[row.organizationKind])} → ${tr.t(KIND_LABELS[changes.kind])}</dd>
${LOCALES.filter((locale) => changes.names[locale]).map((locale) => html`<dt>${tr.t('partners.change.name', { language: LANGUAGE_NAMES[locale] })}</dt><dd>${changes.names[locale]}</dd>`)}
</dl>`;
}

/** The Secretariat decides the name and kind changes that representatives ask for. */
export function registerChangeRequestsAdmin(
  app: FastifyInstance,
  deps: AdminPageDeps & { db: Db; people: PeopleDirectory; nudgeMail: () => void },
): void {
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
    : rows.map(
        (row) => html`<section class="change-request" aria-labelledby="change-${row.id}">
<h2 id="change-${row.id}">${row.organizationName}</h2>
${requestFacts(tr, row)}
<div class="actions">
<form method="post" action="/admin/change-requests/${row.id}/approve">${csrfField(csrf)}<button type="submit">${tr.t('partners.review.approve')}</button></form>
<a href="/admin/change-requests/${row.id}">${tr.t('partners.change.declineLink')}</a>
</div>
</section>`,
      )
}`;
      },
    });
  });

  /** One change, with both decisions; the decline form keeps what was typed when it is refused. */
  const detail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) => {
    const row = await findPendingChangeRequest(deps.db, param(request, 'id'));
    if (!row) throw notFound();
    return sendAdminPage({
      deps,
      request,
      reply,
      status: input.status ?? 200,
      title: () => row.organizationName,
      current: '/admin/change-requests',
      main: (tr) => {
        const csrf = deps.csrf.token(request, reply);
        const errors = input.errors ?? {};
        const labels = { reason: tr.t('partners.change.reason') };
        return html`<p><a href="/admin/change-requests">${tr.t('partners.change.back')}</a></p>
<h1>${row.organizationName}</h1>
${requestFacts(tr, row)}
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/change-requests/${row.id}/approve">${csrfField(csrf)}
<p>${tr.t('partners.change.approveExplain')}</p>
<button type="submit">${tr.t('partners.review.approve')}</button></form>
<form method="post" action="/admin/change-requests/${row.id}/decline" novalidate>${csrfField(csrf)}
${textArea({ tr, name: 'reason', label: labels.reason, hint: tr.t('partners.change.reasonHint'), value: input.values?.reason, errors, maxLength: 3000 })}
<button type="submit" class="danger">${tr.t('partners.review.decline')}</button></form>`;
      },
    });
  };

  app.get('/admin/change-requests/:id', async (request, reply) => detail(request, reply));

  const decide = async (request: FastifyRequest, reply: FastifyReply, decision: ChangeDecision) => {
    const viewer = request.viewer!;
    const decided = await decideChangeRequest({
      db: deps.db,
      id: param(request, 'id'),
      decision,
      people: deps.people,
      actor: { id: viewer.userId, label: viewer.email },
      ip: request.ip,
    });
    if (!decided) throw notFound();
    deps.nudgeMail();
    return reply.redirect(`/admin/change-requests?done=${decision.approve ? 'approved' : 'declined'}`, 303);
  };

  app.post('/admin/change-requests/:id/approve', async (request, reply) => decide(request, reply, { approve: true }));

  app.post('/admin/change-requests/:id/decline', async (request, reply) => {
    const form = parseForm(declineChangeSchema, request.body);
    if (!form.ok) return detail(request, reply, { values: form.values, errors: form.errors, status: 400 });
    return decide(request, reply, { approve: false, reason: form.data.reason });
  });
}
