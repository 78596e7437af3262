/**
 * `npm run bench`'s results: what is recorded per server, query and round, the ratios of ours to
 * each peer (taken within a round, then the median over rounds), and the Markdown report.
 */
import { describeMachine, type Machine } from '../lib/machine';
import { median, round } from '../lib/stats';
import { Q17_AGREEMENTS, type QueryName, queryTitles } from '../queries';
import { canonicalAnswer } from './answers';
import type { Answers } from './counting';
import { SCALE } from './generate';
import type { LiveResult } from './live';
import type { ServerSpec } from './servers';
import { settings } from './settings';

export const entries = <K extends string, V>(record: Partial<Record<K, V>>) => Object.entries(record) as Array<[K, V]>;

export interface QueryResult {
  /** Set when the query failed its check; nothing else is measured then. */
  error?: string;
  responseBytes?: number;
  /** Whether the answer holds the same rows as the reference's: plain-pg where written, else PostGraphile. */
  sameRows?: boolean;
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

export interface RoundResult {
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

export interface ServerResult {
  name: ServerSpec['name'];
  skipped?: string;
  error?: string;
  startupMs?: number;
  rssIdleMb?: number;
  queries: Partial<Record<QueryName, QueryResult>>;
  /** Q17, reported in a table of its own. */
  live?: LiveResult;
}

/** ours / a peer: the median of the per-round ratios, and their range. */
export interface Ratio {
  reqPerSec: number | null;
  reqPerSecRange: [number, number] | null;
  p50: number | null;
  p99: number | null;
  p99Range: [number, number] | null;
}

/** The server whose answer to a query the others' are compared with: plain-pg where written, else PostGraphile. */
function referenceOf(answers: Answers, name: QueryName): ServerSpec['name'] | undefined {
  return (['plain-pg', 'postgraphile'] as const).find((server) => answers.has(`${server}/${name}`));
}

/** Marks each answer as holding the reference's rows or not. */
export function compareAnswers(results: ServerResult[], answers: Answers): void {
  for (const name of Object.keys(queryTitles) as QueryName[]) {
    const referenceName = referenceOf(answers, name);
    if (referenceName === undefined) continue;
    const expected = canonicalAnswer(answers.get(`${referenceName}/${name}`)!);
    for (const server of results) {
      const body = answers.get(`${server.name}/${name}`);
      const query = server.queries[name];
      if (body === undefined || !query || server.name === referenceName) continue;
      query.sameRows = canonicalAnswer(body) === expected;
      if (!query.sameRows) console.error(`${server.name} ${name}: answer differs from ${referenceName}'s`);
    }
  }
}

const round2 = (value: number) => round(value, 2);

/** ours / peer within each round (the two measured side by side), then the median over rounds. */
export function ratios(results: ServerResult[], peer: ServerSpec['name']): Partial<Record<QueryName, Ratio>> {
  const ours = results.find((server) => server.name === 'ours');
  const theirs = results.find((server) => server.name === peer);
  const out: Partial<Record<QueryName, Ratio>> = {};
  for (const name of Object.keys(queryTitles) as QueryName[]) {
    const a = ours?.queries[name]?.rounds ?? [];
    const b = theirs?.queries[name]?.rounds ?? [];
    if (a.length === 0 || b.length === 0) continue;
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

export function markdown(report: {
  startedAt: string;
  elapsedSeconds: number;
  machine: Machine & { node: Record<string, string>; loadAverageAtEnd: number[] };
  servers: ServerResult[];
  ratios: Partial<Record<QueryName, Ratio>>;
  ratiosToYogaConstant: Partial<Record<QueryName, Ratio>>;
  ratiosToMetricsOff: Partial<Record<QueryName, Ratio>>;
}): string {
  const m = report.machine;
  const cell = (value: number | undefined | null) => (value === undefined || value === null ? '—' : String(value));
  const sameCell = (same: boolean | undefined) => (same === undefined ? '—' : same ? 'yes' : 'NO');
  const lines = [
    '# Benchmark results',
    '',
    `Run ${report.startedAt} (${report.elapsedSeconds} s) by \`npm run bench\` (bench/run.ts).`,
    '',
    `Machine: ${describeMachine(m)}; ` +
      `Node ${m.node.ours} for ours, yoga-constant and plain-pg, ${m.node.postgraphile} for PostGraphile and autocannon. ` +
      'Server, PostgreSQL and load generator share the machine; ' +
      `load average at the end ${m.loadAverageAtEnd.join(' / ')} (the run itself keeps about 2 cores busy).`,
    '',
    `Load: autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up (1 s after the first round) then ` +
      `${settings.durationSeconds} s measured per query and server, in ${settings.rounds} interleaved rounds ` +
      '(every query on every server per round, servers in a rotated order); figures are medians over the rounds. ' +
      `Every server gets a pool of ${settings.poolMax} connections. ` +
      `Dataset: ${SCALE.partners} partners, ${SCALE.agreements} agreements, ${SCALE.events} timeline events (bench/load/generate.ts). ` +
      'SQL/req is counted on the wire (bench/load/statement-counter.ts); RSS is the server process tree, peak during the run. ' +
      'Latencies have 1 ms resolution. Rows are compared with plain-pg where it is written (Q1–Q3), else with PostGraphile; ' +
      'shapes PostGraphile cannot express (search, asOf, stats) are ours only. ' +
      'ours runs with its Prometheus listener on; ours-metrics-off is the same build with METRICS_PORT=0. ' +
      `Q16 is a closed loop (bench/load/write-read.ts) of ${settings.connections} connections, each on an agreement of its own: ` +
      'its req/s and latencies are per iteration (read, write, read back: 3 requests; latencies to 0.1 ms), its SQL per iteration, its rows the last read-back; ' +
      "ours' write checks the version under a row lock and appends to the event log, PostGraphile's is a plain UPDATE.",
    '',
    '| Query | Server | req/s | req/s per round | p50 ms | p99 ms | SQL/req | RSS peak MB | same rows as the reference |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  const reference = (name: QueryName) =>
    report.servers.some((server) => server.name === 'plain-pg' && server.queries[name]) ? 'plain-pg' : 'postgraphile';
  for (const name of Object.keys(queryTitles) as QueryName[]) {
    for (const server of report.servers) {
      if (server.skipped) continue;
      const q = server.queries[name];
      if (!q) continue;
      const same = q.sameRows === undefined && reference(name) === server.name ? 'reference' : sameCell(q.sameRows);
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
  const ratioTable = (title: string, intro: string, table: Partial<Record<QueryName, Ratio>>) => {
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
    'yoga-constant (bench/peers/yoga-constant.ts) is graphql-yoga answering the same operations from constant data, ' +
      'built and run as ours is: what yoga and graphql-js cost with no data access at all. ' +
      "A req/s ratio near 1 means the database work is nearly free next to the GraphQL layer's own cost.",
    report.ratiosToYogaConstant,
  );
  ratioTable(
    'metrics on / off',
    'ours (metrics on, as production runs) / ours-metrics-off (METRICS_PORT=0), the same build measured side by side in the same rounds: ' +
      'below 1 is what the metrics cost.',
    report.ratiosToMetricsOff,
  );
  liveTable(lines, report.servers);
  const notes = report.servers.filter((server) => server.skipped || server.error);
  if (notes.length > 0) {
    lines.push('');
    for (const server of notes)
      lines.push(`- ${server.name}: ${server.skipped ?? `failed: ${server.error?.split('\n')[0]}`}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Q17's table: one row per server that runs live queries (ours). */
function liveTable(lines: string[], servers: readonly ServerResult[]): void {
  const live = servers.filter((server) => server.live);
  if (live.length === 0) return;
  lines.push(
    '',
    `## ${queryTitles.q17}`,
    '',
    `bench/load/live.ts: ${settings.liveClients} graphql-ws clients hold the same \`query @live\` list (the ${Q17_AGREEMENTS} newest agreements ` +
      `with their notes); a writer edits one row's notes through updateAgreement, ${settings.liveIntervalMs} ms after the previous change committed, ` +
      `for ${settings.durationSeconds} s per round after the warm-up. Latency: from commit (the mutation's response) to the update at each client. ` +
      "Executions per change from the server's ua_live_query_executions_total (identical live queries share one execution); " +
      "CPU: the server's process tree from /proc over the measured changes (serving the mutations included), per update delivered. " +
      'SQL per change counted in the counting pass (the write, its dispatch, one re-run). Medians over rounds. ' +
      'PostGraphile v5 has no live queries (planned, per its documentation).',
    '',
    '| Server | clients | changes/s | updates delivered | missing | p50 ms | p99 ms | max ms | executions/change | CPU ms/update | CPU ms/change | SQL/change |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const server of live) {
    const result = server.live!;
    const s = result.summary;
    const sql = result.statementsPerChange ?? '—';
    if (result.error || !s) {
      lines.push(
        `| ${server.name} | failed: ${(result.error ?? 'no round').slice(0, 80).replaceAll('|', '\\|')} | | | | | | | | | | ${sql} |`,
      );
      continue;
    }
    lines.push(
      `| ${server.name} | ${s.clients} | ${s.changesPerSecond} | ${s.deliveries} | ${s.missing} | ${s.p50Ms} | ${s.p99Ms} | ${s.maxMs} | ` +
        `${s.executionsPerChange} | ${s.cpuMsPerDelivery} | ${s.cpuMsPerChange} | ${sql} |`,
    );
  }
}
