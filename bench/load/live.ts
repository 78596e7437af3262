/**
 * Q17, a live query re-executed on each change (ours only: PostGraphile v5 has no live queries;
 * its documentation says they are planned for a later release and points to subscriptions,
 * https://postgraphile.org/postgraphile/5/live-queries).
 *
 * L clients (BENCH_LIVE_CLIENTS) over graphql-ws hold the same `query @live` list (LIVE_QUERY: the
 * newest agreements with their notes); a writer edits the notes of one of them through
 * updateAgreement, with an editor token, BENCH_LIVE_INTERVAL_MS after its previous change committed. Per change: the latency
 * from commit to the update at each client ("commit" = the arrival of the mutation's response, as
 * in bench:fanout; an update that beats the response counts 0), the live-query executions per
 * change (the server's ua_live_query_executions_total, scraped before and after) and the server's
 * CPU per update delivered (its process tree, from /proc, which includes serving the mutations).
 */
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { treeCpuTimes } from '../lib/proc';
import { median, percentile, round } from '../lib/stats';
import { LIVE_QUERY, LIVE_WRITE } from '../queries';
import { settings } from './settings';
import { type Post, postOver } from './write-read';

/** One round's figures. */
export interface LiveRound {
  clients: number;
  changes: number;
  changesPerSecond: number;
  /** Updates that reached a client (each client gets each change once). */
  deliveries: number;
  /** Changes a client never saw (within deliveryTimeoutMs of the last change). */
  missing: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  executionsPerChange: number;
  cpuMsPerDelivery: number;
  cpuMsPerChange: number;
  /** Results that carried errors, and failed writes. */
  errors: number;
}

export interface LiveResult {
  error?: string;
  /** Statements per change, counted in the counting pass: the write, its dispatch, one re-run. */
  statementsPerChange?: number;
  rounds?: LiveRound[];
  /** Medians over the rounds (missing deliveries and errors summed, max the highest). */
  summary?: LiveRound;
}

const deliveryTimeoutMs = 15_000;

interface Node {
  id: string;
  notes: string | null;
  version: number;
}

/** One graphql-ws client holding the live query, noting when each value of notes first arrived. */
export class LiveClient {
  readonly seen = new Map<string, number>();
  latest: Node[] | undefined;
  errors = 0;
  firstError: string | undefined;
  readonly first: Promise<void>;
  private readonly client;

  constructor(port: number) {
    let resolveFirst!: () => void;
    let rejectFirst!: (error: Error) => void;
    this.first = new Promise((resolve, reject) => {
      resolveFirst = resolve;
      rejectFirst = reject;
    });
    this.client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    this.client.subscribe<{ agreements: { edges: Array<{ node: Node }> } }>(
      { query: LIVE_QUERY },
      {
        next: (result) => {
          const arrivedAt = performance.now();
          if (result.errors || !result.data) {
            this.errors += 1;
            this.firstError ??= JSON.stringify(result.errors).slice(0, 300);
            rejectFirst(new Error(`live query failed: ${this.firstError}`)); // no-op after the first result
            return;
          }
          const nodes = result.data.agreements.edges.map((edge) => edge.node);
          for (const node of nodes)
            if (node.notes !== null && !this.seen.has(node.notes)) this.seen.set(node.notes, arrivedAt);
          this.latest = nodes;
          resolveFirst();
        },
        error: (error) => {
          this.errors += 1;
          const message = error instanceof Error ? error.message : JSON.stringify(error);
          this.firstError ??= message;
          rejectFirst(new Error(`live query failed: ${message}`));
        },
        complete: () => {},
      },
    );
  }

  close(): Promise<void> {
    return this.client.dispose() as Promise<void>;
  }
}

export async function openClients(port: number, count: number): Promise<LiveClient[]> {
  const clients = Array.from({ length: count }, () => new LiveClient(port));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the live query clients got no first result within 30 s')), 30_000);
  });
  try {
    await Promise.race([Promise.all(clients.map((client) => client.first)), timeout]);
  } catch (error) {
    await Promise.all(clients.map((client) => client.close()));
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return clients;
}

/** Until every client has seen `notes`, or the timeout: whether they all have. */
export async function untilSeen(clients: LiveClient[], notes: string, timeoutMs = deliveryTimeoutMs): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!clients.every((client) => client.seen.has(notes))) {
    if (performance.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

export interface Change {
  notes: string;
  committedAt: number;
}

/** The writer: edits the live list's rows in turn, tracking each row's version from its answers. */
export class Writer {
  private readonly run = randomBytes(4).toString('hex');
  private n = 0;
  errors = 0;
  firstError: string | undefined;

  private constructor(
    private readonly post: Post,
    private readonly rows: Node[],
  ) {}

  /** Writes with an editor `token` to the rows of a live result (their ids and versions). */
  static create(port: number, token: string, rows: readonly Node[]): Writer {
    const own = rows.map((row) => ({ ...row }));
    return new Writer(postOver(port, token, new Agent({ keepAlive: true, maxSockets: 1 })), own);
  }

  /** One change; undefined when the write failed. */
  async change(): Promise<Change | undefined> {
    this.n += 1;
    const row = this.rows[this.n % this.rows.length]!;
    const notes = `Q17 ${this.run} change ${this.n}`;
    const response = await this.post(
      JSON.stringify({ query: LIVE_WRITE, variables: { input: { id: row.id, expectedVersion: row.version, notes } } }),
    );
    const committedAt = performance.now();
    const agreement = (
      JSON.parse(response.body) as { data?: { updateAgreement?: { agreement?: { version: number } } } }
    ).data?.updateAgreement?.agreement;
    if (response.status !== 200 || !agreement) {
      this.errors += 1;
      this.firstError ??= response.body.slice(0, 300);
      return undefined;
    }
    row.version = agreement.version;
    return { notes, committedAt };
  }

  /**
   * Changes for `seconds`, each `intervalMs` after the previous one committed. Not on a fixed
   * clock: after a write slowed by this shared machine, the next would follow at once, inside the
   * server's throttle window (LIVE_QUERY_THROTTLE_MS, 250 ms), and measure the throttle's wait.
   */
  async steady(seconds: number, intervalMs: number): Promise<Change[]> {
    const changes: Change[] = [];
    const ends = performance.now() + seconds * 1000;
    for (let next = performance.now(); next < ends; next = performance.now() + intervalMs) {
      await sleep(Math.max(0, next - performance.now()));
      const change = await this.change();
      if (change) changes.push(change);
    }
    return changes;
  }
}

async function scrapeExecutions(metricsPort: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const match = /^ua_live_query_executions_total(?:\{[^}]*\})? (\S+)$/m.exec(text);
  if (!match) throw new Error('no ua_live_query_executions_total in the metrics');
  return Number(match[1]);
}

const tenth = (value: number) => round(value, 1);

/** One round of Q17 against a running server. */
export async function measureLive(
  server: { port: number; pid: number; metricsPort: number },
  token: string,
  warmupSeconds: number,
): Promise<LiveRound> {
  const clients = await openClients(server.port, settings.liveClients);
  try {
    const writer = Writer.create(server.port, token, clients[0]!.latest!);
    const warmup = await writer.steady(warmupSeconds, settings.liveIntervalMs);
    if (warmup.length > 0) await untilSeen(clients, warmup.at(-1)!.notes);

    const executionsBefore = await scrapeExecutions(server.metricsPort);
    const cpuBefore = treeCpuTimes(server.pid);
    const changes = await writer.steady(settings.durationSeconds, settings.liveIntervalMs);
    if (changes.length > 0) await untilSeen(clients, changes.at(-1)!.notes);
    const cpuAfter = treeCpuTimes(server.pid);
    const executions = (await scrapeExecutions(server.metricsPort)) - executionsBefore;

    const latencies: number[] = [];
    let missing = 0;
    for (const change of changes) {
      for (const client of clients) {
        const arrivedAt = client.seen.get(change.notes);
        if (arrivedAt === undefined) missing += 1;
        else latencies.push(Math.max(0, arrivedAt - change.committedAt));
      }
    }
    latencies.sort((a, b) => a - b);
    const cpuMs = cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system;
    const errors = writer.errors + clients.reduce((total, client) => total + client.errors, 0);
    const firstError = writer.firstError ?? clients.find((client) => client.firstError)?.firstError;
    if (firstError) console.error(`  q17: ${errors} errors, the first: ${firstError}`);
    return {
      clients: clients.length,
      changes: changes.length,
      changesPerSecond: round(changes.length / settings.durationSeconds, 2),
      deliveries: latencies.length,
      missing,
      p50Ms: latencies.length ? tenth(percentile(latencies, 50)) : 0,
      p99Ms: latencies.length ? tenth(percentile(latencies, 99)) : 0,
      maxMs: latencies.length ? tenth(latencies.at(-1)!) : 0,
      executionsPerChange: changes.length ? round(executions / changes.length, 2) : 0,
      cpuMsPerDelivery: latencies.length ? round(cpuMs / latencies.length, 3) : 0,
      cpuMsPerChange: changes.length ? round(cpuMs / changes.length, 1) : 0,
      errors,
    };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}

/**
 * The counting pass's part: `count` changes one at a time, each waited for at one client, and the
 * statements they cost (the server is behind the statement counter): the write, the dispatch of
 * its event, and the live query's re-run.
 */
export async function countLiveStatements(
  port: number,
  token: string,
  statements: () => number,
  count: number,
): Promise<number> {
  const clients = await openClients(port, 1);
  try {
    const writer = Writer.create(port, token, clients[0]!.latest!);
    const changeAndWait = async () => {
      const change = await writer.change();
      if (!change) throw new Error(`live write failed: ${writer.firstError}`);
      if (!(await untilSeen(clients, change.notes))) throw new Error('the live query did not deliver a change');
    };
    // A few first, so one-off work (statement preparation) is not counted.
    for (let i = 0; i < 3; i += 1) await changeAndWait();
    const before = await settled(statements);
    for (let i = 0; i < count; i += 1) await changeAndWait();
    return ((await settled(statements)) - before) / count;
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}

/**
 * The count once it has stopped moving for 200 ms: a commit's notification is dispatched (and its
 * statements sent) after the mutation has answered.
 */
export async function settled(count: () => number): Promise<number> {
  let last = count();
  for (let still = 0; still < 4; ) {
    await sleep(50);
    const now = count();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

/** Medians over the rounds, for the report. */
export function summarizeLive(rounds: readonly LiveRound[]): LiveRound {
  const of = (pick: (r: LiveRound) => number) => round(median(rounds.map(pick)), 3);
  return {
    clients: rounds[0]?.clients ?? 0,
    changes: of((r) => r.changes),
    changesPerSecond: of((r) => r.changesPerSecond),
    deliveries: of((r) => r.deliveries),
    missing: rounds.reduce((total, r) => total + r.missing, 0),
    p50Ms: of((r) => r.p50Ms),
    p99Ms: of((r) => r.p99Ms),
    maxMs: Math.max(...rounds.map((r) => r.maxMs)),
    executionsPerChange: of((r) => r.executionsPerChange),
    cpuMsPerDelivery: of((r) => r.cpuMsPerDelivery),
    cpuMsPerChange: of((r) => r.cpuMsPerChange),
    errors: rounds.reduce((total, r) => total + r.errors, 0),
  };
}
