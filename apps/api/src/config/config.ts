import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import Type, { type Static } from 'typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Environment, parsed and validated once at start. Every variable is listed in
 * the README configuration table. Secrets have no default in production.
 */
const EnvSchema = Type.Object({
  NODE_ENV: Type.Enum(['development', 'test', 'production'], { default: 'development' }),
  HOST: Type.String({ default: '0.0.0.0' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  DATABASE_URL: Type.String({
    pattern: '^mysql://',
    default: 'mysql://root@127.0.0.1:3306/gestco',
  }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  SEARCH_CONCURRENCY: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 200, description: 'orders list searches at once' }),
  ),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 30, maximum: 900, default: 900 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 30 }),
  PUBLIC_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^/?#]+/?$',
      description: 'Origin only (scheme, host, port): QR codes and links are built on it',
    }),
  ),
  CORS_ORIGINS: Type.String({
    default: '',
    description: 'Comma-separated extra origins; empty = same-origin only',
  }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    default: 'info',
  }),
  LOGIN_MAX_PER_IP: Type.Integer({ minimum: 1, default: 20, description: 'per minute' }),
  QUICK_ORDER_READS_PER_MINUTE: Type.Integer({
    minimum: 1,
    default: 120,
    description: 'Quick-order page views per minute, per IP and per link',
  }),
  QUICK_ORDER_ORDERS_PER_HOUR: Type.Integer({
    minimum: 1,
    default: 30,
    description: 'Quick-order submissions per hour, per IP and per link',
  }),
  LOGIN_MAX_PER_ACCOUNT: Type.Integer({ minimum: 1, default: 10, description: 'per 15 minutes' }),
  GESTCO_ADMIN_EMAIL: Type.Optional(Type.String({ format: 'email' })),
  GESTCO_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 10 })),
  GESTCO_ADMIN_NAME: Type.String({ default: 'Administrateur' }),
  GESTCO_DEMO: Type.Boolean({ default: false }),
  SENDGRID_API_KEY: Type.Optional(Type.String({ minLength: 10 })),
  SENDGRID_BASE_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'SendGrid API base URL; only to point at a stand-in (tests, benchmark)',
    }),
  ),
  MAIL_FROM: Type.Optional(Type.String({ format: 'email' })),
  NOTIFIER: Type.Enum(['on', 'off'], {
    default: 'on',
    description: 'off: this process does not send emails (run `pnpm notifier` separately)',
  }),
  WEB_DIST: Type.Optional(
    Type.String({ description: 'Built SPA folder to serve; default apps/web/dist' }),
  ),
});
type Env = Static<typeof EnvSchema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  /** Orders list searches run at once (a gate, decision 0018); default the CPUs + 1. */
  searchConcurrency: number;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  publicUrl: string;
  corsOrigins: string[];
  trustProxy: boolean;
  redisUrl: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  loginMaxPerIp: number;
  quickOrder: { readsPerMinute: number; ordersPerHour: number };
  loginMaxPerAccount: number;
  admin: { email: string | undefined; password: string | undefined; name: string };
  demo: boolean;
  webDist: string | undefined;
  sendgrid: { apiKey: string | undefined; baseUrl: string | undefined };
  mailFrom: string | undefined;
  /** Run the notifier inside this process. */
  notifier: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true });
addFormats.default(ajv);
const validateEnv = ajv.compile<Env>(EnvSchema);

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const env: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const raw = source[key];
    if (raw === undefined || raw === '') continue;
    const isBoolean =
      (EnvSchema.properties as Record<string, { type?: string }>)[key]?.type === 'boolean';
    const lowered = raw.toLowerCase();
    env[key] = !isBoolean
      ? raw
      : ['1', 'yes', 'on', 'true'].includes(lowered)
        ? 'true'
        : ['0', 'no', 'off', 'false'].includes(lowered)
          ? 'false'
          : raw;
  }
  if (!validateEnv(env)) {
    const lines = (validateEnv.errors ?? []).map((e) => {
      const name = e.instancePath.replace(/^\//, '') || String(e.params['missingProperty'] ?? '');
      return `  - ${name}: ${e.message ?? 'invalid'}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const production = env.NODE_ENV === 'production';
  if (production && !env.JWT_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  - JWT_SECRET: required in production (at least 32 characters, e.g. `openssl rand -base64 48`)',
    );
  }
  if (production && env.GESTCO_ADMIN_EMAIL && !env.GESTCO_ADMIN_PASSWORD) {
    throw new ConfigError(
      'Invalid configuration:\n  - GESTCO_ADMIN_PASSWORD: required with GESTCO_ADMIN_EMAIL in production',
    );
  }
  const port = env.PORT;
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    searchConcurrency: env.SEARCH_CONCURRENCY ?? availableParallelism() + 1,
    // Outside production a random secret per process is safe: sessions survive
    // restarts through the refresh cookie, which is not a JWT.
    jwtSecret: env.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    corsOrigins: env.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: env.TRUST_PROXY,
    redisUrl: env.REDIS_URL,
    logLevel: env.LOG_LEVEL,
    loginMaxPerIp: env.LOGIN_MAX_PER_IP,
    quickOrder: {
      readsPerMinute: env.QUICK_ORDER_READS_PER_MINUTE,
      ordersPerHour: env.QUICK_ORDER_ORDERS_PER_HOUR,
    },
    loginMaxPerAccount: env.LOGIN_MAX_PER_ACCOUNT,
    admin: {
      email: env.GESTCO_ADMIN_EMAIL,
      password: env.GESTCO_ADMIN_PASSWORD,
      name: env.GESTCO_ADMIN_NAME,
    },
    demo: env.GESTCO_DEMO,
    webDist: env.WEB_DIST,
    sendgrid: { apiKey: env.SENDGRID_API_KEY, baseUrl: env.SENDGRID_BASE_URL },
    mailFrom: env.MAIL_FROM,
    notifier: env.NOTIFIER === 'on',
  };
}
