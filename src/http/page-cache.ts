import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding } from './assets.ts';
import { SESSION_COOKIE_PATTERN } from './cookies.ts';

/** Whether a request comes without a session cookie: only such requests get shared cached pages. */
export function isAnonymous(request: FastifyRequest): boolean {
  const cookies = request.headers.cookie;
  return !cookies || !SESSION_COOKIE_PATTERN.test(cookies);
}

interface CachedPage {
  etag: string;
  status: number;
  identity: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  tables: readonly string[];
  bytes: number;
}

export interface PageCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

/**
 * The query string a page is kept under: only the parameters the page knows, as it parsed them,
 * in a fixed order, without defaults. Parameters the page does not know (`?utm=…`, `?x=<random>`)
 * make no new entry and are never written back into the page.
 */
export function canonicalQuery(
  values: Record<string, string | number | readonly (string | number)[] | undefined>,
): string {
  const parameters = new URLSearchParams();
  for (const name of Object.keys(values).sort()) {
    const value = values[name];
    if (value === undefined || value === '') continue;
    const list = (Array.isArray(value) ? [...(value as (string | number)[])] : [value as string | number])
      .map(String)
      .sort();
    for (const item of list) parameters.append(name, item);
  }
  const text = parameters.toString();
  return text ? `?${text}` : '';
}

export interface PageCache {
  /**
   * Sends the page for this request: from the cache for anonymous GETs when it is there,
   * otherwise rendered by `render` (and kept for the next anonymous visitor).
   * `tables` are the tables whose changes make the page stale.
   */
  send(input: {
    request: FastifyRequest;
    reply: FastifyReply;
    tables: readonly string[];
    /**
     * The page's own parameters as `canonicalQuery()` wrote them; the rest of the query string
     * is ignored. Absent: the page takes no parameter, and is kept under its path alone.
     */
    query?: string;
    /** False for pages not worth keeping (a free-text search): rendered for each request. */
    keep?: boolean;
    render: () => Promise<string>;
  }): Promise<FastifyReply>;
  /** Drops every page that depends on one of these tables. */
  invalidateTables(tables: readonly string[]): void;
  clear(): void;
  stats(): PageCacheStats;
}

function etagOf(body: Buffer): string {
  return `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`;
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || value === etag || `W/${value}` === etag;
  });
}

const HTML = 'text/html; charset=utf-8';

export function createPageCache(input: { maxEntries: number; maxBytes: number }): PageCache {
  const entries = new Map<string, CachedPage>();
  let bytes = 0;
  /** Bumped on every change of a table; a render that saw an older number is not kept. */
  const generations = new Map<string, number>();
  let hits = 0;
  let misses = 0;

  const generationOf = (tables: readonly string[]) => tables.map((table) => generations.get(table) ?? 0).join('.');

  const deliver = (request: FastifyRequest, reply: FastifyReply, page: CachedPage, cacheControl: string) => {
    reply
      .code(page.status)
      .header('content-type', HTML)
      .header('etag', page.etag)
      .header('cache-control', cacheControl)
      .header('vary', 'Accept-Encoding, Cookie');
    if (page.status === 200 && matchesEtag(request.headers['if-none-match'], page.etag)) {
      return reply.code(304).send();
    }
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (encoding === 'identity') return reply.send(page.identity);
    return reply.header('content-encoding', encoding).send(encoding === 'br' ? page.brotli : page.gzip);
  };

  const build = (body: string, status: number, tables: readonly string[]): CachedPage => {
    const identity = Buffer.from(body, 'utf8');
    const gzip = zlib.gzipSync(identity, { level: 6 });
    const brotli = zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
    return {
      etag: etagOf(identity),
      status,
      identity,
      gzip,
      brotli,
      tables,
      bytes: identity.length + gzip.length + brotli.length,
    };
  };

  const remove = (key: string) => {
    const page = entries.get(key);
    if (!page) return;
    entries.delete(key);
    bytes -= page.bytes;
  };

  const keep = (key: string, page: CachedPage) => {
    if (page.bytes > input.maxBytes) return;
    remove(key);
    entries.set(key, page);
    bytes += page.bytes;
    // The least recently used go first, until both limits hold.
    while (entries.size > input.maxEntries || bytes > input.maxBytes) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      remove(oldest);
    }
  };

  return {
    async send({ request, reply, tables, query, keep: worthKeeping, render }) {
      const cacheable =
        (request.method === 'GET' || request.method === 'HEAD') &&
        isAnonymous(request) &&
        input.maxEntries > 0 &&
        worthKeeping !== false;
      if (!cacheable) {
        const body = await render();
        return reply.header('content-type', HTML).header('cache-control', 'private, no-store').send(body);
      }
      const key = `${request.url.split('?')[0] ?? '/'}${query ?? ''}`;
      const cached = entries.get(key);
      if (cached) {
        hits += 1;
        // Refresh its place in the least-recently-used order.
        entries.delete(key);
        entries.set(key, cached);
        return deliver(request, reply, cached, 'no-cache');
      }
      misses += 1;
      const before = generationOf(tables);
      const body = await render();
      const page = build(body, reply.statusCode, tables);
      if (generationOf(tables) === before) keep(key, page);
      return deliver(request, reply, page, 'no-cache');
    },
    invalidateTables(tables) {
      for (const table of tables) generations.set(table, (generations.get(table) ?? 0) + 1);
      for (const [key, page] of entries) {
        if (page.tables.some((table) => tables.includes(table))) remove(key);
      }
    },
    clear() {
      for (const table of generations.keys()) generations.set(table, (generations.get(table) ?? 0) + 1);
      entries.clear();
      bytes = 0;
    },
    stats: () => ({ hits, misses, entries: entries.size, bytes }),
  };
}
