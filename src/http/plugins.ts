import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The plugins every request goes through: security headers and a Content-Security-Policy
 * without inline script, compression, rate limits (per route), cookies, forms (file uploads are
 * read by their own routes, http/uploads.ts).
 */
export async function registerHttpPlugins(app: FastifyInstance, input: { publicUrl: string }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(input.publicUrl.startsWith('https://') ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: input.publicUrl.startsWith('https://'),
    crossOriginEmbedderPolicy: false,
  });
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(rateLimit, { global: false });
  await app.register(cookie);
  // Forms only: other bodies (JSON, text, multipart outside the upload routes of http/uploads.ts)
  // are answered 415 without being read.
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: 262_144 });
}

/**
 * Lets any site show this response in a frame (an embeddable chart, decision 028): the same
 * Content-Security-Policy with `frame-ancestors *`, and no X-Frame-Options. Every other response
 * keeps `frame-ancestors 'none'`.
 */
export function allowFramingFromAnySite(reply: FastifyReply): void {
  const policy = reply.raw.getHeader('content-security-policy');
  if (typeof policy === 'string') {
    reply.header('content-security-policy', policy.replace(/frame-ancestors [^;]*/, 'frame-ancestors *'));
  }
  reply.raw.removeHeader('x-frame-options');
}
