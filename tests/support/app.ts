/**
 * Starts the real app on a test database. `execute` goes through yoga.fetch (the full HTTP
 * pipeline without a port); `listen()` opens a real port for WebSocket and SSE tests. Also the
 * tokens the app accepts, and its global IDs.
 */
import { SignJWT } from 'jose';
import { type App, type AppDependencies, buildApp } from '../../src/app';
import { type Config, loadConfig } from '../../src/config';
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './database';
import { type Endpoint, type Execute, executor, inProcess, type Target } from './http';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

/** For the tests that write a lot. Per-client limits are off under NODE_ENV=test already; this says so. */
export const LIVE_ENV = { WRITE_RATE_LIMIT: '1000000' } as const;

export interface TestApp extends Target {
  app: App;
  db: TestDatabase;
  config: Config;
  endpoint: Endpoint;
  /** POST /graphql through yoga.fetch; fails loudly (with the body) on a non-JSON answer. */
  execute: Execute;
  /** Listens on a free port; returns the base URL (http://127.0.0.1:PORT). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(
  env: Record<string, string> = {},
  options: TestDatabaseOptions = {},
  /** A logger or span exporter of the test's own (the database is always the test's). */
  deps: Omit<AppDependencies, 'database'> = {},
): Promise<TestApp> {
  const db = await createTestDatabase(options);
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    MIGRATE_ON_START: options.empty ? 'true' : 'false',
    SEED_ON_START: options.empty ? 'true' : 'false',
    ...env,
  });
  const app = await buildApp(config, { ...deps, database: db.database });
  const endpoint = inProcess(app.yoga);
  return {
    app,
    db,
    config,
    endpoint,
    execute: executor({ endpoint }),
    async listen() {
      const port = await app.start(0, '127.0.0.1');
      return `http://127.0.0.1:${port}`;
    },
    async close() {
      await app.stop();
      if (db.url) await db.drop();
    },
  };
}

export function token(role: string, options: { expiresIn?: string | number; secret?: string; subject?: string } = {}) {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.subject ?? `test-${role}`)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

export async function bearer(role = 'editor', options?: Parameters<typeof token>[1]) {
  return { authorization: `Bearer ${await token(role, options)}` };
}

/** Base64 global ID, as the server encodes it. */
export const globalId = (type: string, id: string | number) => Buffer.from(`${type}:${id}`).toString('base64');
