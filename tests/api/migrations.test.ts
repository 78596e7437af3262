/** Migrations run up from an empty database, down again, and every file in migrations/ is registered. */
import { readdirSync } from 'node:fs';
import { type Kysely, NO_MIGRATIONS, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigrator, migrateToLatest, migrations } from '../../src/db/migrate';
import { graphql } from '../gql';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectOk } from '../support/errors';

const TABLES = [
  'agreement_status_history',
  'agreements',
  'event_log',
  'partners',
  'timeline_event_agreements',
  'timeline_event_partners',
  'timeline_events',
];

async function tables(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%'
    order by table_name`.execute(db);
  return rows.map((row) => row.name);
}

it('registers every file in migrations/, in file-name order', () => {
  const files = readdirSync(new URL('../../migrations/', import.meta.url))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  expect(files.length).toBeGreaterThan(0);
  expect(Object.keys(migrations)).toEqual(files);
  for (const name of files) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}_[a-z0-9_]+$/);
});

describe('from an empty database', () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase({ empty: true });
  });
  afterAll(() => empty.drop());

  it('applies every migration, creates the tables, and is a no-op the second time', async () => {
    const db = empty.database.db;
    expect(await tables(db)).toEqual([]);
    const applied = await migrateToLatest(db);
    expect(applied.map((result) => [result.migrationName, result.status])).toEqual(
      Object.keys(migrations).map((name) => [name, 'Success']),
    );
    expect(await tables(db)).toEqual(TABLES);
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('migrates all the way down and up again', async () => {
    const db = empty.database.db;
    const down = await createMigrator(db).migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(down.results?.map((result) => result.direction)).toEqual(Object.keys(migrations).map(() => 'Down'));
    expect(await tables(db)).toEqual([]);
    await migrateToLatest(db);
    expect(await tables(db)).toEqual(TABLES);
  });
});

describe('an app started on an empty database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { empty: true }); // MIGRATE_ON_START and SEED_ON_START
  });
  afterAll(() => t.close());

  it('migrates and seeds itself, then serves the data', async () => {
    const result = await t.execute(
      graphql(`
        query MigratedApp {
          stats { totals { partners agreements countedInOfficialList } }
        }
      `),
      {},
    );
    expectOk(result);
    expect(result.data!.stats.totals).toEqual({ partners: 32, agreements: 33, countedInOfficialList: 28 });
  });
});
