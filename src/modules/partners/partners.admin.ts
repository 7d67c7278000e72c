import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { isAppError, notFound } from '../../http/errors.ts';
import { param } from '../../http/params.ts';
import { parseForm, type FieldErrors } from '../../http/forms.ts';
import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import { LANGUAGE_NAMES, isLocale } from '../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textArea } from '../../ui/forms.ts';
import { html } from '../../ui/html.ts';
import { localePath } from '../../ui/layout.ts';
import { DEFAULT_PER_PAGE, pageNumber, pagination } from '../../ui/pagination.ts';
import { sendAdminPage, type AdminPageDeps } from '../admin/index.ts';
import type { Actor } from '../audit/index.ts';
import { declineSchema, requestInfoSchema } from './partners.applications.schemas.ts';
import {
  approveApplication,
  declineApplication,
  findPossibleDuplicates,
  getApplication,
  listApplications,
  requestInformation,
} from './partners.applications.ts';
import { describeCountry } from './partners.applications.views.ts';
import { KIND_LABELS, kindOptions } from './partners.labels.ts';
import type { PeopleDirectory } from './partners.people.ts';
import { APPLICATION_STATUSES, ORGANIZATION_KINDS, type ApplicationStatus } from './partners.table.ts';

export interface PartnersAdminDeps extends AdminPageDeps {
  db: Db;
  publicUrl: string;
  people: PeopleDirectory;
  nudgeMail: () => void;
}

const STATUS_LABELS: Record<ApplicationStatus, MessageKey> = {
  submitted: 'partners.applicationStatus.submitted',
  info_requested: 'partners.applicationStatus.info_requested',
  approved: 'partners.applicationStatus.approved',
  declined: 'partners.applicationStatus.declined',
};

const EVENT_LABELS: Record<string, MessageKey> = {
  submitted: 'partners.event.submitted',
  info_requested: 'partners.event.info_requested',
  answered: 'partners.event.answered',
  approved: 'partners.event.approved',
  declined: 'partners.event.declined',
};

const queueQuery = z.object({
  status: z.enum(APPLICATION_STATUSES).optional().catch(undefined),
  kind: z.enum(ORGANIZATION_KINDS).optional().catch(undefined),
});

function actorOf(request: FastifyRequest): Actor {
  const viewer = request.viewer!;
  return { id: viewer.userId, label: viewer.email };
}

function ageInDays(since: Date): number {
  return Math.floor((Date.now() - since.getTime()) / 86_400_000);
}

/** The Secretariat's review of applications to join. */
export function registerPartnersAdmin(app: FastifyInstance, deps: PartnersAdminDeps): void {
  app.get('/admin/applications', async (request, reply) => {
    const raw = request.query as Record<string, string | undefined>;
    // Open applications first: the queue shows what waits for a decision unless asked otherwise.
    const query = queueQuery.parse(raw);
    const status = raw.status === undefined ? 'submitted' : query.status;
    const page = pageNumber(raw.page);
    const { total, rows } = await listApplications(deps.db, {
      status,
      kind: query.kind,
      limit: DEFAULT_PER_PAGE,
      offset: (page - 1) * DEFAULT_PER_PAGE,
    });
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('admin.applications'),
      current: '/admin/applications',
      main: (tr) => html`<h1>${tr.t('admin.applications')}</h1>
<form method="get" action="/admin/applications" class="filters" role="search">
${selectField({ tr, name: 'status', label: tr.t('accounts.field.status'), value: status ?? '', options: [{ value: '', label: tr.t('form.all') }, ...APPLICATION_STATUSES.map((value) => ({ value, label: tr.t(STATUS_LABELS[value]) }))] })}
${selectField({ tr, name: 'kind', label: tr.t('partners.field.kind'), value: query.kind, options: [{ value: '', label: tr.t('form.all') }, ...kindOptions(tr)] })}
<div class="field"><button type="submit" class="secondary">${tr.t('form.filter')}</button></div>
</form>
${
  rows.length === 0
    ? html`<p class="empty">${tr.t('partners.review.empty')}</p>`
    : html`<div class="table-wrap"><table><caption class="visually-hidden">${tr.t('admin.applications')}</caption>
<thead><tr><th scope="col">${tr.t('partners.apply.name')}</th><th scope="col">${tr.t('partners.field.kind')}</th><th scope="col">${tr.t('partners.field.country')}</th><th scope="col">${tr.t('partners.review.age')}</th><th scope="col">${tr.t('accounts.field.status')}</th></tr></thead>
<tbody>${rows.map((row) => html`<tr><td><a href="/admin/applications/${row.id}">${row.name}</a></td><td>${tr.t(KIND_LABELS[row.kind])}</td><td>${describeCountry(tr, row.country)}</td><td>${tr.t('partners.review.days', { count: ageInDays(row.createdAt) })}</td><td>${tr.t(STATUS_LABELS[row.status])}</td></tr>`)}</tbody></table></div>`
}
${pagination({ tr, path: '/admin/applications', query: { status: status ?? '', kind: query.kind }, page, perPage: DEFAULT_PER_PAGE, total })}`,
    });
  });

  const detail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { values?: Record<string, string>; errors?: FieldErrors; problem?: MessageKey; status?: number } = {},
  ) => {
    const found = await getApplication(deps.db, param(request, 'id'));
    if (!found) throw notFound();
    const { application, events } = found;
    const duplicates = await findPossibleDuplicates(deps.db, application);
    const done = (request.query as Record<string, string | undefined>).done;
    const doneKey = (
      { approved: 'partners.done.approved', declined: 'partners.done.declined', info: 'partners.done.info' } as const
    )[done as 'approved'];
    const open = application.status === 'submitted' || application.status === 'info_requested';
    return sendAdminPage({
      deps,
      request,
      reply,
      status: input.status ?? 200,
      title: () => application.name,
      current: '/admin/applications',
      main: (tr: Translator) => {
        const csrf = deps.csrf.token(request, reply);
        const labels = { reason: tr.t('partners.review.reason'), message: tr.t('partners.review.message') };
        return html`<p><a href="/admin/applications">${tr.t('partners.review.back')}</a></p>
<h1>${application.name}</h1>
${doneKey ? notice({ tr, key: doneKey }) : ''}
${input.problem ? html`<div class="error-summary" role="alert"><p>${tr.t(input.problem)}</p></div>` : ''}
<dl class="facts">
<dt>${tr.t('accounts.field.status')}</dt><dd>${tr.t(STATUS_LABELS[application.status])}</dd>
<dt>${tr.t('partners.field.kind')}</dt><dd>${tr.t(KIND_LABELS[application.kind])}</dd>
<dt>${tr.t('partners.field.country')}</dt><dd>${describeCountry(tr, application.country)}</dd>
<dt>${tr.t('partners.field.website')}</dt><dd><a href="${application.website}" rel="noopener nofollow">${application.website}</a></dd>
<dt>${tr.t('partners.apply.contactName')}</dt><dd>${application.contactName} &lt;${application.contactEmail}&gt;</dd>
<dt>${tr.t('accounts.field.locale')}</dt><dd>${isLocale(application.locale) ? LANGUAGE_NAMES[application.locale] : application.locale}</dd>
<dt>${tr.t('partners.review.age')}</dt><dd>${tr.t('partners.review.days', { count: ageInDays(application.createdAt) })}</dd>
</dl>
<h2>${tr.t('partners.apply.motivation')}</h2>
<p class="prose">${application.motivation}</p>
<h2>${tr.t('partners.review.duplicates')}</h2>
${
  duplicates.length === 0
    ? html`<p class="empty">${tr.t('partners.review.noDuplicates')}</p>`
    : html`<ul>${duplicates.map((entry) => html`<li>${entry.source === 'organization' ? tr.t('partners.review.existingOrganization') : tr.t('partners.review.otherApplication')}: ${entry.source === 'application' ? html`<a href="/admin/applications/${entry.id}">${entry.name}</a>` : entry.name} — ${entry.reason === 'website' ? tr.t('partners.review.sameWebsite') : tr.t('partners.review.similarName', { percent: Math.round(entry.similarity * 100) })}</li>`)}</ul>`
}
<h2>${tr.t('partners.review.history')}</h2>
<ol>${events.map((event) => html`<li><time datetime="${event.at.toISOString()}">${tr.formatDate(event.at, 'medium')}</time> — ${tr.t(EVENT_LABELS[event.event] ?? 'partners.event.submitted')} (${event.actorLabel})${event.note ? html`<blockquote>${event.note}</blockquote>` : ''}</li>`)}</ol>
${
  open
    ? html`<h2>${tr.t('partners.review.decide')}</h2>
${errorSummary({ tr, errors: input.errors ?? {}, labels })}
<form method="post" action="/admin/applications/${application.id}/approve">${csrfField(csrf)}
<p>${tr.t('partners.review.approveExplain')}</p>
<button type="submit">${tr.t('partners.review.approve')}</button></form>
<form method="post" action="/admin/applications/${application.id}/request-info" novalidate>${csrfField(csrf)}
${textArea({ tr, name: 'message', label: labels.message, hint: tr.t('partners.review.messageHint'), value: input.values?.message, errors: input.errors ?? {}, maxLength: 3000 })}
<button type="submit" class="secondary">${tr.t('partners.review.requestInfo')}</button></form>
<form method="post" action="/admin/applications/${application.id}/decline" novalidate>${csrfField(csrf)}
${textArea({ tr, name: 'reason', label: labels.reason, hint: tr.t('partners.review.reasonHint'), value: input.values?.reason, errors: input.errors ?? {}, maxLength: 3000 })}
<button type="submit" class="danger">${tr.t('partners.review.decline')}</button></form>`
    : application.organizationId
      ? html`<p><a href="${localePath(tr.locale, '/partners')}">${tr.t('partners.profile.back')}</a></p>`
      : ''
}`;
      },
    });
  };

  app.get('/admin/applications/:id', async (request, reply) => detail(request, reply));

  const decide = async (
    request: FastifyRequest,
    reply: FastifyReply,
    work: (id: number) => Promise<void>,
    done: string,
  ) => {
    const id = param(request, 'id');
    try {
      await work(id);
    } catch (error) {
      if (isAppError(error, 'partners.application.not_open'))
        return detail(request, reply, { problem: error.code, status: error.statusCode });
      throw error;
    }
    deps.nudgeMail();
    return reply.redirect(`/admin/applications/${id}?done=${done}`, 303);
  };

  app.post('/admin/applications/:id/approve', async (request, reply) =>
    decide(
      request,
      reply,
      async (id) => {
        await approveApplication({
          db: deps.db,
          id,
          actor: actorOf(request),
          ip: request.ip,
          people: deps.people,
        });
      },
      'approved',
    ),
  );

  app.post('/admin/applications/:id/decline', async (request, reply) => {
    const form = parseForm(declineSchema, request.body);
    if (!form.ok) return detail(request, reply, { values: form.values, errors: form.errors, status: 400 });
    return decide(
      request,
      reply,
      (id) =>
        declineApplication({ db: deps.db, id, reason: form.data.reason, actor: actorOf(request), ip: request.ip }),
      'declined',
    );
  });

  app.post('/admin/applications/:id/request-info', async (request, reply) => {
    const form = parseForm(requestInfoSchema, request.body);
    if (!form.ok) return detail(request, reply, { values: form.values, errors: form.errors, status: 400 });
    return decide(
      request,
      reply,
      (id) =>
        requestInformation({
          db: deps.db,
          id,
          message: form.data.message,
          actor: actorOf(request),
          ip: request.ip,
          publicUrl: deps.publicUrl,
          people: deps.people,
        }),
      'info',
    );
  });
}
