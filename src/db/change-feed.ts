import pg from 'pg';

export const CHANGE_CHANNEL = 'a87_data_changed';

/**
 * Listens for the change notices that database triggers send (see the migrations) and
 * reports which tables changed. On a lost connection it reconnects and reports `reset`,
 * since notices may have been missed meanwhile.
 */
export function startChangeFeed(input: {
  connection: pg.ClientConfig;
  onChange: (table: string) => void;
  onReset: () => void;
  onError?: (error: Error) => void;
}): { ready: Promise<void>; stop: () => Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryDelay = 250;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client(input.connection);
    next.on('notification', (notice) => {
      if (notice.channel === CHANGE_CHANNEL && notice.payload) input.onChange(notice.payload);
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
        .then(() => input.onReset())
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
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      current?.removeAllListeners();
      await current?.end().catch(() => undefined);
    },
  };
}
