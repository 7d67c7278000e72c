import { describe, expect, it } from 'vitest';
import { createToken, hashPassword, hashToken, verifyPassword } from './accounts.passwords.ts';

describe('passwords', () => {
  it('are hashed with scrypt and a salt, and verified', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
    expect(await verifyPassword({ password: 'correct horse battery staple', hash })).toBe(true);
    expect(await verifyPassword({ password: 'correct horse battery stapl', hash })).toBe(false);
    expect(await verifyPassword({ password: 'x', hash: 'garbage' })).toBe(false);
  });

  it('tokens are random and stored only as their hash', () => {
    const a = createToken();
    const b = createToken();
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).not.toContain(a.token);
  });
});
