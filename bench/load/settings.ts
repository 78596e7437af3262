/**
 * `npm run bench`'s settings, parsed once. Environment: DATABASE_URL (default the local scratch
 * database `bench`, created if missing), BENCH_SKIP_OURS=1, BENCH_CONNECTIONS (50), BENCH_ROUNDS
 * (3), BENCH_WARMUP_SECONDS (3; 1 s after round 1), BENCH_DURATION_SECONDS (10), DB_POOL_MAX (10,
 * given to every server), BENCH_RESET=1 (see generate.ts), BENCH_QUERIES and BENCH_SERVERS (comma-separated
 * names, e.g. q1,q2,q3 and ours,ours-metrics-off,postgraphile: a focused run; all when unset),
 * BENCH_LIVE_CLIENTS (100) and BENCH_LIVE_INTERVAL_MS (500, from one change's commit to the next change) for Q17.
 */
import { intSetting } from '../lib/settings';

export const settings = Object.freeze({
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/bench',
  skipOurs: process.env.BENCH_SKIP_OURS === '1',
  reset: process.env.BENCH_RESET === '1',
  connections: intSetting('BENCH_CONNECTIONS', 50, 1),
  rounds: intSetting('BENCH_ROUNDS', 3, 1),
  /** Before each measurement of the first round; later rounds find the servers warm and take 1 s. */
  warmupSeconds: intSetting('BENCH_WARMUP_SECONDS', 3, 1),
  // 10 s by default, as the issue asks; shorter only for quick checks of the machinery.
  durationSeconds: intSetting('BENCH_DURATION_SECONDS', 10, 1),
  poolMax: intSetting('DB_POOL_MAX', 10, 1),
  /** Q17: graphql-ws clients holding the live query, and the writer's spacing of its changes. */
  liveClients: intSetting('BENCH_LIVE_CLIENTS', 100, 1),
  // Above the server's LIVE_QUERY_THROTTLE_MS (250): each change then gets its own run, at once.
  liveIntervalMs: intSetting('BENCH_LIVE_INTERVAL_MS', 500, 10),
  /** Sequential requests per query in the counting pass. */
  countRequests: 20,
  readyTimeoutMs: 90_000,
  queries: listSetting('BENCH_QUERIES'),
  servers: listSetting('BENCH_SERVERS'),
});

function listSetting(name: string): readonly string[] | undefined {
  const raw = process.env[name]?.trim();
  return raw ? raw.split(',').map((entry) => entry.trim()) : undefined;
}
