/**
 * `npm run bench`: loads our server, PostGraphile v5, yoga-constant and the plain-pg reference
 * against the same generated dataset, and writes bench/results/latest.json and latest.md.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npx tsx bench/run.ts
 *
 * Ours runs as production does: built first (`npm run build`), then the bundle as `npm run
 * start:prod` starts it. Each server is started twice: first alone behind a counting proxy, to
 * check its answers and count its SQL statements per request (load/counting.ts); then all of them
 * at once, directly on the database, for the load, in interleaved rounds (load/rounds.ts). Figures
 * are the median over rounds; ratios are taken within a round, then their median (with the range)
 * reported (load/report.ts). Settings: load/settings.ts.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { codeVersion, machine } from './lib/machine';
import { benchNode } from './lib/paths';
import { ensureDatabase, redact } from './lib/postgres';
import { treeRssKb } from './lib/proc';
import { build, stopServer } from './lib/processes';
import { writeResults } from './lib/results';
import { round } from './lib/stats';
import { type Answers, countingPass } from './load/counting';
import { generateDataset, SCALE } from './load/generate';
import { compareAnswers, markdown, ratios, type ServerResult } from './load/report';
import { type LoadTarget, loadRounds } from './load/rounds';
import { ensureBenchInstall, type ServerSpec, servers, start } from './load/servers';
import { settings } from './load/settings';

/** Records a failure on the server's result and goes on: one server failing must not lose the others' figures. */
function failed(spec: ServerSpec, result: ServerResult, error: unknown): void {
  result.error = error instanceof Error ? error.message : String(error);
  console.error(`${spec.name}: ${result.error}`);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  ensureBenchInstall();
  const postgres = await ensureDatabase(settings.databaseUrl);
  console.log('dataset:', await generateDataset(settings.databaseUrl, { reset: settings.reset, log: console.log }));

  const results: ServerResult[] = [];
  const answers: Answers = new Map();
  const checked: Array<{ spec: ServerSpec; result: ServerResult }> = [];
  for (const spec of servers) {
    const result: ServerResult = { name: spec.name, queries: {} };
    results.push(result);
    if (spec.name.startsWith('ours') && settings.skipOurs) {
      result.skipped = 'skipped (BENCH_SKIP_OURS=1)';
      continue;
    }
    try {
      if (spec.build) build(spec.build);
      console.log(`${spec.name}: checking answers and counting statements`);
      await countingPass(spec, result, answers);
      checked.push({ spec, result });
    } catch (error) {
      failed(spec, result, error);
    }
  }

  const targets: LoadTarget[] = [];
  try {
    for (const { spec, result } of checked) {
      try {
        const server = await start(spec, settings.databaseUrl, 'load');
        result.startupMs = server.startupMs;
        result.rssIdleMb = Math.round(treeRssKb(server.child.pid!) / 1024);
        targets.push({ spec, result, server });
      } catch (error) {
        failed(spec, result, error);
      }
    }
    await loadRounds(targets);
  } finally {
    await Promise.all(targets.map(({ server }) => stopServer(server.child)));
  }

  compareAnswers(results, answers);
  const benchNodeVersion = spawnSync(benchNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const report = {
    startedAt: startedAt.toISOString(),
    elapsedSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    settings: { ...settings, databaseUrl: redact(settings.databaseUrl) },
    dataset: SCALE,
    machine: {
      ...machine(postgres),
      code: codeVersion(),
      // Anything else running on the machine skews the figures; this makes it visible.
      loadAverageAtEnd: os.loadavg().map((load) => round(load, 2)),
      node: {
        ours: process.version,
        plainPg: process.version,
        postgraphile: benchNodeVersion,
        autocannon: benchNodeVersion,
      },
    },
    servers: results,
    ratios: ratios(results, 'postgraphile'),
    ratiosToYogaConstant: ratios(results, 'yoga-constant'),
    ratiosToMetricsOff: ratios(results, 'ours-metrics-off'),
  };
  writeResults('latest', report, markdown(report));
  if (results.some((server) => server.error)) process.exitCode = 1;
}

await main();
