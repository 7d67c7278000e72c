import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { readTestDatabaseUrl } from '../config/config.ts';
import { connectToServer, embeddedConnection, wrapConnection, type Database } from '../db/database.ts';
import { startEmbeddedDatabase } from '../db/embedded/embedded-database.ts';

export interface TestDatabase extends Database {
  /** Where a second app process would connect (PostgreSQL URL, or the embedded socket). */
  url: string | null;
}

/**
 * A fresh, migrated database for one test file: a copy of the run's template, on the
 * PostgreSQL server when DATABASE_URL is set, otherwise a PGlite loaded from the template dump.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = readTestDatabaseUrl();
  const template = inject('templateDatabase');
  if (serverUrl && template) {
    const name = `a87_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.end();
    }
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await connectToServer({ url: url.toString(), size: 5 });
    return {
      ...database,
      url: url.toString(),
      close: async () => {
        await database.close();
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    };
  }

  const dump = inject('templateDump');
  if (!dump) throw new Error('The test run has no template database: is the global setup configured?');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-test-'));
  const embedded = await startEmbeddedDatabase({ pgdataDir: null, socketDir: folder, loadFrom: dump });
  const database = wrapConnection({
    kind: 'embedded',
    connection: embeddedConnection(folder),
    embedded,
    size: 5,
    statementTimeoutMs: 0,
    onClose: () => fs.rmSync(folder, { recursive: true, force: true }),
  });
  return { ...database, url: null };
}
