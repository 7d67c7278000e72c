import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../../../demo.ts';
import type { Server } from '../../../server.ts';
import { createTestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';

let database: TestDatabase;
let server: Server;
let reviewer: TestClient;

const valid = {
  name: 'Red Andina por el Trabajo Decente',
  kind: 'civil_society',
  country: 'PER',
  website: 'https://red-andina.example.org',
  contact_name: 'Lucía Quispe',
  contact_email: 'lucia@red-andina.example.org',
  motivation: 'Acompañamos a trabajadoras del hogar y documentamos casos de trabajo forzoso en la región.',
  endorses_terms: 'yes',
};

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemonstrationContent(database.db);
  server = await createTestApp({ database });
  const secretariat = await createTestUser({ database, roles: [{ role: 'secretariat' }], totp: true, locale: 'fr' });
  reviewer = new TestClient(server.app);
  await reviewer.signIn({ email: secretariat.email, totpSecret: secretariat.totpSecret, locale: 'fr' });
});

afterAll(async () => {
  await server?.close();
  await database?.close();
});

async function counts() {
  const result = await database.pool.query<{ applications: string; mail: string; organizations: string }>(
    `SELECT (SELECT count(*) FROM partner_applications) AS applications, (SELECT count(*) FROM mail_outbox) AS mail,
            (SELECT count(*) FROM organizations) AS organizations`,
  );
  return result.rows[0]!;
}

async function latestMail(to: string) {
  const result = await database.pool.query<{ subject: string; body_text: string; locale: string }>(
    `SELECT subject, body_text, locale FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1`,
    [to],
  );
  return result.rows[0];
}

describe('applying to become a partner', () => {
  it('refuses bad applications with clear messages, keeps the input, and writes nothing', async () => {
    const client = new TestClient(server.app);
    const before = await counts();
    const cases: [Record<string, string | string[]>, string[]][] = [
      [
        { ...valid, endorses_terms: '' },
        ['Para presentar la solicitud, su organización debe suscribir los Términos de referencia.'],
      ],
      [{ ...valid, contact_email: 'lucia(at)example' }, ['Escriba una dirección de correo']],
      [{ ...valid, name: 'x'.repeat(10_000) }, ['Escriba como máximo 200 caracteres.']],
      [
        { ...valid, name: '<script>alert(1)</script>' },
        ['Quite los caracteres &lt; y &gt;.', 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'],
      ],
      [{ ...valid, country: 'ZZZ' }, ['Elija un país de la lista.']],
      [{ ...valid, website: 'javascript:alert(1)' }, ['Escriba la dirección completa del sitio']],
      [{ ...valid, kind: ['academic', 'other'] }, ['Elija una de las opciones.']],
    ];
    for (const [fields, texts] of cases) {
      const response = await client.submit({ page: '/es/partners/apply', fields });
      expect(response.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(400);
      for (const text of texts) expect(response.body).toContain(text);
      expect(response.body).toContain('value="lucia');
      expect(response.body).not.toContain('<script>alert(1)</script>');
    }
    expect(await counts()).toEqual(before);
  });

  it('records a good application, confirms it and acknowledges it by e-mail in the applicant’s language', async () => {
    const client = new TestClient(server.app);
    const response = await client.submit({ page: '/es/partners/apply', fields: valid });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Solicitud recibida');
    const mail = await latestMail(valid.contact_email);
    expect(mail?.locale).toBe('es');
    expect(mail?.subject).toBe('Hemos recibido su solicitud a la Alianza 8.7');
    expect(mail?.body_text).toContain('Red Andina por el Trabajo Decente');
  });
});

describe('the Secretariat’s review', () => {
  it('queues the application with its age, shows possible duplicates, asks a question the applicant answers by link', async () => {
    const queue = await reviewer.get('/admin/applications');
    expect(queue.body).toContain('Red Andina por el Trabajo Decente');
    expect(queue.body).toContain('aujourd’hui');
    const id = /\/admin\/applications\/(\d+)"/.exec(queue.body)?.[1];
    // A second application from the same website is flagged as a possible duplicate.
    await new TestClient(server.app).submit({
      page: '/en/partners/apply',
      fields: { ...valid, name: 'Andean Network for Decent Work', contact_email: 'other@red-andina.example.org' },
    });
    const detail = await reviewer.get(`/admin/applications/${id}`);
    expect(detail.body).toContain('Doublons possibles');
    expect(detail.body).toContain('même site web');

    const empty = await reviewer.submit({
      page: `/admin/applications/${id}`,
      action: `/admin/applications/${id}/request-info`,
      fields: { message: '' },
    });
    expect(empty.statusCode).toBe(400);
    const asked = await reviewer.submit({
      page: `/admin/applications/${id}`,
      action: `/admin/applications/${id}/request-info`,
      fields: { message: '¿En qué países trabajan?' },
    });
    expect(asked.statusCode).toBe(303);
    const question = await latestMail(valid.contact_email);
    expect(question?.body_text).toContain('¿En qué países trabajan?');
    const link = /http:\/\/platform\.test(\/es\/partners\/apply\/answer\?token=[\w-]+)/.exec(question!.body_text)![1]!;
    const applicant = new TestClient(server.app);
    const form = await applicant.get(link);
    expect(form.body).toContain('¿En qué países trabajan?');
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const answered = await applicant.submit({ page: link, fields: { token, answer: 'En Perú, Bolivia y Ecuador.' } });
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toContain('Respuesta recibida');
    expect((await applicant.get(link)).statusCode).toBe(410);
    const history = await reviewer.get(`/admin/applications/${id}`);
    expect(history.body).toContain('En Perú, Bolivia y Ecuador.');
  });

  it('approves: the organization joins the directory and the counters at once, and its contact is invited in Spanish', async () => {
    const directoryBefore = await server.app.inject({ url: '/fr/partners?q=andina' });
    expect(directoryBefore.body).not.toContain('Red Andina');
    const statsBefore = (await server.app.inject({ url: '/api/v1/stats' })).json().partners.total as number;
    const queue = await reviewer.get('/admin/applications');
    const id = /\/admin\/applications\/(\d+)">Red Andina/.exec(queue.body)?.[1];
    const approved = await reviewer.submit({
      page: `/admin/applications/${id}`,
      action: `/admin/applications/${id}/approve`,
      fields: {},
    });
    expect(approved.statusCode).toBe(303);
    const again = await reviewer.submit({
      page: `/admin/applications/${id}`,
      action: `/admin/applications/${id}/approve`,
      fields: {},
    });
    expect(again.statusCode).toBe(409);
    // An address with an id no record can have is not found, on every database.
    for (const bad of ['99999999999', '0', 'x1']) {
      expect((await reviewer.get(`/admin/applications/${bad}`)).statusCode, bad).toBe(404);
    }

    let directory = directoryBefore;
    for (let attempt = 0; attempt < 100 && !directory.body.includes('Red Andina'); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      directory = await server.app.inject({ url: '/fr/partners?q=andina' });
    }
    expect(directory.body).toContain('Red Andina por el Trabajo Decente');
    expect((await server.app.inject({ url: '/api/v1/stats' })).json().partners.total).toBe(statsBefore + 1);
    const invitation = await latestMail(valid.contact_email);
    expect(invitation?.locale).toBe('es');
    expect(invitation?.body_text).toContain('Representante de un socio');
    const grant = await database.pool.query(
      `SELECT r.role, o.slug FROM role_assignments r JOIN users u ON u.id = r.user_id
        JOIN organizations o ON o.id = r.organization_id WHERE u.email = $1`,
      [valid.contact_email],
    );
    expect(grant.rows).toEqual([{ role: 'partner_rep', slug: 'red-andina-por-el-trabajo-decente' }]);
  });

  it('declines with a reason that is e-mailed to the applicant', async () => {
    const queue = await reviewer.get('/admin/applications');
    const id = /\/admin\/applications\/(\d+)">Andean Network/.exec(queue.body)?.[1];
    const missing = await reviewer.submit({
      page: `/admin/applications/${id}`,
      action: `/admin/applications/${id}/decline`,
      fields: { reason: '' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Ce champ est obligatoire.');
    const declined = await reviewer.submit({
      page: `/admin/applications/${id}`,
      action: `/admin/applications/${id}/decline`,
      fields: { reason: 'Duplicate of an approved application.' },
    });
    expect(declined.statusCode).toBe(303);
    const mail = await latestMail('other@red-andina.example.org');
    expect(mail?.locale).toBe('en');
    expect(mail?.body_text).toContain('Duplicate of an approved application.');
    const audit = await database.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'partner_application' ORDER BY id`,
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      'partners.application_submitted',
      'partners.application_submitted',
      'partners.application_info_requested',
      'partners.application_answered',
      'partners.application_approved',
      'partners.application_declined',
    ]);
  });

  it('shows the Secretariat how many applications wait, on the back office home', async () => {
    await new TestClient(server.app).submit({
      page: '/en/partners/apply',
      fields: {
        ...valid,
        name: 'Third Applicant',
        website: 'https://third.example.net',
        contact_email: 'third@example.net',
      },
    });
    const home = await reviewer.get('/admin');
    expect(home.body).toContain('1 candidature à examiner');
  });
});
