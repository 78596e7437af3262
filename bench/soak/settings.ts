/**
 * The soak's settings: a profile (full: the ten minutes with 1,000 subscribers; ci: about
 * 90 s with fewer clients and shorter faults, the same fault kinds) and overrides from the
 * environment, parsed once.
 */
import { intSetting, oneOfSetting } from '../lib/settings';

export const FAULT_KINDS = [
  'sigkill',
  'sigterm',
  'pg-fast',
  'pg-immediate',
  'listener-kill',
  'db-partition',
  'client-partition',
  'pool-exhaustion',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const profile = oneOfSetting('SOAK_PROFILE', ['full', 'ci'] as const, 'full');
const ci = profile === 'ci';

export const settings = Object.freeze({
  profile,
  seconds: intSetting('SOAK_SECONDS', ci ? 75 : 600, 20),
  seed: intSetting('SOAK_SEED', 15, 0),
  subscribers: intSetting('SOAK_SUBSCRIBERS', ci ? 100 : 1000, 6),
  /** Writes per second (transitions, edits, timeline additions together). */
  writesPerSecond: intSetting('SOAK_WRITES_PER_SECOND', ci ? 6 : 20, 1),
  readsPerSecond: intSetting('SOAK_READS_PER_SECOND', ci ? 5 : 20, 1),
  /** Gap between faults: a draw in [min, max] seconds. */
  faultGapMin: ci ? 3 : 20,
  faultGapMax: ci ? 5 : 40,
  /** How long a partition, a pool exhaustion, or a slow consumer's pause lasts. */
  partitionMs: ci ? 3_000 : 5_000,
  slowPauseMs: ci ? 10_000 : 30_000,
  slowConsumers: ci ? 3 : 10,
  /**
   * Clients that vanish without a packet (their connection blackholed at the client proxy): the
   * server must free them by itself, graphql-ws ones by WS_KEEPALIVE_MS, SSE ones by SSE_MAX_STREAM_MS.
   */
  vanishingClients: ci ? 4 : 10,
  /** The instances' WS_KEEPALIVE_MS: an unanswered ping is found within two of these. */
  wsKeepAliveMs: 5_000,
  /** The instances' SSE_MAX_STREAM_MS: short enough that vanished SSE clients are freed within the run. */
  sseMaxStreamMs: ci ? 20_000 : 120_000,
  /** MALLOC_ARENA_MAX for the instances ('' = glibc's default), to compare the allocator's share of RSS. */
  mallocArenaMax: process.env.SOAK_MALLOC_ARENA_MAX ?? '',
  /** Clients that reset their connection (RST: no FIN, no close frame); each must be freed. */
  droppedClients: ci ? 4 : 10,
  /** `query @live` clients on `stats` and on two agreement lists, over graphql-ws and SSE. */
  liveQueries: intSetting('SOAK_LIVE_QUERIES', ci ? 6 : 30, 0),
  /** Before the first fault: the memory baseline is taken at its end. */
  warmupSeconds: ci ? 8 : 30,
  /** After the last write: how long subscribers get to catch up before the checks. */
  drainSeconds: ci ? 30 : 60,
  poolMax: 10,
});
