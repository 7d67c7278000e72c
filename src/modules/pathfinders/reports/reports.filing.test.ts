import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../../server.ts';
import { startSmtpPeer } from '../../../testing/smtp-peer.ts';
import { createTestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';
import { deliveredTo } from '../../../testing/test-mail.ts';
import { waitUntil } from '../../../testing/wait.ts';

let database: TestDatabase;
let server: Server;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let secretariat: TestClient;
let focalPoint: TestClient;
let otherFocalPoint: TestClient;
const FOCAL_EMAIL = 'awa.diop@example.gov';
const list = '/admin/pathfinders/SEN/reports';

/** A small PDF document: its header and its end-of-file mark. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpPeer();
  server = await createTestApp({ database, config: { SMTP_URL: smtp.url } });
  const q = (sql: string, values: unknown[] = []) => database.pool.query(sql, values);
  await q(
    `INSERT INTO pathfinder_countries (iso3, stage, report_due_on) VALUES ('SEN', 'implementing', '2090-06-30'), ('KEN', 'implementing', NULL)`,
  );
  // Senegal's adopted roadmap, in French: one priority, two actions.
  const version = await q(
    `INSERT INTO pathfinder_roadmap_versions (iso3, number, status, locale, adopted_on) VALUES ('SEN', 1, 'adopted', 'fr', '2024-11-20') RETURNING id`,
  );
  const versionId = version.rows[0].id as number;
  await q(
    `INSERT INTO pathfinder_roadmap_priorities (version_id, key, position, title) VALUES ($1, 'P1', 1, 'Lois et politiques')`,
    [versionId],
  );
  await q(
    `INSERT INTO pathfinder_roadmap_actions (version_id, priority_key, key, position, title, responsible_body, start_on, end_on, budget_amount, budget_currency, status, indicator_codes)
     VALUES ($1, 'P1', 'A1', 1, 'Réviser le Code du travail', 'Ministère du Travail', '2025-01-01', '2026-12-31', 150000, 'XOF', 'in_progress', ARRAY['8.7.1', '16.2.2']),
            ($1, 'P1', 'A2', 2, 'Former les inspecteurs du travail', 'Direction générale du Travail', '2025-03-01', '2025-12-31', NULL, NULL, 'planned', '{}')`,
    [versionId],
  );
  const admin = await createTestUser({ database, roles: [{ role: 'secretariat' }], totp: true });
  secretariat = new TestClient(server.app);
  await secretariat.signIn({ email: admin.email, totpSecret: admin.totpSecret });
  const focal = await createTestUser({
    database,
    email: FOCAL_EMAIL,
    name: 'Awa Diop',
    locale: 'es',
    roles: [{ role: 'focal_point', country: 'SEN' }],
  });
  await q(
    `INSERT INTO pathfinder_focal_points (iso3, user_id, name, title, ministry, email, started_on)
     VALUES ('SEN', $1, 'Awa Diop', 'Directrice', 'Ministère du Travail', $2, '2024-01-01')`,
    [focal.id, FOCAL_EMAIL],
  );
  focalPoint = new TestClient(server.app);
  await focalPoint.signIn({ email: FOCAL_EMAIL, locale: 'es' });
  const other = await createTestUser({ database, roles: [{ role: 'focal_point', country: 'KEN' }] });
  otherFocalPoint = new TestClient(server.app);
  await otherFocalPoint.signIn({ email: other.email });
});

afterAll(async () => {
  await server?.close();
  await smtp?.close();
  await database?.close();
});

async function rows<T>(sql: string): Promise<T[]> {
  return (await database.pool.query(sql)).rows as T[];
}

/** The messages delivered to an address so far, once the outbox is empty. */
function mailTo(address: string): Promise<string[]> {
  return deliveredTo({ server, database, smtp, address });
}

let report = '';

const filled = {
  intent: 'submit',
  status_A1: 'completed',
  narrative_A1: 'Le Code révisé a été adopté en mars, puis publié au Journal officiel.',
  status_A2: 'delayed',
  narrative_A2: 'La formation commencera en 2026.',
  overall_narrative: 'Une année de réformes juridiques.',
};

describe('a yearly progress report', () => {
  it('is begun by the focal point, in Spanish, for a year of the adopted roadmap', async () => {
    const empty = await focalPoint.get(list);
    expect(empty.body).toContain('Todavía no se ha empezado ningún informe.');
    const started = await focalPoint.submit({ page: list, fields: { year: '2025' } });
    expect(started.statusCode).toBe(303);
    report = String(started.headers.location).split('?')[0]!;
    expect(started.headers.location).toMatch(/^\/admin\/pathfinders\/SEN\/reports\/\d+\?done=started$/);
    const twice = await focalPoint.submit({ page: list, fields: { year: '2025' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Ya existe un informe de 2025.');
    expect(
      await rows(`SELECT action_key, status, narrative FROM pathfinder_report_actions ORDER BY action_key`),
    ).toEqual([
      { action_key: 'A1', status: 'in_progress', narrative: '' },
      { action_key: 'A2', status: 'planned', narrative: '' },
    ]);
  });

  it('is saved as a draft, takes PDF files only, and is submitted once complete', async () => {
    const saved = await focalPoint.submit({ page: report, fields: { ...filled, intent: 'save', narrative_A2: '' } });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${report}?done=saved`);

    // Submitting needs every narrative; what was typed comes back.
    const incomplete = await focalPoint.submit({ page: report, fields: { ...filled, narrative_A2: '' } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('Este campo es obligatorio.');
    expect(incomplete.body).toContain('Une année de réformes juridiques.');

    const picture = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const notPdf = await focalPoint.upload({
      page: report,
      action: `${report}/attachments`,
      file: { field: 'file', name: 'informe.pdf', type: 'application/pdf', content: picture },
    });
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.body).toContain('El archivo no es un documento PDF.');
    const tooLarge = await focalPoint.upload({
      page: report,
      action: `${report}/attachments`,
      file: {
        field: 'file',
        name: 'grande.pdf',
        type: 'application/pdf',
        content: Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]),
      },
    });
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.body).toContain('El archivo es demasiado grande.');
    const attached = await focalPoint.upload({
      page: report,
      action: `${report}/attachments`,
      file: { field: 'file', name: 'plan d’action.pdf', type: 'application/pdf', content: PDF },
    });
    expect(attached.statusCode).toBe(303);
    const [file] = await rows<{ id: number; file_name: string; size: number }>(
      `SELECT id, file_name, size FROM pathfinder_report_attachments`,
    );
    expect(file).toEqual({ id: expect.any(Number), file_name: 'plan d’action.pdf', size: PDF.length });
    const download = await focalPoint.get(`${report}/attachments/${file!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);

    const submitted = await focalPoint.submit({ page: report, fields: filled });
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`${report}?done=submitted`);
    expect(
      await rows(`SELECT status, submitted_on IS NOT NULL AS dated, overall_narrative FROM pathfinder_reports`),
    ).toEqual([{ status: 'submitted', dated: true, overall_narrative: 'Une année de réformes juridiques.' }]);
    // The next report is due a year after this one was.
    expect(await rows(`SELECT report_due_on::text AS due FROM pathfinder_countries WHERE iso3 = 'SEN'`)).toEqual([
      { due: '2091-06-30' },
    ]);

    // Read-only for the focal point from now on.
    const page = await focalPoint.get(report);
    expect(page.body).not.toContain('name="intent"');
    expect(page.body).not.toContain('enctype="multipart/form-data"');
    const late = await focalPoint.submit({
      page: list,
      action: report,
      fields: { ...filled, overall_narrative: 'Changed' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Este informe ya se ha presentado y no puede modificarse.');
  });

  it('waits in the Secretariat’s queue until acknowledged, and the focal point is told in Spanish', async () => {
    const home = await secretariat.get('/admin/');
    expect(home.body).toContain('1 progress report to acknowledge');
    const queue = await secretariat.get('/admin/pathfinders/reports');
    expect(queue.body).toContain(`<a href="${report}">Senegal</a>`);
    expect((await focalPoint.get('/admin/pathfinders/reports')).statusCode).toBe(403);
    expect(
      (await focalPoint.submit({ page: report, action: `${report}/acknowledge`, fields: { note: 'Merci' } }))
        .statusCode,
    ).toBe(403);

    // Not public before the Secretariat acknowledges it.
    for (const url of ['/en/pathfinders/SEN/reports/2025', '/en/pathfinders/SEN/reports/2025/actions.csv']) {
      expect((await server.app.inject({ url })).statusCode, url).toBe(404);
    }
    const noNote = await secretariat.submit({ page: report, action: `${report}/acknowledge`, fields: { note: '' } });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('This field is required.');
    const acknowledged = await secretariat.submit({
      page: report,
      action: `${report}/acknowledge`,
      fields: { note: 'Thank you: a clear report. Please send the revised Code with the next one.' },
    });
    expect(acknowledged.statusCode).toBe(303);
    expect(acknowledged.headers.location).toBe(`${report}?done=acknowledged`);
    expect((await secretariat.get('/admin/pathfinders/reports')).body).toContain('No report is waiting.');

    const [mail] = await mailTo(FOCAL_EMAIL);
    expect(mail).toContain('Estimado/a Awa Diop:');
    expect(mail).toContain(
      'La Secretaría de la Alianza 8.7 ha acusado recibo del informe de progreso de 2025: Senegal.',
    );
    expect(mail).toContain('Thank you: a clear report. Please send the revised Code with the next one.');
    expect(mail).toContain(`/admin/pathfinders/SEN/reports/`);
    const [queued] = await rows<{ subject: string; locale: string }>(
      `SELECT subject, locale FROM mail_outbox WHERE kind = 'pathfinders.report_acknowledged'`,
    );
    expect(queued).toEqual({ subject: 'Se ha acusado recibo de su informe de progreso de 2025', locale: 'es' });

    const audit = await rows<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = 'SEN' ORDER BY id`);
    expect(audit.map((row) => row.action)).toEqual([
      'pathfinders.report_started',
      'pathfinders.report_saved',
      'pathfinders.report_attachment_added',
      'pathfinders.report_saved',
      'pathfinders.report_submitted',
      'pathfinders.report_acknowledged',
    ]);
  });

  it('exports its actions as CSV, columns as documented, and as a printable page', async () => {
    const csv = await focalPoint.get(`${report}/actions.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="alliance87-SEN-report-2025-actions.csv"');
    expect(csv.body).toBe(
      'country_iso3,country,reporting_year,report_status,roadmap_version,priority_key,priority,action_key,action,responsible_body,start_date,end_date,budget_amount,budget_currency,status,status_label,narrative,indicator_codes\r\n' +
        'SEN,Senegal,2025,acknowledged,1,P1,Lois et politiques,A1,Réviser le Code du travail,Ministère du Travail,2025-01-01,2026-12-31,150000.00,XOF,completed,Completada,"Le Code révisé a été adopté en mars, puis publié au Journal officiel.",8.7.1 16.2.2\r\n' +
        'SEN,Senegal,2025,acknowledged,1,P1,Lois et politiques,A2,Former les inspecteurs du travail,Direction générale du Travail,2025-03-01,2025-12-31,,,delayed,Retrasada,La formation commencera en 2026.,\r\n',
    );
    const print = await focalPoint.get(`${report}/print`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('<article class="report-print">');
    expect(print.body).toContain('Senegal: informe de progreso de 2025');
    expect(print.body).toContain('La formation commencera en 2026.');
  });

  it('is public once acknowledged: the roadmap’s statuses come from it', async () => {
    await waitUntil(async () =>
      (await server.app.inject({ url: '/fr/pathfinders/SEN' })).body.includes('Une année de réformes juridiques.'),
    );
    const french = (await server.app.inject({ url: '/fr/pathfinders/SEN' })).body;
    expect(french).toContain('Rapport 2025');
    expect(french).toContain('Le statut de chaque action est celui du rapport d’avancement de 2025.');
    expect(french).toContain('Achevée · <span lang="fr">Ministère du Travail</span>');
    expect(french).toContain('En retard · <span lang="fr">Direction générale du Travail</span>');
    const english = (await server.app.inject({ url: '/en/pathfinders/SEN' })).body;
    expect(english).toContain('Completed · <span lang="fr">Ministère du Travail</span>');
    expect(english).toContain('<h3 lang="fr">Lois et politiques</h3>');
    const api = (await server.app.inject({ url: '/api/v1/pathfinders/SEN' })).json();
    expect(api.roadmap.status_from_report_year).toBe(2025);
    expect(api.roadmap.priorities[0].actions.map((action: { status: string }) => action.status)).toEqual([
      'completed',
      'delayed',
    ]);
    expect(api.reports).toEqual([
      {
        year: 2025,
        demonstration: false,
        roadmap_version: 1,
        submitted_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        acknowledged_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        language: 'es',
        overall_narrative: 'Une année de réformes juridiques.',
        actions: [
          {
            key: 'A1',
            status: 'completed',
            narrative: 'Le Code révisé a été adopté en mars, puis publié au Journal officiel.',
          },
          { key: 'A2', status: 'delayed', narrative: 'La formation commencera en 2026.' },
        ],
      },
    ]);
  });

  it('is printed and downloaded by anyone from the country’s public page, in the reader’s language', async () => {
    const french = (await server.app.inject({ url: '/fr/pathfinders/SEN' })).body;
    expect(french).toContain('<a href="/fr/pathfinders/SEN/reports/2025">Page imprimable</a>');
    expect(french).toContain('<a href="/fr/pathfinders/SEN/reports/2025/actions.csv">Actions en CSV</a>');
    const print = await server.app.inject({ url: '/fr/pathfinders/SEN/reports/2025' });
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('<article class="report-print">');
    expect(print.body).toContain('Sénégal : rapport d’avancement 2025');
    expect(print.body).toContain('La formation commencera en 2026.');
    expect(print.body).toContain('<a href="/fr/pathfinders/SEN">');
    expect(print.body).not.toContain('/admin/');
    const csv = await server.app.inject({ url: '/fr/pathfinders/SEN/reports/2025/actions.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="alliance87-SEN-report-2025-actions.csv"');
    expect(csv.body.split('\r\n').slice(1)).toEqual([
      'SEN,Sénégal,2025,acknowledged,1,P1,Lois et politiques,A1,Réviser le Code du travail,Ministère du Travail,2025-01-01,2026-12-31,150000.00,XOF,completed,Achevée,"Le Code révisé a été adopté en mars, puis publié au Journal officiel.",8.7.1 16.2.2',
      'SEN,Sénégal,2025,acknowledged,1,P1,Lois et politiques,A2,Former les inspecteurs du travail,Direction générale du Travail,2025-03-01,2025-12-31,,,delayed,En retard,La formation commencera en 2026.,',
      '',
    ]);
    const lower = await server.app.inject({ url: '/es/pathfinders/sen/reports/2025' });
    expect(lower.statusCode).toBe(301);
    expect(lower.headers.location).toBe('/es/pathfinders/SEN/reports/2025');
    for (const url of [
      '/en/pathfinders/SEN/reports/2024',
      '/en/pathfinders/KEN/reports/2025',
      '/en/pathfinders/SEN/reports/25',
    ]) {
      expect((await server.app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it('is kept from the focal point of another country', async () => {
    const id = report.split('/').at(-1)!;
    for (const url of [report, `${report}/print`, `${report}/actions.csv`, list]) {
      expect((await otherFocalPoint.get(url)).statusCode, url).toBe(403);
    }
    // Under the other country's own address, Senegal's report does not exist.
    expect((await otherFocalPoint.get(`/admin/pathfinders/KEN/reports/${id}`)).statusCode).toBe(404);
    expect((await otherFocalPoint.get(`/admin/pathfinders/KEN/reports/${id}/actions.csv`)).statusCode).toBe(404);
  });
});
