/**
 * `npm run bench:fanout`: how one server instance fans a committed event out to many graphql-ws
 * subscribers. For each subscriber count it starts a fresh server (production mode, its own
 * process), opens that many sockets from several client processes, each socket subscribing once,
 * then signs agreements through the real mutations and measures when each signing reaches each
 * subscriber (fanout/measure.ts). The figure the issue sets a target for is the latency to the
 * LAST subscriber of each event. Writes bench/results/fanout-latest.json and .md (a profiling or
 * floor run: fanout-profile-<mode>-latest, fanout-floor-latest).
 *
 *   npm run bench:fanout
 *   FANOUT_SIZES=10000 FANOUT_PROFILE=cpu npm run bench:fanout    # CPU profile of the signing phase
 *   FANOUT_SIZES=10000 FANOUT_PROFILE=heap npm run bench:fanout   # GC'd heap and snapshot diff
 *
 * At each size the floor (fanout/floor.ts, `ws` alone) runs first, then the app, and the report
 * gives the app's server CPU per delivery as a multiple of the floor's (FANOUT_FLOOR=0: app only).
 *
 * Settings: fanout/settings.ts.
 */
import { randomBytes } from 'node:crypto';
import { measure, type SizeResult } from './fanout/measure';
import { keptAnalysis, markdown, type Report } from './fanout/report';
import { openFileLimit, query, settings, targets } from './fanout/settings';
import { editorToken } from './fanout/writer';
import { codeVersion, machine } from './lib/machine';
import { ensureDatabase, redact } from './lib/postgres';
import { build } from './lib/processes';
import { productionBuild } from './lib/production';
import { resultFile, writeResults } from './lib/results';

/** A profiling or floor run is written next to the plain one, not over the figures the issue asks for. */
function resultName(): string {
  if (settings.target === 'floor') return 'fanout-floor-latest';
  const profile = settings.profile;
  if (!profile) return 'fanout-latest';
  return `fanout-profile-${profile.cpu && profile.heap ? 'all' : profile.cpu ? 'cpu' : 'heap'}-latest`;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  if (settings.target === 'app' && settings.serverEntry === undefined) build(productionBuild);
  const perClient = Math.min(Math.max(...settings.sizes), settings.socketsPerClient);
  if (openFileLimit() < perClient + 200) {
    throw new Error(
      `the open-file limit (${openFileLimit()}) is below one client's ${perClient} sockets: raise ulimit -n`,
    );
  }
  const postgres = await ensureDatabase(settings.databaseUrl);
  const jwtSecret = randomBytes(32).toString('hex');
  const token = await editorToken(jwtSecret);

  const results: SizeResult[] = [];
  for (const workers of settings.target === 'app' ? settings.workers : [1]) {
    for (const subscribers of settings.sizes) {
      // The floor right before the app (once per size): both under the same conditions, for the CPU ratio.
      for (const target of workers === 1 ? targets : (['app'] as const)) {
        const label = [targets.length > 1 ? target : '', workers > 1 ? `WORKERS=${workers}` : ''].filter(Boolean);
        console.log(`${subscribers.toLocaleString('en')} subscribers${label.length ? ` (${label.join(', ')})` : ''}`);
        try {
          results.push(await measure(subscribers, workers, jwtSecret, token, target));
        } catch (error) {
          // One size failing must not lose the others' figures.
          const message = error instanceof Error ? error.message : String(error);
          const clients = Math.ceil(subscribers / settings.socketsPerClient);
          results.push({ target, subscribers, workers, clients, error: message });
          console.error(`  failed: ${message}`);
        }
      }
    }
  }

  const report: Report = {
    startedAt: startedAt.toISOString(),
    elapsedSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: { ...machine(postgres), node: process.version, openFileLimit: openFileLimit(), code: codeVersion() },
    results,
  };
  const name = resultName();
  writeResults(
    name,
    { ...report, settings: { ...settings, databaseUrl: redact(settings.databaseUrl), query } },
    markdown(report) + keptAnalysis(resultFile(name, 'md')),
  );
  if (results.some((r) => r.error)) process.exitCode = 1;
}

await main();
