import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies documented defaults in development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      databaseUrl: 'mysql://root@127.0.0.1:3306/gestco',
      publicUrl: 'http://localhost:3000',
      accessTokenTtlSeconds: 900,
      corsOrigins: [],
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('fails fast naming each invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x' })).toThrowError(
      /PORT: must be integer[\s\S]*DATABASE_URL: must match/,
    );
  });

  it('refuses an access token lifetime above 15 minutes', () => {
    expect(() => loadConfig({ ACCESS_TOKEN_TTL_SECONDS: '3600' })).toThrowError(ConfigError);
  });

  it('has no secret default in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(
      /JWT_SECRET: required in production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrowError(
      /JWT_SECRET/,
    );
    const ok = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(ok.jwtSecret).toBe('x'.repeat(40));
  });

  it('parses booleans and lists', () => {
    const config = loadConfig({
      TRUST_PROXY: 'true',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      GESTCO_DEMO: '1',
    });
    expect(config.trustProxy).toBe(true);
    expect(loadConfig({ PORT: '1' }).port).toBe(1);
    expect(config.demo).toBe(true);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
