import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { readTestDatabaseUrl } from '../config/config.ts';
import { connectToServer, embeddedConnection, wrapConnection } from '../db/database.ts';
import { startEmbeddedDatabase } from '../db/embedded/embedded-database.ts';
import { applyMigrations } from '../db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL server runs: the migrated template database each test file copies. */
    templateDatabase: string | null;
    /** Embedded runs: a dump of a migrated PGlite database each test file loads. */
    templateDump: string | null;
  }
}

/**
 * Prepares one migrated database for the whole run, so that each test file gets a fresh
 * copy in about a second instead of creating and migrating its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = readTestDatabaseUrl();
  if (url) {
    const name = `a87_template_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${name}`;
    const database = await connectToServer({ url: templateUrl.toString(), size: 2 });
    await applyMigrations(database);
    await database.close();
    project.provide('templateDatabase', name);
    project.provide('templateDump', null);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-template-'));
  const embedded = await startEmbeddedDatabase({ pgdataDir: null, socketDir: folder });
  const database = wrapConnection({
    kind: 'embedded',
    connection: embeddedConnection(folder),
    embedded,
    size: 2,
    statementTimeoutMs: 0,
  });
  await applyMigrations(database);
  const dump = path.join(folder, 'template.tar');
  await embedded.dump(dump);
  await database.close();
  project.provide('templateDatabase', null);
  project.provide('templateDump', dump);
  return async () => {
    fs.rmSync(folder, { recursive: true, force: true });
  };
}
