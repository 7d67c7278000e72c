import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsError } from '../modules/accounts/index.ts';
import { AppError, ERROR_STATUS, registerErrorHandlers } from './errors.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  await app.register(rateLimit, { global: false });
  registerErrorHandlers(app, {
    site: {
      publicUrl: 'http://platform.test',
      stylesheetUrl: '/assets/site.css',
      iconUrl: '/assets/favicon.svg',
      publicPaths: new Set(),
    },
    defaultLocale: 'fr',
  });
  const decided = () => {
    throw new AppError('partners.status.too_early', { field: 'valid_from', values: { date: '2026-03-31' } });
  };
  app.get('/api/v1/decided', decided);
  app.get('/es/decided', decided);
  app.get('/en/not-yours', () => {
    throw new AppError('partners.organization.not_managed');
  });
  app.get('/api/v1/missing', () => {
    throw new AppError('not_found');
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
});

describe('one error type', () => {
  it('takes its status from the one table, whoever throws it', () => {
    expect(new AppError('partners.application.not_open').statusCode).toBe(409);
    expect(new AppError('forbidden').statusCode).toBe(403);
    expect(new AccountsError('accounts.error.emailTaken', 'email')).toBeInstanceOf(AppError);
    expect(new AccountsError('accounts.error.emailTaken', 'email').statusCode).toBe(409);
    expect(new AccountsError('accounts.error.emailTaken', 'email').field).toBe('email');
    expect(ERROR_STATUS['partners.logo.too_large']).toBe(400);
  });

  it('refuses a status that contradicts the table', () => {
    expect(new AppError('csrf_failed', 403).statusCode).toBe(403);
    expect(() => new AppError('csrf_failed', 400)).toThrow(/answers 403, not 400/);
  });

  it('answers the API with its code and its message, its placeholders filled', async () => {
    const response = await app.inject({ url: '/api/v1/decided', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'partners.status.too_early',
        message: 'Choose 2026-03-31 or a later day: the last change is from that day.',
      },
    });
    const generic = await app.inject({ url: '/api/v1/missing', headers: { 'accept-language': 'en' } });
    expect(generic.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });

  it('shows a page in the language of its path, titled by its status, with its own message', async () => {
    const page = await app.inject({ url: '/en/not-yours' });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('<h1>Access denied</h1>');
    expect(page.body).toContain('<p>You can only manage your own organization.</p>');
    const spanish = await app.inject({ url: '/es/decided' });
    expect(spanish.statusCode).toBe(400);
    expect(spanish.body).toContain('<html lang="es"');
    expect(spanish.body).toContain('Elija el 2026-03-31 o un día posterior: el último cambio es de ese día.');
  });
});
