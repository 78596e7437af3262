/**
 * One Kysely instance over either real PostgreSQL (`pg`) or the embedded PGlite. Everything above
 * this file is the same code for both; the differences live here: how to connect, how to parse
 * types, and how to open the dedicated LISTEN connection the event bus needs.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type KyselyConfig, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { CamelCaseRowsPlugin } from './camel-case';
import type { DB } from './types';

export type DriverKind = 'postgres' | 'pglite';

/** A connection that only LISTENs. It tells its owner when it is lost so the owner can catch up. */
export interface ListenerConnection {
  listen(channel: string, onNotify: (payload: string) => void): Promise<void>;
  onLost(callback: (error: Error) => void): void;
  close(): Promise<void>;
}

/** Called as each statement completes: its SQL, its start (performance.now()) and its error, if any. */
export type StatementObserver = (sql: string, startedAt: number, error: unknown) => void;

export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  /** Callers queued for a connection. */
  readonly waiting: number;
}

export interface Database {
  readonly db: Kysely<DB>;
  readonly driver: DriverKind;
  openListener(applicationName: string): Promise<ListenerConnection>;
  /**
   * Metrics and traces: the observer hears of every statement the app sends (not the listener's).
   * Unset, a statement pays one property read for it. Runs in the caller's async context.
   */
  observeStatements(observer: StatementObserver | undefined): void;
  /** PostgreSQL's pool; undefined for the embedded database, which has one connection and no pool. */
  poolStats(): PoolStats | undefined;
  /** Embedded only: a copy of the data directory (tests clone a migrated template from it). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded database is used. */
  url?: string | undefined;
  /** Embedded only: directory on disk, or undefined for in-memory. */
  dataDir?: string | undefined;
  /** Embedded only: start from a dumped data directory (tests clone a migrated template). */
  loadDataDir?: Blob | undefined;
  poolMax?: number;
  applicationName?: string;
  /** Called with the SQL of every statement sent (tests count statements to prove batching). */
  onQuery?: ((sql: string) => void) | undefined;
}

const OID = { INT8: 20, DATE: 1082 } as const;

// Dates stay 'YYYY-MM-DD' strings: a JS Date would shift calendar dates with the time zone.
// int8 holds counts and event-log sequences, far below 2^53.
// pg asks for each column of every result: the same two functions each time.
const asText = (value: string) => value;
const asNumber = (value: string) => Number(value);
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.DATE) return asText;
    if (oid === OID.INT8) return asNumber;
    return pg.types.getTypeParser(oid, format);
  },
};

const plugins = [new CamelCaseRowsPlugin()];

const logOption = (onQuery: DatabaseOptions['onQuery']): KyselyConfig['log'] =>
  onQuery
    ? (event) => {
        if (event.level === 'query') onQuery(event.query.sql);
      }
    : undefined;

/** Bounds how many statements one pooled connection keeps prepared. */
const MAX_PREPARED_STATEMENTS = 200;

/** Where a database keeps its statement observer (set after opening: tests open the database first). */
interface Observed {
  observer: StatementObserver | undefined;
}

function observe<T>(observed: Observed, sql: string, run: () => Promise<T>): Promise<T> {
  const observer = observed.observer;
  if (!observer) return run();
  const startedAt = performance.now();
  return run().then(
    (result) => {
      observer(sql, startedAt, undefined);
      return result;
    },
    (error: unknown) => {
      observer(sql, startedAt, error);
      throw error;
    },
  );
}

/**
 * Names each parameterized statement a pooled connection sends, so that PostgreSQL parses and
 * plans it once per connection rather than on every run. The texts are few (lists are bound as one
 * array parameter: see statement.ts), and past the bound statements run unnamed as before.
 * Statements without parameters (BEGIN, COMMIT, DDL) always run unnamed.
 *
 * This wraps pg's `client.query` for the calls Kysely's PostgresDriver makes: `(text, values)`, or
 * a cursor (a Submittable) when streaming. A call of any other form means Kysely changed how it
 * drives pg and statements would silently go unprepared, so it is refused instead
 * (tests/internals/pg.test.ts checks the statements really are prepared). Every statement (Kysely sends them
 * all through client.query) passes the statement observer.
 */
function prepareStatements(client: pg.PoolClient, observed: Observed): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown) => Promise<unknown>;
  const names = new Map<string, string>();
  client.query = ((text: unknown, values?: unknown) => {
    if (typeof text === 'string') {
      if (Array.isArray(values) && values.length > 0) {
        let name = names.get(text);
        if (name === undefined && names.size < MAX_PREPARED_STATEMENTS) names.set(text, (name = `s${names.size}`));
        if (name !== undefined) return observe(observed, text, () => runNamed(query, name, text, values));
      }
      return observe(observed, text, () => query(text, values));
    }
    if (typeof (text as { submit?: unknown } | null)?.submit === 'function') return query(text, values);
    throw new Error(
      "kysely's PostgresDriver called pg's client.query in a form db/database.ts does not know (it expects (text, values) or a cursor), so statements would go unprepared",
    );
  }) as typeof client.query;
}

/**
 * A named statement, as a pg Query made from its text (named once made): given a config object
 * instead, pg copies it descriptor by descriptor (cloneQueryConfig), a slow path, on every call.
 */
function runNamed(
  query: (config: unknown) => unknown,
  name: string,
  text: string,
  values: unknown[],
): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const statement = new pg.Query(text, values, (error, result) =>
      error ? reject(error) : resolve(result as unknown as pg.QueryResult),
    );
    (statement as { name?: string }).name = name;
    query(statement);
  });
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPGlite(options);
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  const applicationName = options.applicationName ?? 'ua-agreements';
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    application_name: applicationName,
    types: pgTypes,
    connectionTimeoutMillis: 5_000,
    // Statements here are short and prepared, and PostgreSQL's JIT compiles anew on every execution
    // whose generic plan's estimate passes jit_above_cost: 31 ms of compiling for a 50-row page with
    // each row's events, a 3 ms query. (Options in DATABASE_URL replace these.)
    options: '-c jit=off',
  });
  // An idle client losing its server (restart, pg_terminate_backend) emits on the pool; without a
  // listener that would crash the process. The pool discards the client and makes a new one.
  pool.on('error', () => {});
  // A checked-out client emits 'error' on the client itself when the server goes away between two
  // statements (inside a transaction, or before release), and nobody listens there: the process
  // would crash. The statement in flight or the next one still fails (SERVICE_UNAVAILABLE), and
  // the pool drops the broken client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const observed: Observed = { observer: undefined };
  pool.on('connect', (client) => prepareStatements(client, observed));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins, log: logOption(options.onQuery) });
  return {
    db,
    driver: 'postgres',
    observeStatements(observer) {
      observed.observer = observer;
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async openListener(listenerName) {
      const client = new pg.Client({ connectionString: url, application_name: listenerName, types: pgTypes });
      const lost: Array<(error: Error) => void> = [];
      let closed = false;
      const fail = (error: Error) => {
        if (closed) return;
        closed = true;
        for (const callback of lost) callback(error);
        client.end().catch(() => {});
      };
      client.on('error', fail);
      client.on('end', () => fail(new Error('listener connection ended')));
      await client.connect();
      const handlers = new Map<string, (payload: string) => void>();
      client.on('notification', (message) => handlers.get(message.channel)?.(message.payload ?? ''));
      return {
        async listen(channel, onNotify) {
          handlers.set(channel, onNotify);
          await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        },
        onLost(callback) {
          lost.push(callback);
        },
        async close() {
          closed = true;
          await client.end().catch(() => {});
        },
      };
    },
    close: () => db.destroy(),
  };
}

async function openPGlite(options: DatabaseOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers: {
      [OID.DATE]: (value: string) => value,
      [OID.INT8]: (value: string) => Number(value),
    },
  });
  // Kysely's PGlite dialect sends every statement through pglite.query.
  const observed: Observed = { observer: undefined };
  const query = pglite.query.bind(pglite);
  pglite.query = ((text: string, ...rest: never[]) =>
    observe(observed, text, () => query(text, ...rest))) as typeof pglite.query;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), plugins, log: logOption(options.onQuery) });
  return {
    db,
    driver: 'pglite',
    observeStatements(observer) {
      observed.observer = observer;
    },
    poolStats: () => undefined,
    // PGlite runs in this process: its notifications are delivered in process and the
    // "connection" cannot be lost, so onLost never fires.
    async openListener() {
      const unsubscribers: Array<() => Promise<void>> = [];
      return {
        async listen(channel, onNotify) {
          unsubscribers.push(await pglite.listen(channel, onNotify));
        },
        onLost() {},
        async close() {
          if (pglite.closed) return;
          await Promise.all(unsubscribers.map((unsubscribe) => unsubscribe().catch(() => {})));
        },
      };
    },
    dumpDataDir: () => pglite.dumpDataDir('gzip'),
    // Kysely's destroy closes the PGlite instance through the dialect.
    close: () => db.destroy(),
  };
}

/**
 * Cheap round trip used by the readiness check. Bounded: across a network partition a pooled
 * connection neither answers nor fails, and /ready would hang instead of saying 503.
 */
export async function pingDatabase(db: Kysely<DB>, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(db), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
