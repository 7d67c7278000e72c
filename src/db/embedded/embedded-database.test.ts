import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { embeddedConnection } from '../database.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.ts';

// These tests exercise the embedded database itself, so they run in both test runs.
let folder: string;
let embedded: EmbeddedDatabase;
let pool: pg.Pool;

async function templateDump(): Promise<string | null> {
  return inject('templateDump');
}

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-wire-'));
  embedded = await startEmbeddedDatabase({ pgdataDir: null, socketDir: folder, loadFrom: await templateDump() });
  pool = new pg.Pool({ ...embeddedConnection(folder), max: 6 });
  await pool.query('CREATE TABLE wire_rows (id serial PRIMARY KEY, label text NOT NULL)');
});

afterAll(async () => {
  await pool?.end();
  await embedded?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('the embedded database served on a local socket', () => {
  it('never interleaves the statements of two transactions', async () => {
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query('BEGIN');
      await a.query(`INSERT INTO wire_rows (label) VALUES ('a')`);
      // b's transaction has to wait until a's is over.
      const order: string[] = [];
      const bWork = (async () => {
        await b.query('BEGIN');
        order.push('b began');
        await b.query(`INSERT INTO wire_rows (label) VALUES ('b')`);
        await b.query('COMMIT');
      })();
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push('a rolls back');
      await a.query('ROLLBACK');
      await bWork;
      expect(order).toEqual(['a rolls back', 'b began']);
      const rows = await pool.query<{ label: string }>('SELECT label FROM wire_rows ORDER BY id');
      expect(rows.rows.map((row) => row.label)).toEqual(['b']);
    } finally {
      a.release();
      b.release();
    }
  });

  it('rolls back the transaction of a client that goes away, and lets others continue', async () => {
    const client = new pg.Client(embeddedConnection(folder));
    client.on('error', () => undefined);
    await client.connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO wire_rows (label) VALUES ('abandoned')`);
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const rows = await pool.query<{ count: string }>(`SELECT count(*) FROM wire_rows WHERE label = 'abandoned'`);
    expect(rows.rows[0]?.count).toBe('0');
  });

  it('reports errors to the client and keeps its connection usable', async () => {
    const client = await pool.connect();
    try {
      await expect(client.query('SELECT * FROM no_such_table')).rejects.toThrow(/does not exist/);
      await expect(client.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    } finally {
      client.release();
    }
  });

  it('relays notifications to the connections that listen', async () => {
    const listener = new pg.Client(embeddedConnection(folder));
    await listener.connect();
    await listener.query('LISTEN wire_test');
    const received = new Promise<string | undefined>((resolve) => {
      listener.on('notification', (notice) => resolve(notice.payload));
    });
    await pool.query(`SELECT pg_notify('wire_test', 'hello')`);
    await expect(received).resolves.toBe('hello');
    await listener.end();
  });

  it('keeps the event loop of the app free while a long query runs', async () => {
    let finished = false;
    const query = pool.query('SELECT pg_sleep(1)').then(() => {
      finished = true;
    });
    // The query runs on the database thread: the app's own work goes on meanwhile, turn after
    // turn of its event loop (on the same thread, the loop would wait for the query's end).
    let turnsWhileRunning = 0;
    while (!finished && turnsWhileRunning < 20) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (!finished) turnsWhileRunning += 1;
    }
    expect(turnsWhileRunning).toBe(20);
    await query;
  });

  it('has the extensions the platform uses', async () => {
    // In PostgreSQL-server test runs this database is not made from the migrated template.
    await pool.query('CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm');
    const result = await pool.query<{ plain: string }>(`SELECT unaccent('Société Ñandú') AS plain`);
    expect(result.rows[0]?.plain).toBe('Societe Nandu');
    const similarity = await pool.query<{ score: number }>(`SELECT similarity('Alliance', 'Aliance') AS score`);
    expect(similarity.rows[0]?.score).toBeGreaterThan(0.5);
  });
});
