import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../../server.ts';
import { startSmtpPeer } from '../../../testing/smtp-peer.ts';
import { createTestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { confirmThroughLink } from '../../../testing/test-mail.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';

let database: TestDatabase;
let server: Server;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let reviewer: TestClient;

/** A complete expression of interest; each test gives it its own country and address. */
function interest(input: { country: string; email: string }): Record<string, string> {
  return {
    country: input.country,
    reasons: 'Child labour in cocoa farming is still widespread and we want to end it faster.',
    commitment: 'The government commits to a national action plan with a budget of its own.',
    recent_successes: 'A law of 2021 raised the minimum age for hazardous work to 18.',
    focal_point_name: 'Ama Mensah',
    focal_point_title: 'Director of Labour Inspection',
    focal_point_ministry: 'Ministry of Employment',
    focal_point_email: input.email,
  };
}

/** A small but whole PDF document: header, one object, cross-reference table, trailer. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n' +
    'trailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n44\n%%EOF\n',
  'latin1',
);

const NO_FILE = { name: '', content: Buffer.alloc(0) };

/** Sends the form as a browser does (multipart, with or without a letter). */
function send(
  client: TestClient,
  input: {
    locale?: string;
    fields: Record<string, string>;
    letter?: { name: string; content: Buffer };
    page?: string;
  },
) {
  const locale = input.locale ?? 'en';
  const letter = input.letter ?? NO_FILE;
  return client.upload({
    page: input.page ?? `/${locale}/pathfinders/apply`,
    action: `/${locale}/pathfinders/apply`,
    fields: input.fields,
    file: { field: 'letter', name: letter.name, type: 'application/pdf', content: letter.content },
  });
}

async function query<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await database.pool.query(sql, values)).rows as T[];
}

/** The messages delivered to an address so far (through the SMTP peer), oldest first. */
async function mailTo(address: string): Promise<{ subject: string; text: string }[]> {
  await server.mailer.deliverDue();
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const waiting = await database.pool.query(`SELECT 1 FROM mail_outbox WHERE status IN ('queued', 'failed')`);
    if (waiting.rows.length === 0) break;
    await server.mailer.deliverDue();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // The outbox keeps the subject; the text (with its links, which the outbox hides once sent) is the one delivered.
  const delivered = smtp.received.filter((message) => message.to.includes(address));
  const written = await query<{ subject: string }>(
    `SELECT subject FROM mail_outbox WHERE to_address = $1 ORDER BY sent_at, id`,
    [address],
  );
  expect(delivered).toHaveLength(written.length);
  return written.map((mail, index) => ({ subject: mail.subject, text: delivered[index]!.text }));
}

/** The confirmation link of the newest message to an address, as a path. */
async function linkTo(address: string): Promise<string> {
  const pattern = /http:\/\/platform\.test(\/(?:fr|en|es)\/confirm\?token=[\w-]+)/;
  const link = pattern.exec((await mailTo(address)).at(-1)?.text ?? '')?.[1];
  if (!link) throw new Error(`no confirmation link for ${address}`);
  return link;
}

/** Sends an interest and confirms its address: it reaches the Secretariat. Returns its id. */
async function sendAndConfirm(input: {
  country: string;
  email: string;
  locale?: string;
  letter?: { name: string; content: Buffer };
}) {
  const client = new TestClient(server.app);
  const sent = await send(client, { locale: input.locale, fields: interest(input), letter: input.letter });
  expect(sent.statusCode).toBe(303);
  const confirmed = await confirmThroughLink(client, await linkTo(input.email));
  expect(confirmed.statusCode).toBe(303);
  const [row] = await query<{ id: number }>(`SELECT id FROM pathfinder_interests WHERE focal_point_email = $1`, [
    input.email,
  ]);
  return row!.id;
}

async function countInterests(): Promise<number> {
  return Number((await query<{ n: string }>(`SELECT count(*) AS n FROM pathfinder_interests`))[0]!.n);
}

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpPeer();
  server = await createTestApp({ database, config: { SMTP_URL: smtp.url } });
  const secretariat = await createTestUser({
    database,
    roles: [{ role: 'secretariat' }],
    totp: true,
    name: 'Sec Retariat',
  });
  reviewer = new TestClient(server.app);
  await reviewer.signIn({ email: secretariat.email, totpSecret: secretariat.totpSecret });
});

afterAll(async () => {
  await server?.close();
  await smtp?.close();
  await database?.close();
});

describe('the expression of interest form', () => {
  it('has the published field names, countries named in the reader’s language, and is linked from the list', async () => {
    const form = await server.app.inject({ url: '/fr/pathfinders/apply' });
    expect(form.statusCode).toBe(200);
    for (const name of [
      'country',
      'reasons',
      'commitment',
      'recent_successes',
      'focal_point_name',
      'focal_point_title',
      'focal_point_ministry',
      'focal_point_email',
      'letter',
    ]) {
      expect(form.body).toContain(`name="${name}"`);
    }
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toMatch(/<option value="DEU">[^<]*Allemagne<\/option>/);
    const list = await server.app.inject({ url: '/fr/pathfinders' });
    expect(list.body).toContain('href="/fr/pathfinders/apply"');
  });

  it('refuses each missing part with its own message, keeps everything typed, and records nothing', async () => {
    const before = await countInterests();
    const full = interest({ country: 'GHA', email: 'ama@labour.example.gov' });
    const messages: Record<string, string> = {
      country: 'Choose the country that expresses its interest.',
      reasons: 'Give the reasons for your country’s interest.',
      commitment: 'Say how your country commits to step up its efforts towards target 8.7.',
      recent_successes: 'Describe your country’s recent successes and earlier national initiatives.',
      focal_point_name: 'Give the name of the official nominated as focal point.',
      focal_point_title: 'Give the title of the official nominated as focal point.',
      focal_point_ministry: 'Give the ministry of the official nominated as focal point.',
      focal_point_email: 'Give the e-mail address of the official nominated as focal point.',
    };
    for (const [missing, message] of Object.entries(messages)) {
      const response = await send(new TestClient(server.app), { fields: { ...full, [missing]: '' } });
      expect(response.statusCode, missing).toBe(400);
      expect(response.body).toContain(`<p class="error" id="field-${missing}-error">${message}</p>`);
      for (const other of Object.keys(messages).filter((name) => name !== missing)) {
        expect(response.body.match(/<p class="error"/g)?.length, missing).toBe(1);
        if (other !== 'country') expect(response.body, `${missing} keeps ${other}`).toContain(full[other]!);
      }
      if (missing !== 'country') expect(response.body).toContain('<option value="GHA" selected>');
    }
    const french = await send(new TestClient(server.app), { locale: 'fr', fields: { ...full, commitment: '' } });
    expect(french.body).toContain('Dites comment votre pays s’engage à intensifier ses efforts vers la cible 8.7.');
    expect(await countInterests()).toBe(before);
    expect(await mailTo('ama@labour.example.gov')).toEqual([]);
  });

  it('mails only the fixed confirmation text, keeps the interest from the Secretariat until the address is confirmed', async () => {
    const email = 'kofi@labour.example.gov';
    const client = new TestClient(server.app);
    const sent = await send(client, { fields: interest({ country: 'GHA', email }) });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/en/confirm/sent');
    const [row] = await query<{ id: number; status: string }>(
      `SELECT id, status FROM pathfinder_interests WHERE focal_point_email = $1`,
      [email],
    );
    expect(row!.status).toBe('unconfirmed');
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Confirm your e-mail address for Alliance 8.7');
    expect(mails[0]!.text).toContain('an expression of interest in becoming a pathfinder country of Alliance 8.7');
    expect(mails[0]!.text).not.toContain('Ama Mensah');
    expect(mails[0]!.text).not.toContain('cocoa');
    expect((await reviewer.get(`/admin/pathfinders/interests/${row!.id}`)).statusCode).toBe(404);
    expect((await reviewer.get('/admin/pathfinders/interests')).body).toContain('No expression of interest here.');
    expect(await query(`SELECT 1 FROM audit_log WHERE action = 'pathfinders.interest_submitted'`)).toEqual([]);

    const confirmed = await confirmThroughLink(client, await linkTo(email));
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/en/pathfinders/apply/confirmed');
    const thanks = await client.get('/en/pathfinders/apply/confirmed');
    expect(thanks.body).toContain('the expression of interest is now with the Secretariat');
    const queue = await reviewer.get('/admin/pathfinders/interests');
    expect(queue.body).toContain(`href="/admin/pathfinders/interests/${row!.id}">Ghana</a>`);
    expect((await reviewer.get('/admin/')).body).toContain('1 expression of interest to review');
    const acknowledgement = (await mailTo(email)).at(-1)!;
    expect(acknowledgement.subject).toBe('Your expression of interest to Alliance 8.7 is received');
    expect(acknowledgement.text).toContain(`Hello Ama Mensah,`);
    expect(acknowledgement.text).toContain(`The expression of interest of Ghana in becoming a pathfinder country`);
    expect(acknowledgement.text).toContain(`under the reference ${row!.id}.`);
    expect(
      await query(
        `SELECT actor_label FROM audit_log WHERE action = 'pathfinders.interest_submitted' AND entity_id = $1`,
        [String(row!.id)],
      ),
    ).toEqual([{ actor_label: email }]);
    await reviewer.submit({
      page: `/admin/pathfinders/interests/${row!.id}`,
      action: `/admin/pathfinders/interests/${row!.id}/decline`,
      fields: { reason: 'Kept out of the queue of the next tests.' },
    });
  });

  it('refuses a fourth confirmation mail to one address within the hour, keeping the form', async () => {
    const email = 'often@labour.example.gov';
    for (let round = 0; round < 3; round += 1) {
      expect((await send(new TestClient(server.app), { fields: interest({ country: 'TGO', email }) })).statusCode).toBe(
        303,
      );
    }
    const before = await countInterests();
    const refused = await send(new TestClient(server.app), { fields: interest({ country: 'TGO', email }) });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many requests for this address or from your connection.');
    expect(refused.body).toContain('Child labour in cocoa farming is still widespread');
    expect(await countInterests()).toBe(before);
  });
});

describe('drafts', () => {
  it('are saved without the required parts, resumed from a private link stored hashed, and sent from it', async () => {
    const client = new TestClient(server.app);
    const before = await query(`SELECT id FROM mail_outbox ORDER BY id`);
    const bad = await send(client, {
      fields: { reasons: 'Only the reasons so far.', focal_point_email: 'not-an-address', intent: 'draft' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<p class="error" id="field-focal_point_email-error">');
    expect(bad.body).toContain('Only the reasons so far.');
    expect(bad.body.match(/<p class="error"/g)).toHaveLength(1);

    const saved = await send(client, { fields: { reasons: 'Only the reasons so far.', intent: 'draft' } });
    expect(saved.statusCode).toBe(303);
    const location = String(saved.headers.location);
    const token = /^\/en\/pathfinders\/apply\/draft\?token=([\w-]{43})&saved=1$/.exec(location)?.[1];
    expect(token).toBeDefined();
    const [draft] = await query<{ id: number; status: string; draft_token_hash: string; reasons: string }>(
      `SELECT id, status, draft_token_hash, reasons FROM pathfinder_interests WHERE reasons = 'Only the reasons so far.'`,
    );
    expect(draft!.status).toBe('draft');
    expect(draft!.draft_token_hash).toBe(crypto.createHash('sha256').update(token!).digest('hex'));
    // Drafts send no mail: the private link is said on the page only.
    expect(await query(`SELECT id FROM mail_outbox ORDER BY id`)).toEqual(before);
    const page = await client.get(location);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The draft is saved.');
    expect(page.body).toContain(`http://platform.test/en/pathfinders/apply/draft?token=${token}`);
    expect(page.body).toContain('Only the reasons so far.');
    expect(page.body).toContain(`<input type="hidden" name="draft" value="${token}">`);

    const resumed = await client.get(`/en/pathfinders/apply/draft?token=${token}`);
    expect(resumed.body).toContain('You are continuing your draft.');
    expect(resumed.body).not.toContain('The draft is saved.');
    const again = await send(client, {
      page: `/en/pathfinders/apply/draft?token=${token}`,
      fields: { reasons: 'The reasons, rewritten.', commitment: 'A commitment.', draft: token!, intent: 'draft' },
      letter: { name: 'letter.pdf', content: PDF },
    });
    expect(again.headers.location).toBe(`/en/pathfinders/apply/draft?token=${token}&saved=1`);
    const kept = await client.get(`/en/pathfinders/apply/draft?token=${token}`);
    expect(kept.body).toContain('The reasons, rewritten.');
    expect(kept.body).toContain('Already attached: letter.pdf (0.1 MB); a new file replaces it.');
    expect(await query(`SELECT count(*)::int AS n FROM pathfinder_interests WHERE status = 'draft'`)).toEqual([
      { n: 1 },
    ]);

    const email = 'draft@labour.example.gov';
    const sent = await send(client, {
      page: `/en/pathfinders/apply/draft?token=${token}`,
      fields: { ...interest({ country: 'BEN', email }), draft: token! },
    });
    expect(sent.statusCode).toBe(303);
    const [row] = await query<{ id: number; status: string; draft_token_hash: string | null }>(
      `SELECT id, status, draft_token_hash FROM pathfinder_interests WHERE focal_point_email = $1`,
      [email],
    );
    expect(row).toEqual({ id: draft!.id, status: 'unconfirmed', draft_token_hash: null });
    expect(
      await query(`SELECT file_name FROM pathfinder_interest_letters WHERE interest_id = $1`, [draft!.id]),
    ).toEqual([{ file_name: 'letter.pdf' }]);
    expect((await client.get(`/en/pathfinders/apply/draft?token=${token}`)).statusCode).toBe(410);
    expect((await client.get('/en/pathfinders/apply/draft?token=nothing-of-the-kind-here-at-all')).statusCode).toBe(
      410,
    );
  });

  it('are limited per client address and per named address, the form kept', async () => {
    const client = new TestClient(server.app);
    await database.pool.query(
      `INSERT INTO pathfinder_interests (status, locale, created_ip) SELECT 'draft', 'en', $1 FROM generate_series(1, 10)`,
      [client.ip],
    );
    const refused = await send(client, { fields: { reasons: 'One draft too many.', intent: 'draft' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many drafts from your connection or for this address.');
    expect(refused.body).toContain('One draft too many.');

    const named = 'named@labour.example.gov';
    for (let round = 0; round < 3; round += 1) {
      const saved = await send(new TestClient(server.app), { fields: { focal_point_email: named, intent: 'draft' } });
      expect(saved.statusCode).toBe(303);
    }
    const fourth = await send(new TestClient(server.app), { fields: { focal_point_email: named, intent: 'draft' } });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.body).toContain(`value="${named}"`);
  });
});

describe('the official letter', () => {
  it('is refused when it is not a PDF whatever its name, or larger than 5 MB, the form kept', async () => {
    const before = await countInterests();
    const fields = interest({ country: 'CIV', email: 'letter@labour.example.gov' });
    const notPdf = await send(new TestClient(server.app), {
      fields,
      letter: { name: 'letter.pdf', content: Buffer.from('<html>not a letter</html>') },
    });
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.body).toContain(
      '<p class="error" id="field-letter-error">This file is not a PDF document. Choose the letter as a PDF file.</p>',
    );
    expect(notPdf.body).toContain('Ama Mensah');
    const cut = await send(new TestClient(server.app), {
      fields,
      letter: { name: 'letter.pdf', content: PDF.subarray(0, 60) },
    });
    expect(cut.statusCode).toBe(400);
    const large = Buffer.concat([PDF.subarray(0, 9), Buffer.alloc(5 * 1024 * 1024), PDF.subarray(9)]);
    const tooLarge = await send(new TestClient(server.app), { fields, letter: { name: 'letter.pdf', content: large } });
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.body).toContain('This file is larger than 5 MB. Choose a smaller PDF file.');
    expect(await countInterests()).toBe(before);
  });

  it('is kept in the database and downloaded by the Secretariat as it was sent', async () => {
    const id = await sendAndConfirm({
      country: 'SEN',
      email: 'with-letter@labour.example.gov',
      letter: { name: 'Lettre officielle.pdf', content: PDF },
    });
    const review = await reviewer.get(`/admin/pathfinders/interests/${id}`);
    expect(review.body).toContain(`<a href="/admin/pathfinders/interests/${id}/letter">Lettre officielle.pdf</a>`);
    const letter = await reviewer.get(`/admin/pathfinders/interests/${id}/letter`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.headers['content-disposition']).toBe(
      `attachment; filename="Lettre officielle.pdf"; filename*=UTF-8''Lettre%20officielle.pdf`,
    );
    expect(letter.rawPayload.equals(PDF)).toBe(true);
    const none = await sendAndConfirm({ country: 'SEN', email: 'without-letter@labour.example.gov' });
    expect((await reviewer.get(`/admin/pathfinders/interests/${none}/letter`)).statusCode).toBe(404);
    for (const decided of [id, none]) {
      await reviewer.submit({
        page: `/admin/pathfinders/interests/${decided}`,
        action: `/admin/pathfinders/interests/${decided}/decline`,
        fields: { reason: 'Kept out of the queue of the next tests.' },
      });
    }
  });
});

describe('the Secretariat’s review', () => {
  it('accepts after asking: the country enters the path, the official becomes its focal point, the sender is told in their language', async () => {
    const email = 'yaa@travail.example.gov';
    const id = await sendAndConfirm({ country: 'BFA', email, locale: 'fr' });
    const asked = await reviewer.submit({
      page: `/admin/pathfinders/interests/${id}`,
      action: `/admin/pathfinders/interests/${id}/accept`,
      fields: {},
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Accept the expression of interest of Burkina Faso?');
    expect(asked.body).toContain('name="confirm" value="yes"');
    expect(await query(`SELECT 1 FROM pathfinder_countries WHERE iso3 = 'BFA'`)).toEqual([]);

    const accepted = await reviewer.submit({
      page: `/admin/pathfinders/interests/${id}`,
      action: `/admin/pathfinders/interests/${id}/accept`,
      fields: { confirm: 'yes' },
    });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`/admin/pathfinders/interests/${id}?done=accepted`);
    const today = new Date().toISOString().slice(0, 10);
    expect(await query(`SELECT stage FROM pathfinder_countries WHERE iso3 = 'BFA'`)).toEqual([
      { stage: 'interest_expressed' },
    ]);
    expect(
      await query(`SELECT from_stage, stage, on_date::text AS on_date FROM pathfinder_stage_moves WHERE iso3 = 'BFA'`),
    ).toEqual([{ from_stage: null, stage: 'interest_expressed', on_date: today }]);
    expect(
      await query(
        `SELECT f.name, f.title, f.ministry, f.email, u.email AS account
           FROM pathfinder_focal_points f JOIN users u ON u.id = f.user_id WHERE f.iso3 = 'BFA'`,
      ),
    ).toEqual([
      {
        name: 'Ama Mensah',
        title: 'Director of Labour Inspection',
        ministry: 'Ministry of Employment',
        email,
        account: email,
      },
    ]);
    expect(
      await query(
        `SELECT r.role, r.country FROM role_assignments r JOIN users u ON u.id = r.user_id
          WHERE u.email = $1 AND r.revoked_at IS NULL`,
        [email],
      ),
    ).toEqual([{ role: 'focal_point', country: 'BFA' }]);
    const mails = await mailTo(email);
    const told = mails.find(
      (mail) => mail.subject === 'Alliance 8.7 : la manifestation d’intérêt de Burkina Faso est acceptée',
    );
    expect(told?.text).toContain(`http://platform.test/fr/pathfinders/BFA`);
    expect(
      (
        await query<{ action: string }>(
          `SELECT action FROM audit_log WHERE action LIKE 'pathfinders.%' AND (entity_id = 'BFA' OR entity_id = $1) ORDER BY id`,
          [String(id)],
        )
      ).map((row) => row.action),
    ).toEqual([
      'pathfinders.interest_submitted',
      'pathfinders.country_added',
      'pathfinders.focal_point_appointed',
      'pathfinders.interest_accepted',
    ]);
    const review = await reviewer.get(`/admin/pathfinders/interests/${id}?done=accepted`);
    expect(review.body).toContain('The expression of interest is accepted');
    expect(review.body).not.toContain(`action="/admin/pathfinders/interests/${id}/accept"`);
    const twice = await reviewer.submit({
      page: `/admin/pathfinders/interests/${id}`,
      action: `/admin/pathfinders/interests/${id}/accept`,
      fields: { confirm: 'yes' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('This expression of interest has already been decided.');
  });

  it('brings a declined country back with a dated move, and refuses one already further along', async () => {
    for (const [country, stage] of [
      ['GMB', 'declined'],
      ['LBR', 'under_review'],
    ] as const) {
      const added = await reviewer.submit({
        page: '/admin/pathfinders',
        fields: { country, on_date: '2024-03-01', note: 'Letter of interest received' },
      });
      expect(added.statusCode).toBe(303);
      const moved = await reviewer.submit({
        page: `/admin/pathfinders/${country}`,
        action: `/admin/pathfinders/${country}/moves`,
        fields: { stage, on_date: '2024-06-01', note: 'Decided at the GCG meeting' },
      });
      expect(moved.statusCode).toBe(303);
    }
    const back = await sendAndConfirm({ country: 'GMB', email: 'back@labour.example.gov' });
    const accepted = await reviewer.submit({
      page: `/admin/pathfinders/interests/${back}`,
      action: `/admin/pathfinders/interests/${back}/accept`,
      fields: { confirm: 'yes' },
    });
    expect(accepted.statusCode).toBe(303);
    expect(await query(`SELECT from_stage, stage FROM pathfinder_stage_moves WHERE iso3 = 'GMB' ORDER BY id`)).toEqual([
      { from_stage: null, stage: 'interest_expressed' },
      { from_stage: 'interest_expressed', stage: 'declined' },
      { from_stage: 'declined', stage: 'interest_expressed' },
    ]);

    const further = await sendAndConfirm({ country: 'LBR', email: 'further@labour.example.gov' });
    const refused = await reviewer.submit({
      page: `/admin/pathfinders/interests/${further}`,
      action: `/admin/pathfinders/interests/${further}/accept`,
      fields: { confirm: 'yes' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('The country is already further along the path (current stage: Under review)');
    expect(await query(`SELECT status FROM pathfinder_interests WHERE id = $1`, [further])).toEqual([
      { status: 'submitted' },
    ]);
    expect(await query(`SELECT count(*)::int AS n FROM pathfinder_focal_points WHERE iso3 = 'LBR'`)).toEqual([
      { n: 0 },
    ]);
  });

  it('declines with a reason, told to the sender in their language', async () => {
    const email = 'rosa@trabajo.example.gov';
    const id = await sendAndConfirm({ country: 'GNQ', email, locale: 'es' });
    const empty = await reviewer.submit({
      page: `/admin/pathfinders/interests/${id}`,
      action: `/admin/pathfinders/interests/${id}/decline`,
      fields: { reason: '' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Give the reason, in at least 5 characters: the government is told.');
    const declined = await reviewer.submit({
      page: `/admin/pathfinders/interests/${id}`,
      action: `/admin/pathfinders/interests/${id}/decline`,
      fields: { reason: 'La carta oficial no está firmada por el ministerio.' },
    });
    expect(declined.statusCode).toBe(303);
    expect(declined.headers.location).toBe(`/admin/pathfinders/interests/${id}?done=declined`);
    expect(await query(`SELECT status, decline_reason FROM pathfinder_interests WHERE id = $1`, [id])).toEqual([
      { status: 'declined', decline_reason: 'La carta oficial no está firmada por el ministerio.' },
    ]);
    const told = (await mailTo(email)).at(-1)!;
    expect(told.subject).toBe('Alianza 8.7: la manifestación de interés de Guinea Ecuatorial');
    expect(told.text).toContain('La carta oficial no está firmada por el ministerio.');
    expect(await query(`SELECT 1 FROM pathfinder_countries WHERE iso3 = 'GNQ'`)).toEqual([]);
    expect(
      await query(`SELECT action FROM audit_log WHERE action = 'pathfinders.interest_declined' AND entity_id = $1`, [
        String(id),
      ]),
    ).toHaveLength(1);
  });
});
