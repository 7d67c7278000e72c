import path from 'node:path';
import { z } from 'zod';

export const LOCALES = ['fr', 'en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

const booleanFromString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every setting the platform reads from its environment, with a default that works
 * on a fresh clone. This module is the only place that looks at process.env.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./.data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DEFAULT_LOCALE: z.enum(LOCALES).default('fr'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Alliance 8.7 <no-reply@localhost>'),
    /** The Secretariat account created on the first start of an empty database. */
    ADMIN_EMAIL: z.email().default('secretariat@example.org'),
    LOG_LEVEL: z.enum(logLevels).default('info'),
    DEMO_DATA: booleanFromString.default(true),
    PAGE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(2000),
    /** What the page cache may hold in all, in megabytes (each page with its compressed copies). */
    PAGE_CACHE_MAX_MB: z.coerce.number().int().min(1).max(100_000).default(64),
    TRUST_PROXY: booleanFromString.default(false),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
    /**
     * The key that encrypts secrets kept in the database (authenticator secrets): 32 bytes as
     * 64 hexadecimal digits or 43 base64url characters. Unset: a key file in DATA_DIR.
     */
    SECRETS_KEY: z
      .string()
      .regex(/^(?:[0-9a-fA-F]{64}|[\w-]{43})$/, 'must be 32 bytes: 64 hexadecimal digits or 43 base64url characters')
      .optional(),
    /** Unset: /metrics answers to nobody. Set: to `Authorization: Bearer <token>` only. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
  })
  .transform((env) => {
    const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    return {
      env: env.NODE_ENV,
      port: env.PORT,
      host: env.HOST,
      dataDir: path.resolve(env.DATA_DIR),
      databaseUrl: env.DATABASE_URL,
      publicUrl,
      /** Whether PUBLIC_URL was set; without it, commands use the address the running server recorded. */
      publicUrlGiven: env.PUBLIC_URL !== undefined,
      secureCookies: publicUrl.startsWith('https://'),
      defaultLocale: env.DEFAULT_LOCALE,
      smtpUrl: env.SMTP_URL,
      mailFrom: env.MAIL_FROM,
      adminEmail: env.ADMIN_EMAIL,
      logLevel: env.LOG_LEVEL,
      demoData: env.DEMO_DATA,
      pageCacheMaxEntries: env.PAGE_CACHE_MAX_ENTRIES,
      pageCacheMaxBytes: env.PAGE_CACHE_MAX_MB * 1024 * 1024,
      trustProxy: env.TRUST_PROXY,
      dbPoolSize: env.DB_POOL_SIZE,
      statementTimeoutMs: env.STATEMENT_TIMEOUT_MS,
      secretsKey: env.SECRETS_KEY,
      metricsToken: env.METRICS_TOKEN,
    };
  });

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Environment = Record<string, string | undefined>;

/** Reads the configuration; empty strings count as unset so `.env.example` values work as they are. */
export function loadConfig(environment: Environment = process.env, overrides: Environment = {}): Config {
  const merged: Environment = { ...environment, ...overrides };
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(configSchema.in.shape)) {
    const value = merged[key];
    if (value !== undefined && value.trim() !== '') relevant[key] = value.trim();
  }
  const parsed = configSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  return parsed.data;
}

/** The PostgreSQL server used by the test suite, when one is configured. */
export function readTestDatabaseUrl(environment: Environment = process.env): string | undefined {
  const value = environment.DATABASE_URL?.trim();
  return value ? value : undefined;
}
