import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets the platform must read back (authenticator secrets) are kept in the database encrypted
 * with a key that is not in the database: `SECRETS_KEY`, or a key file in the data folder made on
 * the first start. A backup of the database alone does not reveal them (decision 012).
 */
export const SECRETS_KEY_FILE = 'secrets.key';

const PREFIX = 'v1.';

export interface SecretBox {
  /** `v1.<iv>.<tag>.<ciphertext>`, AES-256-GCM, base64url parts. */
  seal(plain: string): string;
  /** The clear text, or null when the value was not sealed with this key (or was altered). */
  open(sealed: string): string | null;
  /** Whether a stored value is sealed (older values were stored in clear). */
  isSealed(value: string): boolean;
}

function decodeKey(text: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64url');
  if (key.length !== 32)
    throw new Error('The secrets key must be 32 bytes (64 hexadecimal digits or 43 base64url characters).');
  return key;
}

/**
 * The installation's secrets key: the configured one, else the data folder's key file, created
 * (readable by its owner only) when there is none yet.
 */
export function loadSecretsKey(input: { configured: string | undefined; dataDir: string }): Buffer {
  if (input.configured) return decodeKey(input.configured);
  const file = path.join(input.dataDir, SECRETS_KEY_FILE);
  try {
    return decodeKey(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(input.dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    // 'wx': never overwrite a key another process has just written.
    fs.writeFileSync(file, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return decodeKey(fs.readFileSync(file, 'utf8'));
    throw error;
  }
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secrets key must be 32 bytes.');
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) return null;
      const [iv, tag, body] = sealed.slice(PREFIX.length).split('.');
      if (!iv || !tag || body === undefined) return null;
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
    isSealed: (value) => value.startsWith(PREFIX),
  };
}
