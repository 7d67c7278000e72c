import type { DbExecutor } from '../../db/database.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { createToken } from './accounts.passwords.ts';
import { expireTokensOf, insertToken } from './accounts.repository.ts';
import type { TokenPurpose } from './accounts.table.ts';

const TOKEN_LIFETIME: Record<TokenPurpose, number> = {
  invitation: 7 * 24 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
  sign_in: 24 * 60 * 60 * 1000,
};

/** Issues a one-time link for a person; earlier unused links of the same kind stop working. */
export async function issueToken(
  db: DbExecutor,
  input: { userId: number; purpose: TokenPurpose; now: Date },
): Promise<string> {
  await expireTokensOf(db, { userId: input.userId, purposes: [input.purpose] });
  const { token, hash } = createToken();
  await insertToken(db, {
    id: hash,
    userId: input.userId,
    purpose: input.purpose,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + TOKEN_LIFETIME[input.purpose]),
  });
  return token;
}

export function setPasswordLink(input: { publicUrl: string; locale: Locale; token: string }): string {
  return `${input.publicUrl}/${input.locale}/account/set-password?token=${encodeURIComponent(input.token)}`;
}
