import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PageCache } from './page-cache.ts';

/** Whether a request carries `Authorization: Bearer <token>` with the configured token. */
function hasBearer(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) return false;
  // Compared as digests: equal lengths, in constant time.
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * Prometheus metrics of one app instance, served at /metrics to whoever presents the bearer
 * token of `METRICS_TOKEN`, and to nobody (not even the machine itself) when it is not set: the
 * figures tell the Node.js version, the memory, and an attack in progress.
 */
export function registerMetrics(
  app: FastifyInstance,
  input: {
    /** The bearer token that opens /metrics; unset, it answers 404 to everyone. */
    token: string | undefined;
    pageCache: PageCache;
    /** Further values read when the metrics are collected (name without the `alliance87_` prefix). */
    gauges?: { name: string; help: string; value: () => number }[];
  },
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'alliance87_' });

  const duration = new Histogram({
    name: 'alliance87_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Counter({
    name: 'alliance87_page_cache_hits_total',
    help: 'Public pages served from the page cache',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(input.pageCache.stats().hits);
    },
  });
  new Counter({
    name: 'alliance87_page_cache_misses_total',
    help: 'Public pages rendered because the cache did not hold them',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(input.pageCache.stats().misses);
    },
  });
  new Gauge({
    name: 'alliance87_page_cache_entries',
    help: 'Pages held in the page cache',
    registers: [registry],
    collect() {
      this.set(input.pageCache.stats().entries);
    },
  });
  new Gauge({
    name: 'alliance87_page_cache_bytes',
    help: 'Bytes held in the page cache, compressed copies included',
    registers: [registry],
    collect() {
      this.set(input.pageCache.stats().bytes);
    },
  });

  for (const gauge of input.gauges ?? []) {
    new Gauge({
      name: `alliance87_${gauge.name}`,
      help: gauge.help,
      registers: [registry],
      collect() {
        this.set(gauge.value());
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/metrics', async (request, reply) => {
    if (!input.token) return reply.callNotFound();
    if (!hasBearer(request, input.token)) {
      request.log.warn('metrics asked without the right token');
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('The metrics need the bearer token set in METRICS_TOKEN.\n');
    }
    return reply
      .header('content-type', registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics());
  });
  return registry;
}
