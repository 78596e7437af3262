/**
 * Production defaults: a production start seeds only an empty database (a first start), never one
 * that holds data unless SEED_ON_START=true; metrics listen on loopback; traces need an endpoint.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { ConfigError, loadConfig } from '../../src/config';
import { migrateToLatest } from '../../src/db/migrate';
import { createTestDatabase } from '../support/database';

describe('configuration', () => {
  it('seeds a first start in production, always in development and tests; SEED_ON_START overrides both', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).seedOnStart).toBe('if-empty');
    expect(loadConfig({ NODE_ENV: 'development' }).seedOnStart).toBe('always');
    expect(loadConfig({ NODE_ENV: 'test' }).seedOnStart).toBe('always');
    expect(loadConfig({ NODE_ENV: 'production', SEED_ON_START: 'true' }).seedOnStart).toBe('always');
    expect(loadConfig({ NODE_ENV: 'development', SEED_ON_START: 'false' }).seedOnStart).toBe('never');
    expect(() => loadConfig({ SEED_ON_START: 'sometimes' })).toThrow(/SEED_ON_START must be true or false/);
  });

  it('metrics on 127.0.0.1:9464 unless told otherwise (off in the test suite), METRICS_PORT=0 turns them off', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ NODE_ENV: 'test' }).metrics.port).toBe(0);
    expect(loadConfig({ METRICS_PORT: '0' }).metrics.port).toBe(0);
    expect(loadConfig({ METRICS_PORT: '9100', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({
      port: 9100,
      host: '0.0.0.0',
    });
    expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT must be between 0 and 65535/);
  });

  it('traces only with an OTLP endpoint, and not when the SDK is disabled', () => {
    expect(loadConfig({}).tracing).toBe(false);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toBe(true);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }).tracing).toBe(true);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }).tracing).toBe(false);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }).tracing).toBe(
      false,
    );
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});

describe('seeding at a production start', () => {
  /** The partners after a production start on a migrated database, empty or holding one partner. */
  async function partnersAfterStart(env: Record<string, string>, holdsData: boolean): Promise<string[]> {
    const test = await createTestDatabase({ empty: true });
    try {
      const { db } = test.database;
      await migrateToLatest(db);
      if (holdsData)
        await db.insertInto('partners').values({ code: 'ZZ', name: 'Already here', kind: 'STATE' }).execute();
      const app = await buildApp(
        loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', METRICS_PORT: '0', ...env }),
        {
          database: test.database,
        },
      );
      const partners = await db.selectFrom('partners').select('code').orderBy('code').execute();
      await app.stop();
      return partners.map((row) => row.code);
    } finally {
      await test.drop();
    }
  }

  it('loads the seed into an empty database (a first start)', async () => {
    expect(await partnersAfterStart({}, false)).toHaveLength(32);
  });

  it('writes nothing into a database that already holds data', async () => {
    expect(await partnersAfterStart({}, true)).toEqual(['ZZ']);
  });

  it('loads the missing rows there when told to (SEED_ON_START=true)', async () => {
    const partners = await partnersAfterStart({ SEED_ON_START: 'true' }, true);
    expect(partners).toHaveLength(33);
    expect(partners).toContain('ZZ');
  });
});
