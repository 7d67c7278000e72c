import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../../../demo.ts';
import type { Server } from '../../../server.ts';
import { createTestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { startSmtpPeer } from '../../../testing/smtp-peer.ts';
import { confirmThroughLink, deliveredTo } from '../../../testing/test-mail.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';

let database: TestDatabase;
let server: Server;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let reviewer: TestClient;
let secretariatEmail: string;

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
  smtp = await startSmtpPeer();
  server = await createTestApp({ database, config: { SMTP_URL: smtp.url } });
  const secretariat = await createTestUser({
    database,
    roles: [{ role: 'secretariat' }],
    totp: true,
    locale: 'fr',
    name: 'Sec Retariat',
  });
  secretariatEmail = secretariat.email;
  reviewer = new TestClient(server.app);
  await reviewer.signIn({ email: secretariat.email, totpSecret: secretariat.totpSecret, locale: 'fr' });
});

afterAll(async () => {
  await server?.close();
  await smtp?.close();
  await database?.close();
});

/** The messages delivered to an address so far, once the outbox is empty. */
function mailTo(address: string): Promise<string[]> {
  return deliveredTo({ server, database, smtp, address });
}

/** The confirmation link of the newest message to an address, as a path. */
async function linkTo(address: string): Promise<string> {
  const pattern = /http:\/\/platform\.test(\/(?:fr|en|es)\/confirm\?token=[\w-]+)/;
  const messages = (await mailTo(address)).filter((text) => pattern.test(text));
  const link = pattern.exec(messages.at(-1) ?? '')?.[1];
  if (!link) throw new Error(`no confirmation link for ${address}`);
  return link;
}

async function counts() {
  const result = await database.pool.query<{
    applications: string;
    mail: string;
    organizations: string;
    confirmations: string;
    events: string;
    audit: string;
  }>(
    `SELECT (SELECT count(*) FROM partner_applications) AS applications, (SELECT count(*) FROM mail_outbox) AS mail,
            (SELECT count(*) FROM organizations) AS organizations, (SELECT count(*) FROM email_confirmations) AS confirmations,
            (SELECT count(*) FROM partner_application_events) AS events, (SELECT count(*) FROM audit_log) AS audit`,
  );
  return result.rows[0]!;
}

async function statusOf(name: string): Promise<string | undefined> {
  const result = await database.pool.query<{ status: string }>(
    `SELECT status FROM partner_applications WHERE name = $1`,
    [name],
  );
  return result.rows[0]?.status;
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

  it('links the Terms of Reference from the form to their section of the about page, in each language', async () => {
    const anchors = { fr: 'textes-fondateurs', en: 'founding-documents', es: 'documentos-fundacionales' };
    for (const [locale, anchor] of Object.entries(anchors)) {
      const form = await server.app.inject({ url: `/${locale}/partners/apply` });
      expect(form.body).toContain(`href="/${locale}/about#${anchor}"`);
      const about = await server.app.inject({ url: `/${locale}/about` });
      expect(about.body).toContain(`id="${anchor}"`);
    }
  });

  it('mails an unconfirmed address only the fixed confirmation text, and keeps the application from the Secretariat', async () => {
    const client = new TestClient(server.app);
    const response = await client.submit({ page: '/es/partners/apply', fields: valid });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/es/confirm/sent');
    const before = await counts();
    // The page after the form: a refresh sends nothing again.
    for (let refresh = 0; refresh < 2; refresh += 1) {
      const page = await client.get('/es/confirm/sent');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Último paso: confirme su dirección de correo');
    }
    expect(await counts()).toEqual(before);
    expect(await statusOf(valid.name)).toBe('unconfirmed');

    const messages = await mailTo(valid.contact_email);
    expect(messages).toHaveLength(1);
    const [mail] = messages;
    expect(mail).toContain('Subject: =?UTF-8?Q?Confirme_su_direcci');
    expect(mail).toMatch(/\/es\/confirm\?token=[\w-]{40,}/);
    // Nothing the applicant typed: not the organization, not the name, not the website, not the motivation.
    for (const typed of [
      'Red Andina',
      'Lucía',
      'Quispe',
      'red-andina.example.org/',
      'trabajadoras',
      'Trabajo Decente',
    ]) {
      expect(mail, typed).not.toContain(typed);
    }

    const queue = await reviewer.get('/admin/applications?status=');
    expect(queue.body).not.toContain('Red Andina');
    const id = (
      await database.pool.query<{ id: number }>(`SELECT id FROM partner_applications WHERE name = $1`, [valid.name])
    ).rows[0]!.id;
    expect((await reviewer.get(`/admin/applications/${id}`)).statusCode).toBe(404);
    expect(await mailTo(secretariatEmail)).toEqual([]);
    const audit = await database.pool.query(`SELECT 1 FROM audit_log WHERE entity_type = 'partner_application'`);
    expect(audit.rows).toEqual([]);
  });

  it('confirms with the link’s button: the Secretariat sees the application and is told; the applicant gets their private link', async () => {
    const link = await linkTo(valid.contact_email);
    const applicant = new TestClient(server.app);
    // Opening the link (as a mail scanner would) changes nothing: the button does.
    const prompt = await applicant.get(link);
    expect(prompt.statusCode).toBe(200);
    expect(prompt.body).toContain('Confirmar mi dirección');
    expect(prompt.body).toContain('una solicitud para ser socio de la Alianza 8.7');
    expect(await statusOf(valid.name)).toBe('unconfirmed');

    const confirmed = await confirmThroughLink(applicant, link);
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/es/partners/apply/confirmed');
    const thanks = await applicant.get('/es/partners/apply/confirmed');
    expect(thanks.body).toContain('su solicitud ya está en manos de la Secretaría');
    expect(await statusOf(valid.name)).toBe('submitted');

    const queue = await reviewer.get('/admin/applications');
    expect(queue.body).toContain('Red Andina por el Trabajo Decente');
    expect(queue.body).toContain('aujourd’hui');

    const [notice] = await mailTo(secretariatEmail);
    expect(notice).toContain('Une nouvelle candidature attend le Secrétariat');
    expect(notice).toContain('Red Andina por el Trabajo Decente');
    expect(notice).toContain('http://platform.test/admin/applications/');

    const [, acknowledgement] = await mailTo(valid.contact_email);
    expect(acknowledgement).toContain('Hola, Lucía Quispe:');
    expect(acknowledgement).toContain('Red Andina por el Trabajo Decente');
    const standing = /http:\/\/platform\.test(\/es\/partners\/apply\/status\?token=[\w-]+)/.exec(acknowledgement!)![1]!;
    const page = await new TestClient(server.app).get(standing);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Red Andina por el Trabajo Decente');
    expect(page.body).toMatch(/<strong>Recibida<\/strong>/);
    // The same link in English reads the same application.
    const english = await new TestClient(server.app).get(standing.replace('/es/', '/en/'));
    expect(english.body).toMatch(/<strong>Received<\/strong>/);
  });

  it('answers a used, expired or wrong link with a clear page, and changes nothing', async () => {
    const used = await linkTo(valid.contact_email);
    const visitor = new TestClient(server.app);
    const before = await counts();
    const again = await visitor.get(used);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('Este enlace ya se usó');
    expect((await confirmThroughLink(visitor, used)).statusCode).toBe(410);

    const wrong = await visitor.get('/es/confirm?token=0123456789abcdefghijABCDEFGHIJ0123456789abc');
    expect(wrong.statusCode).toBe(410);
    expect(wrong.body).toContain('Este enlace no es válido');
    expect((await visitor.get('/es/confirm')).statusCode).toBe(410);
    // A link of a kind no module handles confirms nothing either.
    const orphan = 'orphanToken0123456789abcdefghijABCDEFGHIJ012';
    await database.pool.query(
      `INSERT INTO email_confirmations (kind, record_id, email, locale, token_hash, expires_at)
       VALUES ('nobody.kind', 1, 'orphan@example.org', 'es', encode(sha256(convert_to($1, 'UTF8')), 'hex'), now() + interval '1 day')`,
      [orphan],
    );
    expect((await visitor.get(`/es/confirm?token=${orphan}`)).statusCode).toBe(410);
    expect((await confirmThroughLink(visitor, `/es/confirm?token=${orphan}`)).statusCode).toBe(410);
    const orphanRow = await database.pool.query(
      `SELECT confirmed_at FROM email_confirmations WHERE kind = 'nobody.kind'`,
    );
    expect(orphanRow.rows).toEqual([{ confirmed_at: null }]);
    await database.pool.query(`DELETE FROM email_confirmations WHERE kind = 'nobody.kind'`);
    expect(await counts()).toEqual(before);

    const late = { ...valid, name: 'Late Confirmers', contact_email: 'late@example.net' };
    expect((await new TestClient(server.app).submit({ page: '/en/partners/apply', fields: late })).statusCode).toBe(
      303,
    );
    const link = await linkTo(late.contact_email);
    await database.pool.query(
      `UPDATE email_confirmations SET expires_at = now() - interval '1 minute' WHERE email = $1`,
      [late.contact_email],
    );
    const expiredBefore = await counts();
    const expired = await visitor.get(link);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');
    expect(expired.body).toContain('Send a new link');
    expect((await confirmThroughLink(visitor, link)).statusCode).toBe(410);
    expect(await statusOf(late.name)).toBe('unconfirmed');
    expect(await counts()).toEqual(expiredBefore);
  });

  it('deletes an application whose link expired unused a week earlier, with an audit record and nothing else', async () => {
    const late = 'Late Confirmers';
    const confirmed = await statusOf(valid.name);
    // Its link expired a minute ago: a resend could still bring it back.
    expect(await server.confirmations.purgeAbandoned()).toEqual({});
    expect(await statusOf(late)).toBe('unconfirmed');

    const weekLater = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000 + 2 * 60 * 1000);
    expect(await server.confirmations.purgeAbandoned({ now: weekLater })).toEqual({ 'partners.application': 1 });
    expect(await statusOf(late)).toBeUndefined();
    expect(await statusOf(valid.name)).toBe(confirmed);
    const requests = await database.pool.query(
      `SELECT email FROM email_confirmations WHERE email = 'late@example.net'`,
    );
    expect(requests.rows).toEqual([]);
    const audit = await database.pool.query(
      `SELECT actor_label, after FROM audit_log WHERE action = 'mail.unconfirmed_purged'`,
    );
    expect(audit.rows).toEqual([{ actor_label: 'system', after: { 'partners.application': 1 } }]);
    expect(await server.confirmations.purgeAbandoned({ now: weekLater })).toEqual({});
  });

  it('limits the mails to one address, the requests from one client address and the resends', async () => {
    const target = 'victim@example.com';
    const attempt = (index: number) =>
      new TestClient(server.app).submit({
        page: '/fr/partners/apply',
        fields: { ...valid, name: `Relay attempt ${index}`, contact_email: target },
      });
    for (let index = 1; index <= 3; index += 1) expect((await attempt(index)).statusCode).toBe(303);
    const before = await counts();
    const refused = await attempt(4);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Trop de demandes pour cette adresse');
    expect(refused.body).toContain('value="Relay attempt 4"');
    expect(await counts()).toEqual(before);
    // A resend to that address sends nothing more either, and says the same as always.
    const resend = await new TestClient(server.app).submit({
      page: '/fr/confirm/sent',
      action: '/fr/confirm/resend',
      fields: { email: target },
    });
    expect(resend.statusCode).toBe(303);
    expect(resend.headers.location).toBe('/fr/confirm/sent?resent=1');
    expect(await mailTo(target)).toHaveLength(3);

    // One client address: at most ten new requests an hour, whatever the addresses.
    const busy = new TestClient(server.app);
    await database.pool.query(
      `INSERT INTO email_confirmations (kind, record_id, email, locale, token_hash, requested_ip, expires_at)
       SELECT 'partners.application', 0, 'someone' || n || '@example.org', 'en', md5(random()::text) || n, $1, now() + interval '1 day'
       FROM generate_series(1, 10) AS n`,
      [busy.ip],
    );
    const fromBusy = await busy.submit({
      page: '/en/partners/apply',
      fields: { ...valid, name: 'Busy client', contact_email: 'fresh@example.org' },
    });
    expect(fromBusy.statusCode).toBe(429);
    expect(fromBusy.body).toContain('Too many requests for this address or from your connection');
    expect(await statusOf('Busy client')).toBeUndefined();
  });

  it('resends a new link at most twice per submission; the older link stops working', async () => {
    const person = { ...valid, name: 'Resending Org', contact_email: 'resend@example.org' };
    const client = new TestClient(server.app);
    expect((await client.submit({ page: '/en/partners/apply', fields: person })).statusCode).toBe(303);
    const first = await linkTo(person.contact_email);
    const resend = () =>
      client.submit({
        page: '/en/confirm/sent',
        action: '/en/confirm/resend',
        fields: { email: person.contact_email },
      });
    expect((await resend()).statusCode).toBe(303);
    const second = await linkTo(person.contact_email);
    expect(second).not.toBe(first);
    expect((await client.get(first)).statusCode).toBe(410);
    expect((await resend()).statusCode).toBe(303);
    expect(await mailTo(person.contact_email)).toHaveLength(3);
    // An hour later the address could receive mail again, but this submission had its three.
    await database.pool.query(
      `UPDATE mail_outbox SET created_at = created_at - interval '2 hours' WHERE to_address = $1`,
      [person.contact_email],
    );
    expect((await resend()).statusCode).toBe(303);
    expect(await mailTo(person.contact_email)).toHaveLength(3);
    // An address with nothing waiting gets the same answer and no mail.
    const nobody = await client.submit({
      page: '/en/confirm/sent',
      action: '/en/confirm/resend',
      fields: { email: 'nobody@example.org' },
    });
    expect(nobody.statusCode).toBe(303);
    expect(await mailTo('nobody@example.org')).toEqual([]);
    const bad = await client.submit({
      page: '/en/confirm/sent',
      action: '/en/confirm/resend',
      fields: { email: 'not an address' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="not an address"');
  });

  it('takes an application without a website', async () => {
    const fields = { ...valid, name: 'Sin Sitio Web', website: '', contact_email: 'sinsitio@example.org' };
    const client = new TestClient(server.app);
    expect((await client.submit({ page: '/es/partners/apply', fields })).statusCode).toBe(303);
    expect((await confirmThroughLink(client, await linkTo(fields.contact_email))).statusCode).toBe(303);
    const id = (
      await database.pool.query<{ id: number; website: string | null }>(
        `SELECT id, website FROM partner_applications WHERE name = $1`,
        [fields.name],
      )
    ).rows[0]!;
    expect(id.website).toBeNull();
    const review = await reviewer.get(`/admin/applications/${id.id}`);
    expect(review.body).toContain('Aucun');
  });
});

describe('the Secretariat’s review', () => {
  let standing: string;

  it('queues the application with its age, shows possible duplicates, asks a question the applicant answers by link', async () => {
    const acknowledgement = (await mailTo(valid.contact_email)).find((text) =>
      text.includes('/partners/apply/status?'),
    )!;
    standing = /http:\/\/platform\.test(\/es\/partners\/apply\/status\?token=[\w-]+)/.exec(acknowledgement)![1]!;
    const queue = await reviewer.get('/admin/applications');
    const id = /\/admin\/applications\/(\d+)">Red Andina/.exec(queue.body)?.[1];
    // A second application from the same website is flagged as a possible duplicate.
    const other = new TestClient(server.app);
    const second = { ...valid, name: 'Andean Network for Decent Work', contact_email: 'other@red-andina.example.org' };
    expect((await other.submit({ page: '/en/partners/apply', fields: second })).statusCode).toBe(303);
    expect((await confirmThroughLink(other, await linkTo(second.contact_email))).statusCode).toBe(303);
    const detail = await reviewer.get(`/admin/applications/${id}`);
    expect(detail.body).toContain('Doublons possibles');
    expect(detail.body).toContain('même site web');
    // Opened by the Secretariat: the applicant reads that the review has started.
    expect((await new TestClient(server.app).get(standing)).body).toMatch(/<strong>En examen<\/strong>/);

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
    expect((await new TestClient(server.app).get(standing)).body).toMatch(/<strong>Información solicitada<\/strong>/);
    const question = (await mailTo(valid.contact_email)).at(-1)!;
    expect(question).toContain('¿En qué países trabajan?');
    const link = /http:\/\/platform\.test(\/es\/partners\/apply\/answer\?token=[\w-]+)/.exec(question)![1]!;
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

  it('asks before approving; approved, the organization joins the directory and its contact gets one mail: accepted, then invited', async () => {
    const directoryBefore = await server.app.inject({ url: '/fr/partners?q=andina' });
    expect(directoryBefore.body).not.toContain('Red Andina');
    const statsBefore = (await server.app.inject({ url: '/api/v1/stats' })).json().partners.total as number;
    const queue = await reviewer.get('/admin/applications');
    const id = /\/admin\/applications\/(\d+)">Red Andina/.exec(queue.body)?.[1];
    const mailsBefore = (await mailTo(valid.contact_email)).length;

    const before = await counts();
    const step = await reviewer.submit({
      page: `/admin/applications/${id}`,
      action: `/admin/applications/${id}/approve`,
      fields: {},
    });
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('Accepter la candidature de Red Andina por el Trabajo Decente ?');
    expect(step.body).toContain('Lucía Quispe (lucia@red-andina.example.org)');
    expect(step.body).toContain('name="confirm" value="yes"');
    expect(await counts()).toEqual(before);

    const approved = await reviewer.submit({
      page: `/admin/applications/${id}`,
      action: `/admin/applications/${id}/approve`,
      fields: { confirm: 'yes' },
    });
    expect(approved.statusCode).toBe(303);
    const again = await reviewer.submit({
      page: `/admin/applications/${id}`,
      action: `/admin/applications/${id}/approve`,
      fields: { confirm: 'yes' },
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
    const after = await mailTo(valid.contact_email);
    expect(after).toHaveLength(mailsBefore + 1);
    const mail = after.at(-1)!;
    expect(mail.indexOf('ha aceptado la solicitud')).toBeGreaterThan(0);
    expect(mail.indexOf('/es/account/set-password?token=')).toBeGreaterThan(mail.indexOf('ha aceptado la solicitud'));
    expect(mail).toContain('http://platform.test/es/partners/red-andina-por-el-trabajo-decente');
    expect((await new TestClient(server.app).get(standing)).body).toMatch(/<strong>Aceptada<\/strong>/);
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
    const mail = (await mailTo('other@red-andina.example.org')).at(-1)!;
    expect(mail).toContain('Duplicate of an approved application.');
    const audit = await database.pool.query<{ action: string; entity_id: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'partner_application' AND after->>'name' IS DISTINCT FROM 'Sin Sitio Web' ORDER BY id`,
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
    const home = await reviewer.get('/admin');
    // "Sin Sitio Web" waits; the unconfirmed ones do not count.
    expect(home.body).toContain('1 candidature à examiner');
  });
});
