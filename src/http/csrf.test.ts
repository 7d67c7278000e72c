import { describe, expect, it } from 'vitest';
import { createTestApp, useTestApp } from '../testing/test-app.ts';
import { createTestUser, TestClient, TEST_PASSWORD } from '../testing/test-users.ts';

const test = useTestApp();

const tokenOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;

describe('form tokens', () => {
  it('belong to the session: a token of another session, or of before the sign-in, is refused', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'gcg_member' }] });
    const visitor = new TestClient(test.server.app);
    const anonymousToken = tokenOf((await visitor.get('/en/sign-in')).body);
    await visitor.signIn({ email: person.email });
    const signedInToken = tokenOf((await visitor.get('/en/account')).body);
    expect(signedInToken).not.toBe(anonymousToken);

    const stale = await visitor.submit({
      page: '/en/account',
      csrf: anonymousToken,
      fields: { name: 'Changed', locale: 'en' },
    });
    expect(stale.statusCode).toBe(403);

    const other = new TestClient(test.server.app);
    await other.signIn({ email: person.email });
    const borrowed = await other.submit({
      page: '/en/account',
      csrf: signedInToken,
      fields: { name: 'Changed', locale: 'en' },
    });
    expect(borrowed.statusCode).toBe(403);

    const own = await visitor.submit({
      page: '/en/account',
      csrf: signedInToken,
      fields: { name: 'Changed', locale: 'en' },
    });
    expect(own.statusCode).toBe(303);

    // Signed out: the tokens of the session, and of the visitor before it, no longer work.
    await visitor.submit({ page: '/en/account', action: '/en/sign-out', fields: {} });
    for (const token of [signedInToken, anonymousToken]) {
      const after = await visitor.submit({
        page: '/en/sign-in',
        csrf: token,
        fields: { email: person.email, password: TEST_PASSWORD },
      });
      expect(after.statusCode).toBe(403);
    }
  });

  it('refuses a state-changing request another site sends, before reading its body', async () => {
    const client = new TestClient(test.server.app);
    const token = tokenOf((await client.get('/en/sign-in')).body);
    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const send = (headers: Record<string, string>) =>
      test.server.app.inject({
        method: 'POST',
        url: '/en/password/forgot',
        remoteAddress: client.ip,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: `_csrf=${encodeURIComponent(token)}&email=someone%40example.org`,
      });
    expect((await send({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await send({ 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    expect((await send({ origin: 'https://attacker.example' })).statusCode).toBe(403);
    expect((await send({ origin: 'null' })).statusCode).toBe(403);
    const ok = await send({ 'sec-fetch-site': 'same-origin', origin: 'http://platform.test' });
    expect(ok.statusCode).toBe(200);
    expect((await send({ origin: 'http://localhost:80', host: 'localhost:80' })).statusCode).toBe(200);
    // A browser that says nothing: the token decides.
    expect((await send({})).statusCode).toBe(200);
  });
});

describe('cookies under https', () => {
  it('carry the __Host- prefix, Secure, HttpOnly and SameSite', async () => {
    const secure = await createTestApp({ database: test.database, config: { PUBLIC_URL: 'https://platform.test' } });
    try {
      const person = await createTestUser({ database: test.database, roles: [{ role: 'gcg_member' }] });
      const client = new TestClient(secure.app);
      const form = await client.get('/en/sign-in');
      const csrf = form.cookies.find((cookie) => cookie.name.includes('a87_csrf'))!;
      expect(csrf.name).toBe('__Host-a87_csrf');
      expect(csrf).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });
      const signedIn = await client.submit({
        page: '/en/sign-in',
        fields: { email: person.email, password: TEST_PASSWORD },
      });
      const session = signedIn.cookies.find((cookie) => cookie.name.includes('a87_session'))!;
      expect(session.name).toBe('__Host-a87_session');
      expect(session).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });
      expect(session.domain).toBeUndefined();
      expect((await client.get('/en/account')).statusCode).toBe(200);
    } finally {
      await secure.close();
    }
  });
});
