import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.ts';
import { loadConfig } from '../config/config.ts';
import { DataDirBusyError, openDatabase } from './database.ts';
import { LOCK_FILE_NAME } from './data-dir-lock.ts';
import { applyMigrations } from './migrate.ts';

// The embedded database in a data folder: this is about PGlite only, in both test runs.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-data-'));
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database folder', () => {
  // A dozen commands, each opening the database: on a busy machine this takes well over the default 30 s.
  it('has one owner: a second server refuses, a command goes through the running server, nothing is lost', async () => {
    const server = await openDatabase({ config, role: 'server' });
    try {
      await applyMigrations(server);
      await server.pool.query(`INSERT INTO app_state (key, value) VALUES ('from_server', '1')`);

      await expect(openDatabase({ config, role: 'server' })).rejects.toBeInstanceOf(DataDirBusyError);
      await expect(openDatabase({ config, role: 'server' })).rejects.toThrow(/is in use by an Alliance 8\.7 server/);

      const command = await openDatabase({ config, role: 'cli' });
      await command.pool.query(`INSERT INTO app_state (key, value) VALUES ('from_command', '2')`);
      await command.close();

      const lines: string[] = [];
      const exitCode = await runCli({
        argv: ['migrate'],
        environment: { NODE_ENV: 'test', DATA_DIR: dataDir },
        out: (line) => lines.push(line),
        err: (line) => lines.push(line),
      });
      expect(exitCode).toBe(0);
      expect(lines).toEqual(['The database is up to date.']);

      lines.length = 0;
      const demoExit = await runCli({
        argv: ['demo:load'],
        environment: { NODE_ENV: 'test', DATA_DIR: dataDir },
        out: (line) => lines.push(line),
        err: (line) => lines.push(line),
      });
      expect(demoExit).toBe(0);
      expect(lines[0]).toMatch(/^Demonstration content loaded: 18 starting page text\(s\) added/);

      lines.length = 0;
      const createExit = await runCli({
        argv: ['users:create', '--email', 'editor@example.org', '--role', 'data_editor', '--name', 'Data Editor'],
        environment: { NODE_ENV: 'test', DATA_DIR: dataDir, PUBLIC_URL: 'https://alliance87.example' },
        out: (line) => lines.push(line),
        err: (line) => lines.push(line),
      });
      expect(createExit).toBe(0);
      expect(lines.join('\n')).toMatch(
        /created for editor@example\.org \(data_editor\)[\s\S]*https:\/\/alliance87\.example\/fr\/account\/set-password\?token=[\w-]{43}/,
      );

      // A backup and a restore through the running server; the restore keeps an undo.
      const cli = async (argv: string[], confirm = true) => {
        const output: string[] = [];
        const code = await runCli({
          argv,
          environment: { NODE_ENV: 'test', DATA_DIR: dataDir },
          out: (line) => output.push(line),
          err: (line) => output.push(line),
          confirm: () => Promise.resolve(confirm),
        });
        return { code, text: output.join('\n') };
      };
      const backupFile = path.join(dataDir, 'manual.a87.gz');
      const backup = await cli(['backup', backupFile]);
      expect(backup.code).toBe(0);
      expect(backup.text).toMatch(/^Backup written to .*manual\.a87\.gz: \d+ tables, \d+ rows, [\d.]+ kB\.$/);
      expect((await cli(['backup', backupFile])).text).toContain('exists already');
      expect((await cli(['restore'])).code).toBe(2);
      await server.pool.query(`INSERT INTO app_state (key, value) VALUES ('after_backup', '3')`);
      const keys = async () =>
        (await server.pool.query<{ key: string }>(`SELECT key FROM app_state ORDER BY key`)).rows.map((row) => row.key);

      const declined = await cli(['restore', backupFile], false);
      expect(declined.code).toBe(2);
      expect(declined.text).toContain('Nothing was changed.');
      expect(await keys()).toContain('after_backup');

      const restored = await cli(['restore', backupFile]);
      expect(restored.code).toBe(0);
      expect(await keys()).not.toContain('after_backup');
      const undo = /kept in (\S+\.a87\.gz)/.exec(restored.text)?.[1];
      expect(undo && fs.existsSync(undo)).toBe(true);
      expect((await cli(['restore', undo!, '--yes'])).code).toBe(0);
      expect(await keys()).toContain('after_backup');
      await server.pool.query(`DELETE FROM app_state WHERE key = 'after_backup'`);

      const missing = await cli(['restore', path.join(dataDir, 'nowhere.a87.gz')]);
      expect(missing.code).toBe(1);
      expect(missing.text).toContain('No file at');

      // The server keeps serving after all that.
      const rows = await server.pool.query<{ key: string }>(`SELECT key FROM app_state ORDER BY key`);
      expect(rows.rows.map((row) => row.key)).toEqual(['demo_loaded_at', 'from_command', 'from_server']);
      const users = await server.pool.query<{ email: string }>(`SELECT email FROM users`);
      expect(users.rows).toEqual([{ email: 'editor@example.org' }]);
    } finally {
      await server.close();
    }
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);

    // Reopened: both writes are on disk.
    const reopened = await openDatabase({ config, role: 'cli' });
    try {
      const rows = await reopened.pool.query<{ key: string }>(`SELECT key FROM app_state ORDER BY key`);
      expect(rows.rows.map((row) => row.key)).toEqual(['demo_loaded_at', 'from_command', 'from_server']);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
