import type { FastifyInstance } from 'fastify';
import { isAppError } from '../../../http/errors.ts';
import { fieldErrorsOf, parseForm } from '../../../http/forms.ts';
import { actorOf } from '../../../http/viewer.ts';
import type { CountryPage, LifecycleAdminDeps } from '../lifecycle/lifecycle.admin.ts';
import { requireKeptCountry } from '../pathfinders.access.ts';
import { appointmentSchema } from './focal-points.schemas.ts';
import { appointFocalPoint } from './focal-points.usecases.ts';

/** The Secretariat names (or replaces) a country's focal point from the country's page. */
export function registerFocalPointsAdmin(
  app: FastifyInstance,
  deps: LifecycleAdminDeps & { publicUrl: string; nudgeMail: () => void },
  page: CountryPage,
): void {
  app.post('/admin/pathfinders/:iso3/focal-points', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(appointmentSchema, request.body);
    if (!form.ok) return page.send(request, reply, { iso3, state: { focalPointForm: form }, status: 400 });
    try {
      await appointFocalPoint({
        db: deps.db,
        iso3,
        appointment: form.data,
        today: new Date().toISOString().slice(0, 10),
        actor: actorOf(request),
        publicUrl: deps.publicUrl,
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.move.future', 'pathfinders.focalPoint.tooEarly')) throw error;
      const focalPointForm = { values: request.body as Record<string, string>, errors: fieldErrorsOf(error) };
      return page.send(request, reply, { iso3, state: { focalPointForm }, status: error.statusCode });
    }
    deps.nudgeMail();
    return reply.redirect(`/admin/pathfinders/${iso3}?done=focalPoint#focal-point-heading`, 303);
  });
}
