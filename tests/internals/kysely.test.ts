/**
 * Guards the speed layer's hold on Kysely internals:
 * - db/statement.ts compiles a statement once and binds its arguments later, through objects it
 *   passes to `sql.val()` and finds again in CompiledQuery.parameters;
 * - pagination/page-statement.ts tells a raw query from a query builder by `isRawBuilder`;
 * - db/camel-case.ts replaces CamelCasePlugin's row mapping and must map exactly as it does.
 */
import {
  CamelCasePlugin,
  type CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { CamelCaseRowsPlugin } from '../../src/db/camel-case';
import { keyedStatement } from '../../src/db/statement';
import { installed } from './installed';

const KYSELY = installed('kysely');

/** Kysely over a connection that records what it is asked to run and answers no rows. */
function recordingKysely() {
  const sent: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
      sent.push(query);
      return { rows: [] };
    },
    // biome-ignore lint/correctness/useYield: never streams
    streamQuery: async function* () {
      throw new Error('not streamed');
    },
  };
  const db = new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => ({
        init: async () => {},
        acquireConnection: async () => connection,
        beginTransaction: async () => {},
        commitTransaction: async () => {},
        rollbackTransaction: async () => {},
        releaseConnection: async () => {},
        destroy: async () => {},
      }),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: [new CamelCaseRowsPlugin()],
  });
  return { db, sent };
}

describe(`${KYSELY}: the compile path`, () => {
  it('hands a sql.val() object through the plugins to CompiledQuery.parameters as the same object', () => {
    const { db } = recordingKysely();
    const marker = { marker: true };
    const compiled = db
      .selectFrom('someTable')
      .select('someColumn')
      .where('someColumn', '=', sql.val(marker))
      .compile();
    expect(
      compiled.parameters.includes(marker),
      `${KYSELY} no longer passes a sql.val() value to CompiledQuery.parameters as given; db/statement.ts binds arguments through it`,
    ).toBe(true);
  });

  it('runs a statement compiled once with each call’s arguments', async () => {
    const { db, sent } = recordingKysely();
    const byIds = keyedStatement<number, unknown>((kysely, ids) =>
      kysely.selectFrom('someTable').selectAll().where('id', '=', sql<number>`any(${ids}::integer[])`),
    );
    await byIds(db, [1, 2]);
    await byIds(db, [3]);
    expect(sent.map((query) => query.parameters)).toEqual([[[1, 2]], [[3]]]);
    expect(sent[0]!.sql, 'one SQL text for both').toBe(sent[1]!.sql);
    expect(sent[0]!.sql).toBe('select * from "some_table" where "id" = any($1::integer[])');
  });

  it('marks raw queries with isRawBuilder, and query builders not', () => {
    const { db } = recordingKysely();
    expect(
      'isRawBuilder' in sql`select 1`,
      `${KYSELY}: RawBuilder no longer has isRawBuilder; pagination/page-statement.ts tells raw queries apart by it`,
    ).toBe(true);
    expect('isRawBuilder' in db.selectFrom('someTable')).toBe(false);
  });
});

describe(`${KYSELY}: CamelCasePlugin, which db/camel-case.ts maps rows for`, () => {
  const rows = [
    {
      id: 1,
      partner_code: 'US',
      signed_on: '2024-06-13',
      created_at: new Date('2024-06-13T10:00:00Z'),
      duration_years: null,
      areas: ['air_force_air_defence', 'cyber'],
      partner_signatories: [{ name: 'A', office_held: 'President' }, 'loose string'],
      ukraine_signatory: { name: 'B', office_held: { since_year: 2019 } },
      raw_bytes: Buffer.from('ab'),
      value_12_more: 12,
      page_row: 1,
    },
    {
      id: 2,
      partner_code: 'GB',
      signed_on: null,
      created_at: new Date('2024-01-12T10:00:00Z'),
      duration_years: 100,
      areas: [],
      partner_signatories: [],
      ukraine_signatory: null,
      raw_bytes: null,
      value_12_more: 0,
      page_row: 2,
    },
  ];

  it('still has the protected camelCase and mapRow methods', () => {
    const plugin = new CamelCasePlugin() as unknown as Record<string, unknown>;
    expect(
      [typeof plugin.camelCase, typeof plugin.mapRow],
      `${KYSELY}: CamelCasePlugin lost camelCase or mapRow, which db/camel-case.ts builds on`,
    ).toEqual(['function', 'function']);
  });

  it('maps rows exactly as db/camel-case.ts does', async () => {
    const args = { result: { rows }, queryId: { queryId: 'q' } };
    const theirs = await new CamelCasePlugin().transformResult(structuredClone(args) as never);
    const ours = await new CamelCaseRowsPlugin().transformResult(structuredClone(args) as never);
    expect(
      ours.rows,
      `${KYSELY}: CamelCasePlugin now maps rows differently from db/camel-case.ts; make the two agree again`,
    ).toEqual(theirs.rows);
    expect(Object.keys(ours.rows[0]!)).toContain('value12More');
  });
});
