import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from './demo.ts';
import { createTestApp, useTestApp } from './testing/test-app.ts';

const test = useTestApp({
  prepare: async (database) => {
    await loadDemonstrationContent(database.db);
  },
});

describe('the root address', () => {
  it('sends visitors to the language their browser prefers', async () => {
    const response = await test.server.app.inject({
      url: '/',
      headers: { 'accept-language': 'es-AR,es;q=0.9,en;q=0.5' },
    });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/es/');
    expect(response.headers.vary).toContain('Accept-Language');
  });

  it('falls back to French when the browser asks for none of the three languages', async () => {
    const response = await test.server.app.inject({ url: '/', headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    expect(response.headers.location).toBe('/fr/');
    const none = await test.server.app.inject({ url: '/' });
    expect(none.headers.location).toBe('/fr/');
  });

  it('honours DEFAULT_LOCALE for the fallback', async () => {
    const english = await createTestApp({ database: test.database, config: { DEFAULT_LOCALE: 'en' } });
    try {
      const response = await english.app.inject({ url: '/', headers: { 'accept-language': 'ja' } });
      expect(response.headers.location).toBe('/en/');
    } finally {
      await english.close();
    }
  });

  it('adds the trailing slash to a bare language prefix', async () => {
    const response = await test.server.app.inject({ url: '/en' });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/en/');
  });
});

describe('public pages', () => {
  it.each([
    ['fr', 'Accueil', 'À propos'],
    ['en', 'Home', 'About'],
    ['es', 'Inicio', 'Acerca de'],
  ])('serves the home page in %s with its navigation', async (locale, home, about) => {
    const response = await test.server.app.inject({ url: `/${locale}/` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = response.body;
    expect(body).toContain(`<html lang="${locale}"`);
    expect(body).toContain(`>${home}</a>`);
    expect(body).toContain(`href="/${locale}/about">${about}</a>`);
    // The pathfinder counter: the seven sourced countries granted the status (content/demo/pathfinders.json).
    expect(body).toMatch(/<strong>7<\/strong>/);
    expect(body).not.toMatch(/<strong>0<\/strong>/);
    for (const other of ['fr', 'en', 'es']) {
      expect(body).toContain(`<link rel="alternate" hreflang="${other}" href="http://platform.test/${other}/">`);
    }
  });

  it.each(['fr', 'en', 'es'])('serves the about page in %s with a switcher that keeps the page', async (locale) => {
    const response = await test.server.app.inject({ url: `/${locale}/about` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<html lang="${locale}"`);
    expect(response.body).toContain('href="/fr/about" hreflang="fr" lang="fr"');
    expect(response.body).toContain('href="/en/about" hreflang="en" lang="en"');
    expect(response.body).toContain('href="/es/about" hreflang="es" lang="es"');
    expect(response.body).toContain('aria-current="page">');
    expect(response.body).toMatch(/<h2 id="[a-z0-9-]+">[^<]+<\/h2>/);
  });

  it('says how many of the records it counts are demonstration records', async () => {
    const response = await test.server.app.inject({ url: '/en/' });
    expect(response.body).toMatch(/Including \d+ demonstration records\./);
  });

  it('answers an unknown language or page with a 404 page in the right language', async () => {
    const unknownLocale = await test.server.app.inject({ url: '/de/about', headers: { 'accept-language': 'es' } });
    expect(unknownLocale.statusCode).toBe(404);
    expect(unknownLocale.body).toContain('Página no encontrada');
    const unknownPage = await test.server.app.inject({ url: '/en/nowhere' });
    expect(unknownPage.statusCode).toBe(404);
    expect(unknownPage.body).toContain('<html lang="en"');
    expect(unknownPage.body).toContain('Page not found');
    expect(unknownPage.headers['content-type']).toContain('text/html');
  });

  it('writes dates as the reader’s language does', async () => {
    // Which day it is does not matter here (the home page's own test gives it a fixed one).
    const french = await test.server.app.inject({ url: '/fr/' });
    const spanish = await test.server.app.inject({ url: '/es/' });
    expect(french.body).toMatch(
      / le \d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}\./,
    );
    expect(spanish.body).toMatch(
      / el \d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d{4}\./,
    );
  });
});

describe('security and delivery', () => {
  it('sends a Content-Security-Policy without inline script and the usual protective headers', async () => {
    const response = await test.server.app.inject({ url: '/fr/' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('serves fingerprinted assets cached for a year, compressed', async () => {
    const page = await test.server.app.inject({ url: '/fr/' });
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.body)?.[1];
    expect(href).toMatch(/^\/assets\/site\.[0-9a-f]{12}\.css$/);
    const css = await test.server.app.inject({ url: href!, headers: { 'accept-encoding': 'br, gzip' } });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.headers['content-encoding']).toBe('br');
    const wrong = await test.server.app.inject({ url: '/assets/site.000000000000.css' });
    expect(wrong.statusCode).toBe(404);
  });

  it('links every page to the SVG icon, fingerprinted and cached for a year like the stylesheet', async () => {
    for (const url of ['/fr/', '/en/sign-in', '/en/nowhere']) {
      const page = await test.server.app.inject({ url });
      const href = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(page.body)?.[1];
      expect(href, url).toMatch(/^\/assets\/favicon\.[0-9a-f]{12}\.svg$/);
      const icon = await test.server.app.inject({ url: href! });
      expect(icon.statusCode).toBe(200);
      expect(icon.headers['content-type']).toBe('image/svg+xml');
      expect(icon.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(icon.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 32 32"/);
      // The Alliance's blue.
      expect(icon.body).toContain('#0b3558');
    }
  });

  it('answers /favicon.ico with an ICO file of 16, 32 and 48 pixel images, for browsers that ask for it', async () => {
    const response = await test.server.app.inject({ url: '/favicon.ico' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/x-icon');
    expect(response.headers['cache-control']).toBe('public, max-age=604800');
    const ico = response.rawPayload;
    // ICONDIR: reserved 0, type 1 (icon), three images.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 3]);
    const sizes: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      const entry = 6 + index * 16;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      const image = ico.subarray(offset, offset + length);
      expect(image.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const metadata = await sharp(image).metadata();
      expect([ico.readUInt8(entry), ico.readUInt8(entry + 1)]).toEqual([metadata.width, metadata.height]);
      sizes.push(metadata.width);
    }
    expect(sizes).toEqual([16, 32, 48]);
  });

  it('compresses pages for clients that accept it', async () => {
    const gzip = await test.server.app.inject({ url: '/en/about', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await test.server.app.inject({ url: '/en/about', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('</html>');
  });
});

describe('operations endpoints', () => {
  it('reports health and readiness', async () => {
    expect((await test.server.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await test.server.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('answers /metrics to nobody when no token is set, from the machine itself too', async () => {
    const closed = await test.server.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(closed.statusCode).toBe(404);
    expect(closed.body).not.toContain('alliance87_');
    const asked = await test.server.app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer anything-at-all-here' },
    });
    expect(asked.statusCode).toBe(404);
  });

  it('exposes Prometheus metrics to the bearer of METRICS_TOKEN only, including the page cache and the partner directory', async () => {
    const token = 'a-long-metrics-token-for-the-test';
    const open = await createTestApp({ database: test.database, config: { METRICS_TOKEN: token } });
    try {
      for (const authorization of [undefined, 'Bearer wrong-token-of-some-length', `Basic ${token}`, token]) {
        const refused = await open.app.inject({
          url: '/metrics',
          remoteAddress: '127.0.0.1',
          headers: authorization ? { authorization } : {},
        });
        expect(refused.statusCode).toBe(401);
        expect(refused.headers['www-authenticate']).toBe('Bearer realm="metrics"');
        expect(refused.body).not.toContain('alliance87_');
      }
      await open.app.inject({ url: '/fr/about' });
      await open.app.inject({ url: '/api/v1/partners' });
      const response = await open.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatch(/alliance87_partner_directory_loads [1-9]/);
      expect(response.body).toMatch(/alliance87_partner_directory_last_load_seconds 0\.\d+/);
      expect(response.headers['content-type']).toContain('text/plain');
      expect(response.body).toContain('# TYPE alliance87_http_request_duration_seconds histogram');
      expect(response.body).toMatch(/alliance87_page_cache_entries \d+/);
      expect(response.body).toContain('route="/:locale/:slug"');
    } finally {
      await open.close();
    }
  });

  it('lists every public page in every language in the sitemap', async () => {
    const response = await test.server.app.inject({ url: '/sitemap.xml' });
    expect(response.headers['content-type']).toContain('application/xml');
    for (const locale of ['fr', 'en', 'es']) {
      expect(response.body).toContain(`<loc>http://platform.test/${locale}/about</loc>`);
      expect(response.body).toContain(`<loc>http://platform.test/${locale}/</loc>`);
      expect(response.body).toContain(`<loc>http://platform.test/${locale}/privacy</loc>`);
    }
    // Addresses with a parameter are not pages.
    expect(response.body).not.toContain('/:');
    expect(response.body).not.toContain('sign-in');
    expect(response.body).not.toContain('/account');
    const robots = await test.server.app.inject({ url: '/robots.txt' });
    expect(robots.body).toContain('Sitemap: http://platform.test/sitemap.xml');
    expect(robots.body).toContain('Disallow: /admin');
  });
});

describe('JSON API', () => {
  it('answers the counters, computed from the records', async () => {
    const response = await test.server.app.inject({ url: '/api/v1/stats' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // Counted by hand in content/demo/organizations.json: 48 partners, of which 44 active.
    expect(body.partners.total).toBe(44);
    expect(body.partners.by_kind).toEqual({
      government: 6,
      international_org: 6,
      regional_org: 6,
      workers_org: 6,
      employers_org: 5,
      civil_society: 5,
      academic: 5,
      other: 5,
    });
    // All of them are demonstration records.
    expect(body.partners.demonstration).toBe(44);
    // Counted by hand in content/demo/pathfinders.json: the sourced countries whose last step is
    // the grant of status (Madagascar, Nigeria, Malawi, Peru, Argentina, Mexico, Tunisia).
    expect(body.pathfinder_countries).toBe(7);
  });

  it('answers unknown API paths with the documented error shape', async () => {
    const response = await test.server.app.inject({
      url: '/api/v1/nothing-here',
      headers: { 'accept-language': 'en' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });

  it('describes itself in OpenAPI, generated from the route schemas', async () => {
    const response = await test.server.app.inject({ url: '/api/v1/openapi.json' });
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    const stats = document.paths['/api/v1/stats'].get;
    expect(stats.responses['200'].content['application/json'].schema.properties.pathfinder_countries.type).toBe(
      'integer',
    );
    expect(stats.responses.default.content['application/json'].schema.properties.error).toBeDefined();
  });
});
