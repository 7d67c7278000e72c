import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { redactUrl } from './secret-redaction.ts';

describe('the request log', () => {
  it('replaces the values of secret parameters in URLs', () => {
    expect(redactUrl('/fr/account/set-password?token=abc')).toBe('/fr/account/set-password?token=[redacted]');
    expect(redactUrl('/x?page=2&TOKEN=abc&q=token')).toBe('/x?page=2&TOKEN=[redacted]&q=token');
    expect(redactUrl('/x?%74oken=abc')).toBe('/x?%74oken=[redacted]');
    expect(redactUrl('/x?code&key=1&%E0=2')).toBe('/x?code=[redacted]&key=[redacted]&%E0=2');
    expect(redactUrl('/fr/partners?q=a')).toBe('/fr/partners?q=a');
  });

  it('never writes a one-time link, a cookie or an authorization header', async () => {
    const database = await createTestDatabase();
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    const server = await createTestApp({ database, logStream: stream, config: { LOG_LEVEL: 'info' } });
    try {
      const secret = 'S3cretOneTimeToken0123456789abcdefghij';
      await server.app.inject({ url: `/fr/account/set-password?token=${secret}` });
      await server.app.inject({
        url: `/en/partners/apply/answer?token=${secret}&lang=en`,
        headers: { cookie: `a87_session=${secret}`, authorization: `Bearer ${secret}` },
      });
      await new Promise((resolve) => setImmediate(resolve));
      const log = lines.join('\n');
      expect(log).toContain('/fr/account/set-password?token=[redacted]');
      expect(log).toContain('/en/partners/apply/answer?token=[redacted]&lang=en');
      expect(log).not.toContain(secret);
    } finally {
      await server.close();
      await database.close();
    }
  });
});
