/**
 * `npm run bench:fanout`: how one server instance fans a committed event out to many graphql-ws
 * subscribers. For each subscriber count it starts a fresh server (production mode, its own
 * process), opens that many sockets from several client processes (bench/fanout-client.ts), each
 * socket subscribing once, then signs agreements through the real mutations and measures when each
 * signing reaches each subscriber. Writes bench/results/fanout-<timestamp>.json and fanout-latest.md.
 *
 *   npm run bench:fanout
 *   FANOUT_SIZES=10000 FANOUT_PROFILE=cpu npm run bench:fanout    # CPU profile of the signing phase
 *   FANOUT_SIZES=10000 FANOUT_PROFILE=heap npm run bench:fanout   # GC'd heap and snapshot diff
 *
 * Latency of an event = receipt time at a subscriber − the time the transitionAgreement response
 * arrived ("commit": the transaction, and with it the NOTIFY, committed before the response was
 * written). Every process reads the same clock (Date.now(), 1 ms resolution). The figure the issue
 * sets a target for is the latency to the LAST subscriber of each event.
 *
 * Environment: DATABASE_URL (default the local scratch database `fanout`, created if missing),
 * FANOUT_SIZES (1000,5000,10000), FANOUT_SIGNINGS (20 per size), FANOUT_INTERVAL_MS (200),
 * FANOUT_SOCKETS_PER_CLIENT (2500), FANOUT_SUBSCRIPTION (agreementSigned | agreementStatusChanged),
 * FANOUT_PROFILE=heap|cpu|all (attach the inspector: heap = V8 heap per subscriber after a forced GC
 * and a heap snapshot diff; cpu = a CPU profile of the signing phase; files in bench/.cache/profiles;
 * the report goes to fanout-profile-<mode>-latest.md; heap snapshots disturb a CPU profile taken in
 * the same run, so take them apart), FANOUT_TARGET=floor (bench/fanout-floor.ts instead of
 * the app: the transport alone, reported in fanout-floor-latest.md; FLOOR_WORKERS=N spreads its
 * sockets over N node:cluster workers), FANOUT_SERVER_ENTRY (default: the production build, run as
 * `npm run start:prod` runs it, see production.ts; src/main.ts runs under tsx, another built file on
 * plain node),
 * DB_POOL_MAX (10).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import type { ClientMessage, ClientSettings, EventReceipts, ParentMessage } from './fanout-client';
import { attachInspector, type Inspector, summarizeCpuProfile, summarizeHeapDiff } from './fanout-profile';
import { treeCpuTimes, treeRssKb } from './proc';
import { productionBuild, productionNodeArgs } from './production';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.dirname(benchDir);
const resultsDir = path.join(benchDir, 'results');
const logDir = path.join(benchDir, '.cache');
const profileDir = path.join(logDir, 'profiles');

// ---------------------------------------------------------------------------------------------
// Settings, parsed once.

function intSetting(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

function sizesSetting(): number[] {
  const raw = process.env.FANOUT_SIZES || '1000,5000,10000';
  const sizes = raw.split(',').map((part) => Number(part.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`FANOUT_SIZES must be positive integers separated by commas, got "${raw}"`);
  }
  return sizes;
}

/** FANOUT_PROFILE: heap (GC'd heap and snapshots), cpu (the signing phase), or all. */
function profileSetting(): { heap: boolean; cpu: boolean } | null {
  const raw = process.env.FANOUT_PROFILE || '';
  if (raw === '' || raw === '0') return null;
  const all = raw === '1' || raw === 'all';
  if (!all && raw !== 'heap' && raw !== 'cpu') throw new Error(`FANOUT_PROFILE must be heap, cpu or all, got "${raw}"`);
  return { heap: all || raw === 'heap', cpu: all || raw === 'cpu' };
}

function targetSetting(): 'app' | 'floor' {
  const raw = process.env.FANOUT_TARGET || 'app';
  if (raw !== 'app' && raw !== 'floor') throw new Error(`FANOUT_TARGET must be app or floor, got "${raw}"`);
  return raw;
}

const subscription = process.env.FANOUT_SUBSCRIPTION || 'agreementSigned';
if (!['agreementSigned', 'agreementStatusChanged'].includes(subscription)) {
  throw new Error(`FANOUT_SUBSCRIPTION must be agreementSigned or agreementStatusChanged, got "${subscription}"`);
}

const settings = Object.freeze({
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/fanout',
  sizes: sizesSetting(),
  signings: intSetting('FANOUT_SIGNINGS', 20, 1),
  intervalMs: intSetting('FANOUT_INTERVAL_MS', 200, 0),
  socketsPerClient: intSetting('FANOUT_SOCKETS_PER_CLIENT', 2500, 1),
  subscription,
  profile: profileSetting(),
  /** `floor`: bench/fanout-floor.ts instead of the app, to see what the transport alone costs. */
  target: targetSetting(),
  /** Unset: the production build as start:prod runs it; else src/main.ts (tsx) or a built file. */
  serverEntry: process.env.FANOUT_SERVER_ENTRY || undefined,
  poolMax: intSetting('DB_POOL_MAX', 10, 1),
  /** Sockets opening at once across all clients, below Node's default listen backlog of 511. */
  connectConcurrency: 400,
  /** Quiet time after the last subscription before the idle RSS is read. */
  settleMs: 2000,
  /** How long after the last signing the deliveries still missing are waited for. */
  deliveryTimeoutMs: 15_000,
  /**
   * No new signing starts after this long (the run must stay within minutes): while the fan-out
   * holds the pool, each mutation waits for it and the 200 ms spacing stretches to seconds.
   */
  signingBudgetMs: 40_000,
  readyTimeoutMs: 60_000,
});

const query = `subscription FanOut { ${settings.subscription} { cursor agreement { id status } } }`;

// ---------------------------------------------------------------------------------------------
// Results.

interface Stats {
  p50: number;
  p99: number;
  max: number;
}

interface EventResult {
  cursor: string;
  /** The transitionAgreement round trip. */
  mutationMs: number;
  /** Deliveries, errors included. */
  delivered: number;
  /** Deliveries that were an error payload instead of the event. */
  errors: number;
  /** Receipt − mutation response, ms: first subscriber, median subscriber, last subscriber. */
  firstMs: number | null;
  medianMs: number | null;
  lastMs: number | null;
  /** Last receipt − the moment just before the mutation was sent (includes the mutation itself). */
  lastFromSendMs: number | null;
}

interface SizeResult {
  subscribers: number;
  clients: number;
  error?: string;
  connectSeconds?: number;
  failedConnections?: number;
  /** Server RSS (MB): warmed up with no subscriber, with every subscriber idle, after the signings. */
  rssBeforeMb?: number;
  rssIdleMb?: number;
  rssAfterMb?: number;
  rssPerSubscriberKb?: number;
  /** 1-minute load average as the signings start: other work on the machine shows here. */
  loadAverage?: number;
  /** CPU time used during the signing phase, by the server and by all subscriber processes. */
  serverCpuMs?: number;
  clientsCpuMs?: number;
  /** Share of the server's CPU time spent in the kernel (socket writes). */
  serverSystemCpuPercent?: number;
  /** Server CPU of the signing phase per delivery: what fan-out costs, whatever else runs. */
  serverCpuUsPerDelivery?: number;
  /** FANOUT_PROFILE only: V8 heap after a forced GC, and what one subscriber retains. */
  heap?: {
    beforeMb: number;
    idleMb: number;
    perSubscriberKb: number;
    externalPerSubscriberKb: number;
    topRetainers?: ReturnType<typeof summarizeHeapDiff>;
  };
  cpuProfile?: ReturnType<typeof summarizeCpuProfile> & { file: string };
  /** The first signing after subscribing, kept out of the statistics (it also confirms every subscription). */
  probeLastMs?: number | null;
  events?: EventResult[];
  lastDelivery?: Stats;
  lastDeliveryFromSend?: Stats;
  /** Over every (event, subscriber) delivery. */
  allDeliveries?: Stats;
  mutation?: Stats;
  /** Measured signings whose mutation failed (no event: nothing committed). */
  failedSignings?: number;
  firstSigningError?: string;
  /** Events that reached every subscriber; the last-delivery figures cover only these. */
  eventsComplete?: number;
  expectedDeliveries?: number;
  delivered?: number;
  /** Deliveries (counted in `delivered`) that were an error instead of the event. */
  errorPayloads?: number;
  /** Events whose per-socket number did not match their cursor (should be 0). */
  misnumbered?: number;
  unexpectedCloses?: number;
  firstClientError?: string | null;
}

function percentile(sorted: readonly number[], p: number): number {
  // Nearest rank: with 20 events p99 is the maximum, which is what the table should say.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function stats(values: readonly number[]): Stats | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
}

// ---------------------------------------------------------------------------------------------
// Processes.

const running = new Set<ChildProcess>();
// A crash or ^C must not leave a server or client holding ports, sockets and connections.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function openFileLimit(): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return !match || match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

interface RunningServer {
  child: ChildProcess;
  port: number;
  logFile: string;
}

async function startServer(subscribers: number, jwtSecret: string): Promise<RunningServer> {
  const port = await freePort();
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `fanout-${settings.target}-${subscribers}.log`);
  // Output goes to a file, not a pipe: an unread pipe would block a chatty server.
  const fd = openSync(logFile, 'w');
  const nodeArgs = serverNodeArgs();
  if (settings.profile) nodeArgs.unshift('--inspect=127.0.0.1:0');
  // Through a shell only to raise the soft open-file limit to the hard one; `exec` keeps the pid,
  // so /proc/<pid> is the server's own.
  const child = track(
    spawn('/bin/sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...nodeArgs], {
      cwd: rootDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: settings.databaseUrl,
        DB_POOL_MAX: String(settings.poolMax),
        MIGRATE_ON_START: 'true',
        SEED_ON_START: 'true',
        JWT_SECRET: jwtSecret,
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        // Every benchmark socket comes from 127.0.0.1, and the writes come from one editor.
        MAX_SOCKETS_PER_ADDRESS: '1000000',
        WRITE_RATE_LIMIT: '1000000',
      },
      stdio: ['ignore', fd, fd],
    }),
  );
  closeSync(fd);
  const deadline = Date.now() + settings.readyTimeoutMs;
  for (;;) {
    if (exited(child)) throw new Error(`the server exited during startup:\n${logTail(logFile)}`);
    if (Date.now() > deadline) throw new Error(`the server was not ready after ${settings.readyTimeoutMs} ms`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { child, port, logFile };
    await sleep(200);
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await done;
  clearTimeout(timer);
}

function logTail(file: string, lines = 30): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** CPU time of the process and its descendants, in ms (10 ms resolution). */
function cpuMs(pid: number): number {
  const { user, system } = treeCpuTimes(pid);
  return user + system;
}

const rssMb = (pid: number) => treeRssKb(pid) / 1024;

// ---------------------------------------------------------------------------------------------
// Subscriber processes.

class Clients {
  private readonly children: ChildProcess[] = [];
  /** Per event number: how many client processes have it on every socket. */
  private readonly completions = new Map<number, number>();
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly port: number,
    readonly total: number,
  ) {}

  get pids(): number[] {
    return this.children.map((child) => child.pid!);
  }

  /** Starts the processes and resolves once every socket is subscribed (or failed to). */
  async connect(): Promise<{ subscribed: number; failed: number; firstError: string | null }> {
    const processes = Math.ceil(this.total / settings.socketsPerClient);
    const connected: Array<Promise<ClientMessage & { type: 'connected' }>> = [];
    for (let i = 0; i < processes; i += 1) {
      const count = Math.floor(this.total / processes) + (i < this.total % processes ? 1 : 0);
      const clientSettings: ClientSettings = {
        url: `ws://127.0.0.1:${this.port}/graphql`,
        count,
        query,
        concurrency: Math.max(1, Math.floor(settings.connectConcurrency / processes)),
      };
      const child = track(
        spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'fanout-client.ts')], {
          cwd: rootDir,
          env: { ...process.env, FANOUT_CLIENT: JSON.stringify(clientSettings) },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
      child.on('message', (message: ClientMessage) => {
        if (message.type !== 'complete') return;
        this.completions.set(message.index, (this.completions.get(message.index) ?? 0) + 1);
        for (const wake of this.waiters) wake();
      });
      connected.push(this.nextMessage(child, 'connected', 120_000));
      this.children.push(child);
    }
    const results = await Promise.all(connected);
    return {
      subscribed: results.reduce((sum, r) => sum + r.subscribed, 0),
      failed: results.reduce((sum, r) => sum + r.failed, 0),
      firstError: results.find((r) => r.firstError)?.firstError ?? null,
    };
  }

  private nextMessage<T extends ClientMessage['type']>(
    child: ChildProcess,
    type: T,
    timeoutMs: number,
  ): Promise<ClientMessage & { type: T }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${type} message from a client in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onExit = (code: number | null) => reject(new Error(`a client exited (${code}) before sending ${type}`));
      const onMessage = (message: ClientMessage) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as ClientMessage & { type: T });
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  /** Resolves true once every client has the event on every socket, false after `timeoutMs`. */
  async delivered(indices: readonly number[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const all = () => indices.every((index) => this.completions.get(index) === this.children.length);
    while (!all()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
    return true;
  }

  async report() {
    const reports = await Promise.all(
      this.children.map((child) => {
        const reply = this.nextMessage(child, 'report', 30_000);
        child.send({ type: 'report' } satisfies ParentMessage);
        return reply;
      }),
    );
    const events: EventReceipts[] = [];
    for (const report of reports) {
      report.events.forEach((received, index) => {
        events[index] ??= { times: [], errors: 0, cursors: [] };
        const merged = events[index]!;
        for (const time of received.times) merged.times.push(time);
        merged.errors += received.errors;
        for (const cursor of received.cursors) if (!merged.cursors.includes(cursor)) merged.cursors.push(cursor);
      });
    }
    return {
      events,
      unexpectedCloses: reports.reduce((sum, r) => sum + r.unexpectedCloses, 0),
      firstError: reports.find((r) => r.firstError)?.firstError ?? null,
    };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map((child) => {
        if (exited(child)) return undefined;
        const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.send({ type: 'close' } satisfies ParentMessage);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        return done.finally(() => clearTimeout(timer));
      }),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The writes, through the real mutations over HTTP with an editor token.

interface Writer {
  port: number;
  token: string;
}

/**
 * One POST on a connection of its own: a kept-alive connection can be closed by the server's idle
 * timeout just as it is reused (undici then fails with "fetch failed"), and a mutation cannot be
 * retried blindly.
 */
function post(port: number, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function graphql<T>(writer: Writer, text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await post(writer.port, writer.token, JSON.stringify({ query: text, variables }));
  let body: { data?: T; errors?: unknown };
  try {
    body = JSON.parse(response.text) as typeof body;
  } catch {
    throw new Error(`GraphQL request failed (${response.status}): ${response.text.slice(0, 500)}`);
  }
  if (response.status !== 200 || body.errors || !body.data) {
    throw new Error(`GraphQL request failed (${response.status}): ${response.text.slice(0, 500)}`);
  }
  return body.data;
}

interface Draft {
  id: string;
  version: number;
}

async function createDrafts(writer: Writer, count: number, label: string): Promise<Draft[]> {
  const { partners } = await graphql<{ partners: { edges: Array<{ node: { code: string } }> } }>(
    writer,
    'query FanOutPartners { partners(first: 50) { edges { node { code } } } }',
  );
  const codes = partners.edges.map((edge) => edge.node.code);
  if (codes.length === 0) throw new Error('no partners: the seed did not load');
  const drafts: Draft[] = [];
  for (let i = 0; i < count; i += 1) {
    const data = await graphql<{
      createAgreement: { __typename: string; message?: string; agreement?: Draft };
    }>(
      writer,
      `mutation FanOutCreate($input: CreateAgreementInput!) {
        createAgreement(input: $input) {
          __typename
          ... on AgreementPayload { agreement { id version } }
          ... on Error { message }
        }
      }`,
      { input: { partnerCode: codes[i % codes.length], title: `Fan-out benchmark ${label} #${i + 1}` } },
    );
    if (!data.createAgreement.agreement) throw new Error(`createAgreement: ${JSON.stringify(data.createAgreement)}`);
    drafts.push(data.createAgreement.agreement);
  }
  return drafts;
}

/** Signs one draft; returns its event cursor and the times around the round trip. */
async function sign(writer: Writer, draft: Draft): Promise<{ cursor: string; sentAt: number; committedAt: number }> {
  const sentAt = Date.now();
  const data = await graphql<{ transitionAgreement: { __typename: string; cursor?: string; message?: string } }>(
    writer,
    `mutation FanOutSign($input: TransitionAgreementInput!) {
      transitionAgreement(input: $input) {
        __typename
        ... on AgreementStatusChange { cursor }
        ... on Error { message }
      }
    }`,
    {
      input: {
        id: draft.id,
        to: 'SIGNED',
        expectedVersion: draft.version,
        effectiveDate: new Date().toISOString().slice(0, 10),
      },
    },
  );
  const committedAt = Date.now();
  const cursor = data.transitionAgreement.cursor;
  if (!cursor) throw new Error(`transitionAgreement: ${JSON.stringify(data.transitionAgreement)}`);
  return { cursor, sentAt, committedAt };
}

// ---------------------------------------------------------------------------------------------
// One subscriber count.

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function measure(subscribers: number, jwtSecret: string, token: string): Promise<SizeResult> {
  const processes = Math.ceil(subscribers / settings.socketsPerClient);
  const result: SizeResult = { subscribers, clients: processes };
  const server = await startServer(subscribers, jwtSecret);
  const pid = server.child.pid!;
  const writer: Writer = { port: server.port, token };
  let inspector: Inspector | undefined;
  let clients: Clients | undefined;
  try {
    // Two warm-up signings plus the probe and the measured ones, all created before anyone listens.
    const drafts = await createDrafts(writer, settings.signings + 3, `N=${subscribers}`);

    // Warm-up: the whole path (socket, subscribe, fan-out, delivery) runs once before the baseline,
    // so code loading and JIT are not counted as subscriber memory.
    const warmup = new Clients(server.port, 10);
    await warmup.connect();
    await sleep(300);
    await sign(writer, drafts[0]!);
    await sign(writer, drafts[1]!);
    await warmup.delivered([0, 1], 10_000);
    await warmup.close();
    await sleep(1000);

    if (settings.profile) inspector = await attachInspector(server.logFile);
    result.rssBeforeMb = round(rssMb(pid));
    const heapBefore = settings.profile?.heap ? await inspector?.memoryAfterGc() : undefined;
    if (inspector && heapBefore)
      await inspector.heapSnapshot(path.join(profileDir, `fanout-${subscribers}-before.heapsnapshot`));

    clients = new Clients(server.port, subscribers);
    const started = Date.now();
    const connected = await clients.connect();
    result.connectSeconds = round((Date.now() - started) / 1000);
    result.failedConnections = connected.failed;
    console.log(
      `  ${connected.subscribed} subscribed from ${processes} processes in ${result.connectSeconds} s` +
        (connected.failed ? `, ${connected.failed} FAILED (${connected.firstError})` : ''),
    );
    await sleep(settings.settleMs);
    result.rssIdleMb = round(rssMb(pid));
    result.rssPerSubscriberKb = round(((result.rssIdleMb - result.rssBeforeMb) * 1024) / subscribers, 2);
    if (inspector && heapBefore) {
      const heapIdle = await inspector.memoryAfterGc();
      const snapshot = path.join(profileDir, `fanout-${subscribers}-idle.heapsnapshot`);
      await inspector.heapSnapshot(snapshot);
      result.heap = {
        beforeMb: round(heapBefore.heapUsed / 2 ** 20),
        idleMb: round(heapIdle.heapUsed / 2 ** 20),
        perSubscriberKb: round((heapIdle.heapUsed - heapBefore.heapUsed) / 1024 / subscribers, 2),
        externalPerSubscriberKb: round(
          (heapIdle.external - heapBefore.external + heapIdle.arrayBuffers - heapBefore.arrayBuffers) /
            1024 /
            subscribers,
          2,
        ),
        topRetainers: summarizeHeapDiff(
          path.join(profileDir, `fanout-${subscribers}-before.heapsnapshot`),
          snapshot,
          subscribers,
        ),
      };
    }

    // The probe confirms every subscription is registered: a subscription without `after` only
    // sees what commits after it, and graphql-ws does not acknowledge a subscribe.
    const probe = await sign(writer, drafts[2]!);
    const probeOk = await clients.delivered([0], 60_000);
    if (!probeOk) console.log('  the probe signing did not reach every subscriber within 60 s');

    if (inspector && settings.profile?.cpu) await inspector.startCpuProfile();
    const events: Array<{ cursor: string; sentAt: number; committedAt: number }> = [];
    // Other work on the machine slows delivery but not the CPU each delivery costs: both are kept.
    result.loadAverage = round(os.loadavg()[0]!, 2);
    const serverCpuBefore = treeCpuTimes(pid);
    const clientsCpuBefore = clients.pids.reduce((sum, client) => sum + cpuMs(client), 0);
    const start = Date.now();
    for (let i = 0; i < settings.signings; i += 1) {
      if (Date.now() - start > settings.signingBudgetMs) {
        console.log(`  stopped after ${i} signings: the signing phase ran past ${settings.signingBudgetMs / 1000} s`);
        break;
      }
      const slot = start + i * settings.intervalMs;
      if (slot > Date.now()) await sleep(slot - Date.now());
      try {
        events.push(await sign(writer, drafts[3 + i]!));
      } catch (error) {
        // A write refused while the fan-out holds the pool is a finding, not the end of the run.
        result.failedSignings = (result.failedSignings ?? 0) + 1;
        result.firstSigningError ??= error instanceof Error ? error.message : String(error);
      }
    }
    const allDelivered = await clients.delivered(
      events.map((_event, i) => i + 1),
      settings.deliveryTimeoutMs,
    );
    const serverCpuAfter = treeCpuTimes(pid);
    result.serverCpuMs = serverCpuAfter.user + serverCpuAfter.system - serverCpuBefore.user - serverCpuBefore.system;
    // On loopback the sender's system time includes the receiving side of TCP as well.
    result.serverSystemCpuPercent = result.serverCpuMs
      ? Math.round(((serverCpuAfter.system - serverCpuBefore.system) / result.serverCpuMs) * 100)
      : undefined;
    result.clientsCpuMs = Math.round(clients.pids.reduce((sum, client) => sum + cpuMs(client), 0) - clientsCpuBefore);
    if (inspector && settings.profile?.cpu) {
      const file = path.join(profileDir, `fanout-${subscribers}-signing.cpuprofile`);
      const profile = await inspector.stopCpuProfile(file);
      result.cpuProfile = { ...summarizeCpuProfile(profile, rootDir), file: path.relative(rootDir, file) };
    }
    if (!allDelivered)
      console.log(`  not every event reached every subscriber within ${settings.deliveryTimeoutMs} ms`);
    result.rssAfterMb = round(rssMb(pid));

    const report = await clients.report();
    // Event 0 is the probe, then the measured signings in order.
    const received = (index: number) => report.events[index] ?? { times: [], errors: 0, cursors: [] };
    const signed = [probe, ...events];
    result.misnumbered = signed.filter((event, index) =>
      received(index).cursors.some((cursor) => cursor !== event.cursor),
    ).length;
    const probeTimes = received(0).times;
    result.probeLastMs = probeTimes.length ? Math.max(...probeTimes) - probe.committedAt : null;
    result.events = events.map((event, i) => {
      const { times: unsorted, errors } = received(i + 1);
      const times = [...unsorted].sort((a, b) => a - b);
      const rel = (time: number | undefined) => (time === undefined ? null : time - event.committedAt);
      return {
        cursor: event.cursor,
        mutationMs: event.committedAt - event.sentAt,
        delivered: times.length,
        errors,
        firstMs: rel(times[0]),
        medianMs: rel(times[Math.floor(times.length / 2)]),
        lastMs: rel(times.at(-1)),
        lastFromSendMs: times.length ? times.at(-1)! - event.sentAt : null,
      };
    });
    // An event some subscriber never got has no last delivery: it is counted in eventsComplete.
    const complete = result.events.filter((event) => event.delivered === subscribers);
    result.eventsComplete = complete.length;
    result.lastDelivery = stats(complete.map((event) => event.lastMs!));
    result.lastDeliveryFromSend = stats(complete.map((event) => event.lastFromSendMs!));
    result.allDeliveries = stats(
      events.flatMap((event, i) => received(i + 1).times.map((time) => time - event.committedAt)),
    );
    result.mutation = stats(result.events.map((event) => event.mutationMs));
    result.expectedDeliveries = subscribers * events.length;
    result.delivered = result.events.reduce((sum, event) => sum + event.delivered, 0);
    result.errorPayloads = result.events.reduce((sum, event) => sum + event.errors, 0);
    result.serverCpuUsPerDelivery = result.delivered
      ? round((result.serverCpuMs * 1000) / result.delivered)
      : undefined;
    result.unexpectedCloses = report.unexpectedCloses;
    result.firstClientError = report.firstError;
    const last = result.lastDelivery;
    console.log(
      `  last delivery p50 ${last?.p50 ?? '—'} ms, p99 ${last?.p99 ?? '—'} ms, max ${last?.max ?? '—'} ms; ` +
        `${result.delivered}/${result.expectedDeliveries} delivered; RSS ${result.rssBeforeMb} → ${result.rssIdleMb} MB ` +
        `(${result.rssPerSubscriberKb} KB per idle subscriber); server ${result.serverCpuUsPerDelivery} µs CPU per delivery` +
        (result.failedSignings
          ? `; ${result.failedSignings} signings FAILED: ${result.firstSigningError?.slice(0, 200)}`
          : ''),
    );
  } finally {
    await inspector?.close();
    await clients?.close();
    await stopServer(server.child);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Setup and report.

/** Creates the database when it does not exist, so a scratch URL is enough to start. */
async function ensureDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
    const target = new URL(url);
    const name = decodeURIComponent(target.pathname.slice(1));
    target.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: target.toString() });
    await admin.connect();
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
    await admin.end();
    console.log(`created database ${name}`);
    return ensureDatabase(url);
  }
  const { rows } = await client.query<{ version: string }>('select version()');
  await client.end();
  return rows[0]!.version;
}

function machine(postgres: string) {
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres,
    openFileLimit: openFileLimit(),
    code: codeVersion(),
  };
}

/** The commit measured, and whether src/ differed from it (the working tree is what runs). */
function codeVersion(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: rootDir, encoding: 'utf8' }).stdout.trim();
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  return git('status', '--porcelain', '--', 'src') ? `${commit} + uncommitted changes in src/` : commit;
}

/** The URL without its password, fit for a committed result file. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

interface Report {
  startedAt: string;
  elapsedSeconds: number;
  machine: ReturnType<typeof machine>;
  results: SizeResult[];
}

/** RSS per subscriber between two sizes of the same run, in KB. */
function marginalKb(smaller: SizeResult | undefined, larger: SizeResult): number | undefined {
  if (!smaller || smaller.error || smaller.rssIdleMb === undefined || larger.rssIdleMb === undefined) return undefined;
  return round(((larger.rssIdleMb - smaller.rssIdleMb) * 1024) / (larger.subscribers - smaller.subscribers));
}

function markdown(report: Report): string {
  const m = report.machine;
  const cell = (value: number | null | undefined) => (value === undefined || value === null ? '—' : String(value));
  const lines = [
    settings.target === 'floor' ? '# Fan-out floor: ws alone (bench/fanout-floor.ts)' : '# Fan-out benchmark results',
    '',
    `Run ${report.startedAt} (${report.elapsedSeconds} s) by \`npm run bench:fanout\` (bench/fanout.ts).`,
    '',
    `Machine: ${m.nproc} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.kernel}; ${m.postgres.split(',')[0]}; ` +
      `Node ${m.node}. Code: ${m.code}, run as \`node ${serverNodeArgs().join(' ')}\`` +
      `${settings.target === 'app' && settings.serverEntry === undefined ? ' (npm run build, then what npm run start:prod runs)' : ''}` +
      `${process.env.FLOOR_WORKERS && settings.target === 'floor' ? ` with FLOOR_WORKERS=${process.env.FLOOR_WORKERS}` : ''}. Server, PostgreSQL and the subscriber processes share the machine, so ` +
      'latency depends on what else runs: "Load avg" is the 1-minute load average as the signings start, and ' +
      '"Server CPU µs / delivery" (server CPU time during the signing phase / deliveries) is the cost that ' +
      'does not.',
    '',
    `One server instance (NODE_ENV=production, DB pool ${settings.poolMax}) per row, fresh for each. Every socket ` +
      `holds one \`${query}\` over graphql-ws, opened from ${settings.socketsPerClient.toLocaleString('en')}-socket ` +
      `client processes (bench/fanout-client.ts). Then ${settings.signings} agreements are signed through ` +
      `\`transitionAgreement\` over HTTP with an editor token, ${settings.intervalMs} ms apart, after one probe signing ` +
      'that is not counted.',
    '',
    '**Latency** = receipt at the subscriber − arrival of the mutation response ("commit"); every process reads the ' +
      'same clock, 1 ms resolution. "Last" is the latency to the last subscriber of an event; its p50/p99/max are ' +
      `over the ${settings.signings} events (so p99 is the slowest but one at most; nearest rank). ` +
      '"From send" counts from just before the mutation was sent instead (it includes the mutation, which waits ' +
      'while the server is busy fanning out the previous events). "Probe (alone)" is the first signing after the ' +
      'subscribers connected, with nothing else in flight. ' +
      '**RSS per idle subscriber** = (server RSS with every subscriber connected and idle − RSS after warm-up with ' +
      'none) / subscribers, read from /proc/<pid>/status (the server\'s process tree); "marginal" = the difference in ' +
      'idle RSS between this row and the one above / the difference in subscribers, which leaves out what the ' +
      'server grows by once whatever the count (a young generation grown to its maximum, say). ' +
      '"Clients CPU µs / delivery" is what the subscriber processes spend per message received, on the same cores.',
    '',
    '| Subscribers | Last p50 ms | Last p99 ms | Last max ms | Last p99 from send ms | Probe (alone) last ms | All deliveries p50 / p99 ms | Mutation p50 ms | Failed signings | Events complete | Delivered (errors) | RSS before → idle MB | RSS / idle subscriber KB | marginal KB | RSS after MB | Server CPU µs / delivery | Clients CPU µs / delivery | Load avg |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  let previous: SizeResult | undefined;
  for (const r of report.results) {
    if (r.error) {
      lines.push(
        `| ${r.subscribers} | failed: ${r.error.split('\n')[0]!.replaceAll('|', '\\|')} | | | | | | | | | | | | | | | | |`,
      );
      continue;
    }
    lines.push(
      `| ${r.subscribers.toLocaleString('en')} | ${cell(r.lastDelivery?.p50)} | ${cell(r.lastDelivery?.p99)} | ` +
        `${cell(r.lastDelivery?.max)} | ${cell(r.lastDeliveryFromSend?.p99)} | ${cell(r.probeLastMs)} | ${cell(r.allDeliveries?.p50)} / ${cell(r.allDeliveries?.p99)} | ` +
        `${cell(r.mutation?.p50)} | ${r.failedSignings ?? 0} | ${r.eventsComplete}/${r.events?.length} | ${r.delivered}/${r.expectedDeliveries} (${r.errorPayloads}) | ${r.rssBeforeMb} → ${r.rssIdleMb} | ` +
        `${r.rssPerSubscriberKb} | ${cell(marginalKb(previous, r))} | ${r.rssAfterMb} | ${cell(r.serverCpuUsPerDelivery)} | ` +
        `${cell(r.clientsCpuMs !== undefined && r.delivered ? round((r.clientsCpuMs * 1000) / r.delivered) : undefined)} | ${cell(r.loadAverage)} |`,
    );
    previous = r;
  }
  lines.push(
    '',
    'Targets (issue): 10,000 subscribers on one instance, commit-to-last-delivery p99 < 100 ms, < 20 KB RSS per idle subscriber.',
  );
  const profiled = report.results.filter((r) => r.heap || r.cpuProfile);
  for (const r of profiled) {
    lines.push('', `## Profile at ${r.subscribers.toLocaleString('en')} subscribers (FANOUT_PROFILE)`, '');
    if (r.heap) {
      lines.push(
        `V8 heap after a forced GC: ${r.heap.beforeMb} → ${r.heap.idleMb} MB, ${r.heap.perSubscriberKb} KB per idle ` +
          `subscriber (+ ${r.heap.externalPerSubscriberKb} KB external/ArrayBuffer).`,
        '',
        '| Retained per subscriber (heap snapshot diff) | objects / subscriber | bytes / subscriber |',
        '| --- | ---: | ---: |',
      );
      for (const row of r.heap.topRetainers ?? []) {
        lines.push(`| ${row.name.replaceAll('|', '\\|')} | ${cell(row.perSubscriber)} | ${row.bytesPerSubscriber} |`);
      }
    }
    if (r.cpuProfile) {
      lines.push(
        '',
        `CPU profile of the signing phase (${r.cpuProfile.file}): ${r.cpuProfile.totalMs} ms sampled, ` +
          `${r.cpuProfile.idlePercent}% idle.`,
        '',
        '| Where (self time) | % of busy |',
        '| --- | ---: |',
      );
      for (const row of r.cpuProfile.byPackage) lines.push(`| ${row.name} | ${row.percent} |`);
      lines.push('', '| Function (self time) | % of busy |', '| --- | ---: |');
      for (const row of r.cpuProfile.topFunctions)
        lines.push(`| ${row.name.replaceAll('|', '\\|')} | ${row.percent} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The written analysis ("## What bounds it" to the end) of the file being replaced: it explains the
 * figures, so a new run keeps it (check it still matches them).
 */
function keptAnalysis(file: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('\n## What bounds it');
  return at < 0 ? '' : text.slice(at);
}

/** How the server under test is started: node's arguments. */
function serverNodeArgs(): string[] {
  const entry = settings.target === 'floor' ? 'bench/fanout-floor.ts' : settings.serverEntry;
  if (entry === undefined) return productionNodeArgs();
  return entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
}

async function main(): Promise<void> {
  const startedAt = new Date();
  if (settings.target === 'app' && settings.serverEntry === undefined) {
    const { command, args } = productionBuild;
    console.log(`building: ${command} ${args.join(' ')}`);
    const build = spawnSync(command, args, { cwd: rootDir, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${build.status ?? build.signal})`);
  }
  const largest = Math.max(...settings.sizes);
  const perClient = Math.min(largest, settings.socketsPerClient);
  if (openFileLimit() < perClient + 200) {
    throw new Error(
      `the open-file limit (${openFileLimit()}) is below one client's ${perClient} sockets: raise ulimit -n`,
    );
  }
  const postgres = await ensureDatabase(settings.databaseUrl);
  const jwtSecret = randomBytes(32).toString('hex');
  const token = await new SignJWT({ role: 'editor' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('fanout-bench')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(jwtSecret));

  const results: SizeResult[] = [];
  for (const subscribers of settings.sizes) {
    console.log(`${subscribers.toLocaleString('en')} subscribers`);
    try {
      results.push(await measure(subscribers, jwtSecret, token));
    } catch (error) {
      // One size failing must not lose the others' figures.
      const message = error instanceof Error ? error.message : String(error);
      results.push({ subscribers, clients: Math.ceil(subscribers / settings.socketsPerClient), error: message });
      console.error(`  failed: ${message}`);
    }
  }

  const elapsedSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const report: Report = { startedAt: startedAt.toISOString(), elapsedSeconds, machine: machine(postgres), results };
  mkdirSync(resultsDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  writeFileSync(
    path.join(resultsDir, `fanout-${stamp}.json`),
    `${JSON.stringify({ ...report, settings: { ...settings, databaseUrl: redact(settings.databaseUrl), query } }, null, 2)}\n`,
  );
  // A profiling run is written next to the plain one, not over the figures the issue asks for.
  const profileName =
    settings.profile && (settings.profile.cpu && settings.profile.heap ? 'all' : settings.profile.cpu ? 'cpu' : 'heap');
  const latest =
    settings.target === 'floor'
      ? 'fanout-floor-latest.md'
      : profileName
        ? `fanout-profile-${profileName}-latest.md`
        : 'fanout-latest.md';
  writeFileSync(path.join(resultsDir, latest), markdown(report) + keptAnalysis(path.join(resultsDir, latest)));
  console.log(`results: bench/results/fanout-${stamp}.json, bench/results/${latest} (${elapsedSeconds} s)`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}

await main();
