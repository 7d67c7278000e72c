import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../testing/test-users.ts';
import { issueSignInLink } from './index.ts';

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
