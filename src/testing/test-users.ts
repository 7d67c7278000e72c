import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { createTotpSecret, decodeBase32, hashPassword, hotp, totpStep, type Role } from '../modules/accounts/index.ts';
import { createSecretBox } from '../config/secrets-key.ts';
import { TEST_SECRETS_KEY } from './test-app.ts';

/** Seals authenticator secrets the way test apps read them. */
export const testSecretBox = createSecretBox(Buffer.from(TEST_SECRETS_KEY, 'hex'));

export const TEST_PASSWORD = 'a long enough test password';

let counter = 0;

/** Creates an active account with roles (and a second factor when asked), as a factory. */
export async function createTestUser(input: {
  database: Database;
  roles?: { role: Role; country?: string; organizationId?: number; actionGroup?: string }[];
  email?: string;
  name?: string;
  locale?: 'fr' | 'en' | 'es';
  totp?: boolean;
}): Promise<{ id: number; email: string; totpSecret: string | null }> {
  counter += 1;
  const email = input.email ?? `person${counter}.${Date.now()}@example.org`;
  const totpSecret = input.totp ? createTotpSecret() : null;
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const result = await input.database.pool.query<{ id: number }>(
    `INSERT INTO users (email, name, locale, password_hash, status, totp_secret, totp_enabled_at)
     VALUES ($1, $2, $3, $4, 'active', $5, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END) RETURNING id`,
    [
      email,
      input.name ?? `Person ${counter}`,
      input.locale ?? 'en',
      passwordHash,
      totpSecret && testSecretBox.seal(totpSecret),
    ],
  );
  const id = result.rows[0]!.id;
  for (const grant of input.roles ?? []) {
    await input.database.pool.query(
      `INSERT INTO role_assignments (user_id, role, country, organization_id, action_group) VALUES ($1, $2, $3, $4, $5)`,
      [id, grant.role, grant.country ?? null, grant.organizationId ?? null, grant.actionGroup ?? null],
    );
  }
  return { id, email, totpSecret };
}

const lastSteps = new Map<string, number>();

/** A code the platform will accept: the current step's, or the next one if that was used. */
export function currentCode(secret: string): string {
  const now = totpStep(new Date());
  const step = Math.max(now, (lastSteps.get(secret) ?? -1) + 1);
  lastSteps.set(secret, step);
  return hotp({ secret: decodeBase32(secret), counter: step });
}

let clients = 0;

/**
 * A tiny browser: keeps cookies between requests to one app. Each client has its own
 * (documentation-range) address, as different visitors would, for the per-client limits.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  readonly ip: string;
  constructor(readonly app: FastifyInstance) {
    clients += 1;
    this.ip = `192.0.2.${(clients % 250) + 1}`;
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.ip,
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  /** Posts a form the way a browser does, with the `_csrf` token of the page it came from. */
  async submit(input: { page: string; action?: string; fields: Record<string, string | string[]>; csrf?: string }) {
    let token = input.csrf;
    if (token === undefined) {
      const page = await this.get(input.page);
      token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    }
    const body = new URLSearchParams();
    body.append('_csrf', token);
    for (const [name, value] of Object.entries(input.fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    const response = await this.app.inject({
      method: 'POST',
      url: input.action ?? input.page.split('?')[0]!,
      remoteAddress: this.ip,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(response);
    return response;
  }

  /**
   * Sends a form with a file as browsers do (multipart, the form's token first, then the fields,
   * then the file), with the token of the page it came from unless one is given.
   */
  async upload(input: {
    page: string;
    action: string;
    fields?: Record<string, string>;
    file: { field: string; name: string; type: string; content: Buffer };
    csrf?: string;
  }) {
    let token = input.csrf;
    if (token === undefined) {
      const page = await this.get(input.page);
      token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    }
    const boundary = 'test-client-boundary';
    const part = (headers: string) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${headers}\r\n\r\n`);
    const body = Buffer.concat([
      part('name="_csrf"'),
      Buffer.from(`${token}\r\n`),
      ...Object.entries(input.fields ?? {}).flatMap(([name, value]) => [
        part(`name="${name}"`),
        Buffer.from(`${value}\r\n`),
      ]),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${input.file.field}"; filename="${input.file.name}"\r\n` +
          `Content-Type: ${input.file.type}\r\n\r\n`,
      ),
      input.file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await this.app.inject({
      method: 'POST',
      url: input.action,
      remoteAddress: this.ip,
      headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    this.remember(response);
    return response;
  }

  /** Signs in through the real forms, giving the one-time code when the account has one. */
  async signIn(input: { email: string; password?: string; totpSecret?: string | null; locale?: string }) {
    const locale = input.locale ?? 'en';
    const response = await this.submit({
      page: `/${locale}/sign-in`,
      fields: { email: input.email, password: input.password ?? TEST_PASSWORD },
    });
    if (response.statusCode !== 303) throw new Error(`sign-in failed with ${response.statusCode}`);
    if (input.totpSecret && String(response.headers.location).endsWith('/sign-in/code')) {
      const code = await this.submit({
        page: `/${locale}/sign-in/code`,
        fields: { code: currentCode(input.totpSecret) },
      });
      if (code.statusCode !== 303) throw new Error(`second factor failed with ${code.statusCode}`);
      return code;
    }
    return response;
  }
}

/** Moves recorded attempts into the past, as if time had gone by. */
export async function ageAuthAttempts(database: Database, minutes: number): Promise<void> {
  await database.db.execute(sql`UPDATE auth_attempts SET at = at - make_interval(mins => ${minutes})`);
}
