import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, loadConfig, readTestDatabaseUrl } from './config/config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { buildServer } from './server.ts';

/**
 * The README's commands, run exactly as written: each line of its `sh` blocks, through `sh -c`
 * from the project folder, so `npx alliance87` resolves the package's bin as it does for anyone.
 * Every command works on a data folder (and, in the PostgreSQL run, a database) of its own, and
 * the test checks what each one did, with values it works out itself.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** README commands this test does not run, and why. */
const NOT_RUN: Record<string, string> = {
  'npm install': 'installs packages from the registry; the test runs in the tree it installed',
  'npm test': 'runs this very suite',
  'DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test': 'runs this very suite',
  'npm run test:e2e': 'the browser suite, run on its own',
  'npm run test:fuzz': 'minutes of generated inputs, run on their own (a short run is in this suite)',
  'npm run validate': 'runs this very suite and the browser suite',
  'npm run screenshots': 'pictures of pages in a browser, taken on demand from a running platform',
  'npm run bench': 'minutes of load measures, run on their own',
  'npm run bench:import':
    'a million rows imported into each database, run on its own (bench/import.test.ts runs a small one)',
};

/** The command of a README line: without its comment. */
function commandOf(line: string): string {
  return line.replace(/\s+#.*$/, '').trim();
}

/** The words of a command, with "quoted words" kept together and unquoted, as the shell does. */
function wordsOf(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

const readmeLines = [...readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)]
  .flatMap((block) => block[1]!.split('\n'))
  .filter((line) => /^(?:[A-Z_]+=\S+ )*(?:npm|npx) /.test(line))
  .map((line) => line.trimEnd());
const cliLines = readmeLines.filter((line) => line.startsWith('npx alliance87 '));
const startLine = readmeLines.find((line) => commandOf(line) === 'npm start');

/** The environment of a person's shell: nothing the test runner or this run's database set. */
function shellEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  const platformSettings = new Set(Object.keys(configSchema.in.shape));
  const runnerSettings = /^(npm_|VITEST|INIT_CWD$|TEST$|MODE$|DEV$|PROD$|SSR$|BASE_URL$)/;
  // eslint-disable-next-line no-restricted-properties -- the commands need the machine's PATH and HOME
  const machine = Object.entries(process.env);
  return {
    ...Object.fromEntries(machine.filter(([key]) => !platformSettings.has(key) && !runnerSettings.test(key))),
    ...settings,
  };
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runLine(line: string, environment: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], { cwd: root, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const journal = JSON.parse(fs.readFileSync(path.join(root, 'drizzle/meta/_journal.json'), 'utf8')) as {
  entries: unknown[];
};
const demoPartners = (JSON.parse(fs.readFileSync(path.join(root, 'content/demo/organizations.json'), 'utf8')) as [])
  .length;

/**
 * One platform the README's commands work on: a fresh data folder and, in the PostgreSQL run, a
 * fresh empty database; with the server started by `npm start`, or stopped.
 */
class Platform {
  /** Made by prepare(), which runs only when the tests using the platform do. */
  dataDir = '';
  private databaseName: string | null = null;
  private serverUrl: string | null = null;
  settings: Record<string, string> = {};
  server: ChildProcess | null = null;
  port = 0;
  serverOutput = '';

  async prepare(): Promise<void> {
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-readme-'));
    this.settings = { DATA_DIR: this.dataDir };
    const url = readTestDatabaseUrl();
    if (!url) return;
    this.serverUrl = url;
    this.databaseName = `a87_readme_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
    await this.admin(`CREATE DATABASE ${this.databaseName}`);
    const database = new URL(url);
    database.pathname = `/${this.databaseName}`;
    this.settings.DATABASE_URL = database.toString();
  }

  private async admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.serverUrl! });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  environment(): NodeJS.ProcessEnv {
    return shellEnvironment({ ...this.settings, ...(this.port ? { PORT: String(this.port) } : {}) });
  }

  private session: Database | null = null;

  /** The platform's database, as a command reaches it (through the running server, if any). */
  private async database(): Promise<Database> {
    this.session ??= await openDatabase({ config: loadConfig({ NODE_ENV: 'test', ...this.settings }), role: 'cli' });
    return this.session;
  }

  /** Lets go of the database, so that the next command can own the embedded one. */
  async release(): Promise<void> {
    await this.session?.close();
    this.session = null;
  }

  async query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
    return (await (await this.database()).pool.query<Row>(text, values)).rows;
  }

  /** What the platform answers for a one-time link: the running server, or one built for the check. */
  async open(link: string): Promise<{ status: number; body: string }> {
    const url = new URL(link);
    if (this.server) {
      const response = await fetch(`http://127.0.0.1:${this.port}${url.pathname}${url.search}`);
      return { status: response.status, body: await response.text() };
    }
    const config = loadConfig({ NODE_ENV: 'test', ...this.settings });
    const server = await buildServer({ config, database: await this.database() });
    try {
      const response = await server.app.inject({ url: `${url.pathname}${url.search}` });
      return { status: response.statusCode, body: response.body };
    } finally {
      await server.close();
    }
  }

  async start(line: string): Promise<void> {
    this.port = await freePort();
    const server = spawn('sh', ['-c', line], {
      cwd: root,
      env: this.environment(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.server = server;
    server.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.serverOutput += chunk));
    server.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.serverOutput += chunk));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`${line} stopped (${server.exitCode}):\n${this.serverOutput}`);
      if (Date.now() > deadline) throw new Error(`${line} was not ready in time:\n${this.serverOutput}`);
      try {
        const ready = await fetch(`http://127.0.0.1:${this.port}/readyz`, { signal: AbortSignal.timeout(2000) });
        if (ready.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Stops the group the test started (the shell, npm and the server) and waits for the server to let go. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server?.pid) return;
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-server.pid!, name);
      } catch {
        // The group has ended already.
      }
    };
    signal('SIGTERM');
    const lock = path.join(this.dataDir, 'alliance87.lock');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (fs.existsSync(lock) || (await this.answers()))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (fs.existsSync(lock) || (await this.answers())) signal('SIGKILL');
    await waitForExit(server, 5_000);
  }

  private async answers(): Promise<boolean> {
    try {
      await fetch(`http://127.0.0.1:${this.port}/healthz`, { signal: AbortSignal.timeout(1000) });
      return true;
    } catch {
      return false;
    }
  }

  async remove(): Promise<void> {
    await this.release();
    await this.stop();
    if (this.databaseName) await this.admin(`DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`);
    if (this.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The README's example backup, written by `backup`; a record added after it, gone after `restore`. */
const AFTER_BACKUP = 'written.after.the.backup@example.org';

const OPTIONS_OF: Record<string, string[]> = {
  'users:create': ['--email', '--role', '--name', '--locale', '--country', '--organization', '--action-group'],
  restore: ['--yes'],
  backup: [],
  migrate: [],
  'demo:load': [],
  'data:import': ['--format', '--dry-run', '--create-indicators', '--indicator', '--geo', '--source'],
  'data:restore': ['--version'],
};

/**
 * What each README import must report and leave, counted by hand from its file: the example has 3
 * rows (world, 2020, ages 5-17: 9.6, girls 7.8, boys 11.2), Armenia's 16, the UN SDG series 312
 * (`tail -n +2 FILE | wc -l`).
 */
const README_IMPORTS: Record<string, { output: string; code: string; geo: string | null; values: number[] }> = {
  'content/data/examples/child-labour-world-2020.csv': {
    output: '8.7.1 (new draft indicator): version 1, 3 added, 0 changed, 0 unchanged.\nDone.',
    code: '8.7.1',
    geo: '001',
    values: [7.8, 9.6, 11.2],
  },
  'content/data/open_sdg_armenia/indicator_8-7-1.csv': {
    output: '8.7.1: version 2, 16 added, 0 changed, 0 unchanged.\nDry run: nothing was written.',
    code: '8.7.1',
    geo: 'ARM',
    values: [],
  },
  'content/data/un_sdg/ddf--datapoints--sl_tlf_chldec--by--age--geo_area--nature--sex--units--year.csv': {
    output: 'SL_TLF_CHLDEC (new draft indicator): version 1, 312 added, 0 changed, 0 unchanged.\nDone.',
    code: 'SL_TLF_CHLDEC',
    geo: null,
    values: [],
  },
};

/** What each README command must have done, given its words after `npx alliance87`. */
async function checkCommand(platform: Platform, words: string[], ran: Ran): Promise<void> {
  const output = `${ran.stdout}\n${ran.stderr}`;
  expect(ran.code, output).toBe(0);
  const [command, ...rest] = words;

  if (command === '--help') {
    for (const name of Object.keys(OPTIONS_OF)) expect(ran.stdout).toMatch(new RegExp(`^  ${name} +[A-Z]`, 'm'));
    return;
  }
  if (rest.includes('--help')) {
    expect(ran.stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: alliance87 ${command} `));
    for (const option of OPTIONS_OF[command!]!) expect(ran.stdout).toMatch(new RegExp(`^  ${option}\\b`, 'm'));
    return;
  }
  switch (command) {
    case 'migrate': {
      const [row] = await platform.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations',
      );
      expect(row!.count).toBe(journal.entries.length);
      return;
    }
    case 'demo:load': {
      expect(ran.stdout).toContain(`; ${demoPartners} demonstration partner(s); `);
      // Counted by hand in content/demo/pathfinders.json.
      expect(ran.stdout).toContain('; 11 pathfinder country(ies) from public sources; ');
      expect(ran.stdout).toMatch(/; \d news story\(ies\) told from public sources\.$/m);
      const [row] = await platform.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM organizations WHERE is_demo',
      );
      expect(row!.count).toBe(demoPartners);
      // Counted by hand in content/demo/news.json.
      const [stories] = await platform.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM news_stories WHERE is_demo',
      );
      expect(stories!.count).toBe(3);
      // Peru and Tunisia, in content/demo/pathfinder-roadmaps.json, whether this load wrote them or an earlier one.
      const roadmaps = await platform.query<{ iso3: string }>(
        'SELECT iso3 FROM pathfinder_roadmap_versions WHERE is_demo ORDER BY iso3',
      );
      expect(roadmaps).toEqual([{ iso3: 'PER' }, { iso3: 'TUN' }]);
      return;
    }
    case 'users:create': {
      const option = (name: string) => rest[rest.indexOf(`--${name}`) + 1];
      const email = option('email')!;
      const [account] = await platform.query<{ name: string; status: string; roles: string[] }>(
        `SELECT u.name, u.status, array(SELECT r.role || coalesce(':' || r.country, '') FROM role_assignments r
           WHERE r.user_id = u.id AND r.revoked_at IS NULL) AS roles FROM users u WHERE u.email = $1`,
        [email],
      );
      expect(account).toBeDefined();
      expect(account!.status).toBe('invited');
      if (rest.includes('--name')) expect(account!.name).toBe(option('name'));
      expect(account!.roles).toContain(
        rest.includes('--country') ? `${option('role')}:${option('country')}` : option('role'),
      );
      // No PUBLIC_URL: the links point at the running server's port, or at the default one.
      const link = /^https?:\/\/\S+\/account\/set-password\?token=[\w-]+$/m.exec(ran.stdout)?.[0];
      expect(link, ran.stdout).toMatch(new RegExp(`^http://localhost:${platform.server ? platform.port : 3000}/fr/`));
      const page = await platform.open(link!);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Choisissez votre mot de passe');
      expect(page.body).toContain('name="password"');
      return;
    }
    case 'backup': {
      const name = rest[0]!;
      const file = path.join(platform.dataDir, 'backups', name);
      expect(ran.stdout).toContain(`Backup written to ${file}: `);
      const header = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')[0]!) as {
        format: string;
        tables: { name: string }[];
      };
      expect(header.format).toBe('alliance87-backup');
      expect(header.tables.map((table) => table.name)).toContain('users');
      // Nothing in the source tree.
      expect(fs.existsSync(path.join(root, name))).toBe(false);
      expect(fs.existsSync(path.join(root, 'backups', name))).toBe(false);
      const audit = await platform.query(
        `SELECT 1 FROM audit_log WHERE action = 'backups.written' AND entity_id = $1 AND actor_label = 'cli'`,
        [name],
      );
      expect(audit).toHaveLength(1);
      // A change after the backup, which the restore must take away.
      await platform.query(`INSERT INTO users (email, name, locale, status) VALUES ($1, 'After', 'en', 'invited')`, [
        AFTER_BACKUP,
      ]);
      return;
    }
    case 'restore': {
      const name = rest[0]!;
      const undo = /kept in (\S+\.a87\.gz)/.exec(ran.stdout)?.[1];
      expect(undo && path.dirname(undo)).toBe(path.join(platform.dataDir, 'backups'));
      expect(fs.existsSync(undo!)).toBe(true);
      expect(await platform.query('SELECT 1 FROM users WHERE email = $1', [AFTER_BACKUP])).toHaveLength(0);
      expect(await platform.query(`SELECT 1 FROM users WHERE email = 'ana@example.org'`)).toHaveLength(1);
      const audit = await platform.query(
        `SELECT 1 FROM audit_log WHERE action = 'backups.restored' AND entity_id = $1 AND actor_label = 'cli'`,
        [name],
      );
      expect(audit).toHaveLength(1);
      return;
    }
    case 'data:import': {
      const expected = README_IMPORTS[rest[0]!];
      expect(expected, `the README imports ${rest[0]}`).toBeDefined();
      expect(ran.stdout).toContain(expected!.output);
      const rows = await platform.query<{ value: number }>(
        `SELECT o.value FROM observations o JOIN indicators i ON i.id = o.indicator_id
         WHERE i.code = $1 AND o.until_version_id IS NULL AND ($2::text IS NULL OR o.geo = $2) ORDER BY o.value`,
        [expected!.code, expected!.geo],
      );
      if (expected!.geo) expect(rows.map((row) => row.value)).toEqual(expected!.values);
      else expect(rows).toHaveLength(312);
      return;
    }
    default:
      throw new Error(`No check for the README command “npx alliance87 ${words.join(' ')}”: add one here.`);
  }
}

describe('the commands of the README', () => {
  it('are each run below, or named here with the reason they are not', () => {
    expect(startLine).toBe('npm start');
    expect(cliLines.length).toBeGreaterThanOrEqual(7);
    const elsewhere = readmeLines.filter((line) => line !== startLine && !cliLines.includes(line));
    expect(elsewhere.map(commandOf).filter((command) => !(command in NOT_RUN))).toEqual([]);
  });
});

describe('the README followed word for word: npm start, then the command line while the server runs', () => {
  const platform = new Platform();
  beforeAll(() => platform.prepare());
  afterAll(() => platform.remove());

  it(`starts the server with “${startLine}”`, async () => {
    await platform.start(startLine!);
    const home = await fetch(`http://127.0.0.1:${platform.port}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
  }, 180_000);

  for (const line of cliLines) {
    it(`runs “${line}”`, async () => {
      expect(platform.server, 'the server is running').not.toBeNull();
      await platform.release();
      const ran = await runLine(line, platform.environment());
      await checkCommand(platform, wordsOf(commandOf(line)).slice(2), ran);
      // The first start created the Secretariat account: the command gives it a new link.
      if (line.includes('--email secretariat@example.org')) expect(ran.stdout).toContain('its password was never set');
    }, 120_000);
  }

  it('imports a tidy file the test writes, with a new indicator code, by the README’s command, and the API gives every value back', async () => {
    const line = commandOf(cliLines.find((command) => command.includes('--format tidy --create-indicators'))!);
    const file = path.join(platform.dataDir, 'generated.csv');
    // Three countries, twenty years, three sexes: 180 observations with values set here.
    const expected = new Map<string, number>();
    const rows = ['indicator,geo,year,value,sex,age,unit'];
    let index = 0;
    for (const geo of ['NPL', 'PER', 'CIV']) {
      for (let year = 2000; year < 2020; year += 1) {
        for (const sex of ['total', 'female', 'male']) {
          index += 1;
          const value = ((index * 37) % 1000) / 10;
          expected.set(`${geo}|${year}|${sex}`, value);
          rows.push(`README.TEST.1,${geo},${year},${value},${sex},5-17,percent`);
        }
      }
    }
    fs.writeFileSync(file, `${rows.join('\n')}\n`);
    const ran = await runLine(line.replace(wordsOf(line)[3]!, file), platform.environment());
    expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(0);
    expect(ran.stdout).toContain('README.TEST.1 (new draft indicator): version 1, 180 added, 0 changed, 0 unchanged.');
    const response = await fetch(
      `http://127.0.0.1:${platform.port}/api/v1/indicators/README.TEST.1/observations?format=csv`,
    );
    expect(response.status).toBe(200);
    const [header, ...lines] = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const columns = header!.split(',');
    const at = (cells: string[], name: string) => cells[columns.indexOf(name)]!;
    const answered = new Map(
      lines.map((text) => {
        const cells = text.split(',');
        return [`${at(cells, 'geo')}|${at(cells, 'year')}|${at(cells, 'sex')}`, Number(at(cells, 'value'))];
      }),
    );
    expect(answered).toEqual(expected);
  }, 120_000);

  it('stops the server cleanly', async () => {
    await platform.release();
    await platform.stop();
    expect(fs.existsSync(path.join(platform.dataDir, 'alliance87.lock'))).toBe(false);
  }, 60_000);
});

describe('the command line of the README on a platform whose server is stopped', () => {
  const platform = new Platform();
  beforeAll(() => platform.prepare());
  afterAll(() => platform.remove());

  // The help lines read no data: they ran above.
  for (const line of cliLines.filter((command) => !command.includes('--help'))) {
    it(`runs “${line}”`, async () => {
      await platform.release();
      const ran = await runLine(line, platform.environment());
      await checkCommand(platform, wordsOf(commandOf(line)).slice(2), ran);
    }, 120_000);
  }
});
