/**
 * What the fault tests share: real server processes (`node --import tsx src/main.ts`) on a
 * private PostgreSQL cluster, a GraphQL-over-HTTP client that never throws on a bad answer, a
 * graphql-ws subscriber that reconnects and resumes with its last cursor, and SQL to check what
 * actually committed.
 *
 * The fault tests bring their own cluster, so they do not depend on the vitest project's backend.
 * They run once per `vitest run`: in the `embedded` project, which always exists, and are skipped
 * in the `postgres` one (see `faultSuite`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import type pg from 'pg';
import { describe } from 'vitest';
import WebSocket from 'ws';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { seed } from '../../src/db/seed';
import { clusterUnavailableReason, freePort, type PgCluster } from '../support/pg-cluster';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const JWT_SECRET = 'fault-test-secret-that-is-at-least-32-characters';

const skipReason =
  clusterUnavailableReason ??
  (process.env.TEST_BACKEND === 'postgres'
    ? 'runs once, in the embedded project: it brings its own PostgreSQL cluster'
    : undefined);

/** `describe` that skips (saying why) where the suite cannot or need not run. */
export function faultSuite(name: string, body: () => void): void {
  if (skipReason) describe.skip(`${name} (skipped: ${skipReason})`, body);
  else describe(name, body);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value; fails with `describe()` after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number; describe?: () => string } = {},
): Promise<NonNullable<T>> {
  const { timeoutMs = 10_000, intervalMs = 50 } = options;
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (performance.now() > deadline) {
      const detail = options.describe?.() ?? (lastError instanceof Error ? lastError.message : '');
      throw new Error(`condition not met within ${timeoutMs} ms${detail ? `: ${detail}` : ''}`);
    }
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------------------------------------
// Server processes

export interface ServerProcess {
  readonly port: number;
  readonly pid: number;
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** stdout and stderr lines (pino JSON), for failure messages. */
  readonly logs: string[];
  readonly child: ChildProcess;
  /** From spawn to "GraphQL ready". */
  readonly startupMs: number;
  /** Null while the process runs. */
  readonly exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  /** Sends the signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * A database on the cluster, migrated and seeded here, so that several servers can start at once
 * (theirs are then no-ops: they still run with MIGRATE_ON_START and SEED_ON_START).
 */
export async function createAppDatabase(cluster: PgCluster, name: string): Promise<string> {
  const url = await cluster.createDatabase(name);
  const database = await openDatabase({ url, poolMax: 2 });
  try {
    await migrateToLatest(database.db);
    await seed(database.db);
  } finally {
    await database.close();
  }
  return url;
}

export interface ServerOptions {
  databaseUrl: string;
  /** Reuse a port to restart "the same" instance; a free one otherwise. */
  port?: number;
  env?: Record<string, string>;
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      JWT_SECRET,
      LOG_LEVEL: 'info',
      MIGRATE_ON_START: 'true',
      SEED_ON_START: 'true',
      // The writers here are the test's own; rate limiting is another test's subject.
      WRITE_RATE_LIMIT: '1000000',
      SHUTDOWN_GRACE_MS: '2000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const logs: string[] = [];
  let exit: ServerProcess['exit'] = null;
  const exited = new Promise<NonNullable<ServerProcess['exit']>>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      exit = { code, signal };
      resolve(exit);
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        logs.push(line);
        if (line.includes('GraphQL ready at')) resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((how) =>
      reject(new Error(`server exited before it was ready (${JSON.stringify(how)}):\n${logs.join('\n')}`)),
    );
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    await ready;
  } finally {
    clearTimeout(timeout);
  }
  return {
    port,
    pid: child.pid!,
    startupMs: Math.round(performance.now() - spawnedAt),
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    logs,
    child,
    get exit() {
      return exit;
    },
    async kill(signal) {
      if (!exit) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** How a server is doing, for failure messages: exit status and its last log lines. */
export const describeServer = (server: ServerProcess, lines = 15) =>
  `server ${server.exit ? `exited ${JSON.stringify(server.exit)}` : 'running'}; last log lines:\n${server.logs.slice(-lines).join('\n')}`;

/** SIGKILLs every server this file started and is still running (afterAll). */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// GraphQL over HTTP

export interface GraphQLResponse<Data = any> {
  status: number;
  data?: Data | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export const editorToken = () =>
  new SignJWT({ role: 'editor' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('fault-test')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(JWT_SECRET));

/** POST /graphql. Throws only when no HTTP answer came (connection refused, reset, timeout). */
export async function post<Data = any>(
  server: { httpUrl: string },
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<Data>> {
  const response = await fetch(`${server.httpUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  try {
    return { status: response.status, ...JSON.parse(text) };
  } catch {
    throw new Error(`non-JSON answer ${response.status}: ${text.slice(0, 300)}`);
  }
}

/** GET /ready's status, or 0 when nothing answered. */
export async function readyStatus(server: { httpUrl: string }): Promise<number> {
  try {
    const response = await fetch(`${server.httpUrl}/ready`, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

export const agreementId = (id: number) => Buffer.from(`Agreement:${id}`).toString('base64');

export const TRANSITION = /* GraphQL */ `
  mutation Transition($id: ID!, $to: AgreementStatus!, $version: Int!, $date: Date) {
    transitionAgreement(input: { id: $id, to: $to, expectedVersion: $version, effectiveDate: $date }) {
      __typename
      ... on AgreementStatusChange { cursor sequence from to }
      ... on Error { code message }
    }
  }
`;

export interface TransitionResult {
  __typename: string;
  cursor?: string;
  sequence?: number;
  from?: string;
  to?: string;
  code?: string;
  message?: string;
}

/** One transitionAgreement; the raw answer, so a test can classify success, typed error and failure. */
export function transition(
  server: { httpUrl: string },
  token: string,
  id: number,
  to: string,
  version: number,
): Promise<GraphQLResponse<{ transitionAgreement: TransitionResult }>> {
  return post(server, TRANSITION, { id: agreementId(id), to, version, date: '2024-06-13' }, token);
}

// ---------------------------------------------------------------------------------------------
// A subscriber that resumes

export interface ReceivedChange {
  cursor: string;
  sequence: number;
  from: string;
  to: string;
}

/**
 * agreementStatusChanged over graphql-ws. When the socket closes (server restart, kill) it
 * reconnects every `retryMs` and subscribes again with `after` = the last cursor it received,
 * as a client following the schema's advice would. Only what the server sends is recorded.
 */
export class ResumingSubscriber {
  readonly received: ReceivedChange[] = [];
  /** Close codes of sockets that had been open (1001 going away, 1006 abnormal, ...). */
  readonly closeCodes: number[] = [];
  readonly errors: unknown[] = [];
  /** How many times a subscription was acknowledged by a connected socket. */
  connections = 0;
  private stopped = false;
  private dispose: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly wsUrl: () => string,
    private readonly options: { after?: string | null; retryMs?: number; selection?: string } = {},
  ) {}

  get cursor(): string | null {
    return this.received.at(-1)?.cursor ?? this.options.after ?? null;
  }

  start(): this {
    this.loop = this.run();
    return this;
  }

  /** Resolves once `count` events have arrived; fails at once if an error came in place of one. */
  async waitForCount(count: number, timeoutMs = 10_000): Promise<void> {
    const state = () =>
      `expected ${count} event(s), got ${this.received.length}: ${JSON.stringify(this.received.map((e) => e.sequence))}; ` +
      `errors ${JSON.stringify(this.errors)}; close codes ${JSON.stringify(this.closeCodes)}`;
    await waitFor(() => this.received.length >= count || this.errors.length > 0, { timeoutMs, describe: state });
    if (this.errors.length) throw new Error(`the subscription delivered an error instead of an event: ${state()}`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.dispose?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let opened = false;
      const client = createClient({
        url: this.wsUrl(),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        on: {
          connected: () => {
            opened = true;
            this.connections++;
          },
          closed: (event) => {
            if (opened && !this.stopped) this.closeCodes.push((event as { code: number }).code);
          },
        },
      });
      await new Promise<void>((resolve) => {
        this.dispose = client.subscribe<{ agreementStatusChanged: ReceivedChange }>(
          {
            query: `subscription ($after: String) { agreementStatusChanged(after: $after) { ${this.options.selection ?? 'cursor sequence from to'} } }`,
            variables: { after: this.cursor },
          },
          {
            next: (result) => {
              if (result.errors?.length || !result.data) this.errors.push(result.errors ?? result);
              else this.received.push(result.data.agreementStatusChanged);
            },
            error: () => resolve(),
            complete: () => resolve(),
          },
        );
      });
      await client.dispose();
      if (!this.stopped) await sleep(this.options.retryMs ?? 100);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// SQL: seeding and what committed

/** `count` new agreements in NEGOTIATING (version 1) for one seeded partner; returns their ids. */
export async function insertNegotiating(pool: pg.Pool, count: number, tag: string): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    `insert into agreements (partner_code, title, status)
     select (select code from partners order by code limit 1), $1 || ' #' || n, 'NEGOTIATING'
     from generate_series(1, $2::int) as n
     returning id`,
    [`Fault test ${tag}`, count],
  );
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

export async function maxSequence(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ max: string | null }>('select max(sequence) as max from event_log');
  return Number(rows[0]?.max ?? 0);
}

export interface StatusChangeRow {
  sequence: number;
  agreementId: number;
  from: string;
  to: string;
}

/** The AGREEMENT_STATUS_CHANGED rows after `afterSequence`, in order. */
export async function statusChangesAfter(pool: pg.Pool, afterSequence: number): Promise<StatusChangeRow[]> {
  const { rows } = await pool.query(
    `select sequence::int, agreement_id, payload->>'from' as "from", payload->>'to' as "to"
     from event_log where topic = 'AGREEMENT_STATUS_CHANGED' and sequence > $1 order by sequence`,
    [afterSequence],
  );
  return rows.map((row) => ({ sequence: row.sequence, agreementId: row.agreement_id, from: row.from, to: row.to }));
}

export interface AgreementState {
  id: number;
  status: string;
  version: number;
  /** AGREEMENT_STATUS_CHANGED rows for it, in order: "FROM>TO". */
  changes: string[];
  /** TIMELINE_EVENT_ADDED rows for it. */
  timelineAnnouncements: number;
  /** SIGNING and STATUS_CHANGE timeline events linked to it. */
  signings: number;
  statusChanges: number;
}

/** Everything a transition writes, per agreement, read in one snapshot. */
export async function agreementStates(pool: pg.Pool, ids: readonly number[]): Promise<AgreementState[]> {
  const { rows } = await pool.query(
    `select a.id, a.status, a.version,
       coalesce((select array_agg((l.payload->>'from') || '>' || (l.payload->>'to') order by l.sequence)
                 from event_log l where l.agreement_id = a.id and l.topic = 'AGREEMENT_STATUS_CHANGED'), '{}') as changes,
       (select count(*) from event_log l where l.agreement_id = a.id and l.topic = 'TIMELINE_EVENT_ADDED')::int as timeline_announcements,
       (select count(*) from timeline_event_agreements ta join timeline_events t on t.id = ta.event_id
         where ta.agreement_id = a.id and t.kind = 'SIGNING')::int as signings,
       (select count(*) from timeline_event_agreements ta join timeline_events t on t.id = ta.event_id
         where ta.agreement_id = a.id and t.kind = 'STATUS_CHANGE')::int as status_changes
     from agreements a where a.id = any($1::int[]) order by a.id`,
    [ids],
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    version: row.version,
    changes: row.changes,
    timelineAnnouncements: row.timeline_announcements,
    signings: row.signings,
    statusChanges: row.status_changes,
  }));
}

/**
 * The all-or-nothing rule for one agreement that started in NEGOTIATING at version 1: its status
 * and version are exactly what its logged changes say, and every change has its timeline event
 * and its announcement. Returns what is wrong, or nothing.
 */
export function inconsistencies(state: AgreementState): string[] {
  const problems: string[] = [];
  let status = 'NEGOTIATING';
  for (const change of state.changes) {
    const [from, to] = change.split('>');
    if (from !== status) problems.push(`logged change ${change} does not start from ${status}`);
    status = to!;
  }
  if (status !== state.status) problems.push(`status ${state.status} but the log ends at ${status}`);
  if (state.version !== 1 + state.changes.length)
    problems.push(`version ${state.version} after ${state.changes.length} logged change(s)`);
  const signed = state.changes.filter((change) => change.endsWith('>SIGNED')).length;
  if (state.signings !== signed)
    problems.push(`${state.signings} SIGNING timeline event(s) for ${signed} logged signing(s)`);
  if (state.statusChanges !== state.changes.length - signed) {
    problems.push(
      `${state.statusChanges} STATUS_CHANGE timeline event(s) for ${state.changes.length - signed} other change(s)`,
    );
  }
  if (state.timelineAnnouncements !== state.changes.length) {
    problems.push(`${state.timelineAnnouncements} TIMELINE_EVENT_ADDED row(s) for ${state.changes.length} change(s)`);
  }
  return problems.map((problem) => `agreement ${state.id}: ${problem}`);
}
