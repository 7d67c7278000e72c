import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './database.ts';
import { appState } from './app-state.table.ts';

/**
 * The installation's secret key (for form tokens), created once and kept in the database so
 * that every app process of the installation shares it.
 */
export async function loadInstallationSecret(db: Db): Promise<string> {
  await db
    .insert(appState)
    .values({ key: 'secret_key', value: crypto.randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(appState).where(eq(appState.key, 'secret_key'));
  if (typeof row?.value !== 'string') throw new Error('The installation secret is missing');
  return row.value;
}
