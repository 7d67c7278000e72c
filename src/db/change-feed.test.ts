import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { CHANGE_CHANNEL, startChangeFeed, type ChangeFeed } from './change-feed.ts';

let database: TestDatabase;
let feed: ChangeFeed;
const reported: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  feed = startChangeFeed({
    connection: database.connection,
    notify: (payload) => database.pool.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, payload]),
    onChange: (table) => reported.push(table),
    onReset: () => reported.push('(reset)'),
  });
  await feed.ready;
});

afterAll(async () => {
  await feed?.stop();
  await database?.close();
});

describe('the change feed', () => {
  it('has reported every change committed before sync() when sync() resolves, and keeps its own notices to itself', async () => {
    for (let round = 1; round <= 25; round += 1) {
      reported.length = 0;
      // Committed on a connection of the pool, not the feed's: the notice travels between the two.
      await database.pool.query(`INSERT INTO organizations (slug, name, kind) VALUES ($1, $2, 'other')`, [
        `feed-${round}`,
        `Feed ${round}`,
      ]);
      await feed.sync();
      expect(reported, `round ${round}`).toEqual(['organizations']);
    }
  });

  it('resolves sync() at once once stopped, so that a closing server is never held', async () => {
    const other = startChangeFeed({
      connection: database.connection,
      notify: () => Promise.resolve(),
      onChange: () => undefined,
      onReset: () => undefined,
    });
    await other.ready;
    await other.stop();
    await expect(other.sync()).resolves.toBeUndefined();
  });
});
