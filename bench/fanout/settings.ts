/**
 * `npm run bench:fanout`'s settings, parsed once. Environment: DATABASE_URL (default the local
 * scratch database `fanout`, created if missing), FANOUT_SIZES (1000,5000,10000), FANOUT_SIGNINGS
 * (20 per size), FANOUT_INTERVAL_MS (200), FANOUT_SOCKETS_PER_CLIENT (2500), FANOUT_SUBSCRIPTION
 * (agreementSigned | agreementStatusChanged), FANOUT_PROFILE=heap|cpu|all (attach the inspector:
 * heap = V8 heap per subscriber after a forced GC and a heap snapshot diff; cpu = a CPU profile of
 * the signing phase; files in bench/.cache/profiles; heap snapshots disturb a CPU profile taken in
 * the same run, so take them apart), FANOUT_TARGET=floor (fanout/floor.ts instead of the app: the
 * transport alone; FLOOR_WORKERS=N spreads its sockets over N node:cluster workers), FANOUT_FLOOR
 * (1: before the app at each size, measure the floor in the same run, for the CPU ratio; 0: not),
 * FANOUT_SERVER_ENTRY (default: the production build, run as `npm run start:prod` runs it, see
 * lib/production.ts; src/main.ts runs under tsx, another built file on plain node), DB_POOL_MAX (10),
 * FANOUT_WORKERS (1: the service's WORKERS, a comma list such as 1,2 for a row per count and size;
 * CPU and RSS are the whole process tree's, primary and workers).
 */
import { readFileSync } from 'node:fs';
import { productionNodeArgs } from '../lib/production';
import { intSetting, oneOfSetting } from '../lib/settings';

function sizesSetting(): number[] {
  const raw = process.env.FANOUT_SIZES || '1000,5000,10000';
  const sizes = raw.split(',').map((part) => Number(part.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`FANOUT_SIZES must be positive integers separated by commas, got "${raw}"`);
  }
  return sizes;
}

function workersSetting(): number[] {
  const raw = process.env.FANOUT_WORKERS || '1';
  const counts = raw.split(',').map((part) => Number(part.trim()));
  if (counts.some((count) => !Number.isInteger(count) || count < 1)) {
    throw new Error(`FANOUT_WORKERS must be positive integers separated by commas, got "${raw}"`);
  }
  return counts;
}

/** FANOUT_PROFILE: heap (GC'd heap and snapshots), cpu (the signing phase), or all. */
function profileSetting(): { heap: boolean; cpu: boolean } | null {
  const raw = process.env.FANOUT_PROFILE || '';
  if (raw === '' || raw === '0') return null;
  const all = raw === '1' || raw === 'all';
  if (!all && raw !== 'heap' && raw !== 'cpu') throw new Error(`FANOUT_PROFILE must be heap, cpu or all, got "${raw}"`);
  return { heap: all || raw === 'heap', cpu: all || raw === 'cpu' };
}

export const settings = Object.freeze({
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/fanout',
  sizes: sizesSetting(),
  /** The service's WORKERS for each series of sizes (the app only). */
  workers: workersSetting(),
  signings: intSetting('FANOUT_SIGNINGS', 20, 1),
  intervalMs: intSetting('FANOUT_INTERVAL_MS', 200, 0),
  socketsPerClient: intSetting('FANOUT_SOCKETS_PER_CLIENT', 2500, 1),
  subscription: oneOfSetting('FANOUT_SUBSCRIPTION', ['agreementSigned', 'agreementStatusChanged'], 'agreementSigned'),
  profile: profileSetting(),
  /** `floor`: fanout/floor.ts instead of the app, to see what the transport alone costs. */
  target: oneOfSetting('FANOUT_TARGET', ['app', 'floor'], 'app'),
  /** With the app as target: the floor too, at each size just before the app (CPU per delivery side by side). */
  withFloor: oneOfSetting('FANOUT_FLOOR', ['0', '1'], '1') === '1',
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

/** What every subscriber socket holds. */
export const query = `subscription FanOut { ${settings.subscription} { cursor agreement { id status } } }`;

export function openFileLimit(): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return !match || match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

export type Target = 'app' | 'floor';

/** What each size measures, in order: the floor first when it runs beside the app (not when profiling). */
export const targets: readonly Target[] =
  settings.target === 'app' && settings.withFloor && !settings.profile ? ['floor', 'app'] : [settings.target];

/** How the server under test is started: node's arguments. */
export function serverNodeArgs(target: Target = settings.target): string[] {
  const entry = target === 'floor' ? 'bench/fanout/floor.ts' : settings.serverEntry;
  if (entry === undefined) return productionNodeArgs();
  return entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
}
