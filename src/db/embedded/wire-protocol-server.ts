import net from 'node:net';
import fs from 'node:fs';

/**
 * Serves one PGlite instance to several PostgreSQL clients over a local socket.
 *
 * PGlite is a single-session database: it cannot interleave two transactions. Each client
 * connection therefore takes an exclusive turn from its first message until PGlite reports
 * "idle" again (ReadyForQuery with status I), so a transaction is never split by another
 * client's statements. Notifications produced by one client's commit are relayed to every
 * connection that has issued LISTEN, which keeps LISTEN/NOTIFY usable on the embedded database.
 */
export interface ProtocolExecutor {
  execProtocolRaw(message: Uint8Array): Promise<Uint8Array>;
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TERMINATE = 0x58; // 'X'
const QUERY = 0x51; // 'Q'
const NOTIFICATION = 0x41; // 'A'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'

class TurnQueue {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when it is the caller's turn; the returned function ends the turn. */
  take(): Promise<() => void> {
    let end!: () => void;
    const turnEnded = new Promise<void>((resolve) => {
      end = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => turnEnded);
    return previous.then(() => end);
  }
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function cString(value: string): Buffer {
  return Buffer.from(`${value}\0`, 'utf8');
}

function startupReply(processId: number): Buffer {
  const parameters: Record<string, string> = {
    server_version: '18.0',
    server_encoding: 'UTF8',
    client_encoding: 'UTF8',
    DateStyle: 'ISO, MDY',
    integer_datetimes: 'on',
    standard_conforming_strings: 'on',
    TimeZone: 'UTC',
  };
  const authOk = message('R', Buffer.from([0, 0, 0, 0]));
  const statuses = Object.entries(parameters).map(([name, value]) =>
    message('S', Buffer.concat([cString(name), cString(value)])),
  );
  const keyData = Buffer.alloc(8);
  keyData.writeInt32BE(processId, 0);
  keyData.writeInt32BE(0, 4);
  return Buffer.concat([authOk, ...statuses, message('K', keyData), message('Z', Buffer.from([IDLE]))]);
}

interface Connection {
  socket: net.Socket;
  listens: boolean;
}

/** Splits a buffer of backend messages, returning the notifications and the final transaction status. */
function inspectReply(reply: Buffer): { notifications: Buffer[]; lastStatus: number | null } {
  const notifications: Buffer[] = [];
  let lastStatus: number | null = null;
  let offset = 0;
  while (offset + 5 <= reply.length) {
    const type = reply[offset];
    const length = reply.readInt32BE(offset + 1);
    const end = offset + 1 + length;
    if (type === NOTIFICATION) notifications.push(reply.subarray(offset, end));
    if (type === READY_FOR_QUERY) lastStatus = reply[offset + 5] ?? null;
    offset = end;
  }
  return { notifications, lastStatus };
}

export async function startWireProtocolServer(input: {
  db: ProtocolExecutor;
  socketPath: string;
}): Promise<{ close: () => Promise<void> }> {
  const turns = new TurnQueue();
  const connections = new Set<Connection>();
  let nextProcessId = 1;

  const server = net.createServer((socket) => {
    const connection: Connection = { socket, listens: false };
    connections.add(connection);
    const processId = nextProcessId++;
    let pending: Buffer = Buffer.alloc(0);
    let started = false;
    let endTurn: (() => void) | null = null;
    let busy = false;
    let closing = false;
    let closed = false;

    const execute = async (bytes: Buffer): Promise<Buffer> => {
      if (!endTurn) endTurn = await turns.take();
      const reply = Buffer.from(await input.db.execProtocolRaw(bytes));
      const { notifications, lastStatus } = inspectReply(reply);
      if (lastStatus === IDLE) {
        endTurn();
        endTurn = null;
      }
      for (const other of connections) {
        if (other !== connection && other.listens && !other.socket.destroyed) {
          for (const notification of notifications) other.socket.write(notification);
        }
      }
      return reply;
    };

    const finish = async () => {
      if (closed) return;
      closed = true;
      connections.delete(connection);
      if (endTurn) {
        // The client went away inside a transaction: undo it before anyone else takes a turn.
        try {
          await input.db.execProtocolRaw(message('Q', cString('ROLLBACK')));
        } finally {
          endTurn();
          endTurn = null;
        }
      }
    };

    const pump = async () => {
      if (busy) return;
      busy = true;
      try {
        for (;;) {
          if (closing) return;
          if (!started) {
            if (pending.length < 8) return;
            const length = pending.readInt32BE(0);
            if (pending.length < length) return;
            const code = pending.readInt32BE(4);
            pending = pending.subarray(length);
            if (code === SSL_REQUEST || code === GSS_REQUEST) {
              socket.write('N');
            } else if (code === CANCEL_REQUEST) {
              socket.end();
              return;
            } else {
              started = true;
              socket.write(startupReply(processId));
            }
            continue;
          }
          const batch: Buffer[] = [];
          let offset = 0;
          let terminate = false;
          while (pending.length - offset >= 5) {
            const length = pending.readInt32BE(offset + 1);
            if (pending.length - offset < 1 + length) break;
            const frame = pending.subarray(offset, offset + 1 + length);
            offset += 1 + length;
            if (frame[0] === TERMINATE) {
              terminate = true;
              break;
            }
            if (frame[0] === QUERY && /^\s*listen\s/i.test(frame.subarray(5).toString('utf8'))) {
              connection.listens = true;
            }
            batch.push(frame);
          }
          pending = pending.subarray(offset);
          if (batch.length > 0) {
            const reply = await execute(Buffer.concat(batch));
            if (!socket.destroyed) socket.write(reply);
          }
          if (terminate) {
            await finish();
            socket.end();
            return;
          }
          if (batch.length === 0) return;
        }
      } catch (error) {
        socket.destroy(error as Error);
      } finally {
        busy = false;
        if (closing) void finish();
      }
    };

    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      void pump();
    });
    socket.on('error', () => {
      /* the close handler cleans up */
    });
    socket.on('close', () => {
      closing = true;
      if (!busy) void finish();
    });
  });

  fs.rmSync(input.socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(input.socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  fs.chmodSync(input.socketPath, 0o600);

  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of connections) connection.socket.destroy();
        server.close(() => resolve());
      }),
  };
}
