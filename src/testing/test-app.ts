import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { buildServer, type Server } from '../server.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/** The secrets key of test apps (a real installation makes its own, or reads SECRETS_KEY). */
export const TEST_SECRETS_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

/** The configuration tests use: defaults, test mode, and whatever a test overrides. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: 'http://platform.test',
    SECRETS_KEY: TEST_SECRETS_KEY,
    ...overrides,
  });
}

/** An app instance on the given database, called in-process with `app.inject`. */
export async function createTestApp(input: {
  database: Database;
  config?: Record<string, string>;
  /** Turns the request log on, into this stream. */
  logStream?: NodeJS.WritableStream;
}): Promise<Server> {
  return buildServer({
    config: testConfig(input.config),
    database: input.database,
    ...(input.logStream ? { logStream: input.logStream } : {}),
  });
}

/**
 * A fresh database and an app on it for the tests of one file, made before them and closed after
 * them: `const test = useTestApp();` then `test.server`, `test.database` inside the tests.
 * `prepare` writes what the app should find at its start.
 */
export function useTestApp(
  options: { config?: Record<string, string>; prepare?: (database: TestDatabase) => Promise<void> } = {},
): {
  readonly database: TestDatabase;
  readonly server: Server;
} {
  let database: TestDatabase | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    await options.prepare?.(database);
    server = await createTestApp({ database, ...(options.config ? { config: options.config } : {}) });
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });
  return {
    get database() {
      if (!database) throw new Error('useTestApp(): the database is made before the tests run');
      return database;
    },
    get server() {
      if (!server) throw new Error('useTestApp(): the app is made before the tests run');
      return server;
    },
  };
}
