import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmbeddedWorkerData, EmbeddedWorkerReply, EmbeddedWorkerRequest } from './embedded-worker.ts';

export const EMBEDDED_PORT = 5432;

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface EmbeddedDatabase {
  /** Folder holding the socket; a `pg` client connects with `host: socketDir`. */
  socketDir: string;
  dump(file: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts PGlite on a worker thread, serving it on `${socketDir}/.s.PGSQL.5432`. */
export async function startEmbeddedDatabase(input: {
  pgdataDir: string | null;
  socketDir: string;
  loadFrom?: string | null;
}): Promise<EmbeddedDatabase> {
  const workerData: EmbeddedWorkerData = {
    pgdataDir: input.pgdataDir,
    socketPath: path.join(input.socketDir, `.s.PGSQL.${EMBEDDED_PORT}`),
    loadFrom: input.loadFrom ?? null,
  };
  const worker = new Worker(new URL('./embedded-worker.boot.js', import.meta.url), { workerData });

  await new Promise<void>((resolve, reject) => {
    const onMessage = (reply: EmbeddedWorkerReply) => {
      if (reply.type === 'ready') resolve();
      else if (reply.type === 'failed') reject(new Error(`The embedded database did not start: ${reply.message}`));
    };
    worker.once('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The embedded database stopped (exit code ${code})`)));
  });

  let nextId = 1;
  const request = (message: WithoutId<EmbeddedWorkerRequest>) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (reply: EmbeddedWorkerReply) => {
        if (reply.type !== 'done' || reply.id !== id) return;
        worker.off('message', onMessage);
        if (reply.error) reject(new Error(reply.error));
        else resolve();
      };
      worker.on('message', onMessage);
      worker.postMessage({ ...message, id });
    });

  let closing: Promise<void> | null = null;
  return {
    socketDir: input.socketDir,
    dump: (file) => request({ type: 'dump', file }),
    close: () => {
      closing ??= request({ type: 'close' }).finally(() => worker.terminate().then(() => undefined));
      return closing;
    },
  };
}
