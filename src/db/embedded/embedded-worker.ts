import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { startWireProtocolServer } from './wire-protocol-server.ts';

/**
 * Runs PGlite on its own thread so that a long query never blocks the HTTP event loop,
 * and serves it on a local socket to the app's connection pool and to the CLI.
 */
export interface EmbeddedWorkerData {
  /** Folder for the database files, or null for an in-memory database. */
  pgdataDir: string | null;
  socketPath: string;
  /** A tarball made by `dump`, loaded into a new database (test templates, restore). */
  loadFrom: string | null;
}

export type EmbeddedWorkerRequest = { type: 'dump'; id: number; file: string } | { type: 'close'; id: number };

export type EmbeddedWorkerReply =
  { type: 'ready' } | { type: 'failed'; message: string } | { type: 'done'; id: number; error?: string };

const port = parentPort;
if (!port) throw new Error('embedded-worker must run in a worker thread');
const data = workerData as EmbeddedWorkerData;

try {
  const loadDataDir = data.loadFrom ? new Blob([fs.readFileSync(data.loadFrom)]) : undefined;
  const db = await PGlite.create(data.pgdataDir ?? undefined, {
    extensions: { pg_trgm, unaccent },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  const server = await startWireProtocolServer({ db, socketPath: data.socketPath });

  port.on('message', (request: EmbeddedWorkerRequest) => {
    const reply = (error?: unknown) =>
      port.postMessage({
        type: 'done',
        id: request.id,
        ...(error ? { error: error instanceof Error ? error.message : JSON.stringify(error) } : {}),
      } satisfies EmbeddedWorkerReply);
    if (request.type === 'dump') {
      db.dumpDataDir('none')
        .then(async (blob) => {
          fs.writeFileSync(request.file, Buffer.from(await blob.arrayBuffer()));
          reply();
        })
        .catch(reply);
    } else {
      server
        .close()
        .then(() => db.close())
        .then(() => reply())
        .catch(reply);
    }
  });
  port.postMessage({ type: 'ready' } satisfies EmbeddedWorkerReply);
} catch (error) {
  port.postMessage({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
  } satisfies EmbeddedWorkerReply);
}
