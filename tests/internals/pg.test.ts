/**
 * Guards db/database.ts's prepared statements: it wraps pg's client.query on pooled connections to
 * give each parameterized statement a name, which relies on Kysely's PostgresDriver calling
 * client.query(text, values). Real PostgreSQL only (PGlite prepares nothing).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database';
import { findPartnersByCodes } from '../../src/modules/partners/partner.repository';
import { backend, createTestDatabase, type TestDatabase } from '../support/database';
import { installed } from './installed';

describe.runIf(backend === 'postgres')(`${installed('pg')} driven by ${installed('kysely')}`, () => {
  let test: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    test = await createTestDatabase();
    // One connection, so the statements below and pg_prepared_statements share a session.
    database = await openDatabase({ url: test.url, poolMax: 1 });
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('prepares a parameterized statement once per connection and runs it again by name', async () => {
    expect((await findPartnersByCodes(database.db, ['US'])).map((row) => row.code)).toEqual(['US']);
    expect((await findPartnersByCodes(database.db, ['GB', 'FR'])).map((row) => row.code).sort()).toEqual(['FR', 'GB']);
    const { rows } = await sql<{ name: string; statement: string }>`
      select name, statement from pg_prepared_statements`.execute(database.db);
    const prepared = rows.filter((row) => row.statement.includes('from "partners"'));
    expect(
      prepared,
      `${installed('kysely')} no longer sends statements through pg's client.query(text, values) as db/database.ts expects, or ${installed('pg')} no longer prepares a named query: statements go unprepared`,
    ).toHaveLength(1);
    expect(prepared[0]!.name).toMatch(/^s\d+$/);
  });
});
