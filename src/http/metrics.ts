import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PageCache } from './page-cache.ts';

/** Prometheus metrics of one app instance, served at /metrics. */
export function registerMetrics(
  app: FastifyInstance,
  input: {
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

  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', registry.contentType).send(await registry.metrics()),
  );
  return registry;
}
