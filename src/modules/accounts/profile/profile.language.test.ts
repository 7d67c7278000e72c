import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';
import { issueSignInLink } from '../index.ts';

const platform = useTestApp();

/** The `href` of each link of the page's language switcher, by language. */
function languageLinks(body: string): Record<string, string> {
  const switcher = /<nav class="languages"[^>]*>([\s\S]*?)<\/nav>/.exec(body)?.[1] ?? '';
  return Object.fromEntries(
    [...switcher.matchAll(/<a href="([^"]+)" hreflang="(\w+)"/g)].map((match) => [match[2]!, match[1]!]),
  );
}

describe('a one-time link’s page', () => {
  it('keeps the token when read in another language, in the switcher only, and sends no Referer', async () => {
    const person = await createTestUser({ database: platform.database, locale: 'es', name: 'Lucía Pérez' });
    const link = await issueSignInLink({
      db: platform.database.db,
      userId: person.id,
      publicUrl: 'http://platform.test',
      actor: { id: null, label: 'cli' },
    });
    const path = link.replace('http://platform.test', '');
    const token = new URL(link).searchParams.get('token')!;
    expect(path).toBe(`/es/account/set-password?token=${token}`);

    const visitor = new TestClient(platform.server.app);
    const spanish = await visitor.get(path);
    expect(spanish.statusCode).toBe(200);
    expect(spanish.headers['referrer-policy']).toBe('no-referrer');
    expect(languageLinks(spanish.body)).toEqual({
      fr: `/fr/account/set-password?token=${token}`,
      en: `/en/account/set-password?token=${token}`,
      es: `/es/account/set-password?token=${token}`,
    });
    // Addresses meant for search engines never carry it.
    const tokenOccurrences = spanish.body.split(token).length - 1;
    // Three switcher links and the form's hidden field.
    expect(tokenOccurrences).toBe(4);
    expect(spanish.body).toContain('<link rel="canonical" href="http://platform.test/es/account/set-password">');

    // Following the French link: the same form, in French, still holding the token.
    const french = await visitor.get(languageLinks(spanish.body).fr!);
    expect(french.statusCode).toBe(200);
    expect(french.body).toContain('<html lang="fr"');
    expect(french.body).toContain('Choisissez votre mot de passe');
    expect(french.body).toContain(`name="token" value="${token}"`);

    // Sent with a mistake, the form comes back with a switcher that still keeps the token.
    const mistaken = await visitor.submit({
      page: languageLinks(spanish.body).fr!,
      fields: { token, password: 'short', password_confirm: 'short' },
    });
    expect(mistaken.statusCode).toBe(400);
    expect(languageLinks(mistaken.body).en).toBe(`/en/account/set-password?token=${token}`);
  });

  it('keeps nothing when the link has expired', async () => {
    const page = await new TestClient(platform.server.app).get(
      '/en/account/set-password?token=not-a-token-of-ours-at-all',
    );
    expect(page.statusCode).toBe(410);
    expect(page.body).not.toContain('not-a-token-of-ours-at-all');
    expect(languageLinks(page.body).fr).toBe('/fr/account/set-password');
  });
});

/** The fields of the back office's language switcher on a page. */
function switcher(body: string) {
  const form =
    /<nav class="languages"[^>]*><form method="post" action="\/admin\/language">([\s\S]*?)<\/form><\/nav>/.exec(
      body,
    )?.[1];
  return {
    found: form !== undefined,
    back: /name="back" value="([^"]*)"/.exec(form ?? '')?.[1],
    buttons: [...(form ?? '').matchAll(/<button type="submit" name="locale" value="(\w+)" lang="\w+">([^<]+)</g)].map(
      (match) => `${match[1]}:${match[2]}`,
    ),
    current: /<span class="current" lang="(\w+)" aria-current="true">/.exec(form ?? '')?.[1],
  };
}

async function localeOf(userId: number): Promise<string> {
  const result = await platform.database.pool.query<{ locale: string }>(`SELECT locale FROM users WHERE id = $1`, [
    userId,
  ]);
  return result.rows[0]!.locale;
}

describe('the back office’s language switcher', () => {
  it('shows the other languages by their own names, and puts the back office in the chosen one', async () => {
    const person = await createTestUser({
      database: platform.database,
      roles: [{ role: 'gcg_member' }],
      locale: 'es',
      name: 'Rosa Díaz',
    });
    const client = new TestClient(platform.server.app);
    await client.signIn({ email: person.email, locale: 'es' });

    const spanish = await client.get('/admin?from=switcher');
    expect(spanish.body).toContain('<html lang="es"');
    expect(switcher(spanish.body)).toEqual({
      found: true,
      back: '/admin?from=switcher',
      buttons: ['fr:Français', 'en:English'],
      current: 'es',
    });
    expect(spanish.body).toContain('<nav class="languages" aria-label="Idioma">');

    const chosen = await client.submit({
      page: '/admin',
      action: '/admin/language',
      fields: { locale: 'en', back: '/admin?from=switcher' },
    });
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe('/admin?from=switcher');
    const english = await client.get('/admin');
    expect(english.body).toContain('<html lang="en"');
    expect(english.body).toContain('Nothing is waiting for you.');
    expect(switcher(english.body).current).toBe('en');
    // Kept on the account (so the person's e-mails follow it), and recorded.
    expect(await localeOf(person.id)).toBe('en');
    const audit = await platform.database.pool.query<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_log WHERE action = 'accounts.profile_updated' AND entity_id = $1`,
      [String(person.id)],
    );
    expect(audit.rows.map((row) => [row.before, row.after])).toEqual([
      [
        { name: 'Rosa Díaz', locale: 'es' },
        { name: 'Rosa Díaz', locale: 'en' },
      ],
    ]);
  });

  it('comes back only to a back-office page, and refuses what is not a language or not from the platform', async () => {
    const person = await createTestUser({
      database: platform.database,
      roles: [{ role: 'data_editor' }],
      locale: 'fr',
    });
    const client = new TestClient(platform.server.app);
    await client.signIn({ email: person.email, locale: 'fr' });
    const choose = (fields: Record<string, string>, csrf?: string) =>
      client.submit({ page: '/admin', action: '/admin/language', fields, ...(csrf === undefined ? {} : { csrf }) });

    for (const elsewhere of [
      'https://elsewhere.example/admin',
      '//elsewhere.example/',
      '/fr/about',
      '/administration',
    ]) {
      const response = await choose({ locale: 'fr', back: elsewhere });
      expect(response.headers.location, elsewhere).toBe('/admin');
    }
    const unknown = await choose({ locale: 'de', back: '/admin' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('<html lang="fr"');
    const forged = await choose({ locale: 'es', back: '/admin' }, 'not-the-token');
    expect(forged.statusCode).toBe(403);
    expect(await localeOf(person.id)).toBe('fr');
  });

  it('brings a page that answered a form back to its menu entry, not to the form’s address', async () => {
    const person = await createTestUser({
      database: platform.database,
      roles: [{ role: 'secretariat' }],
      totp: true,
      locale: 'en',
    });
    const client = new TestClient(platform.server.app);
    await client.signIn({ email: person.email, totpSecret: person.totpSecret });
    const refused = await client.submit({ page: '/admin/users/invite', fields: { email: 'not an address' } });
    expect(refused.statusCode).toBe(400);
    expect(switcher(refused.body).back).toBe('/admin/users');
  });
});
