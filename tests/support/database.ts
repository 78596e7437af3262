/**
 * A database of its own for each test file, copied from the template built in global-setup:
 * real PGlite or real PostgreSQL, never a mock.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database';
import { withDatabase } from './global-setup';

export const backend = (process.env.TEST_BACKEND ?? 'embedded') as 'embedded' | 'postgres';

export interface TestDatabase {
  database: Database;
  /** postgres:// URL of this file's database (postgres backend only), for a second server process. */
  url: string | undefined;
  drop(): Promise<void>;
}

let counter = 0;

export interface TestDatabaseOptions {
  /** A database with nothing in it, not even migrations. */
  empty?: boolean;
  /** Called with the SQL of every statement the app sends (to count statements). */
  onQuery?: (sql: string) => void;
}

/** Opens a fresh copy of the migrated, seeded template (`empty: true` for a database with nothing). */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  if (backend === 'postgres') {
    const serverUrl = process.env.TEST_DATABASE_URL!;
    const name = `ua_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(
        options.empty ? `create database ${name}` : `create database ${name} template ${inject('postgresTemplate')}`,
      );
    } finally {
      await admin.end();
    }
    const url = withDatabase(serverUrl, name);
    const database = await openDatabase({ url, poolMax: 20, onQuery: options.onQuery });
    return {
      database,
      url,
      async drop() {
        await database.close().catch(() => {}); // the app may have closed it already
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`).finally(() => dropper.end());
      },
    };
  }
  const template = inject(options.empty ? 'embeddedEmptyTemplate' : 'embeddedTemplate');
  const database = await openDatabase({ loadDataDir: new Blob([readFileSync(template)]), onQuery: options.onQuery });
  return { database, url: undefined, drop: () => database.close() };
}
