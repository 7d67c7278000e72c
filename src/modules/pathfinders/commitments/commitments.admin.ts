import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError, notFound } from '../../../http/errors.ts';
import { countryName } from '../../../i18n/countries.ts';
import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { fieldErrorsOf, parseForm, type FieldErrors } from '../../../http/forms.ts';
import { param } from '../../../http/params.ts';
import { registerUploadRoutes } from '../../../http/uploads.ts';
import { actorOf } from '../../../http/viewer.ts';
import type { SafeHtml } from '../../../ui/html.ts';
import { sendAdminPage } from '../../admin/index.ts';
import type { CountryPage, CountryPageState, LifecycleAdminDeps } from '../lifecycle/lifecycle.admin.ts';
import { renderRemovePage, type FormState } from '../lifecycle/lifecycle.views.ts';
import { requireKeptCountry } from '../pathfinders.access.ts';
import { importFile, type ImportReport } from './commitments.import.ts';
import {
  commitmentEditSchema,
  commitmentSchema,
  IMPORT_DATASETS,
  importFormSchema,
  instrumentSchema,
  ratificationEditSchema,
  ratificationSchema,
} from './commitments.schemas.ts';
import { STANDARDS, type Standard } from './commitments.table.ts';
import {
  addInstrument,
  changeInstrument,
  countRecordedRatifications,
  getCommitment,
  getInstrument,
  getRatification,
  recordCommitment,
  recordRatification,
  removeCommitment,
  removeInstrument,
  removeRatification,
  type CommitmentRow,
  type InstrumentRow,
  type RatificationRow,
} from './commitments.usecases.ts';
import {
  describeCommitment,
  describeInstrument,
  describeRatification,
  renderCommitmentPage,
  renderInstrumentPage,
  renderRatificationPage,
  renderStandardsImport,
} from './commitments.views.ts';

/** Larger files are refused: six standards for every country on the path fit many times over. */
const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

const importedQuerySchema = z.object({
  imported: z.coerce.number().int().min(0).optional().catch(undefined),
  dataset: z.enum(IMPORT_DATASETS).default('ratifications').catch('ratifications'),
});
const standardParam = z.object({ standard: z.enum(STANDARDS) });
const confirmSchema = z.object({ confirm: z.literal('yes') });

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
      report?: ImportReport;
      errors?: FieldErrors;
      values?: Record<string, string>;
      status?: number;
      imported?: { dataset: (typeof IMPORT_DATASETS)[number]; count: number };
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
    const { imported, dataset } = importedQuerySchema.parse(request.query ?? {});
    return show(request, reply, imported === undefined ? {} : { imported: { dataset, count: imported } });
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
      const report = await importFile({
        dataset: form.data.dataset,
        db: deps.db,
        file: upload.file,
        fileName: upload.fileName || 'upload.csv',
        source: form.data.source,
        today: today(),
        actor: actorOf(request),
        ip: request.ip,
      });
      if (report.written) {
        const dataset = report.dataset === 'ratifications' ? '' : `&dataset=${report.dataset}`;
        return reply.redirect(`/admin/standards?imported=${report.rows}${dataset}`, 303);
      }
      return show(request, reply, { report, values: upload.fields, status: 400 });
    }),
  );

  registerCorrections(app, deps);
}

/**
 * The page of each law, commitment and status of a country: its form to correct it, and the
 * page that asks before removing it. Every record is looked up with the country of the address,
 * so another country's id answers "not found".
 */
function registerCorrections(app: FastifyInstance, deps: LifecycleAdminDeps): void {
  const sendPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { iso3: string; status?: number; main: (tr: Translator, csrf: string) => SafeHtml },
  ) =>
    sendAdminPage({
      deps,
      request,
      reply,
      status: input.status ?? 200,
      title: (tr) => countryName({ iso3: input.iso3, locale: tr.locale }),
      current: '/admin/pathfinders',
      main: (tr) => input.main(tr, deps.csrf.token(request, reply)),
    });

  /** One kind of record: find it, show it, save a correction, ask, then remove it. */
  const kind = <Key, Row, Schema extends z.ZodType>(input: {
    path: string;
    key: (request: FastifyRequest) => Key;
    find: (iso3: string, key: Key) => Promise<Row | null>;
    schema: Schema;
    describe: (tr: Translator, row: Row) => string;
    render: (input: { tr: Translator; csrf: string; iso3: string; row: Row; form?: FormState }) => SafeHtml;
    save: (request: FastifyRequest, iso3: string, key: Key, row: Row, data: z.output<Schema>) => Promise<void>;
    remove: (request: FastifyRequest, iso3: string, key: Key) => Promise<void>;
    explain: MessageKey;
    anchor: string;
    done: string;
  }) => {
    const load = async (request: FastifyRequest) => {
      const iso3 = requireKeptCountry(request);
      const key = input.key(request);
      const row = await input.find(iso3, key);
      if (!row) throw notFound();
      return { iso3, key, row };
    };
    const show = async (request: FastifyRequest, reply: FastifyReply, form?: FormState, status?: number) => {
      const { iso3, row } = await load(request);
      return sendPage(request, reply, {
        iso3,
        ...(status === undefined ? {} : { status }),
        main: (tr, csrf) => input.render({ tr, csrf, iso3, row, ...(form ? { form } : {}) }),
      });
    };
    const base = `/admin/pathfinders/:iso3/${input.path}`;
    app.get(base, async (request, reply) => show(request, reply));
    app.post(base, async (request, reply) => {
      const { iso3, key, row } = await load(request);
      const form = parseForm(input.schema, request.body);
      if (!form.ok) return show(request, reply, form, 400);
      try {
        await input.save(request, iso3, key, row, form.data);
      } catch (error) {
        if (!isAppError(error, 'pathfinders.move.future', 'pathfinders.ratification.noDateWhenNot')) throw error;
        return show(
          request,
          reply,
          { values: request.body as Record<string, string>, errors: fieldErrorsOf(error) },
          error.statusCode,
        );
      }
      return reply.redirect(`/admin/pathfinders/${iso3}?done=${input.done}#${input.anchor}`, 303);
    });
    const confirmPage = async (request: FastifyRequest, reply: FastifyReply) => {
      const { iso3, row } = await load(request);
      return sendPage(request, reply, {
        iso3,
        main: (tr, csrf) =>
          renderRemovePage({
            tr,
            csrf,
            iso3,
            what: input.describe(tr, row),
            explain: tr.t(input.explain),
            action: request.url.split('?')[0]!,
            anchor: input.anchor,
          }),
      });
    };
    app.get(`${base}/remove`, confirmPage);
    app.post(`${base}/remove`, async (request, reply) => {
      const { iso3, key } = await load(request);
      // Without the confirmation, nothing is removed: the page that asks comes back.
      if (!confirmSchema.safeParse(request.body ?? {}).success) return confirmPage(request, reply);
      await input.remove(request, iso3, key);
      return reply.redirect(`/admin/pathfinders/${iso3}?done=removed#${input.anchor}`, 303);
    });
  };

  const db = deps.db;
  kind<number, InstrumentRow, typeof instrumentSchema>({
    path: 'instruments/:id',
    key: (request): number => param(request, 'id'),
    find: (iso3, id) => getInstrument({ db, iso3, id }),
    schema: instrumentSchema,
    describe: describeInstrument,
    render: ({ row, ...rest }) => renderInstrumentPage({ ...rest, instrument: row }),
    save: (request, iso3, id, _row, instrument) =>
      changeInstrument({ db, iso3, id, instrument, actor: actorOf(request), ip: request.ip }),
    remove: (request, iso3, id) => removeInstrument({ db, iso3, id, actor: actorOf(request), ip: request.ip }),
    explain: 'pathfinders.manage.removeInstrument',
    anchor: 'instruments-heading',
    done: 'instrumentChanged',
  });
  kind<number, CommitmentRow, typeof commitmentEditSchema>({
    path: 'commitments/:id',
    key: (request): number => param(request, 'id'),
    find: (iso3, id) => getCommitment({ db, iso3, id }),
    schema: commitmentEditSchema,
    describe: describeCommitment,
    render: ({ row, ...rest }) => renderCommitmentPage({ ...rest, commitment: row }),
    save: (request, iso3, _id, row, data) =>
      recordCommitment({
        db,
        iso3,
        commitment: { ...data, commitment: row.commitment },
        actor: actorOf(request),
        ip: request.ip,
      }),
    remove: (request, iso3, id) => removeCommitment({ db, iso3, id, actor: actorOf(request), ip: request.ip }),
    explain: 'pathfinders.manage.removeCommitment',
    anchor: 'commitments-list-heading',
    done: 'commitment',
  });
  kind<Standard, RatificationRow, typeof ratificationEditSchema>({
    path: 'ratifications/:standard',
    key: (request): Standard => {
      const parsed = standardParam.safeParse({ standard: param(request, 'standard') });
      if (!parsed.success) throw notFound();
      return parsed.data.standard;
    },
    find: (iso3, standard) => getRatification({ db, iso3, standard }),
    schema: ratificationEditSchema,
    describe: describeRatification,
    render: ({ row, ...rest }) => renderRatificationPage({ ...rest, ratification: row }),
    save: (request, iso3, standard, _row, data) =>
      recordRatification({
        db,
        iso3,
        ratification: { ...data, standard },
        today: today(),
        actor: actorOf(request),
        ip: request.ip,
      }),
    remove: (request, iso3, standard) =>
      removeRatification({ db, iso3, standard, actor: actorOf(request), ip: request.ip }),
    explain: 'pathfinders.manage.removeRatification',
    anchor: 'ratifications-heading',
    done: 'ratification',
  });
}
