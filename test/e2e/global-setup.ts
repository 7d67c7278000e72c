import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the server started for the end-to-end run answers, e.g. `http://127.0.0.1:41234`. */
    e2eBaseUrl: string;
    /** The one-time link the server printed at its first start for the Secretariat account. */
    e2eFirstLink: string;
    /** The folder where the SMTP peer writes each message it receives, one JSON file each. */
    e2eMailDir: string;
    /** The server's DATA_DIR, for CLI commands run while it runs (they go through its socket). */
    e2eDataDir: string;
  }
}

/** What the SMTP peer writes for each message: see `waitForMail` in mailbox.ts. */
export interface StoredMail {
  /** The envelope recipients (RCPT TO). */
  to: string[];
  /** The message as it came over the wire, headers and body. */
  raw: string;
  receivedAt: string;
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const READY_TIMEOUT_MS = 60_000;
const FIRST_LINK_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;

/** Asks the system for a free port by binding port 0, then lets it go. */
async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => {
        if (port) resolve(port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/**
 * A real SMTP server for the platform's mailer to talk to. Global setup runs in another process
 * than the tests, so each message is written as a JSON file (`StoredMail`) into `mailDir`.
 */
async function startSmtpPeer(mailDir: string): Promise<{ port: number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        received += 1;
        const mail: StoredMail = {
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          receivedAt: new Date().toISOString(),
        };
        const name = `${Date.now()}-${String(received).padStart(4, '0')}.json`;
        // Written aside and renamed, so that a test never reads half a file.
        const partial = path.join(mailDir, `.${name}.partial`);
        fs.writeFileSync(partial, JSON.stringify(mail));
        fs.renameSync(partial, path.join(mailDir, name));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  if (!port) throw new Error('the SMTP peer did not get a port');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The link printed on the first start (see src/main.ts), once it is there. */
function firstStartLink(stdout: string, baseUrl: string): string | null {
  const escaped = baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}/fr/account/set-password\\?token=[A-Za-z0-9_%-]+`).exec(stdout);
  return match ? match[0] : null;
}

/**
 * Starts an SMTP peer, then the server the way `npm start` does, on a fresh data folder, and waits
 * until it is ready and has printed the first Secretariat account's one-time link.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-e2e-'));
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-e2e-mail-'));
  const smtp = await startSmtpPeer(mailDir);
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = {
    // eslint-disable-next-line no-restricted-properties -- the child server needs the machine's PATH
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    // The links in messages and in the first-start line point at this very server.
    PUBLIC_URL: baseUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  // The browser journeys run on the embedded database, whatever the test shell points at.
  delete env.DATABASE_URL;

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });

  const cleanUpFolder = async () => {
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(mailDir, { recursive: true, force: true });
  };

  const stop = async () => {
    if (!hasExited(child)) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    await cleanUpFolder();
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem: string;
  for (;;) {
    if (hasExited(child)) {
      await cleanUpFolder();
      throw new Error(
        `The server exited before it was ready (code ${String(child.exitCode)}, signal ${String(child.signalCode)}).\n` +
          `stderr:\n${stderr || '(empty)'}\nstdout:\n${stdout || '(empty)'}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) break;
      lastProblem = `/readyz answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `The server was not ready after ${READY_TIMEOUT_MS / 1000} s (${lastProblem}).\nstderr:\n${stderr || '(empty)'}`,
      );
    }
    await sleep(250);
  }

  // The link is printed just after the server starts listening, so possibly after /readyz answers.
  const linkDeadline = Date.now() + FIRST_LINK_TIMEOUT_MS;
  let firstLink = firstStartLink(stdout, baseUrl);
  while (!firstLink) {
    if (hasExited(child) || Date.now() > linkDeadline) {
      await stop();
      throw new Error(
        `The server did not print the first Secretariat account's one-time link.\nstdout:\n${stdout || '(empty)'}\n` +
          `stderr:\n${stderr || '(empty)'}`,
      );
    }
    await sleep(100);
    firstLink = firstStartLink(stdout, baseUrl);
  }

  project.provide('e2eBaseUrl', baseUrl);
  project.provide('e2eFirstLink', firstLink);
  project.provide('e2eMailDir', mailDir);
  project.provide('e2eDataDir', dataDir);
  return stop;
}
