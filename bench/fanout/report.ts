/** The fan-out benchmark's Markdown report: one row per subscriber count, then any profile. */
import { existsSync, readFileSync } from 'node:fs';
import { describeMachine, type Machine } from '../lib/machine';
import { round } from '../lib/stats';
import type { SizeResult } from './measure';
import { query, serverNodeArgs, settings, targets } from './settings';

export interface Report {
  startedAt: string;
  elapsedSeconds: number;
  machine: Machine & { node: string; openFileLimit: number; code: string };
  results: SizeResult[];
}

/** Memory per subscriber between two sizes of the same run (idle RSS, or what the process kept), in KB. */
function marginalKb(
  smaller: SizeResult | undefined,
  larger: SizeResult,
  field: 'rssIdleMb' | 'keptIdleMb' = 'rssIdleMb',
): number | undefined {
  const [from, to] = [smaller?.[field], larger[field]];
  if (!smaller || smaller.error || from === undefined || to === undefined) return undefined;
  return round(((to - from) * 1024) / (larger.subscribers - smaller.subscribers));
}

export function markdown(report: Report): string {
  const m = report.machine;
  const cell = (value: number | null | undefined) => (value === undefined || value === null ? '—' : String(value));
  const sideBySide = targets.length > 1;
  const lines = [
    settings.target === 'floor' ? '# Fan-out floor: ws alone (bench/fanout/floor.ts)' : '# Fan-out benchmark results',
    '',
    `Run ${report.startedAt} (${report.elapsedSeconds} s) by \`npm run bench:fanout\` (bench/fanout.ts).`,
    '',
    `Machine: ${describeMachine(m)}; ` +
      `Node ${m.node}. Code: ${m.code}, run as \`node ${serverNodeArgs(settings.target).join(' ')}\`` +
      `${settings.target === 'app' && settings.serverEntry === undefined ? ' (npm run build, then what npm run start:prod runs)' : ''}` +
      `${process.env.FLOOR_WORKERS && settings.target === 'floor' ? ` with FLOOR_WORKERS=${process.env.FLOOR_WORKERS}` : ''}. Server, PostgreSQL and the subscriber processes share the machine, so ` +
      'latency depends on what else runs: "Load avg" is the 1-minute load average as the signings start, and ' +
      '"Server CPU µs / delivery" (server CPU time during the signing phase / deliveries) is the cost that ' +
      'does not.' +
      (sideBySide
        ? ' At each size the floor (bench/fanout/floor.ts: `ws` sending one pre-built payload per socket, no GraphQL, ' +
          'no database) runs first, under the same conditions, then the service; "× floor" is the service\'s server CPU ' +
          "per delivery divided by the floor's of the same size."
        : ''),
    '',
    `One server instance (NODE_ENV=production, DB pool ${settings.poolMax}${settings.target === 'app' && settings.workers.some((n) => n > 1) ? ' per worker; "× N workers" = WORKERS=N, CPU and RSS summed over the primary and its workers' : ''}) per row, fresh for each. Every socket ` +
      `holds one \`${query}\` over graphql-ws, opened from ${settings.socketsPerClient.toLocaleString('en')}-socket ` +
      `client processes (bench/fanout/client.ts). Then ${settings.signings} agreements are signed through ` +
      `\`transitionAgreement\` over HTTP with an editor token, ${settings.intervalMs} ms apart, after one probe signing ` +
      'that is not counted.',
    '',
    '**Latency** = receipt at the subscriber − arrival of the mutation response ("commit"); every process reads the ' +
      'same clock, 1 ms resolution. "Last" is the latency to the last subscriber of an event; its p50/p99/max are ' +
      `over the ${settings.signings} events (so p99 is the slowest but one at most; nearest rank). ` +
      '"From send" counts from just before the mutation was sent instead (it includes the mutation, which waits ' +
      'while the server is busy fanning out the previous events). "Probe (alone)" is the first signing after the ' +
      'subscribers connected, with nothing else in flight. ' +
      '**RSS per idle subscriber** = (server RSS with every subscriber connected and idle − RSS after warm-up with ' +
      'none) / subscribers, read from /proc/<pid>/status (the server\'s process tree); "marginal" = the difference in ' +
      'idle RSS between this row and the one above / the difference in subscribers, which leaves out what the ' +
      'server grows by once whatever the count (a young generation grown to its maximum, say). ' +
      "**Kept** = what the process keeps: RSS less the young generation's committed size, right after two full " +
      'collections (bench/lib/memory-probe.cjs, loaded with `--expose-gc` into the benchmarked server only), after ' +
      'warm-up with no subscriber and again after the signings with every subscriber connected and idle (one ' +
      'process only: with WORKERS=2 the probe answers for the primary, and the column is empty). Plain RSS also holds ' +
      'the young generation, whose resident part is however far the scavenges before the reading happened to fill ' +
      "it: up to 2 x 64 MB with start:prod's `--max-semi-space-size=64`, which moves a marginal figure over " +
      '5,000 subscribers by up to 26 KB per subscriber. ' +
      '"Clients CPU µs / delivery" is what the subscriber processes spend per message received, on the same cores.',
    '',
    '| Subscribers | Server | × floor | Last p50 ms | Last p99 ms | Last max ms | Last p99 from send ms | Probe (alone) last ms | All deliveries p50 / p99 ms | Mutation p50 ms | Failed signings | Events complete | Delivered (errors) | RSS before → idle MB | RSS / idle subscriber KB | marginal KB | RSS after MB | Kept before → idle MB | Kept marginal KB | Server CPU µs / delivery | Clients CPU µs / delivery | Load avg |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  // Marginal RSS compares rows of the same server; the ratio, the app with the floor of its size.
  const previous = new Map<string, SizeResult>();
  const floors = new Map<number, SizeResult>();
  for (const r of report.results) {
    const target = r.target ?? settings.target;
    if (r.error) {
      lines.push(
        `| ${r.subscribers}${workersLabel(r)} | ${target} | | failed: ${r.error.split('\n')[0]!.replaceAll('|', '\\|')} | | | | | | | | | | | | | | | | | | |`,
      );
      continue;
    }
    if (target === 'floor') floors.set(r.subscribers, r);
    const floorCpu = floors.get(r.subscribers)?.serverCpuUsPerDelivery;
    const ratio =
      target === 'app' && floorCpu && r.serverCpuUsPerDelivery
        ? `${round(r.serverCpuUsPerDelivery / floorCpu, 2)}×`
        : '—';
    // The marginal RSS compares rows of the same server and worker count only.
    const series = `${target}/${r.workers ?? 1}`;
    lines.push(
      `| ${r.subscribers.toLocaleString('en')}${workersLabel(r)} | ${target === 'floor' ? 'floor (`ws` alone)' : 'service'} | ${ratio} | ${cell(r.lastDelivery?.p50)} | ${cell(r.lastDelivery?.p99)} | ` +
        `${cell(r.lastDelivery?.max)} | ${cell(r.lastDeliveryFromSend?.p99)} | ${cell(r.probeLastMs)} | ${cell(r.allDeliveries?.p50)} / ${cell(r.allDeliveries?.p99)} | ` +
        `${cell(r.mutation?.p50)} | ${r.failedSignings ?? 0} | ${r.eventsComplete}/${r.events?.length} | ${r.delivered}/${r.expectedDeliveries} (${r.errorPayloads}) | ${r.rssBeforeMb} → ${r.rssIdleMb} | ` +
        `${r.rssPerSubscriberKb} | ${cell(marginalKb(previous.get(series), r))} | ${r.rssAfterMb} | ` +
        `${r.keptBeforeMb === undefined ? '—' : `${r.keptBeforeMb} → ${cell(r.keptIdleMb)}`} | ${cell(marginalKb(previous.get(series), r, 'keptIdleMb'))} | ${cell(r.serverCpuUsPerDelivery)} | ` +
        `${cell(r.clientsCpuMs !== undefined && r.delivered ? round((r.clientsCpuMs * 1000) / r.delivered) : undefined)} | ${cell(r.loadAverage)} |`,
    );
    previous.set(series, r);
  }
  lines.push(
    '',
    'Targets (issue): 10,000 subscribers on one instance, commit-to-last-delivery p99 < 100 ms, < 20 KB RSS per idle ' +
      "subscriber; server CPU per delivery at most 1.5× the floor's, at most 10 KB of RSS per additional idle subscriber (marginal).",
  );
  const profiled = report.results.filter((r) => r.heap || r.cpuProfile);
  for (const r of profiled) {
    lines.push('', `## Profile at ${r.subscribers.toLocaleString('en')} subscribers (FANOUT_PROFILE)`, '');
    if (r.heap) {
      lines.push(
        `V8 heap after a forced GC: ${r.heap.beforeMb} → ${r.heap.idleMb} MB, ${r.heap.perSubscriberKb} KB per idle ` +
          `subscriber (+ ${r.heap.externalPerSubscriberKb} KB external/ArrayBuffer).`,
        '',
        '| Retained per subscriber (heap snapshot diff) | objects / subscriber | bytes / subscriber |',
        '| --- | ---: | ---: |',
      );
      for (const row of r.heap.topRetainers ?? []) {
        lines.push(`| ${row.name.replaceAll('|', '\\|')} | ${cell(row.perSubscriber)} | ${row.bytesPerSubscriber} |`);
      }
    }
    if (r.cpuProfile) {
      lines.push(
        '',
        `CPU profile of the signing phase (${r.cpuProfile.file}): ${r.cpuProfile.totalMs} ms sampled, ` +
          `${r.cpuProfile.idlePercent}% idle.`,
        '',
        '| Where (self time) | % of busy |',
        '| --- | ---: |',
      );
      for (const row of r.cpuProfile.byPackage) lines.push(`| ${row.name} | ${row.percent} |`);
      lines.push('', '| Function (self time) | % of busy |', '| --- | ---: |');
      for (const row of r.cpuProfile.topFunctions)
        lines.push(`| ${row.name.replaceAll('|', '\\|')} | ${row.percent} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The written analysis ("## What bounds it" to the end) of the file being replaced: it explains the
 * figures, so a new run keeps it (check it still matches them).
 */
export function keptAnalysis(file: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('\n## What bounds it');
  return at < 0 ? '' : text.slice(at);
}

/** How the server under test is started: node's arguments. */

const workersLabel = (r: SizeResult) => ((r.workers ?? 1) > 1 ? ` × ${r.workers} workers` : '');
