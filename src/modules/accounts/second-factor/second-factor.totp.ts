import crypto from 'node:crypto';

/** Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits). */
const STEP_SECONDS = 30;
const DIGITS = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function createTotpSecret(): string {
  return encodeBase32(crypto.randomBytes(20));
}

export function encodeBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32.charAt((value << (5 - bits)) & 31);
  return out;
}

export function decodeBase32(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const character of clean) {
    const index = BASE32.indexOf(character);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The HOTP value (RFC 4226) of a counter. */
export function hotp(input: { secret: Buffer; counter: number; digits?: number }): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(input.counter));
  const digest = crypto.createHmac('sha1', input.secret).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  const digits = input.digits ?? DIGITS;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / STEP_SECONDS);
}

/**
 * Checks a code against the current step and one step either side (clock drift). Returns the
 * step it matched, which the caller stores so that the same code cannot be replayed.
 */
export function verifyTotp(input: {
  secret: string;
  code: string;
  at?: Date;
  lastStep?: number | null;
}): number | null {
  const code = input.code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return null;
  const secret = decodeBase32(input.secret);
  const now = totpStep(input.at ?? new Date());
  for (const step of [now, now - 1, now + 1]) {
    if (input.lastStep !== undefined && input.lastStep !== null && step <= input.lastStep) continue;
    const expected = hotp({ secret, counter: step });
    if (crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(code))) return step;
  }
  return null;
}

export function totpUri(input: { secret: string; account: string; issuer: string }): string {
  const label = encodeURIComponent(`${input.issuer}:${input.account}`);
  return `otpauth://totp/${label}?secret=${input.secret}&issuer=${encodeURIComponent(input.issuer)}&algorithm=SHA1&digits=6&period=30`;
}
