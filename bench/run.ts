/**
 * `npm run bench`: loads our server, PostGraphile v5 and the plain-pg reference one after the other
 * against the same generated dataset, and writes bench/results/<timestamp>.json and latest.md.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npx tsx bench/run.ts
 *
 * Ours runs as production does: built first (`npm run build`), then the bundle as `npm run
 * start:prod` starts it. Each server is started twice. First alone behind a counting proxy
 * (statement-counter.ts), to check that every query answers without errors and to count its SQL
 * statements per request. Then all of them at once, directly on the database, for the load:
 * autocannon in its own process, a warm-up, then the measured run, while the server's RSS is
 * sampled from /proc. The load comes in rounds; each round measures every query on every server,
 * the servers side by side per query and in a rotated order, so a slow spell of this shared
 * machine hits one round of every server rather than all of one server's runs. Figures are the
 * median over rounds; ratios are taken within a round, then their median (with the range) reported.
 *
 * Environment: DATABASE_URL (default the local scratch database `bench`, created if missing),
 * BENCH_SKIP_OURS=1, BENCH_CONNECTIONS (50), BENCH_ROUNDS (3), BENCH_WARMUP_SECONDS (3; 1 s after round 1),
 * BENCH_DURATION_SECONDS (10), DB_POOL_MAX (10, given to every server), BENCH_RESET=1 (see generate.ts).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { canonicalAnswer } from './answers';
import { generateDataset, SCALE } from './generate';
import { treeRssKb } from './proc';
import { bundle, productionBuild, productionNodeArgs, productionNodeFlags } from './production';
import {
  type BenchRequest,
  oursQueries,
  type PeerQueryName,
  postgraphileQueries,
  type QueryName,
  queryTitles,
} from './queries';
import { startStatementCounter } from './statement-counter';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.dirname(benchDir);
const benchNode = path.join(benchDir, 'node_modules/.bin/node');
const autocannonScript = path.join(benchDir, 'node_modules/autocannon/autocannon.js');
const resultsDir = path.join(benchDir, 'results');
const logDir = path.join(benchDir, '.cache');

// ---------------------------------------------------------------------------------------------
// Settings, parsed once.

function intSetting(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

const settings = Object.freeze({
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/bench',
  skipOurs: process.env.BENCH_SKIP_OURS === '1',
  reset: process.env.BENCH_RESET === '1',
  connections: intSetting('BENCH_CONNECTIONS', 50, 1),
  rounds: intSetting('BENCH_ROUNDS', 3, 1),
  /** Before each measurement of the first round; later rounds find the servers warm and take 1 s. */
  warmupSeconds: intSetting('BENCH_WARMUP_SECONDS', 3, 1),
  // The issue asks for at least 10 s per measured query.
  durationSeconds: intSetting('BENCH_DURATION_SECONDS', 10, 10),
  poolMax: intSetting('DB_POOL_MAX', 10, 1),
  /** Sequential requests per query in the counting pass. */
  countRequests: 20,
  readyTimeoutMs: 90_000,
});

// ---------------------------------------------------------------------------------------------
// The servers under test.

interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

interface ServerSpec {
  name: 'ours' | 'postgraphile' | 'yoga-constant' | 'plain-pg';
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Whether answers are GraphQL responses, whose `errors` mean a failed query. */
  graphql: boolean;
  requests: Partial<Record<QueryName, HttpRequest>>;
  /** Run once before the server first starts (ours: its production build). */
  build?: { command: string; args: string[] };
}

const graphqlPost = (request: BenchRequest): HttpRequest => ({
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify(request),
});

// Node servers run as `node file` rather than through npm or the tsx CLI, which would add a
// wrapper process whose memory is not the server's.
const servers: ServerSpec[] = [
  {
    name: 'ours',
    build: productionBuild,
    command: process.execPath,
    args: productionNodeArgs(),
    // Warn-level logs: PostGraphile and plain-pg log nothing per request either.
    env: { NODE_ENV: 'production', MIGRATE_ON_START: 'true', SEED_ON_START: 'false', LOG_LEVEL: 'warn' },
    graphql: true,
    requests: Object.fromEntries(Object.entries(oursQueries).map(([name, request]) => [name, graphqlPost(request)])),
  },
  {
    name: 'postgraphile',
    command: benchNode,
    args: [path.join(benchDir, 'postgraphile.mjs')],
    env: { NODE_ENV: 'production', GRAPHILE_ENV: 'production' },
    graphql: true,
    requests: Object.fromEntries(
      Object.entries(postgraphileQueries).map(([name, request]) => [name, graphqlPost(request)]),
    ),
  },
  {
    name: 'yoga-constant',
    // Built and run as ours is, so the two differ only in what happens inside yoga.
    build: bundle('bench/yoga-constant.ts', 'dist/bench/yoga-constant.js'),
    command: process.execPath,
    args: [...productionNodeFlags(), 'dist/bench/yoga-constant.js'],
    env: { NODE_ENV: 'production' },
    graphql: true,
    requests: Object.fromEntries(
      Object.entries(oursQueries)
        .filter(([name]) => name !== 'q4')
        .map(([name, request]) => [name, graphqlPost(request)]),
    ),
  },
  {
    name: 'plain-pg',
    command: process.execPath,
    args: ['--import', 'tsx', path.join(benchDir, 'plain-pg.ts')],
    env: { NODE_ENV: 'production' },
    graphql: false,
    requests: {
      q1: { method: 'GET', path: '/q1' },
      q2: { method: 'GET', path: '/q2' },
      q3: { method: 'GET', path: '/q3?id=12345' },
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Results.

interface QueryResult {
  /** Set when the query failed its check; nothing else is measured then. */
  error?: string;
  responseBytes?: number;
  /** Whether the answer holds the same rows as plain-pg's (Q1–Q3). */
  sameAnswerAsPlainPg?: boolean;
  statementsPerRequest?: number;
  /** Medians over the rounds. */
  reqPerSec?: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Failed requests over all rounds. */
  non2xx?: number;
  errors?: number;
  timeouts?: number;
  /** Peak over all rounds. */
  rssPeakMb?: number;
  rounds?: RoundResult[];
}

interface RoundResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rssPeakMb: number;
  rssMeanMb: number;
}

interface ServerResult {
  name: ServerSpec['name'];
  skipped?: string;
  error?: string;
  startupMs?: number;
  rssIdleMb?: number;
  queries: Partial<Record<QueryName, QueryResult>>;
}

/** ours / a peer: the median of the per-round ratios, and their range. */
interface Ratio {
  reqPerSec: number | null;
  reqPerSecRange: [number, number] | null;
  p50: number | null;
  p99: number | null;
  p99Range: [number, number] | null;
}

// ---------------------------------------------------------------------------------------------
// Processes.

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

interface RunningServer {
  child: ChildProcess;
  port: number;
  logFile: string;
  startupMs: number;
}

const running = new Set<ChildProcess>();
// A crash or ^C must not leave a server holding its port and database connections.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

function logTail(file: string, lines = 30): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

async function startServer(spec: ServerSpec, databaseUrl: string, phase: string): Promise<RunningServer> {
  const port = await freePort();
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${spec.name}.${phase}.log`);
  // Output goes to a file, not a pipe: an unread pipe would block a chatty server.
  const fd = openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(spec.command, spec.args, {
    cwd: rootDir,
    env: {
      ...process.env,
      ...spec.env,
      DATABASE_URL: databaseUrl,
      DB_POOL_MAX: String(settings.poolMax),
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  running.add(child);
  child.once('exit', () => running.delete(child));

  // Ready when the first query gets any answer short of a server error: a wrong query is the
  // counting pass's to report, not a reason to wait. The child must not have exited meanwhile.
  const probe = Object.values(spec.requests)[0]!;
  const deadline = Date.now() + settings.readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${spec.name} exited during startup (${child.exitCode ?? child.signalCode}):\n${logTail(logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      await stopServer(child);
      throw new Error(`${spec.name} was not ready after ${settings.readyTimeoutMs} ms:\n${logTail(logFile)}`);
    }
    const answered = await send(port, probe).then(
      (response) => response.status < 500,
      () => false,
    );
    if (answered) break;
    await sleep(200);
  }
  return { child, port, logFile, startupMs: Math.round(performance.now() - started) };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(port: number, request: HttpRequest): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
    method: request.method,
    headers: request.body ? { 'content-type': 'application/json' } : {},
    body: request.body ?? null,
  });
  return { status: response.status, body: await response.text() };
}

/** Why a response is not a correct answer, or undefined when it is. */
function responseProblem(spec: ServerSpec, response: { status: number; body: string }): string | undefined {
  if (response.status !== 200) return `HTTP ${response.status}: ${response.body.slice(0, 500)}`;
  let parsed: { data?: Record<string, unknown> | null; errors?: unknown };
  try {
    parsed = JSON.parse(response.body) as typeof parsed;
  } catch {
    return `not JSON: ${response.body.slice(0, 200)}`;
  }
  if (spec.graphql && parsed.errors) return `GraphQL errors: ${JSON.stringify(parsed.errors).slice(0, 500)}`;
  const root = parsed.data ? Object.values(parsed.data)[0] : undefined;
  if (root === null || root === undefined) return `empty answer: ${response.body.slice(0, 200)}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Memory: the server's process tree, so a wrapper or worker process would be counted too.

function sampleRss(pid: number, everyMs = 250): () => { peakMb: number; meanMb: number } {
  const samples: number[] = [];
  const take = () => samples.push(treeRssKb(pid));
  take();
  const timer = setInterval(take, everyMs);
  return () => {
    clearInterval(timer);
    take();
    const toMb = (kb: number) => Math.round(kb / 1024);
    return {
      peakMb: toMb(Math.max(...samples)),
      meanMb: toMb(samples.reduce((sum, kb) => sum + kb, 0) / samples.length),
    };
  };
}

// ---------------------------------------------------------------------------------------------
// Load: autocannon in its own process, under bench's Node.

interface AutocannonReport {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: { p50: number; p99: number; average: number };
  requests: { average: number; total: number };
}

async function autocannon(port: number, request: HttpRequest, seconds: number): Promise<AutocannonReport> {
  const args = [
    autocannonScript,
    '-j',
    '-c',
    String(settings.connections),
    '-d',
    String(seconds),
    '-m',
    request.method,
  ];
  if (request.body) args.push('-H', 'content-type=application/json', '-b', request.body);
  args.push(`http://127.0.0.1:${port}${request.path}`);
  const child = spawn(benchNode, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lastLine = stdout.trim().split('\n').at(-1);
  if (code !== 0 || !lastLine) throw new Error(`autocannon failed (${code}): ${stderr.slice(-1000)}`);
  return JSON.parse(lastLine) as AutocannonReport;
}

// ---------------------------------------------------------------------------------------------
// The two passes.

/** First answers per server and query, kept to compare the servers' rows. */
const answers = new Map<string, string>();

/** Checks every query's answer and counts its statements, through the counting proxy. */
async function countingPass(spec: ServerSpec, result: ServerResult): Promise<void> {
  const target = new URL(settings.databaseUrl);
  const counter = await startStatementCounter({ host: target.hostname, port: Number(target.port || 5432) });
  const viaCounter = new URL(settings.databaseUrl);
  viaCounter.hostname = '127.0.0.1';
  viaCounter.port = String(counter.port);
  let server: RunningServer | undefined;
  try {
    server = await startServer(spec, viaCounter.toString(), 'count');
    for (const [name, request] of entries(spec.requests)) {
      const first = await send(server.port, request);
      const problem = responseProblem(spec, first);
      if (problem) {
        result.queries[name] = { error: problem };
        console.log(`  ${name}: FAILED ${problem}`);
        continue;
      }
      answers.set(`${spec.name}/${name}`, first.body);
      // A few untimed requests first, so one-off work (statement preparation, caches) is not counted.
      for (let i = 0; i < 3; i += 1) await send(server.port, request);
      const before = counter.count();
      for (let i = 0; i < settings.countRequests; i += 1) await send(server.port, request);
      const statementsPerRequest = (counter.count() - before) / settings.countRequests;
      result.queries[name] = { responseBytes: Buffer.byteLength(first.body), statementsPerRequest };
      console.log(
        `  ${name}: ok, ${statementsPerRequest} SQL statements/request, ${Buffer.byteLength(first.body)} bytes`,
      );
    }
  } finally {
    if (server) await stopServer(server.child);
    await counter.close();
  }
}

/** A server started for the load phase, with the result its figures go to. */
interface LoadTarget {
  spec: ServerSpec;
  result: ServerResult;
  server: RunningServer;
}

async function loadPhase(targets: LoadTarget[]): Promise<void> {
  const queries = Object.keys(queryTitles) as QueryName[];
  for (let round = 0; round < settings.rounds; round += 1) {
    console.log(`round ${round + 1} of ${settings.rounds}`);
    // Rotated each round, so no server always runs right after another one's load.
    const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
    for (const name of queries) {
      for (const { spec, result, server } of order) {
        const request = spec.requests[name];
        const measured = result.queries[name];
        if (!request || !measured || measured.error || result.error) continue;
        try {
          await autocannon(server.port, request, round === 0 ? settings.warmupSeconds : 1);
          const stopSampling = sampleRss(server.child.pid!);
          const report = await autocannon(server.port, request, settings.durationSeconds);
          const rss = stopSampling();
          const figures: RoundResult = {
            reqPerSec: Math.round(report.requests.average),
            p50Ms: report.latency.p50,
            p99Ms: report.latency.p99,
            meanMs: report.latency.average,
            requests: report.requests.total,
            non2xx: report.non2xx,
            errors: report.errors,
            timeouts: report.timeouts,
            rssPeakMb: rss.peakMb,
            rssMeanMb: rss.meanMb,
          };
          (measured.rounds ??= []).push(figures);
          const failures = report.non2xx + report.errors + report.timeouts;
          console.log(
            `  ${name} ${spec.name}: ${figures.reqPerSec} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ` +
              `RSS peak ${rss.peakMb} MB${failures > 0 ? `, ${failures} FAILED requests` : ''}`,
          );
        } catch (error) {
          // One server failing must not lose the others' figures.
          result.error = error instanceof Error ? error.message : String(error);
          console.error(`${spec.name}: ${result.error}`);
        }
      }
    }
  }
  for (const { result } of targets) {
    for (const measured of Object.values(result.queries)) {
      const rounds = measured?.rounds;
      if (!rounds || rounds.length === 0) continue;
      Object.assign(measured, {
        reqPerSec: median(rounds.map((r) => r.reqPerSec)),
        p50Ms: median(rounds.map((r) => r.p50Ms)),
        p99Ms: median(rounds.map((r) => r.p99Ms)),
        non2xx: sum(rounds.map((r) => r.non2xx)),
        errors: sum(rounds.map((r) => r.errors)),
        timeouts: sum(rounds.map((r) => r.timeouts)),
        rssPeakMb: Math.max(...rounds.map((r) => r.rssPeakMb)),
      } satisfies QueryResult);
    }
  }
}

/** The middle value; for an even count, the mean of the two middle ones. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

const entries = <K extends string, V>(record: Partial<Record<K, V>>) => Object.entries(record) as Array<[K, V]>;

// ---------------------------------------------------------------------------------------------
// Setup and report.

function ensureBenchInstall(): void {
  const installed = path.join(benchDir, 'node_modules/.package-lock.json');
  const stale =
    !existsSync(installed) ||
    !existsSync(benchNode) ||
    statSync(path.join(benchDir, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs;
  if (!stale) return;
  console.log('installing bench dependencies (npm ci --prefix bench)');
  const install = spawnSync('npm', ['ci', '--prefix', benchDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error('npm ci --prefix bench failed');
}

function build({ command, args }: NonNullable<ServerSpec['build']>): void {
  console.log(`building: ${command} ${args.join(' ')}`);
  const run = spawnSync(command, args, { cwd: rootDir, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${run.status ?? run.signal})`);
}

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
  const benchNodeVersion = spawnSync(benchNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    // Anything else running on the machine skews the figures; this makes it visible.
    loadAverageAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: {
      ours: process.version,
      plainPg: process.version,
      postgraphile: benchNodeVersion,
      autocannon: benchNodeVersion,
    },
    postgres,
  };
}

/** Marks each Q1–Q3 answer as matching plain-pg's, the hand-written reference, or not. */
function compareAnswers(results: ServerResult[]): void {
  for (const name of ['q1', 'q2', 'q3'] as const) {
    const reference = answers.get(`plain-pg/${name}`);
    if (reference === undefined) continue;
    const expected = canonicalAnswer(reference);
    for (const server of results) {
      const body = answers.get(`${server.name}/${name}`);
      const query = server.queries[name];
      if (body === undefined || !query || server.name === 'plain-pg') continue;
      query.sameAnswerAsPlainPg = canonicalAnswer(body) === expected;
      if (!query.sameAnswerAsPlainPg) console.error(`${server.name} ${name}: answer differs from plain-pg's`);
    }
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** ours / peer within each round (the two measured side by side), then the median over rounds. */
function ratios(results: ServerResult[], peer: ServerSpec['name']): Partial<Record<PeerQueryName, Ratio>> {
  const ours = results.find((server) => server.name === 'ours');
  const theirs = results.find((server) => server.name === peer);
  const out: Partial<Record<PeerQueryName, Ratio>> = {};
  for (const name of ['q1', 'q2', 'q3'] as const) {
    const a = ours?.queries[name]?.rounds ?? [];
    const b = theirs?.queries[name]?.rounds ?? [];
    const paired = a.slice(0, b.length).map((round, i) => ({ ours: round, theirs: b[i]! }));
    const of = (pick: (r: RoundResult) => number) => {
      const values = paired.filter((p) => pick(p.theirs) > 0).map((p) => pick(p.ours) / pick(p.theirs));
      return values.length === 0
        ? { median: null, range: null }
        : {
            median: round2(median(values)),
            range: [round2(Math.min(...values)), round2(Math.max(...values))] as [number, number],
          };
    };
    const reqPerSec = of((r) => r.reqPerSec);
    const p99 = of((r) => r.p99Ms);
    out[name] = {
      reqPerSec: reqPerSec.median,
      reqPerSecRange: reqPerSec.range,
      p50: of((r) => r.p50Ms).median,
      p99: p99.median,
      p99Range: p99.range,
    };
  }
  return out;
}

function markdown(report: {
  startedAt: string;
  elapsedSeconds: number;
  machine: ReturnType<typeof machine>;
  servers: ServerResult[];
  ratios: Partial<Record<PeerQueryName, Ratio>>;
  ratiosToYogaConstant: Partial<Record<PeerQueryName, Ratio>>;
}): string {
  const m = report.machine;
  const cell = (value: number | undefined | null) => (value === undefined || value === null ? '—' : String(value));
  const sameCell = (same: boolean | undefined) => (same === undefined ? '—' : same ? 'yes' : 'NO');
  const lines = [
    '# Benchmark results',
    '',
    `Run ${report.startedAt} (${report.elapsedSeconds} s) by \`npm run bench\` (bench/run.ts).`,
    '',
    `Machine: ${m.nproc} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.kernel}; ${m.postgres.split(',')[0]}; ` +
      `Node ${m.node.ours} for ours, yoga-constant and plain-pg, ${m.node.postgraphile} for PostGraphile and autocannon. ` +
      'Server, PostgreSQL and load generator share the machine; ' +
      `load average at the end ${m.loadAverageAtEnd.join(' / ')} (the run itself keeps about 2 cores busy).`,
    '',
    `Load: autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up (1 s after the first round) then ` +
      `${settings.durationSeconds} s measured per query and server, in ${settings.rounds} interleaved rounds ` +
      '(every query on every server per round, servers in a rotated order); figures are medians over the rounds. ' +
      `Every server gets a pool of ${settings.poolMax} connections. ` +
      `Dataset: ${SCALE.partners} partners, ${SCALE.agreements} agreements, ${SCALE.events} timeline events (bench/generate.ts). ` +
      'SQL/req is counted on the wire (bench/statement-counter.ts); RSS is the server process tree, peak during the run. ' +
      'Latencies have 1 ms resolution.',
    '',
    '| Query | Server | req/s | req/s per round | p50 ms | p99 ms | SQL/req | RSS peak MB | same rows as plain-pg |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const name of Object.keys(queryTitles) as QueryName[]) {
    for (const server of report.servers) {
      if (server.skipped) continue;
      const q = server.queries[name];
      if (!q) continue;
      const same = server.name === 'plain-pg' ? 'reference' : sameCell(q.sameAnswerAsPlainPg);
      lines.push(
        q.error
          ? `| ${queryTitles[name]} | ${server.name} | failed: ${q.error.slice(0, 80).replaceAll('|', '\\|')} | | | | | | |`
          : `| ${queryTitles[name]} | ${server.name} | ${cell(q.reqPerSec)} | ${(q.rounds ?? []).map((r) => r.reqPerSec).join(', ')} | ` +
              `${cell(q.p50Ms)} | ${cell(q.p99Ms)} | ` +
              `${cell(q.statementsPerRequest)} | ${cell(q.rssPeakMb)} | ${same} |`,
      );
    }
  }
  const range = (r: [number, number] | null) => (r ? ` (${r[0]}–${r[1]})` : '');
  const ratioTable = (title: string, intro: string, table: Partial<Record<PeerQueryName, Ratio>>) => {
    lines.push('', `## ${title}`, '', intro, '', '| Query | req/s | p50 | p99 |', '| --- | ---: | ---: | ---: |');
    for (const [name, r] of entries(table)) {
      lines.push(
        `| ${queryTitles[name]} | ${cell(r.reqPerSec)}${range(r.reqPerSecRange)} | ${cell(r.p50)} | ${cell(r.p99)}${range(r.p99Range)} |`,
      );
    }
  };
  ratioTable(
    'ours / PostGraphile',
    'Taken within each round, then the median over rounds (range over rounds in brackets). ' +
      'req/s above 1 and latency below 1 mean ours is faster.',
    report.ratios,
  );
  ratioTable(
    'ours / yoga-constant',
    'yoga-constant (bench/yoga-constant.ts) is graphql-yoga answering the same operations from constant data, ' +
      'built and run as ours is: what yoga and graphql-js cost with no data access at all. ' +
      "A req/s ratio near 1 means the database work is nearly free next to the GraphQL layer's own cost.",
    report.ratiosToYogaConstant,
  );
  const notes = report.servers.filter((server) => server.skipped || server.error);
  if (notes.length > 0) {
    lines.push('');
    for (const server of notes)
      lines.push(`- ${server.name}: ${server.skipped ?? `failed: ${server.error?.split('\n')[0]}`}`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  ensureBenchInstall();
  const postgres = await ensureDatabase(settings.databaseUrl);
  console.log('dataset:', await generateDataset(settings.databaseUrl, { reset: settings.reset, log: console.log }));

  const results: ServerResult[] = [];
  const checked: Array<{ spec: ServerSpec; result: ServerResult }> = [];
  for (const spec of servers) {
    const result: ServerResult = { name: spec.name, queries: {} };
    results.push(result);
    if (spec.name === 'ours' && settings.skipOurs) {
      result.skipped = 'skipped (BENCH_SKIP_OURS=1)';
      continue;
    }
    try {
      if (spec.build) build(spec.build);
      console.log(`${spec.name}: checking answers and counting statements`);
      await countingPass(spec, result);
      checked.push({ spec, result });
    } catch (error) {
      // One server failing must not lose the others' figures.
      result.error = error instanceof Error ? error.message : String(error);
      console.error(`${spec.name}: ${result.error}`);
    }
  }

  const targets: LoadTarget[] = [];
  try {
    for (const { spec, result } of checked) {
      try {
        const server = await startServer(spec, settings.databaseUrl, 'load');
        result.startupMs = server.startupMs;
        result.rssIdleMb = Math.round(treeRssKb(server.child.pid!) / 1024);
        targets.push({ spec, result, server });
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
        console.error(`${spec.name}: ${result.error}`);
      }
    }
    await loadPhase(targets);
  } finally {
    await Promise.all(targets.map(({ server }) => stopServer(server.child)));
  }

  compareAnswers(results);
  const elapsedSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const report = {
    startedAt: startedAt.toISOString(),
    elapsedSeconds,
    settings: { ...settings, databaseUrl: redact(settings.databaseUrl) },
    dataset: SCALE,
    machine: machine(postgres),
    servers: results,
    ratios: ratios(results, 'postgraphile'),
    ratiosToYogaConstant: ratios(results, 'yoga-constant'),
  };
  mkdirSync(resultsDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  writeFileSync(path.join(resultsDir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(resultsDir, 'latest.md'), markdown(report));
  console.log(`results: bench/results/${stamp}.json, bench/results/latest.md (${elapsedSeconds} s)`);
  if (results.some((server) => server.error)) process.exitCode = 1;
}

/** The URL without its password, fit for a committed result file. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

await main();
