import { loadConfig, type Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { buildServer, type Server } from '../server.ts';

/** The configuration tests use: defaults, test mode, and whatever a test overrides. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'http://platform.test', ...overrides });
}

/** An app instance on the given database, called in-process with `app.inject`. */
export async function createTestApp(input: { database: Database; config?: Record<string, string> }): Promise<Server> {
  return buildServer({ config: testConfig(input.config), database: input.database });
}
