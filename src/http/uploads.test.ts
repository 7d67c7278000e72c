import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';
import { createTestUser, TestClient } from '../testing/test-users.ts';

const test = useTestApp();
let slug: string;
let representative: TestClient;
let base: { port: number };

beforeAll(async () => {
  const organization = await test.database.pool.query<{ id: number; slug: string }>(
    `INSERT INTO organizations (slug, name, kind, status) VALUES ('upload-test-org', 'Upload test', 'academic', 'active')
     RETURNING id, slug`,
  );
  slug = organization.rows[0]!.slug;
  const person = await createTestUser({
    database: test.database,
    roles: [{ role: 'partner_rep', organizationId: organization.rows[0]!.id }],
  });
  representative = new TestClient(test.server.app);
  await representative.signIn({ email: person.email });
  await test.server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = test.server.app.server.address();
  base = { port: typeof address === 'object' && address ? address.port : 0 };
});

/**
 * Sends the head of a request announcing a large body, and only a few bytes of it: the answer
 * must come without the server waiting for (or reading) the rest.
 */
function answerBeforeBody(input: { path: string; contentType: string; length: number; cookie?: string }) {
  return new Promise<{ status: number; head: string }>((resolve, reject) => {
    const socket = net.connect(base.port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${input.path} before the body was sent`));
    }, 5000);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end >= 0) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1]), head: received.slice(0, end) });
      }
    });
    socket.on('error', reject);
    socket.write(
      [
        `POST ${input.path} HTTP/1.1`,
        'Host: 127.0.0.1',
        `Content-Type: ${input.contentType}`,
        `Content-Length: ${input.length}`,
        ...(input.cookie ? [`Cookie: ${input.cookie}`] : []),
        '',
        '--x\r\n',
      ].join('\r\n'),
    );
  });
}

function multipart(parts: { name: string; value: Buffer | string; filename?: string }[], boundary = 'a87boundary') {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.filename ? 'Content-Type: image/png\r\n' : ''}\r\n`,
      ),
      Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const cookieOf = (client: TestClient) => [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

async function tokenOf(client: TestClient, path: string) {
  return /name="_csrf" value="([^"]+)"/.exec((await client.get(path)).body)![1]!;
}

describe('request bodies', () => {
  it('refuses an anonymous 9 MB upload before reading it', async () => {
    const answer = await answerBeforeBody({
      path: `/admin/organizations/${slug}/logo`,
      contentType: 'multipart/form-data; boundary=x',
      length: 9 * 1024 * 1024,
    });
    expect(answer.status).toBe(401);
  });

  it('answers 415 to multipart bodies on every route that takes no file, before reading them', async () => {
    for (const path of [
      '/en/sign-in',
      '/en/partners/apply',
      '/en/password/forgot',
      `/admin/organizations/${slug}/profile`,
    ]) {
      const answer = await answerBeforeBody({
        path,
        contentType: 'multipart/form-data; boundary=x',
        length: 9 * 1024 * 1024,
        cookie: cookieOf(representative),
      });
      expect([401, 415]).toContain(answer.status);
      if (path.startsWith('/en/')) expect(answer.status).toBe(415);
    }
    const json = await test.server.app.inject({
      method: 'POST',
      url: '/en/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@example.org', password: 'x' }),
    });
    expect(json.statusCode).toBe(415);
  });

  it('says a file is too large without reading it, when the request says its length', async () => {
    const answer = await answerBeforeBody({
      path: `/admin/organizations/${slug}/logo`,
      contentType: 'multipart/form-data; boundary=x',
      length: 9 * 1024 * 1024,
      cookie: cookieOf(representative),
    });
    expect(answer.status).toBe(400);
    expect(answer.head.toLowerCase()).toContain('connection: close');
  });

  it('reads no file before the form token, and refuses one sent first', async () => {
    const token = await tokenOf(representative, `/admin/organizations/${slug}`);
    const send = (payload: Buffer, contentType = 'multipart/form-data; boundary=a87boundary') =>
      test.server.app.inject({
        method: 'POST',
        url: `/admin/organizations/${slug}/logo`,
        remoteAddress: representative.ip,
        headers: { cookie: cookieOf(representative), 'content-type': contentType },
        payload,
      });
    const fileFirst = await send(
      multipart([
        { name: 'logo', value: Buffer.alloc(1000, 1), filename: 'a.png' },
        { name: '_csrf', value: token },
      ]),
    );
    expect(fileFirst.statusCode).toBe(403);
    const wrongToken = await send(
      multipart([
        { name: '_csrf', value: 'forged' },
        { name: 'logo', value: 'x', filename: 'a.png' },
      ]),
    );
    expect(wrongToken.statusCode).toBe(403);
    // Malformed bodies: the sender's fault, never a server error.
    const noBoundary = await send(multipart([{ name: '_csrf', value: token }]), 'multipart/form-data');
    expect(noBoundary.statusCode).toBe(400);
    const whole = multipart([
      { name: '_csrf', value: token },
      { name: 'logo', value: Buffer.alloc(5000, 7), filename: 'a.png' },
    ]);
    const truncated = await send(whole.subarray(0, whole.length - 3000));
    expect(truncated.statusCode).toBe(400);
    const garbage = await send(Buffer.from('this is not multipart at all'));
    expect(garbage.statusCode).toBeGreaterThanOrEqual(400);
    expect(garbage.statusCode).toBeLessThan(500);
    const logos = await test.database.pool.query('SELECT 1 FROM organization_logos');
    expect(logos.rows).toHaveLength(0);
  });
});
