import { ConfigError, loadConfig } from './config/config.ts';
import { DataDirBusyError, openDatabase } from './db/database.ts';
import { buildServer } from './server.ts';
import { ensureFirstSecretariat } from './modules/accounts/index.ts';
import { prepareDatabase, recordServerAddress } from './startup.ts';

/** `npm start`: configuration → database → migrations (and first-start content) → HTTP server. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  let database;
  try {
    database = await openDatabase({ config, role: 'server' });
  } catch (error) {
    if (error instanceof DataDirBusyError) {
      process.stderr.write(`Not starting: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const prepared = await prepareDatabase({ database, config });
  const server = await buildServer({ config, database });
  const { app } = server;
  app.log.info(
    { database: database.kind, migrationsApplied: prepared.migrationsApplied, demoLoaded: prepared.demoLoaded },
    'database ready',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const forced = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    forced.unref();
    try {
      await server.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  // 'on', not 'once': the same signal often arrives twice (from the terminal or process group, and
  // relayed by tsx), and a second one without a listener would kill the process mid-shutdown.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    app.log.error({ err: error }, 'could not listen');
    await database.close();
    process.exit(1);
  }
  // The command line's one-time links (without PUBLIC_URL) point at the address recorded here.
  await recordServerAddress({ database, config, listening: app.server.address() });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // No default password anywhere: the first Secretariat account gets a one-time link instead.
  const first = await ensureFirstSecretariat({
    db: database.db,
    email: config.adminEmail,
    locale: config.defaultLocale,
    publicUrl: config.publicUrl,
  });
  if (first?.status === 'created') {
    process.stdout.write(
      `\nSecretariat account ${first.email}: set its password and second factor with this one-time link ` +
        `(valid 24 hours; it is printed only this once):\n${first.link}\n`,
    );
  } else if (first?.status === 'waiting') {
    process.stdout.write(
      `\nThe Secretariat account ${first.email} has not been used yet. Its one-time link was printed at the first ` +
        `start; for a new one, run:\n  npx alliance87 users:create --email ${first.email} --role secretariat\n`,
    );
  }
  process.stdout.write(
    `\nAlliance 8.7 platform: listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/ ` +
      `(public address ${config.publicUrl}; database: ${database.kind === 'embedded' ? `embedded in ${config.dataDir}` : 'PostgreSQL server'})\n\n`,
  );
}

await main();
