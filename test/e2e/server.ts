import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';

/** The server the global setup started, and the command line pointed at its data. */
export function baseUrl(): string {
  return inject('e2eBaseUrl');
}

/** The one-time link printed at the server's first start for the Secretariat account. */
export function firstStartLink(): string {
  return inject('e2eFirstLink');
}

/** The server's data folder; CLI commands given it reach the running server's database. */
export function dataDir(): string {
  return inject('e2eDataDir');
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** Runs `alliance87 <args>` while the server runs, the way an operator would; returns what it printed. */
export async function runCommand(args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    // eslint-disable-next-line no-restricted-properties -- the CLI needs the machine's PATH
    ...process.env,
    DATA_DIR: dataDir(),
    PUBLIC_URL: baseUrl(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
  // Like the server, the command works on the embedded database, whatever the test shell points at.
  delete env.DATABASE_URL;
  const { stdout } = await run(process.execPath, ['bin/alliance87.js', ...args], {
    cwd: projectRoot,
    env,
    timeout: 60_000,
  });
  return stdout;
}

/**
 * Creates an account with the CLI (`alliance87 users:create`) while the server runs, the way an
 * operator would, and returns the one-time link it prints to set the password. Each test file that
 * needs a Secretariat creates its own: the first-start link serves only once.
 */
export async function createAccount(input: {
  email: string;
  role: string;
  name: string;
  locale?: 'fr' | 'en' | 'es';
}): Promise<string> {
  const args = ['users:create', '--email', input.email, '--role', input.role];
  args.push('--name', input.name, '--locale', input.locale ?? 'fr');
  const stdout = await runCommand(args);
  const link = /https?:\/\/\S+\/account\/set-password\?token=[A-Za-z0-9_%-]+/.exec(stdout)?.[0];
  if (!link) throw new Error(`users:create printed no one-time link:\n${stdout}`);
  return link;
}

/** The slug of an active demonstration partner, which the server's first start loaded. */
export function activeDemoPartnerSlug(): string {
  const partners = JSON.parse(fs.readFileSync(path.join(projectRoot, 'content/demo/organizations.json'), 'utf8')) as {
    slug: string;
    status: string;
  }[];
  const found = partners.find((entry) => entry.status === 'active');
  if (!found) throw new Error('content/demo/organizations.json has no active partner');
  return found.slug;
}
