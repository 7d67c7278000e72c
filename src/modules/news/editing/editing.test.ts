import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';

const platform = useTestApp();
let secretariat: TestClient;

const visit = (url: string, headers: Record<string, string> = {}) => platform.server.app.inject({ url, headers });

async function rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await platform.database.pool.query(sql, values)).rows as T[];
}

async function createStory(client: TestClient, fields: Record<string, string>): Promise<number> {
  const created = await client.submit({ page: '/admin/news', fields });
  expect(created.statusCode).toBe(303);
  return Number(/\/admin\/news\/(\d+)/.exec(String(created.headers.location))![1]);
}

async function saveText(client: TestClient, id: number, locale: string, fields: Record<string, string>) {
  return client.submit({
    page: `/admin/news/${id}/${locale}`,
    fields: { intent: 'save', lead: '', body: '', ...fields },
  });
}

async function sendImage(client: TestClient, id: number, file: { name: string; type: string; content: Buffer }) {
  return client.upload({
    page: `/admin/news/${id}`,
    action: `/admin/news/${id}/image`,
    file: { field: 'image', ...file },
  });
}

async function publish(
  client: TestClient,
  id: number,
  fields: Record<string, string> = { when: 'now', confirm: 'yes' },
) {
  return client.submit({ page: `/admin/news/${id}`, action: `/admin/news/${id}/publish`, fields });
}

async function photo(width: number, height: number, format: 'jpeg' | 'png'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: '#7a4b2a' } });
  return (format === 'jpeg' ? image.jpeg() : image.png()).toBuffer();
}

beforeAll(async () => {
  const admin = await createTestUser({ database: platform.database, roles: [{ role: 'secretariat' }], totp: true });
  secretariat = new TestClient(platform.server.app);
  await secretariat.signIn({ email: admin.email, totpSecret: admin.totpSecret });
});

describe('writing a story', () => {
  it('previews the text without saving it, then keeps it as a draft visitors do not see', async () => {
    const id = await createStory(secretariat, { slug: 'preview-story' });
    const fields = { title: 'Fishing fleets', lead: 'At sea.', body: '## On board\n\nCrews speak.', image_alt: '' };
    const preview = await secretariat.submit({
      page: `/admin/news/${id}/en`,
      fields: { ...fields, intent: 'preview' },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<h2 id="on-board">On board</h2>');
    expect(preview.body).toContain('value="Fishing fleets"');
    expect(await rows(`SELECT * FROM news_story_translations WHERE story_id = $1`, [id])).toEqual([]);
    expect((await saveText(secretariat, id, 'en', fields)).statusCode).toBe(303);
    expect((await visit('/en/news/preview-story')).statusCode).toBe(404);
    expect((await visit('/en/news')).body).not.toContain('Fishing fleets');
    const list = await secretariat.get('/admin/news?status=draft');
    expect(list.body).toContain(`<a href="/admin/news/${id}">Fishing fleets</a>`);
  });

  it('refuses a taken address and an empty title, next to the field, keeping what was typed', async () => {
    await createStory(secretariat, { slug: 'taken-story' });
    const again = await secretariat.submit({ page: '/admin/news', fields: { slug: 'taken-story' } });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Another story has this address.');
    expect(again.body).toContain('value="taken-story"');
    const id = await createStory(secretariat, { slug: 'untitled-story' });
    const empty = await saveText(secretariat, id, 'fr', { title: ' ', body: 'Texte gardé' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Texte gardé');
  });

  it('asks before publishing and refuses a story without text', async () => {
    const id = await createStory(secretariat, { slug: 'empty-story' });
    const unconfirmed = await publish(secretariat, id, { when: 'now' });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('Tick the box to confirm.');
    const noText = await publish(secretariat, id);
    expect(noText.statusCode).toBe(400);
    expect(noText.body).toContain('Write the story in at least one language before publishing it.');
  });

  it('takes a published story off the site after asking, and records each step', async () => {
    const id = await createStory(secretariat, { slug: 'short-lived' });
    await saveText(secretariat, id, 'es', { title: 'Breve', lead: 'Corta.' });
    expect((await publish(secretariat, id)).statusCode).toBe(303);
    expect((await visit('/es/news/short-lived')).statusCode).toBe(200);
    const unconfirmed = await secretariat.submit({
      page: `/admin/news/${id}`,
      action: `/admin/news/${id}/unpublish`,
      fields: {},
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect((await visit('/es/news/short-lived')).statusCode).toBe(200);
    const off = await secretariat.submit({
      page: `/admin/news/${id}`,
      action: `/admin/news/${id}/unpublish`,
      fields: { confirm: 'yes' },
    });
    expect(off.statusCode).toBe(303);
    expect((await visit('/es/news/short-lived')).statusCode).toBe(404);
    const audit = await rows<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_log WHERE entity_type = 'news_story' AND entity_id LIKE 'short-lived%' ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: 'news.story_created', entity_id: 'short-lived' },
      { action: 'news.story_text_saved', entity_id: 'short-lived/es' },
      { action: 'news.story_published', entity_id: 'short-lived' },
      { action: 'news.story_unpublished', entity_id: 'short-lived' },
    ]);
    const log = await secretariat.get('/admin/audit');
    expect(log.body).toContain('took the story short-lived off the site');
  });
});

describe('a story’s image', () => {
  let id: number;
  beforeAll(async () => {
    id = await createStory(secretariat, { slug: 'kiln-photo' });
    await saveText(secretariat, id, 'fr', { title: 'Un four', image_alt: '' });
  });

  it('refuses a text file named .jpg, and a file larger than 5 MB, saying why', async () => {
    const text = await sendImage(secretariat, id, {
      name: 'photo.jpg',
      type: 'image/jpeg',
      content: Buffer.from('not a picture at all'),
    });
    expect(text.statusCode).toBe(400);
    expect(text.body).toContain('This file is not a JPEG, PNG or WebP image.');
    const large = await sendImage(secretariat, id, {
      name: 'huge.png',
      type: 'image/png',
      content: Buffer.alloc(6 * 1024 * 1024, 1),
    });
    expect(large.statusCode).toBe(400);
    expect(large.body).toContain('The image is larger than 5 MB.');
    expect(await rows(`SELECT width FROM news_images WHERE story_id = $1`, [id])).toEqual([]);
  });

  it('makes 480, 800 and 1200 pixel wide WebP images of a large photo, never wider than it', async () => {
    const sent = await sendImage(secretariat, id, {
      name: 'kiln.jpg',
      type: 'image/jpeg',
      content: await photo(1600, 900, 'jpeg'),
    });
    expect(sent.statusCode).toBe(303);
    const images = await rows<{ width: number; height: number; image: Buffer }>(
      `SELECT width, height, image FROM news_images WHERE story_id = $1 ORDER BY width`,
      [id],
    );
    expect(images.map(({ width, height }) => [width, height])).toEqual([
      [480, 270],
      [800, 450],
      [1200, 675],
    ]);
    for (const image of images) expect((await sharp(image.image).metadata()).format).toBe('webp');

    const small = await createStory(secretariat, { slug: 'small-photo' });
    await sendImage(secretariat, small, {
      name: 'small.png',
      type: 'image/png',
      content: await photo(300, 200, 'png'),
    });
    expect(await rows(`SELECT width, height FROM news_images WHERE story_id = $1`, [small])).toEqual([
      { width: 300, height: 200 },
    ]);
  });

  it('needs its description in each language before the story is published', async () => {
    const refused = await saveText(secretariat, id, 'fr', { title: 'Un four', image_alt: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Describe the image: the story has one.');
    // A text saved before the image came has no description: publishing says so.
    const blocked = await publish(secretariat, id);
    expect(blocked.statusCode).toBe(400);
    expect(blocked.body).toContain('Describe the image in each language the story has before publishing it.');
    expect(
      (await saveText(secretariat, id, 'fr', { title: 'Un four', image_alt: 'Un four à briques fumant' })).statusCode,
    ).toBe(303);
    expect((await publish(secretariat, id)).statusCode).toBe(303);
  });

  it('is served to visitors in a responsive srcset, cached for a year at its version', async () => {
    const [story] = await rows<{ image_version: string }>(`SELECT image_version FROM news_stories WHERE id = $1`, [id]);
    const version = story!.image_version;
    const page = await visit('/fr/news/kiln-photo');
    expect(page.body).toContain(
      `srcset="/media/news/${id}/480?v=${version} 480w, /media/news/${id}/800?v=${version} 800w, /media/news/${id}/1200?v=${version} 1200w"`,
    );
    expect(page.body).toContain('sizes="(min-width: 48rem) 46rem, 100vw"');
    expect(page.body).toContain('alt="Un four à briques fumant"');
    const image = await visit(`/media/news/${id}/800?v=${version}`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await visit(`/media/news/${id}/800?v=old`)).headers['cache-control']).toBe('no-cache');
    expect((await visit(`/media/news/${id}/640`)).statusCode).toBe(404);
  });

  it('of a story not yet public is shown to its editors only', async () => {
    const draft = await createStory(secretariat, { slug: 'draft-photo' });
    await sendImage(secretariat, draft, { name: 'd.png', type: 'image/png', content: await photo(500, 500, 'png') });
    expect((await visit(`/media/news/${draft}/480`)).statusCode).toBe(404);
    const own = await secretariat.get(`/media/news/${draft}/480`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
  });
});

describe('a partner’s proposal', () => {
  let representative: TestClient;
  let other: TestClient;
  let representativeEmail: string;
  let id: number;

  beforeAll(async () => {
    const organizations = await rows<{ id: number; slug: string }>(
      `INSERT INTO organizations (slug, name, kind, status) VALUES
         ('brick-union', 'Brick Union', 'workers_org', 'active'),
         ('sea-watch', 'Sea Watch', 'civil_society', 'active'),
         ('gone-org', 'Gone Org', 'academic', 'withdrawn')
       RETURNING id, slug`,
    );
    const [union, sea, gone] = organizations;
    const person = await createTestUser({
      database: platform.database,
      locale: 'es',
      roles: [
        { role: 'partner_rep', organizationId: union!.id },
        { role: 'partner_rep', organizationId: gone!.id },
      ],
    });
    representativeEmail = person.email;
    representative = new TestClient(platform.server.app);
    await representative.signIn({ email: person.email });
    const stranger = await createTestUser({
      database: platform.database,
      roles: [{ role: 'partner_rep', organizationId: sea!.id }],
    });
    other = new TestClient(platform.server.app);
    await other.signIn({ email: stranger.email });
  });

  it('starts from the organization’s page, for an active organization of theirs only', async () => {
    const page = await representative.get('/admin/organizations/brick-union');
    expect(page.body).toContain('<a href="/admin/news#new-story-heading">Proponer una noticia</a>');
    const form = await representative.get('/admin/news');
    expect(form.body).toContain('<option value="brick-union" selected>Brick Union</option>');
    expect(form.body).not.toContain('gone-org');
    const inactive = await representative.submit({
      page: '/admin/news',
      fields: { slug: 'gone-story', organization: 'gone-org' },
    });
    expect(inactive.statusCode).toBe(400);
    expect(inactive.body).toContain('Solo un socio activo puede proponer noticias.');
    const notTheirs = await representative.submit({
      page: '/admin/news',
      fields: { slug: 'sea-story', organization: 'sea-watch' },
    });
    expect(notTheirs.statusCode).toBe(403);
    id = await createStory(representative, { slug: 'union-story', organization: 'brick-union' });
    expect(
      (await saveText(representative, id, 'es', { title: 'Sindicatos contra el trabajo forzoso' })).statusCode,
    ).toBe(303);
    expect(await rows(`SELECT status, submitter_locale FROM news_stories WHERE id = $1`, [id])).toEqual([
      { status: 'submitted', submitter_locale: 'es' },
    ]);
  });

  it('waits on the Secretariat’s home; another partner can neither read nor change it', async () => {
    const home = await secretariat.get('/admin');
    expect(home.body).toContain('<a href="/admin/news?status=submitted">1 story proposed by a partner to review</a>');
    expect((await other.get(`/admin/news/${id}`)).statusCode).toBe(403);
    expect((await saveText(other, id, 'en', { title: 'Taken over' })).statusCode).toBe(403);
    expect((await other.get('/admin/news')).body).not.toContain('Sindicatos');
    expect((await representative.get('/admin/news')).body).toContain('Sindicatos contra el trabajo forzoso');
    // Publishing is the Secretariat's.
    expect((await publish(representative, id)).statusCode).toBe(403);
  });

  it('declined with a reason: the partner is told in their language and may propose it again', async () => {
    const declined = await secretariat.submit({
      page: `/admin/news/${id}`,
      action: `/admin/news/${id}/decline`,
      fields: { reason: 'Falta la fuente de las cifras.' },
    });
    expect(declined.statusCode).toBe(303);
    const mail = await rows<{ subject: string; body_text: string; locale: string }>(
      `SELECT subject, body_text, locale FROM mail_outbox WHERE to_address = $1 AND kind = 'news.story_declined'`,
      [representativeEmail],
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Su noticia no se ha publicado');
    expect(mail[0]!.locale).toBe('es');
    expect(mail[0]!.body_text).toContain('«Sindicatos contra el trabajo forzoso»');
    expect(mail[0]!.body_text).toContain('Motivo: Falta la fuente de las cifras.');
    expect((await representative.get(`/admin/news/${id}`)).body).toContain(
      'Motivo dado: Falta la fuente de las cifras.',
    );
    expect(
      (
        await saveText(representative, id, 'es', {
          title: 'Sindicatos contra el trabajo forzoso',
          lead: 'Según la OIT.',
        })
      ).statusCode,
    ).toBe(303);
    expect(await rows(`SELECT status FROM news_stories WHERE id = $1`, [id])).toEqual([{ status: 'submitted' }]);
  });

  it('once published, is the Secretariat’s alone', async () => {
    expect((await publish(secretariat, id)).statusCode).toBe(303);
    expect((await visit('/es/news/union-story')).body).toContain('Sindicatos contra el trabajo forzoso');
    expect((await representative.get(`/admin/news/${id}`)).statusCode).toBe(403);
    expect((await saveText(representative, id, 'es', { title: 'Changed after' })).statusCode).toBe(403);
    expect((await secretariat.get('/admin')).body).not.toContain('proposed by a partner');
  });
});

describe('the translation status of stories', () => {
  it('lists the languages a story lacks, and those older than the language it was first written in', async () => {
    const id = await createStory(secretariat, { slug: 'translated-story' });
    await saveText(secretariat, id, 'fr', { title: 'Récit traduit' });
    await saveText(secretariat, id, 'en', { title: 'Translated story' });
    let status = await secretariat.get('/admin/translations');
    let spanish = status.body.slice(status.body.indexOf('id="translations-es"'));
    expect(spanish).toContain(`<a href="/admin/news/${id}/es">Translated story</a>`);
    // A story with no text yet has nothing to translate.
    expect(spanish).not.toContain('empty-story');
    let english = status.body.slice(
      status.body.indexOf('id="translations-en"'),
      status.body.indexOf('id="translations-es"'),
    );
    expect(english).not.toContain('translated-story');

    // The French text changes: the English one is now behind it.
    await saveText(secretariat, id, 'fr', { title: 'Récit traduit', body: 'Un paragraphe de plus.' });
    status = await secretariat.get('/admin/translations');
    english = status.body.slice(
      status.body.indexOf('id="translations-en"'),
      status.body.indexOf('id="translations-es"'),
    );
    expect(english).toContain('News stories');
    expect(english).toContain(`<a href="/admin/news/${id}/en">Translated story</a>`);
    expect(english).toContain('1 story whose text is older than its source');
    expect(english).toContain('source: Français');
    const overview = await secretariat.get(`/admin/news/${id}`);
    expect(overview.body).toContain('Older than the Français text: to be brought up to date.');

    await saveText(secretariat, id, 'en', { title: 'Translated story', body: 'One more paragraph.' });
    status = await secretariat.get('/admin/translations');
    english = status.body.slice(
      status.body.indexOf('id="translations-en"'),
      status.body.indexOf('id="translations-es"'),
    );
    expect(english).not.toContain(`/admin/news/${id}/en`);
    spanish = status.body.slice(status.body.indexOf('id="translations-es"'));
    expect(spanish).toContain(`/admin/news/${id}/es`);
  });
});
