/** Where things are, from wherever a benchmark module sits. */
import path from 'node:path';

export const benchDir = path.resolve(import.meta.dirname, '..');
export const rootDir = path.dirname(benchDir);
/**
 * Committed: the latest figures of each benchmark, and the runs a report cites. BENCH_RESULTS_DIR
 * sends a run's results elsewhere (the soak's test, so `npm test` leaves the committed report alone).
 */
export const resultsDir = process.env.BENCH_RESULTS_DIR
  ? path.resolve(process.env.BENCH_RESULTS_DIR)
  : path.join(benchDir, 'results');
/** Not committed: server logs and profiles of the last run. */
export const cacheDir = path.join(benchDir, '.cache');
/** bench/'s own Node 22 (PostGraphile v5 needs it) and its load generator. */
export const benchNode = path.join(benchDir, 'node_modules/.bin/node');
