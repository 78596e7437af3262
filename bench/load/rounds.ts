/**
 * The second pass: every server at once, directly on the database, loaded by autocannon in its
 * own process (a warm-up, then the measured run) while the server's RSS is sampled from /proc. The
 * load comes in rounds; each round measures every query on every server, the servers side by side
 * per query and in a rotated order, so a slow spell of this shared machine hits one round of every
 * server rather than all of one server's runs.
 */
import path from 'node:path';
import { editorToken } from '../fanout/writer';
import { benchDir, benchNode } from '../lib/paths';
import { treeRssKb } from '../lib/proc';
import { lastJsonLine } from '../lib/processes';
import { median, round as roundTo, sum } from '../lib/stats';
import { type HttpQueryName, Q16_FIRST_AGREEMENT, Q16_MAX_CONNECTIONS, type QueryName, queryTitles } from '../queries';
import { measureLive, summarizeLive } from './live';
import type { QueryResult, RoundResult, ServerResult } from './report';
import { type BenchServer, type HttpRequest, JWT_SECRET, type ServerSpec } from './servers';
import { settings } from './settings';
import { runWriteReadClient } from './write-read';

const autocannonScript = path.join(benchDir, 'node_modules/autocannon/autocannon.js');

/** A server started for the load phase, with the result its figures go to. */
export interface LoadTarget {
  spec: ServerSpec;
  result: ServerResult;
  server: BenchServer;
}

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
  return lastJsonLine<AutocannonReport>('autocannon', benchNode, args);
}

/** Memory of the server's process tree, so a wrapper or worker process would be counted too. */
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
      meanMb: toMb(samples.reduce((total, kb) => total + kb, 0) / samples.length),
    };
  };
}

/** A load run's figures, whichever client produced them. */
type LoadReport = Omit<RoundResult, 'rssPeakMb' | 'rssMeanMb'>;

/** One autocannon run of a fixed request. */
async function autocannonLoad(port: number, request: HttpRequest, seconds: number): Promise<LoadReport> {
  const report = await autocannon(port, request, seconds);
  return {
    reqPerSec: Math.round(report.requests.average),
    p50Ms: report.latency.p50,
    p99Ms: report.latency.p99,
    meanMs: report.latency.average,
    requests: report.requests.total,
    non2xx: report.non2xx,
    errors: report.errors,
    timeouts: report.timeouts,
  };
}

/** One run of Q16's closed loop: "requests" are iterations of read, write and read back. */
async function writeReadLoad(spec: ServerSpec, port: number, seconds: number): Promise<LoadReport> {
  if (settings.connections > Q16_MAX_CONNECTIONS) {
    throw new Error(`Q16 has ${Q16_MAX_CONNECTIONS} agreements of its own, fewer than BENCH_CONNECTIONS`);
  }
  const report = await runWriteReadClient({
    port,
    flavor: spec.writeRead!,
    ...(spec.writeRead === 'ours' ? { token: await editorToken(JWT_SECRET) } : {}),
    firstAgreement: Q16_FIRST_AGREEMENT,
    connections: settings.connections,
    seconds,
  });
  if (report.firstError)
    console.error(`  q16 ${spec.name}: ${report.errors} failed iterations, the first: ${report.firstError}`);
  return {
    reqPerSec: report.perSecond,
    p50Ms: report.p50Ms,
    p99Ms: report.p99Ms,
    meanMs: report.meanMs,
    requests: report.iterations,
    non2xx: 0,
    errors: report.errors,
    timeouts: 0,
  };
}

async function measure(target: LoadTarget, name: QueryName, round: number): Promise<void> {
  const { spec, result, server } = target;
  const measured = result.queries[name];
  if (!measured || measured.error || result.error) return;
  let load: (seconds: number) => Promise<LoadReport>;
  if (name === 'q16') {
    if (!spec.writeRead) return;
    load = (seconds) => writeReadLoad(spec, server.port, seconds);
  } else {
    const request = spec.requests[name as HttpQueryName];
    if (!request) return;
    load = (seconds) => autocannonLoad(server.port, request, seconds);
  }
  try {
    await load(round === 0 ? settings.warmupSeconds : 1);
    const stopSampling = sampleRss(server.child.pid!);
    const report = await load(settings.durationSeconds);
    const rss = stopSampling();
    const figures: RoundResult = {
      ...report,
      rssPeakMb: rss.peakMb,
      rssMeanMb: rss.meanMb,
    };
    (measured.rounds ??= []).push(figures);
    const failures = report.non2xx + report.errors + report.timeouts;
    console.log(
      `  ${name} ${spec.name}: ${figures.reqPerSec} ${name === 'q16' ? 'iterations' : 'req'}/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ` +
        `RSS peak ${rss.peakMb} MB${failures > 0 ? `, ${failures} FAILED requests` : ''}`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${spec.name}: ${message}`);
    // One server failing must not lose the others' figures; Q16's own client failing (or its
    // settings) must not lose this server's other shapes either.
    if (name === 'q16') measured.error = message;
    else result.error = message;
  }
}

/** Figures are the medians over the rounds (failures summed, RSS the peak). */
function summarize(measured: QueryResult): void {
  const rounds = measured.rounds;
  if (!rounds || rounds.length === 0) return;
  Object.assign(measured, {
    reqPerSec: median(rounds.map((r) => r.reqPerSec)),
    p50Ms: roundTo(median(rounds.map((r) => r.p50Ms)), 2),
    p99Ms: roundTo(median(rounds.map((r) => r.p99Ms)), 2),
    non2xx: sum(rounds.map((r) => r.non2xx)),
    errors: sum(rounds.map((r) => r.errors)),
    timeouts: sum(rounds.map((r) => r.timeouts)),
    rssPeakMb: Math.max(...rounds.map((r) => r.rssPeakMb)),
  } satisfies QueryResult);
}

export async function loadRounds(targets: LoadTarget[]): Promise<void> {
  const queries = Object.keys(queryTitles) as QueryName[];
  for (let round = 0; round < settings.rounds; round += 1) {
    console.log(`round ${round + 1} of ${settings.rounds}`);
    // Rotated each round, so no server always runs right after another one's load.
    const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
    for (const name of queries) {
      if (name === 'q17') for (const target of order) await measureLiveRound(target, round);
      else for (const target of order) await measure(target, name, round);
    }
  }
  for (const { result } of targets) {
    for (const measured of Object.values(result.queries)) summarize(measured!);
    if (result.live?.rounds?.length) result.live.summary = summarizeLive(result.live.rounds);
  }
}

/** Q17 on a server that runs live queries, with the same warm-up and duration as the other shapes. */
async function measureLiveRound(target: LoadTarget, round: number): Promise<void> {
  const { spec, result, server } = target;
  const live = result.live;
  if (!spec.live || !live || live.error || result.error) return;
  try {
    if (!server.metricsPort)
      throw new Error('Q17 reads the live-query executions from the metrics listener, which is off');
    const figures = await measureLive(
      { port: server.port, pid: server.child.pid!, metricsPort: server.metricsPort },
      await editorToken(JWT_SECRET),
      round === 0 ? settings.warmupSeconds : 1,
    );
    (live.rounds ??= []).push(figures);
    console.log(
      `  q17 ${spec.name}: ${figures.changes} changes to ${figures.clients} clients, commit to update p50 ${figures.p50Ms} ms, ` +
        `p99 ${figures.p99Ms} ms, ${figures.executionsPerChange} executions/change, ` +
        `${figures.cpuMsPerDelivery} ms CPU/update${figures.missing > 0 ? `, ${figures.missing} MISSING` : ''}`,
    );
  } catch (error) {
    live.error = error instanceof Error ? error.message : String(error);
    console.error(`  q17 ${spec.name}: ${live.error}`);
  }
}
