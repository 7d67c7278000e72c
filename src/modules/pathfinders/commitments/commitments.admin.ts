import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../../../http/errors.ts';
import { fieldErrorsOf, parseForm, type FieldErrors } from '../../../http/forms.ts';
import { registerUploadRoutes } from '../../../http/uploads.ts';
import { actorOf } from '../../../http/viewer.ts';
import { sendAdminPage } from '../../admin/index.ts';
import type { CountryPage, CountryPageState, LifecycleAdminDeps } from '../lifecycle/lifecycle.admin.ts';
import { requireKeptCountry } from '../pathfinders.access.ts';
import { commitmentSchema, importFormSchema, instrumentSchema, ratificationSchema } from './commitments.schemas.ts';
import {
  addInstrument,
  countRecordedRatifications,
  importRatifications,
  recordCommitment,
  recordRatification,
  type RatificationImportReport,
} from './commitments.usecases.ts';
import { renderStandardsImport } from './commitments.views.ts';

/** Larger files are refused: six standards for every country on the path fit many times over. */
const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

const importedQuerySchema = z.object({ imported: z.coerce.number().int().min(0).optional().catch(undefined) });

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The Secretariat's forms of a country's commitments and standards (from its page), and the
 * import of statuses with standards from a file (`/admin/standards`).
 */
export function registerCommitmentsAdmin(app: FastifyInstance, deps: LifecycleAdminDeps, page: CountryPage): void {
  /** A form of the country's page: parsed, one use case, back to the page with what went wrong. */
  const countryForm = <Schema extends z.ZodType>(input: {
    path: string;
    schema: Schema;
    state: keyof CountryPageState;
    done: string;
    run: (request: FastifyRequest, iso3: string, data: z.output<Schema>) => Promise<void>;
  }) =>
    app.post(`/admin/pathfinders/:iso3/${input.path}`, async (request: FastifyRequest, reply: FastifyReply) => {
      const iso3 = requireKeptCountry(request);
      const form = parseForm(input.schema, request.body);
      if (!form.ok) return page.send(request, reply, { iso3, state: { [input.state]: form }, status: 400 });
      try {
        await input.run(request, iso3, form.data);
      } catch (error) {
        if (!isAppError(error, 'pathfinders.move.future', 'pathfinders.ratification.noDateWhenNot')) throw error;
        const values = request.body as Record<string, string>;
        return page.send(request, reply, {
          iso3,
          state: { [input.state]: { values, errors: fieldErrorsOf(error) } },
          status: error.statusCode,
        });
      }
      return reply.redirect(`/admin/pathfinders/${iso3}?done=${input.done}#commitments-heading`, 303);
    });

  countryForm({
    path: 'instruments',
    schema: instrumentSchema,
    state: 'instrumentForm',
    done: 'instrument',
    run: (request, iso3, instrument) =>
      addInstrument({ db: deps.db, iso3, instrument, actor: actorOf(request), ip: request.ip }),
  });
  countryForm({
    path: 'commitments',
    schema: commitmentSchema,
    state: 'commitmentForm',
    done: 'commitment',
    run: (request, iso3, commitment) =>
      recordCommitment({ db: deps.db, iso3, commitment, actor: actorOf(request), ip: request.ip }),
  });
  countryForm({
    path: 'ratifications',
    schema: ratificationSchema,
    state: 'ratificationForm',
    done: 'ratification',
    run: (request, iso3, ratification) =>
      recordRatification({ db: deps.db, iso3, ratification, today: today(), actor: actorOf(request), ip: request.ip }),
  });

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      report?: RatificationImportReport;
      errors?: FieldErrors;
      values?: Record<string, string>;
      status?: number;
      imported?: number;
    } = {},
  ) => {
    const recorded = await countRecordedRatifications({ db: deps.db });
    return sendAdminPage({
      deps,
      request,
      reply,
      status: state.status ?? 200,
      title: (tr) => tr.t('pathfinders.import.title'),
      current: '/admin/standards',
      main: (tr) => renderStandardsImport({ tr, csrf: deps.csrf.token(request, reply), recorded, ...state }),
    });
  };

  app.get('/admin/standards', async (request, reply) => {
    const imported = importedQuerySchema.parse(request.query ?? {}).imported;
    return show(request, reply, imported === undefined ? {} : { imported });
  });

  registerUploadRoutes(app, { csrf: deps.csrf }, (uploads) =>
    uploads.post('/admin/standards/import', { maxFileBytes: IMPORT_MAX_BYTES }, async (request, reply, upload) => {
      const form = parseForm(importFormSchema, upload.fields);
      const errors: FieldErrors = form.ok ? {} : { ...form.errors };
      if (upload.tooLarge) errors.file = { key: 'pathfinders.import.tooLarge' };
      else if (upload.file.length === 0) errors.file = { key: 'pathfinders.import.missing' };
      if (!form.ok || Object.keys(errors).length > 0) {
        return show(request, reply, { errors, values: upload.fields, status: 400 });
      }
      const report = await importRatifications({
        db: deps.db,
        file: upload.file,
        fileName: upload.fileName || 'upload.csv',
        source: form.data.source,
        today: today(),
        actor: actorOf(request),
        ip: request.ip,
      });
      if (report.written) return reply.redirect(`/admin/standards?imported=${report.rows}`, 303);
      return show(request, reply, { report, values: upload.fields, status: 400 });
    }),
  );
}
