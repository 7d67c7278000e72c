import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../../server.ts';
import { startSmtpPeer } from '../../../testing/smtp-peer.ts';
import { createTestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';

let database: TestDatabase;
let server: Server;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let secretariat: TestClient;
/** The focal point of Ghana (their e-mails in Spanish), and the focal point of Kenya. */
let ghanaFocalPoint: TestClient;
let kenyaFocalPoint: TestClient;
let ghanaFocalPointEmail: string;
let organizers: { ilo: number; unicef: number; applicant: number };

const page = '/admin/pathfinders/GHA';

/** A small PDF as readers take it: the header first, the end-of-file marker last. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

async function one<T>(sql: string, values: unknown[] = []): Promise<T> {
  const result = await database.pool.query(sql, values);
  if (result.rows.length !== 1) throw new Error(`expected one row from: ${sql}`);
  return result.rows[0] as T;
}

async function organization(input: { slug: string; name: string; status: string }): Promise<number> {
  return (
    await one<{ id: number }>(
      `INSERT INTO organizations (slug, name, kind, status) VALUES ($1, $2, 'international_org', $3) RETURNING id`,
      [input.slug, input.name, input.status],
    )
  ).id;
}

async function signedIn(input: Parameters<typeof createTestUser>[0]): Promise<{ client: TestClient; email: string }> {
  const person = await createTestUser(input);
  const client = new TestClient(server.app);
  await client.signIn({ email: person.email, totpSecret: person.totpSecret });
  return { client, email: person.email };
}

/** The messages delivered to an address so far, once the outbox is empty. */
async function mailTo(address: string): Promise<string[]> {
  await server.mailer.deliverDue();
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const waiting = await database.pool.query(`SELECT 1 FROM mail_outbox WHERE status IN ('queued', 'failed')`);
    if (waiting.rows.length === 0) break;
    await server.mailer.deliverDue();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return smtp.received.filter((message) => message.to.includes(address)).map((message) => message.text);
}

function uploadDocument(client: TestClient, input: { iso3?: string; workshop: number; name: string; content: Buffer }) {
  const iso3 = input.iso3 ?? 'GHA';
  return client.upload({
    page: `/admin/pathfinders/${iso3}`,
    action: `/admin/pathfinders/${iso3}/workshop-documents`,
    fields: { document_workshop: String(input.workshop) },
    file: { field: 'document', name: input.name, type: 'application/pdf', content: input.content },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(
    `INSERT INTO pathfinder_countries (iso3, stage) VALUES ('GHA', 'strategic_workshop'), ('KEN', 'mapping')`,
  );
  smtp = await startSmtpPeer();
  server = await createTestApp({ database, config: { SMTP_URL: smtp.url } });
  organizers = {
    ilo: await organization({ slug: 'labour-office', name: 'Labour Office', status: 'active' }),
    unicef: await organization({ slug: 'childrens-fund', name: 'Children’s Fund', status: 'active' }),
    applicant: await organization({ slug: 'not-yet', name: 'Not Yet a Partner', status: 'applicant' }),
  };
  secretariat = (await signedIn({ database, roles: [{ role: 'secretariat' }], totp: true })).client;
  const ghana = await signedIn({
    database,
    roles: [{ role: 'focal_point', country: 'GHA' }],
    name: 'Ama Mensah',
    locale: 'es',
  });
  ghanaFocalPoint = ghana.client;
  ghanaFocalPointEmail = ghana.email;
  kenyaFocalPoint = (await signedIn({ database, roles: [{ role: 'focal_point', country: 'KEN' }] })).client;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await smtp?.close();
  await database?.close();
});

const workshop = {
  held_on: '2025-03-12',
  place: 'Accra',
  participants: '45',
  outcomes_en: 'A draft roadmap with five priorities.\nA national coordination group.',
  outcomes_fr: '',
  outcomes_es: '',
};

describe('strategic planning workshops', () => {
  it('are recorded by the country’s focal point, with organisers from the directory, and shown publicly', async () => {
    const refused = await ghanaFocalPoint.submit({
      page,
      action: `${page}/workshops`,
      fields: { ...workshop, place: '', participants: 'many', organizers: [String(organizers.ilo)] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Este campo es obligatorio.');
    expect(refused.body).toContain('Escriba un número entero de participantes, por ejemplo 45.');
    expect(refused.body).toContain('value="many"');
    expect(refused.body).toContain(`<option value="${organizers.ilo}" selected>Labour Office</option>`);

    const notAPartner = await ghanaFocalPoint.submit({
      page,
      action: `${page}/workshops`,
      fields: { ...workshop, organizers: [String(organizers.ilo), String(organizers.applicant)] },
    });
    expect(notAPartner.statusCode).toBe(400);
    expect(notAPartner.body).toContain('Elija los organizadores entre los socios activos del directorio.');
    expect((await one<{ count: number }>(`SELECT count(*)::int AS count FROM pathfinder_workshops`)).count).toBe(0);

    const recorded = await ghanaFocalPoint.submit({
      page,
      action: `${page}/workshops`,
      fields: { ...workshop, organizers: [String(organizers.ilo), String(organizers.unicef)] },
    });
    expect(recorded.statusCode).toBe(303);
    expect(recorded.headers.location).toBe('/admin/pathfinders/GHA?done=workshop#workshops-heading');
    const row = await one<{ place: string; participants: number; held: string; organizers: string[] }>(
      `SELECT w.place, w.participants, w.held_on::text AS held,
              array(SELECT o.slug FROM pathfinder_workshop_organizers wo JOIN organizations o ON o.id = wo.organization_id
                     WHERE wo.workshop_id = w.id ORDER BY o.slug) AS organizers
         FROM pathfinder_workshops w WHERE w.iso3 = 'GHA'`,
    );
    expect(row).toEqual({
      place: 'Accra',
      participants: 45,
      held: '2025-03-12',
      organizers: ['childrens-fund', 'labour-office'],
    });
    const audit = await one<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_log WHERE action = 'pathfinders.workshop_recorded'`,
    );
    expect(audit).toEqual({ action: 'pathfinders.workshop_recorded', entity_id: 'GHA' });

    const english = await server.app.inject({ url: '/en/pathfinders/GHA' });
    expect(english.body).toContain('<h3>March 12, 2025, Accra</h3>');
    expect(english.body).toContain('<a href="/en/partners/labour-office">Labour Office</a>');
    expect(english.body).toContain('<p>A draft roadmap with five priorities.</p><p>A national coordination group.</p>');
    // French has no text of its own: the English one, said to be untranslated and marked as English.
    const french = await server.app.inject({ url: '/fr/pathfinders/GHA' });
    expect(french.body).toContain('<h3>12 mars 2025, Accra</h3>');
    expect(french.body).toContain('Pas encore traduit ; affiché en anglais :');
    expect(french.body).toContain('<p lang="en">A draft roadmap with five priorities.</p>');

    const api = await server.app.inject({ url: '/api/v1/pathfinders/GHA' });
    expect(api.json().workshops).toEqual([
      {
        held_on: '2025-03-12',
        place: 'Accra',
        participants: 45,
        organizers: [
          { slug: 'childrens-fund', name: 'Children’s Fund' },
          { slug: 'labour-office', name: 'Labour Office' },
        ],
        outcomes: { fr: '', en: 'A draft roadmap with five priorities.\nA national coordination group.', es: '' },
        documents: [],
      },
    ]);
  });

  it('keep PDF documents checked by their content, downloadable by anyone', async () => {
    const id = (await one<{ id: number }>(`SELECT id FROM pathfinder_workshops WHERE iso3 = 'GHA'`)).id;
    const notPdf = await uploadDocument(secretariat, {
      workshop: id,
      name: 'report.pdf',
      content: Buffer.from('<html>not a pdf</html>'),
    });
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.body).toContain('This file is not a PDF document.');
    const tooLarge = await uploadDocument(secretariat, {
      workshop: id,
      name: 'huge.pdf',
      content: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]),
    });
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.body).toContain('This file is larger than 10 MB: send a smaller PDF.');
    expect(
      (await one<{ count: number }>(`SELECT count(*)::int AS count FROM pathfinder_workshop_documents`)).count,
    ).toBe(0);

    const added = await uploadDocument(ghanaFocalPoint, { workshop: id, name: 'Workshop report.pdf', content: PDF });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/admin/pathfinders/GHA?done=document#workshops-heading');
    const document = await one<{ id: number; bytes: number }>(`SELECT id, bytes FROM pathfinder_workshop_documents`);
    expect(document.bytes).toBe(PDF.length);

    const download = await server.app.inject({ url: `/media/workshop-documents/${document.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Workshop report.pdf"; filename*=UTF-8''Workshop%20report.pdf`,
    );
    expect(download.rawPayload.equals(PDF)).toBe(true);
    const publicPage = await server.app.inject({ url: '/en/pathfinders/GHA' });
    expect(publicPage.body).toContain(
      `<a href="/media/workshop-documents/${document.id}" download>Workshop report.pdf</a> (PDF, 1 kB)`,
    );
    expect((await server.app.inject({ url: '/media/workshop-documents/999999' })).statusCode).toBe(404);
  });
});

describe('a request for technical support', () => {
  it('waits in the Secretariat’s queue until answered; the focal point is told in their language', async () => {
    const id = (await one<{ id: number }>(`SELECT id FROM pathfinder_workshops WHERE iso3 = 'GHA'`)).id;
    const past = await ghanaFocalPoint.submit({
      page,
      action: `${page}/support-requests`,
      fields: { support_workshop: String(id), what: 'A facilitator for the second day', needed_by: '2020-01-01' },
    });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('Elija hoy o un día posterior.');
    expect(past.body).toContain('A facilitator for the second day');

    expect((await secretariat.get('/admin')).body).not.toContain('request for technical support to answer');
    const asked = await ghanaFocalPoint.submit({
      page,
      action: `${page}/support-requests`,
      fields: { support_workshop: String(id), what: 'A facilitator for the second day', needed_by: '2099-05-01' },
    });
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/admin/pathfinders/GHA?done=support#workshops-heading');
    const own = await ghanaFocalPoint.get(page);
    expect(own.body).toContain('A la espera de la respuesta de la Secretaría.');

    const home = await secretariat.get('/admin');
    expect(home.body).toContain('<a href="/admin/support-requests">1 request for technical support to answer</a>');
    const queue = await secretariat.get('/admin/support-requests');
    expect(queue.body).toContain('<td data-label="What support is needed">A facilitator for the second day</td>');
    const request = (await one<{ id: number }>(`SELECT id FROM pathfinder_support_requests`)).id;

    const empty = await secretariat.submit({
      page: `/admin/support-requests/${request}`,
      action: `/admin/support-requests/${request}/answer`,
      fields: { answer: '' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('This field is required.');

    const answered = await secretariat.submit({
      page: `/admin/support-requests/${request}`,
      action: `/admin/support-requests/${request}/answer`,
      fields: { answer: 'A facilitator from the Secretariat will join you on both days.' },
    });
    expect(answered.statusCode).toBe(303);
    expect(answered.headers.location).toBe('/admin/support-requests?answered=GHA');
    expect((await secretariat.get('/admin/support-requests?answered=GHA')).body).toContain(
      'The answer is sent to the focal point of Ghana.',
    );
    expect((await secretariat.get('/admin')).body).not.toContain('request for technical support to answer');

    const [mail] = await mailTo(ghanaFocalPointEmail);
    expect(mail).toContain('La Secretaría de la Alianza 8.7 ha respondido a su solicitud de apoyo técnico');
    expect(mail).toContain('A facilitator from the Secretariat will join you on both days.');
    expect((await ghanaFocalPoint.get(page)).body).toContain(
      '<p>A facilitator from the Secretariat will join you on both days.</p>',
    );

    const again = await secretariat.submit({
      page: `/admin/support-requests/${request}`,
      action: `/admin/support-requests/${request}/answer`,
      fields: { answer: 'A second answer.' },
    });
    expect(again.statusCode).toBe(409);
    const audit = await database.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'pathfinders.support%' ORDER BY id`,
    );
    expect(audit.rows.map((line) => line.action)).toEqual([
      'pathfinders.support_requested',
      'pathfinders.support_answered',
    ]);
  });
});

describe('a focal point of another country', () => {
  it('can neither read nor change Ghana’s workshops, documents or requests', async () => {
    const id = (await one<{ id: number }>(`SELECT id FROM pathfinder_workshops WHERE iso3 = 'GHA'`)).id;
    const before = await one<{ workshops: number; documents: number; requests: number }>(
      `SELECT (SELECT count(*)::int FROM pathfinder_workshops) AS workshops,
              (SELECT count(*)::int FROM pathfinder_workshop_documents) AS documents,
              (SELECT count(*)::int FROM pathfinder_support_requests) AS requests`,
    );
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await kenyaFocalPoint.get('/admin/pathfinders/KEN')).body)![1]!;
    expect((await kenyaFocalPoint.get(page)).statusCode).toBe(403);
    const workshopForm = await kenyaFocalPoint.submit({ page, action: `${page}/workshops`, fields: workshop, csrf });
    expect(workshopForm.statusCode).toBe(403);
    const upload = await kenyaFocalPoint.upload({
      page: '/admin/pathfinders/KEN',
      action: `${page}/workshop-documents`,
      fields: { document_workshop: String(id) },
      file: { field: 'document', name: 'intruder.pdf', type: 'application/pdf', content: PDF },
    });
    expect(upload.statusCode).toBe(403);
    const support = await kenyaFocalPoint.submit({
      page,
      action: `${page}/support-requests`,
      fields: { support_workshop: String(id), what: 'Support for someone else', needed_by: '2099-01-01' },
      csrf,
    });
    expect(support.statusCode).toBe(403);
    // Through their own country's address, Ghana's workshop is not found.
    const throughOwn = await kenyaFocalPoint.submit({
      page: '/admin/pathfinders/KEN',
      action: '/admin/pathfinders/KEN/support-requests',
      fields: { support_workshop: String(id), what: 'Support for someone else', needed_by: '2099-01-01' },
    });
    expect(throughOwn.statusCode).toBe(404);
    const ownDocument = await uploadDocument(kenyaFocalPoint, {
      iso3: 'KEN',
      workshop: id,
      name: 'x.pdf',
      content: PDF,
    });
    expect(ownDocument.statusCode).toBe(404);
    // The queue is the Secretariat's.
    expect((await ghanaFocalPoint.get('/admin/support-requests')).statusCode).toBe(403);
    const after = await one<typeof before>(
      `SELECT (SELECT count(*)::int FROM pathfinder_workshops) AS workshops,
              (SELECT count(*)::int FROM pathfinder_workshop_documents) AS documents,
              (SELECT count(*)::int FROM pathfinder_support_requests) AS requests`,
    );
    expect(after).toEqual(before);
  });
});
