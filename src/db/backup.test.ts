import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../demo.ts';
import type { Server } from '../server.ts';
import { createTestApp } from '../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createTestUser } from '../testing/test-users.ts';
import { BackupError, readBackupHeader, restoreBackup, writeBackup } from './backup.ts';

let database: TestDatabase;
let folder: string;

/** A fingerprint of every row of every table, to compare two states of the database. */
async function fingerprint(target: TestDatabase): Promise<Record<string, string>> {
  const tables = await target.pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const rows = await target.pool.query<{ sum: string }>(
      `SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${name}" t`,
    );
    result[name] = rows.rows[0]!.sum;
  }
  return result;
}

/** Rewrites a backup file line by line (to make damaged or foreign ones). */
function rewrite(source: string, target: string, change: (lines: string[]) => string[]): void {
  const lines = zlib.gunzipSync(fs.readFileSync(source)).toString('utf8').trimEnd().split('\n');
  fs.writeFileSync(target, zlib.gzipSync(`${change(lines).join('\n')}\n`));
}

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-backup-'));
  database = await createTestDatabase();
  await loadDemonstrationContent(database.db);
  await createTestUser({ database, roles: [{ role: 'secretariat' }], totp: true, name: 'Zoë “Backup” Ñúñez' });
  // A logo (bytes), a JSON column and a queued mail, so that every kind of value goes through.
  await database.pool.query(`
    INSERT INTO organization_logos (organization_id, image, content_type, hash, width, height)
      SELECT id, '\\x52494646ff00'::bytea, 'image/webp', 'abc', 10, 10 FROM organizations ORDER BY id LIMIT 1;
    INSERT INTO audit_log (actor_label, action, entity_type, entity_id, after)
      VALUES ('test', 'backup.test', 'none', '1', '{"nested": {"list": [1, "deux", null]}}');`);
});

afterAll(async () => {
  await database?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('a backup', () => {
  it('restores every row as it was, and the sequences go on after them', async () => {
    const before = await fingerprint(database);
    const file = path.join(folder, 'full.a87.gz');
    const written = await writeBackup(database, file);
    expect(written.rows).toBeGreaterThan(100);
    const header = await readBackupHeader(file);
    expect(header.tables.map((table) => table.name)).toContain('organizations');
    // Parents come before the tables that refer to them.
    const order = header.tables.map((table) => table.name);
    expect(order.indexOf('organizations')).toBeLessThan(order.indexOf('organization_translations'));
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('role_assignments'));

    await database.pool.query(`DELETE FROM organizations WHERE id IN (SELECT id FROM organizations LIMIT 5)`);
    await database.pool.query(`UPDATE users SET name = 'Changed'`);
    await database.pool.query(`INSERT INTO audit_log (actor_label, action, entity_type) VALUES ('x', 'later', 'none')`);
    expect(await fingerprint(database)).not.toEqual(before);

    const restored = await restoreBackup(database, file);
    expect(restored.rows).toBe(written.rows);
    expect(await fingerprint(database)).toEqual(before);

    const next = await database.pool.query<{ id: number }>(
      `INSERT INTO audit_log (actor_label, action, entity_type) VALUES ('x', 'after restore', 'none') RETURNING id::int AS id`,
    );
    const highest = await database.pool.query<{ max: number }>(
      `SELECT max(id)::int AS max FROM audit_log WHERE action <> 'after restore'`,
    );
    expect(next.rows[0]!.id).toBeGreaterThan(highest.rows[0]!.max);
    await database.pool.query(`DELETE FROM audit_log WHERE action = 'after restore'`);
  });

  it('restores into another, empty database of the same version', async () => {
    const file = path.join(folder, 'move.a87.gz');
    await writeBackup(database, file);
    const other = await createTestDatabase();
    try {
      await restoreBackup(other, file);
      expect(await fingerprint(other)).toEqual(await fingerprint(database));
    } finally {
      await other.close();
    }
  });

  it('is refused, changing nothing, when it is not one, damaged, incomplete or from another version', async () => {
    const file = path.join(folder, 'source.a87.gz');
    await writeBackup(database, file);
    const before = await fingerprint(database);
    const attempt = async (name: string, prepare: (target: string) => void) => {
      const target = path.join(folder, name);
      prepare(target);
      const error = await restoreBackup(database, target).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(await fingerprint(database)).toEqual(before);
      return error;
    };

    const text = await attempt('notes.txt', (target) => fs.writeFileSync(target, 'just some notes'));
    expect(text).toBeInstanceOf(BackupError);

    const foreign = await attempt('foreign.a87.gz', (target) =>
      fs.writeFileSync(target, zlib.gzipSync('{"hello": "world"}\n')),
    );
    expect((foreign as Error).message).toContain('not an Alliance 8.7 backup');

    const older = await attempt('older.a87.gz', (target) =>
      rewrite(file, target, ([head, ...rest]) => [
        JSON.stringify({ ...(JSON.parse(head!) as object), migrations: 3 }),
        ...rest,
      ]),
    );
    expect((older as Error).message).toMatch(
      /made by a platform with 3 database migration\(s\); this database has \d+/,
    );

    const cut = await attempt('cut.a87.gz', (target) => rewrite(file, target, (lines) => lines.slice(0, -1)));
    expect((cut as Error).message).toContain('The backup is incomplete');

    const truncated = await attempt('truncated.a87.gz', (target) => {
      const bytes = fs.readFileSync(file);
      fs.writeFileSync(target, bytes.subarray(0, Math.floor(bytes.length / 2)));
    });
    expect(truncated).toBeInstanceOf(Error);

    const renamed = await attempt('renamed.a87.gz', (target) =>
      rewrite(file, target, ([head, ...rest]) => {
        const header = JSON.parse(head!) as { tables: { name: string }[] };
        header.tables[0]!.name = 'no_such_table';
        return [JSON.stringify(header), ...rest];
      }),
    );
    expect((renamed as Error).message).toContain('table no_such_table is not in this database');
  });
});

describe('a restore while the platform runs', () => {
  let server: Server;

  beforeAll(async () => {
    server = await createTestApp({ database });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('shows on the site at once: every process is told that every table changed', async () => {
    const file = path.join(folder, 'site.a87.gz');
    await writeBackup(database, file);
    const count = async () => (await server.app.inject({ url: '/api/v1/partners' })).json<{ total: number }>().total;
    const before = await count();
    await database.pool.query(`UPDATE organizations SET status = 'suspended' WHERE status = 'active'`);
    await expect.poll(count, { timeout: 5000, interval: 25 }).toBe(0);
    // The English home page is now cached without the partners (a counter at zero is not shown).
    expect((await server.app.inject({ url: '/en/' })).body).not.toContain(
      `<strong>${before}</strong> partner organizations`,
    );
    await restoreBackup(database, file);
    await expect.poll(count, { timeout: 5000, interval: 25 }).toBe(before);
    await expect
      .poll(async () => (await server.app.inject({ url: '/en/' })).body, { timeout: 5000, interval: 25 })
      .toContain(`<strong>${before}</strong> partner organizations`);
  });
});
