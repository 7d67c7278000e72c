import pg from 'pg';

export const CHANGE_CHANNEL = 'a87_data_changed';

/** The payload of a barrier notice (never a table's name): `~sync:` and a number. */
const SYNC_PREFIX = '~sync:';

/** How long `sync()` waits for its notice before giving up (a lost connection resets everything anyway). */
const SYNC_TIMEOUT_MS = 2_000;

export interface ChangeFeed {
  ready: Promise<void>;
  /**
   * Resolves once every change committed before the call has been reported to `onChange`: it
   * sends a notice of its own through `notify` and waits for it, and PostgreSQL delivers the
   * notices of different transactions in the order they committed. A request that wrote calls
   * it before answering, so that whatever the process keeps in memory already shows the write.
   */
  sync(): Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Listens for the change notices that database triggers send (see the migrations) and
 * reports which tables changed. On a lost connection it reconnects and reports `reset`,
 * since notices may have been missed meanwhile.
 */
export function startChangeFeed(input: {
  connection: pg.ClientConfig;
  /** Sends a notice on the change channel from another connection (the pool), for `sync()`. */
  notify: (payload: string) => Promise<unknown>;
  onChange: (table: string) => void;
  onReset: () => void;
  onError?: (error: Error) => void;
}): ChangeFeed {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryDelay = 250;
  let timer: NodeJS.Timeout | null = null;
  let syncs = 0;
  const waiting = new Map<string, () => void>();
  const releaseAll = () => {
    for (const release of waiting.values()) release();
    waiting.clear();
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client(input.connection);
    next.on('notification', (notice) => {
      if (notice.channel !== CHANGE_CHANNEL || !notice.payload) return;
      if (notice.payload.startsWith(SYNC_PREFIX)) {
        waiting.get(notice.payload)?.();
        waiting.delete(notice.payload);
        return;
      }
      input.onChange(notice.payload);
    });
    next.on('error', (error) => {
      input.onError?.(error);
      scheduleReconnect();
    });
    next.on('end', () => scheduleReconnect());
    await next.connect();
    await next.query(`LISTEN ${CHANGE_CHANNEL}`);
    client = next;
    retryDelay = 250;
  };

  const scheduleReconnect = () => {
    if (stopped || timer) return;
    client?.removeAllListeners();
    client = null;
    timer = setTimeout(() => {
      timer = null;
      connect()
        .then(() => {
          // Notices may have been missed: everything is dropped, so the waiting writers may go on.
          input.onReset();
          releaseAll();
        })
        .catch((error: unknown) => {
          input.onError?.(error instanceof Error ? error : new Error(String(error)));
          retryDelay = Math.min(retryDelay * 2, 10_000);
          scheduleReconnect();
        });
    }, retryDelay);
    timer.unref();
  };

  const ready = connect();
  return {
    ready,
    async sync() {
      if (stopped || !client) return;
      syncs += 1;
      const payload = `${SYNC_PREFIX}${process.pid}.${syncs}`;
      let timeout: NodeJS.Timeout | undefined;
      const arrived = new Promise<void>((resolve) => {
        waiting.set(payload, resolve);
        timeout = setTimeout(() => {
          waiting.delete(payload);
          resolve();
        }, SYNC_TIMEOUT_MS);
        timeout.unref();
      });
      try {
        await input.notify(payload);
        await arrived;
      } catch (error) {
        waiting.delete(payload);
        input.onError?.(error instanceof Error ? error : new Error(String(error)));
      } finally {
        clearTimeout(timeout);
      }
    },
    stop: async () => {
      stopped = true;
      releaseAll();
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      current?.removeAllListeners();
      await current?.end().catch(() => undefined);
    },
  };
}
