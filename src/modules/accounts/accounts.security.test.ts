import { describe, expect, it } from 'vitest';
import { createToken, hashPassword, hashToken, verifyPassword } from './accounts.passwords.ts';
import { decodeBase32, encodeBase32, hotp, totpStep, verifyTotp } from './accounts.totp.ts';

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

describe('one-time passwords (RFC 6238)', () => {
  // The RFC's test secret is the ASCII string "12345678901234567890".
  const rfcSecret = Buffer.from('12345678901234567890');

  it('match the test vectors of RFC 4226 and RFC 6238', () => {
    expect(hotp({ secret: rfcSecret, counter: 0 })).toBe('755224');
    expect(hotp({ secret: rfcSecret, counter: 9 })).toBe('520489');
    // RFC 6238, SHA-1, T = 59 s → 94287082 (8 digits).
    expect(hotp({ secret: rfcSecret, counter: totpStep(new Date(59_000)), digits: 8 })).toBe('94287082');
    expect(hotp({ secret: rfcSecret, counter: totpStep(new Date(1_111_111_109_000)), digits: 8 })).toBe('07081804');
  });

  it('accept the current code and a neighbouring step, refuse others and replays', () => {
    const secret = encodeBase32(rfcSecret);
    expect(decodeBase32(secret).equals(rfcSecret)).toBe(true);
    const at = new Date(1_700_000_000_000);
    const step = totpStep(at);
    const code = hotp({ secret: rfcSecret, counter: step });
    expect(verifyTotp({ secret, code, at })).toBe(step);
    expect(verifyTotp({ secret, code: hotp({ secret: rfcSecret, counter: step - 1 }), at })).toBe(step - 1);
    expect(verifyTotp({ secret, code: hotp({ secret: rfcSecret, counter: step - 3 }), at })).toBeNull();
    expect(verifyTotp({ secret, code, at, lastStep: step })).toBeNull();
    expect(verifyTotp({ secret, code: 'abcdef', at })).toBeNull();
  });
});
