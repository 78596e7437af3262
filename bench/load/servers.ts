/**
 * The four servers `npm run bench` compares, how each is built and started, and how a request is
 * sent to one and its answer checked. Node servers run as `node file` rather than through npm or
 * the tsx CLI, which would add a wrapper process whose memory is not the server's.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { benchDir, benchNode } from '../lib/paths';
import { freePort, type RunningServer, startServer } from '../lib/processes';
import { bundle, productionBuild, productionNodeArgs, productionNodeFlags } from '../lib/production';
import {
  BENCH_AGREEMENT_ID,
  type BenchRequest,
  type HttpQueryName,
  METRICS_QUERIES,
  oursQueries,
  PLAIN_QUERIES,
  postgraphileQueries,
  type QueryName,
} from '../queries';
import { settings } from './settings';
import type { WriteReadFlavor } from './write-read';

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface ServerSpec {
  name: 'ours' | 'ours-metrics-off' | 'postgraphile' | 'yoga-constant' | 'plain-pg';
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Whether answers are GraphQL responses, whose `errors` mean a failed query. */
  graphql: boolean;
  requests: Partial<Record<HttpQueryName, HttpRequest>>;
  /** Q16 (bench/load/write-read.ts): how it spells the write and the reads, where it runs it. */
  writeRead?: WriteReadFlavor;
  /** Q17 (bench/load/live.ts): whether it runs live queries (ours only). */
  live?: boolean;
  /** Whether its Prometheus listener is on (a free port) or off (METRICS_PORT=0). */
  metrics?: boolean;
  /** Run once before the server first starts (ours: its production build). */
  build?: { command: string; args: string[] };
}

const graphqlPost = (request: BenchRequest): HttpRequest => ({
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify(request),
});

const graphqlRequests = (queries: Partial<Record<HttpQueryName, BenchRequest>>, only?: readonly QueryName[]) =>
  Object.fromEntries(
    Object.entries(queries)
      .filter(([name]) => !only || only.includes(name as QueryName))
      .map(([name, request]) => [name, graphqlPost(request)]),
  );

/** Signs Q16's and Q17's editor tokens; new each run. */
export const JWT_SECRET = randomBytes(32).toString('hex');

const ours: Pick<ServerSpec, 'command' | 'args' | 'env' | 'graphql'> = {
  command: process.execPath,
  args: productionNodeArgs(),
  env: {
    NODE_ENV: 'production',
    MIGRATE_ON_START: 'true',
    SEED_ON_START: 'false',
    // Warn-level logs: PostGraphile and plain-pg log nothing per request either.
    LOG_LEVEL: 'warn',
    JWT_SECRET,
    // Every benchmark client comes from 127.0.0.1: Q16's writes and Q17's sockets are one client's.
    WRITE_RATE_LIMIT: '1000000',
    MAX_SOCKETS_PER_ADDRESS: '1000000',
  },
  graphql: true,
};

const allServers: ServerSpec[] = [
  // Metrics on, as production runs.
  {
    name: 'ours',
    ...ours,
    build: productionBuild,
    metrics: true,
    requests: graphqlRequests(oursQueries),
    writeRead: 'ours',
    live: true,
  },
  // The same build with metrics off, on a few shapes: what the metrics cost, measured in the same rounds.
  { name: 'ours-metrics-off', ...ours, requests: graphqlRequests(oursQueries, METRICS_QUERIES) },
  {
    name: 'postgraphile',
    command: benchNode,
    args: [path.join(benchDir, 'peers/postgraphile.mjs')],
    env: { NODE_ENV: 'production', GRAPHILE_ENV: 'production' },
    graphql: true,
    requests: graphqlRequests(postgraphileQueries),
    writeRead: 'postgraphile',
  },
  {
    name: 'yoga-constant',
    // Built and run as ours is, so the two differ only in what happens inside yoga.
    build: bundle('bench/peers/yoga-constant.ts', 'dist/bench/yoga-constant.js'),
    command: process.execPath,
    args: [...productionNodeFlags(), 'dist/bench/yoga-constant.js'],
    env: { NODE_ENV: 'production' },
    graphql: true,
    // Only the shapes plain-sql.ts writes, whose answers are its constant data.
    requests: graphqlRequests(oursQueries, PLAIN_QUERIES),
  },
  {
    name: 'plain-pg',
    command: process.execPath,
    args: ['--import', 'tsx', path.join(benchDir, 'peers/plain-pg.ts')],
    env: { NODE_ENV: 'production' },
    graphql: false,
    requests: {
      q1: { method: 'GET', path: '/q1' },
      q2: { method: 'GET', path: '/q2' },
      q3: { method: 'GET', path: `/q3?id=${BENCH_AGREEMENT_ID}` },
    },
  },
];

const wanted = (name: QueryName) => !settings.queries || settings.queries.includes(name);

/**
 * The servers and queries of this run (BENCH_SERVERS, BENCH_QUERIES narrow a focused run); a
 * server left with nothing to answer is left out.
 */
export const servers: ServerSpec[] = allServers
  .filter((spec) => !settings.servers || settings.servers.includes(spec.name))
  .map(({ writeRead, live, ...spec }) => ({
    ...spec,
    requests: Object.fromEntries(Object.entries(spec.requests).filter(([name]) => wanted(name as QueryName))),
    ...(writeRead && wanted('q16') ? { writeRead } : {}),
    ...(live && wanted('q17') ? { live } : {}),
  }))
  .filter((spec) => Object.keys(spec.requests).length > 0 || spec.writeRead || spec.live);

/** A running server, with its Prometheus listener's port where it has one. */
export type BenchServer = RunningServer & { metricsPort?: number };

/** Asked until a server is ready when it has no fixed request in this run. */
const typenameProbe: HttpRequest = graphqlPost({ query: '{ __typename }' });

/**
 * Starts a server on the database. It is ready when its first query gets any answer short of a
 * server error: a wrong query is the counting pass's to report, not a reason to wait.
 */
export async function start(spec: ServerSpec, databaseUrl: string, phase: string): Promise<BenchServer> {
  const probe = Object.values(spec.requests)[0] ?? typenameProbe;
  // Always explicit: ours' default (9464) would collide between two instances.
  const metricsPort = spec.metrics ? await freePort() : 0;
  const server = await startServer({
    name: spec.name,
    logName: `${spec.name}.${phase}`,
    command: spec.command,
    args: spec.args,
    env: {
      ...spec.env,
      DATABASE_URL: databaseUrl,
      DB_POOL_MAX: String(settings.poolMax),
      METRICS_PORT: String(metricsPort),
    },
    ready: async (port) => (await send(port, probe)).status < 500,
    readyTimeoutMs: settings.readyTimeoutMs,
  });
  return metricsPort ? { ...server, metricsPort } : server;
}

export async function send(port: number, request: HttpRequest): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
    method: request.method,
    headers: request.body ? { 'content-type': 'application/json' } : {},
    body: request.body ?? null,
  });
  return { status: response.status, body: await response.text() };
}

/** Why a response is not a correct answer, or undefined when it is. */
export function responseProblem(spec: ServerSpec, response: { status: number; body: string }): string | undefined {
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

/** Installs bench/'s own dependencies (PostGraphile, autocannon, Node 22) when missing or stale. */
export function ensureBenchInstall(): void {
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
