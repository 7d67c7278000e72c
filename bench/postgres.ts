import pg from 'pg';

/**
 * A fresh database on the PostgreSQL server for a benchmark's second run (dropped afterwards), or
 * the reason when no server answers.
 */
export async function createServerDatabase(): Promise<
  { url: string; drop: () => Promise<void> } | { skipped: string }
> {
  // eslint-disable-next-line no-restricted-properties -- a setting of the benchmark, not of the platform
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `a87_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    return {
      skipped: `no PostgreSQL server at ${adminUrl} (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
