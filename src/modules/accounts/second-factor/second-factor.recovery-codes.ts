import crypto from 'node:crypto';

/**
 * Recovery codes: 16 characters of Crockford's base32 (80 random bits), shown in groups of four
 * (`k7p2-9xqf-3mzr-8w4d`). Typed back, case, spaces and dashes do not matter, and the letters
 * people confuse with digits (i, l, o) are read as 1, 1 and 0.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const LENGTH = 16;
export const RECOVERY_CODE_COUNT = 10;

export function createRecoveryCode(): string {
  const bytes = crypto.randomBytes(LENGTH);
  let code = '';
  // 256 is a multiple of 32: taking each byte modulo 32 keeps every character equally likely.
  for (const byte of bytes) code += ALPHABET.charAt(byte % 32);
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

export function createRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, createRecoveryCode);
}

/** The canonical form of a typed code, or null when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const clean = typed.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0');
  if (clean.length !== LENGTH) return null;
  for (const character of clean) if (!ALPHABET.includes(character)) return null;
  return clean;
}

/** How a code is stored: the SHA-256 of its canonical form (80 random bits need no slow hash). */
export function hashRecoveryCode(canonical: string): string {
  return crypto.createHash('sha256').update(`recovery:${canonical}`).digest('hex');
}
