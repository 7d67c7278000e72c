/**
 * `npm run bench`: load tests of the running platform, each next to a reference measured in
 * the same run on the same machine, so that the ratio means something on a noisy machine.
 *
 * - The platform is started as `npm start` would (embedded database, production mode).
 * - The reference is a bare node:http server in its own process that answers with the very
 *   bytes the platform sent for that URL (same headers, same compression): the cost of
 *   HTTP itself on this machine. The ratio platform/reference is the platform's overhead.
 * - autocannon generates the load from this process; every run is bounded in time.
 *
 * Results are written to bench/results/<date>.json and bench/results/latest.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import autocannon from 'autocannon';

const root = path.resolve(import.meta.dirname, '..');
const DURATION_SECONDS = 8;
const CONNECTIONS = 16;

interface Scenario {
  name: string;
  path: string;
  headers: Record<string, string>;
}

const scenarios: Scenario[] = [
  { name: 'home page, French, cached, brotli', path: '/fr/', headers: { 'accept-encoding': 'br' } },
  { name: 'about page, Spanish, cached, gzip', path: '/es/about', headers: { 'accept-encoding': 'gzip' } },
  {
    name: 'about page, signed-in visitor (rendered every time)',
    path: '/en/about',
    headers: { 'accept-encoding': 'gzip', cookie: 'a87_session=bench' },
  },
  { name: 'API counters (database query every time)', path: '/api/v1/stats', headers: {} },
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForReady(url: string, child: ChildProcess): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (child.exitCode !== null) throw new Error(`the process at ${url} exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** One response exactly as sent, still compressed. */
function getRaw(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

interface Measure {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string>): Promise<Measure> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_SECONDS });
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** A child process that answers every request with one recorded response. */
function startReference(input: { port: number; status: number; headers: Record<string, string>; bodyFile: string }) {
  const program = `
    const http = require('node:http');
    const body = require('node:fs').readFileSync(${JSON.stringify(input.bodyFile)});
    const headers = ${JSON.stringify(input.headers)};
    http.createServer((req, res) => { res.writeHead(${input.status}, headers); res.end(body); })
      .listen(${input.port}, '127.0.0.1');
  `;
  return spawn(process.execPath, ['-e', program], { stdio: 'ignore' });
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      // eslint-disable-next-line no-restricted-properties -- the platform process needs the machine's PATH
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const results: Record<string, unknown>[] = [];
  try {
    await waitForReady(`${base}/readyz`, app);
    for (const scenario of scenarios) {
      const sample = await getRaw(`${base}${scenario.path}`, scenario.headers);
      const bytes = sample.body;
      const bodyFile = path.join(dataDir, 'reference-body');
      fs.writeFileSync(bodyFile, bytes);
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'content-encoding', 'etag', 'cache-control', 'vary']) {
        const value = sample.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const referencePort = await freePort();
      const reference = startReference({ port: referencePort, status: sample.status, headers, bodyFile });
      try {
        await waitForReady(`http://127.0.0.1:${referencePort}/`, reference);
        const platform = await load(`${base}${scenario.path}`, scenario.headers);
        const bare = await load(`http://127.0.0.1:${referencePort}${scenario.path}`, scenario.headers);
        const ratio = platform.requestsPerSecond / bare.requestsPerSecond;
        results.push({
          scenario: scenario.name,
          path: scenario.path,
          bytes: bytes.length,
          platform,
          reference: bare,
          ratio,
        });
        process.stdout.write(
          `${scenario.name}: ${Math.round(platform.requestsPerSecond)} req/s (p99 ${platform.latencyP99Ms} ms) ` +
            `vs reference ${Math.round(bare.requestsPerSecond)} req/s: ratio ${ratio.toFixed(2)}\n`,
        );
      } finally {
        await stop(reference);
      }
    }
  } finally {
    await stop(app);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const when = new Date().toISOString();
  const report = {
    when,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    settings: { durationSeconds: DURATION_SECONDS, connections: CONNECTIONS },
    results,
  };
  const folder = path.join(root, 'bench/results');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, `${when.slice(0, 19).replace(/[:T]/g, '-')}.json`),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  const lines = [
    `# Benchmark results (${when})`,
    '',
    `${report.machine.cpus} CPU(s), ${report.machine.model ?? 'unknown'}, Node ${report.machine.node}; ` +
      `${CONNECTIONS} connections for ${DURATION_SECONDS} s per measure. The reference is a bare node:http ` +
      'server sending the same bytes; the ratio is platform ÷ reference (1.00 would be no overhead).',
    '',
    '| scenario | bytes | platform req/s | p99 ms | reference req/s | ratio |',
    '|---|---:|---:|---:|---:|---:|',
    ...results.map((entry) => {
      const platform = entry.platform as Measure;
      const reference = entry.reference as Measure;
      return `| ${String(entry.scenario)} | ${String(entry.bytes)} | ${Math.round(platform.requestsPerSecond)} | ${platform.latencyP99Ms} | ${Math.round(reference.requestsPerSecond)} | ${(entry.ratio as number).toFixed(2)} |`;
    }),
    '',
  ];
  fs.writeFileSync(path.join(folder, 'latest.md'), lines.join('\n'));
  process.stdout.write(`Results written to bench/results/.\n`);
}

await main();
