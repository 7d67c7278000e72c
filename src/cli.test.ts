import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { loadConfig, readTestDatabaseUrl } from './config/config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { applyMigrations } from './db/migrate.ts';
import { en } from './i18n/messages/en.ts';
import type { Server } from './server.ts';
import { recordServerAddress } from './startup.ts';
import { createTestApp } from './testing/test-app.ts';
import { createTestDatabase } from './testing/test-database.ts';
import { createTestUser, TestClient } from './testing/test-users.ts';

// The commands reach the database the way they do for an operator: through the embedded
// database's owner (this test file holds it, as a running server would), or the PostgreSQL server.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-cli-'));
let database: Database;
let environment: Record<string, string>;
let server: Server;

beforeAll(async () => {
  if (readTestDatabaseUrl()) {
    const created = await createTestDatabase();
    database = created;
    environment = { NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: created.url! };
  } else {
    environment = { NODE_ENV: 'test', DATA_DIR: dataDir };
    database = await openDatabase({ config: loadConfig(environment), role: 'server' });
    await applyMigrations(database);
  }
  server = await createTestApp({ database });
});

afterAll(async () => {
  await server?.close();
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function run(argv: string[], extra: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli({
    argv,
    environment: { ...environment, ...extra },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    confirm: () => Promise.resolve(true),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function linkIn(text: string): string {
  const link = /https?:\/\/\S+\/account\/set-password\?token=[\w-]+/.exec(text)?.[0];
  if (!link) throw new Error(`no one-time link in:\n${text}`);
  return link;
}

/** What the running platform answers for a one-time link: the set-password page, or "expired". */
async function open(link: string): Promise<{ status: number; body: string }> {
  const url = new URL(link);
  const response = await server.app.inject({ url: `${url.pathname}${url.search}` });
  return { status: response.statusCode, body: response.body };
}

async function auditEntries(action: string) {
  const result = await database.pool.query<{
    actor_label: string;
    entity_id: string | null;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }>(`SELECT actor_label, entity_id, before, after FROM audit_log WHERE action = $1 ORDER BY id`, [action]);
  return result.rows;
}

describe('the alliance87 command', () => {
  it('lists its commands with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['users:create', 'migrate', 'backup', 'restore', 'demo:load']) {
      expect(result.out).toMatch(new RegExp(`^  ${command} +[A-Z]`, 'm'));
    }
  });

  it('shows in each command’s help the options it accepts, required ones without brackets', async () => {
    const usages: Record<string, string> = {
      'users:create':
        'Usage: alliance87 users:create --email E --role R [--name N] [--locale fr|en|es] [--country ISO3] ' +
        '[--organization SLUG] [--action-group SLUG]',
      migrate: 'Usage: alliance87 migrate',
      backup: 'Usage: alliance87 backup FILE',
      restore: 'Usage: alliance87 restore FILE [--yes]',
      'demo:load': 'Usage: alliance87 demo:load',
    };
    for (const [command, usage] of Object.entries(usages)) {
      const result = await run([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.out.split('\n')[0]).toBe(usage);
      for (const option of usage.match(/--[a-z-]+/g) ?? [])
        expect(result.out).toMatch(new RegExp(`^  ${option}\\b`, 'm'));
    }
    // Every option the help shows is accepted, and nothing else is.
    const unknown = await run(['migrate', '--force']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Unknown option '--force'.");
    expect((await run(['explode'])).err).toContain('Unknown command “explode”');
  });

  it('creates an account without --name, as the usage shows it optional, and requires --email and --role', async () => {
    const created = await run(['users:create', '--email', 'no.name@example.org', '--role', 'secretariat']);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^Account \d+ created for no\.name@example\.org \(secretariat\)\.$/m);
    const page = await open(linkIn(created.out));
    expect(page.status).toBe(200);
    // The person gives their name with their password.
    expect(page.body).toContain('name="name"');

    const missing = await run(['users:create', '--name', 'Nobody']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--email: This option is required.');
    expect(missing.err).toContain('--role: This option is required.');
    expect(missing.err).toContain('Usage: alliance87 users:create');
  });

  it('prints sentences, never translation keys, for whatever is wrong', async () => {
    const cases: { argv: string[]; says: string }[] = [
      {
        argv: ['users:create', '--email', 'not-an-address', '--role', 'king'],
        says: '--email: Enter an e-mail address such as name@example.org.',
      },
      {
        argv: ['users:create', '--email', 'a@example.org', '--role', 'king'],
        says:
          '--role: Choose one of the options. Accepted values: secretariat, data_editor, gcg_member, focal_point, ' +
          'partner_rep, ag_chair, ag_member.',
      },
      {
        argv: ['users:create', '--email', 'fp@example.org', '--role', 'focal_point'],
        says: '--country: This role needs this field. For focal_point: the country, as a three-letter ISO code such as PER.',
      },
      {
        argv: ['users:create', '--email', 'fp@example.org', '--role', 'focal_point', '--country', 'XYZ'],
        says: '--country: Choose a country from the list.',
      },
      {
        argv: ['users:create', '--email', 'r@example.org', '--role', 'partner_rep', '--organization', 'no-such-org'],
        says: '--organization: No organization has this identifier.',
      },
      {
        argv: ['users:create', '--email', 'n@example.org', '--role', 'gcg_member', '--name', '<b>Bold</b>'],
        says: '--name: Remove the characters < and >.',
      },
      { argv: ['users:create', '--email'], says: "The option '--email' needs a value." },
      { argv: ['restore'], says: 'Give one FILE: The backup to restore.' },
      { argv: ['migrate', 'extra'], says: 'This command takes no file or other argument.' },
    ];
    const keys = Object.keys(en);
    for (const { argv, says } of cases) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).not.toBe(0);
      expect(result.err).toContain(says);
      const printed = `${result.out}\n${result.err}`;
      expect(keys.filter((key) => printed.includes(key))).toEqual([]);
    }
  });

  it('prints a new link for an account that was never activated, and the earlier link stops working', async () => {
    const argv = ['users:create', '--email', 'ana@example.org', '--role', 'focal_point', '--country', 'PER'];
    const first = await run([...argv, '--name', 'Ana García']);
    expect(first.code).toBe(0);
    const firstLink = linkIn(first.out);
    expect((await open(firstLink)).status).toBe(200);

    const again = await run(argv);
    expect(again.code).toBe(0);
    expect(again.out).toContain('The account of ana@example.org exists but its password was never set');
    expect(again.out).not.toContain('was added');
    const secondLink = linkIn(again.out);
    expect(secondLink).not.toBe(firstLink);
    const opened = await open(secondLink);
    expect(opened.status).toBe(200);
    expect(opened.body).toContain('Choisissez votre mot de passe');
    const expired = await open(firstLink);
    expect(expired.status).toBe(410);
    expect(expired.body).toContain('Ce lien ne fonctionne plus');

    // Still one account, with one role; the new link is in the audit log.
    const accounts = await database.pool.query<{ name: string; status: string; roles: string }>(
      `SELECT u.name, u.status, (SELECT string_agg(role || ':' || coalesce(country, ''), ',') FROM role_assignments r
         WHERE r.user_id = u.id AND r.revoked_at IS NULL) AS roles FROM users u WHERE email = 'ana@example.org'`,
    );
    expect(accounts.rows).toEqual([{ name: 'Ana García', status: 'invited', roles: 'focal_point:PER' }]);
    const issued = await auditEntries('accounts.sign_in_link_issued');
    expect(issued.at(-1)).toMatchObject({ actor_label: 'cli', after: { reason: 'never_activated' } });

    // Asked with another role, the account gets it too.
    const secretariat = await run(['users:create', '--email', 'ana@example.org', '--role', 'data_editor']);
    expect(secretariat.out).toContain('The role data_editor was added to it.');
  });

  it('refuses an active account with a sentence that points to the password reset', async () => {
    const person = await createTestUser({ database, roles: [{ role: 'gcg_member' }] });
    const result = await run(['users:create', '--email', person.email, '--role', 'gcg_member']);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      '--email: This account is already active: its owner can choose a new password with “Forgot your password?” on the sign-in page.',
    );
  });

  it('starts its links with PUBLIC_URL, else with the address the server recorded, else localhost:PORT', async () => {
    const argv = (email: string) => ['users:create', '--email', email, '--role', 'gcg_member'];
    await database.pool.query(`DELETE FROM app_state WHERE key = 'server_url'`);
    expect(linkIn((await run(argv('l1@example.org'))).out)).toMatch(/^http:\/\/localhost:3000\/fr\/account\//);
    expect(linkIn((await run(argv('l2@example.org'), { PORT: '8080' })).out)).toMatch(/^http:\/\/localhost:8080\//);

    // A server started on port 4123 without PUBLIC_URL records where it listens.
    await recordServerAddress({
      database,
      config: loadConfig({ PORT: '4123' }),
      listening: { address: '127.0.0.1', family: 'IPv4', port: 4123 },
    });
    expect(linkIn((await run(argv('l3@example.org'))).out)).toMatch(/^http:\/\/localhost:4123\/fr\/account\//);
    const given = await run(argv('l4@example.org'), { PUBLIC_URL: 'https://alliance87.example/' });
    expect(linkIn(given.out)).toMatch(/^https:\/\/alliance87\.example\/fr\/account\//);

    // A server with PUBLIC_URL records that address, which commands without it use.
    await recordServerAddress({
      database,
      config: loadConfig({ PUBLIC_URL: 'https://8-7.example' }),
      listening: { address: '0.0.0.0', family: 'IPv4', port: 3000 },
    });
    expect(linkIn((await run(argv('l5@example.org'))).out)).toMatch(/^https:\/\/8-7\.example\/fr\/account\//);
  });

  it('writes a backup named by its file name in DATA_DIR/backups/, and records backups and restores in the audit log', async () => {
    const reader = await createTestUser({ database, roles: [{ role: 'secretariat' }], totp: true, locale: 'en' });
    const backup = await run(['backup', 'audited.a87.gz']);
    expect(backup.code).toBe(0);
    const file = path.join(dataDir, 'backups', 'audited.a87.gz');
    expect(fs.existsSync(file)).toBe(true);
    const rows = Number(/, (\d+) rows,/.exec(backup.out)?.[1]);
    expect(rows).toBeGreaterThan(0);
    expect((await auditEntries('backups.written')).at(-1)).toEqual({
      actor_label: 'cli',
      entity_id: 'audited.a87.gz',
      before: null,
      after: { file, tables: expect.any(Number), rows, bytes: fs.statSync(file).size },
    });

    await createTestUser({ database, email: 'after.backup@example.org' });
    const restore = await run(['restore', 'audited.a87.gz']);
    expect(restore.code).toBe(0);
    const undo = /kept in (\S+\.a87\.gz)/.exec(restore.out)?.[1];
    expect(path.dirname(undo!)).toBe(path.join(dataDir, 'backups'));
    const users = await database.pool.query(`SELECT 1 FROM users WHERE email = 'after.backup@example.org'`);
    expect(users.rowCount).toBe(0);
    // The restore's own record is in the restored database: written after the backup's rows.
    const restores = await auditEntries('backups.restored');
    expect(restores).toHaveLength(1);
    expect(restores[0]).toMatchObject({
      actor_label: 'cli',
      entity_id: 'audited.a87.gz',
      before: { keptIn: undo },
      after: { file, rows },
    });
    // The backup's record was written after its snapshot, so the restored records do not hold it.
    expect(await auditEntries('backups.written')).toEqual([]);

    // The Secretariat reads it as a sentence.
    const secretariat = new TestClient(server.app);
    await secretariat.signIn({ email: reader.email, totpSecret: reader.totpSecret });
    const log = await secretariat.get('/admin/audit?entity=backup');
    expect(log.body).toContain('The command line replaced every record with those of the backup audited.a87.gz');
  });

  it('stops on an invalid configuration with the list of problems', async () => {
    const result = await run(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(result.code).toBe(1);
    expect(result.err).toContain('Invalid configuration');
    expect(result.err).toContain('DATABASE_URL');
  });
});
