import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('works with nothing set, using the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('./.data'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.defaultLocale).toBe('fr');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.publicUrlGiven).toBe(false);
    expect(config.smtpUrl).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.demoData).toBe(true);
    expect(config.secureCookies).toBe(false);
  });

  it('treats empty values as unset, so the example file works as it is', () => {
    const config = loadConfig({ DATABASE_URL: '', SMTP_URL: '  ', PORT: '' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it('reads and converts the values it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      DEFAULT_LOCALE: 'es',
      DEMO_DATA: 'false',
      PUBLIC_URL: 'https://alliance87.example/',
      DATABASE_URL: 'postgres://user@db:5432/alliance',
    });
    expect(config.port).toBe(8080);
    expect(config.defaultLocale).toBe('es');
    expect(config.demoData).toBe(false);
    expect(config.publicUrl).toBe('https://alliance87.example');
    expect(config.publicUrlGiven).toBe(true);
    expect(config.secureCookies).toBe(true);
    expect(config.databaseUrl).toBe('postgres://user@db:5432/alliance');
  });

  it('refuses invalid values with one readable line per problem', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DEFAULT_LOCALE: 'de', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.some((line) => line.startsWith('PORT:'))).toBe(true);
    expect(problems.some((line) => line.startsWith('DEFAULT_LOCALE:'))).toBe(true);
    expect(problems.some((line) => line.startsWith('DATABASE_URL:') && line.includes('postgres://'))).toBe(true);
    expect((error as ConfigError).message).toMatch(/^Invalid configuration:\n {2}- /);
  });
});
