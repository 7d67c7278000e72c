import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, hotp, totpStep, verifyTotp } from './second-factor.totp.ts';

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
