import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../../http/forms.ts';
import { actorOf } from '../../../http/viewer.ts';
import type { CountryPage, LifecycleAdminDeps } from '../lifecycle/lifecycle.admin.ts';
import { requireKeptCountry } from '../pathfinders.access.ts';
import { reportDueSchema } from './reports.schemas.ts';
import { setReportDueDate } from './reports.usecases.ts';

/** The Secretariat sets the day a country's next yearly report is due, from the country's page. */
export function registerReportsAdmin(app: FastifyInstance, deps: LifecycleAdminDeps, page: CountryPage): void {
  app.post('/admin/pathfinders/:iso3/report-due', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(reportDueSchema, request.body);
    if (!form.ok) return page.send(request, reply, { iso3, state: { reportForm: form }, status: 400 });
    await setReportDueDate({ db: deps.db, iso3, dueOn: form.data.due_on, actor: actorOf(request), ip: request.ip });
    return reply.redirect(`/admin/pathfinders/${iso3}?done=reportDue#report-heading`, 303);
  });
}
