import { getTableName } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '../db/schema.ts';
import { useTestApp } from '../testing/test-app.ts';

const platform = useTestApp();

describe('the modules of the server', () => {
  it('are mounted each after those it needs', () => {
    expect(platform.server.modules.map((module) => module.name)).toEqual([
      'mail',
      'stats',
      'news',
      'pathfinders',
      'content',
      'accounts',
      'audit',
      'partners',
      'data',
      'admin',
    ]);
  });

  it('give every table of the database exactly one owner', () => {
    const owners = new Map<string, string[]>();
    for (const module of platform.server.modules) {
      for (const table of module.tables) {
        const name = getTableName(table);
        owners.set(name, [...(owners.get(name) ?? []), module.name]);
      }
    }
    // The platform's own state (installation date, secret) belongs to no module.
    const tables = Object.values(schema)
      .map((table) => getTableName(table))
      .filter((name) => name !== 'app_state');
    expect([...owners.keys()].sort()).toEqual(tables.sort());
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
  });
});
