/** The soak's report: latency per phase, memory and descriptors, the checks, and a timeline picture. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resultFile } from '../lib/results';
import { round, type Stats } from '../lib/stats';
import type { Check } from './checks';
import type { DropRecord } from './droppers';
import type { FaultRecord } from './faults';
import { heldHeap, rssLessYoung, type Sample } from './instances';

export interface Point {
  /** Seconds since the start of the run, at commit. */
  t: number;
  p50: number;
  max: number;
}

/** Latency over time (log scale), with each fault a shaded band: bench/results/soak-latest.svg (+ .png). */
export function writePicture(points: Point[], faults: FaultRecord[], seconds: number, t0: number): string[] {
  const [width, height, left, bottom, top] = [1200, 420, 60, 40, 30];
  const maxMs = Math.max(1000, ...points.map((point) => point.max));
  const x = (t: number) => left + (t / seconds) * (width - left - 20);
  const y = (ms: number) => top + (1 - Math.log10(Math.max(1, ms)) / Math.log10(maxMs)) * (height - top - bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="18" font-size="13">Commit-to-delivery latency (ms, log scale): p50 (blue) and max (red) over subscribers, per event; faults shaded</text>`,
  ];
  faults.forEach((fault, i) => {
    const from = x((fault.start - t0) / 1000);
    const to = Math.max(from + 2, x((fault.end - t0) / 1000));
    parts.push(
      `<rect x="${from}" y="${top}" width="${to - from}" height="${height - top - bottom}" fill="#f5c542" opacity="0.35"/>`,
    );
    parts.push(`<text x="${from + 2}" y="${top + 12 + (i % 4) * 12}" fill="#7a5a00">${fault.kind}</text>`);
  });
  for (let ms = 1; ms <= maxMs; ms *= 10) {
    parts.push(`<line x1="${left}" x2="${width - 20}" y1="${y(ms)}" y2="${y(ms)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y(ms) + 4}" text-anchor="end">${ms}</text>`);
  }
  for (let s = 0; s <= seconds; s += seconds > 120 ? 60 : 10)
    parts.push(`<text x="${x(s)}" y="${height - bottom + 16}" text-anchor="middle">${s}s</text>`);
  for (const point of points) {
    parts.push(`<circle cx="${x(point.t)}" cy="${y(point.max)}" r="1.6" fill="#d33"/>`);
    parts.push(`<circle cx="${x(point.t)}" cy="${y(point.p50)}" r="1.6" fill="#36c"/>`);
  }
  parts.push('</svg>');
  const svg = resultFile('soak-latest', 'md').replace(/\.md$/, '.svg');
  mkdirSync(path.dirname(svg), { recursive: true });
  writeFileSync(svg, parts.join('\n'));
  const written = ['soak-latest.svg'];
  const png = svg.replace(/\.svg$/, '.png');
  // ImageMagick, else the Chromium the browser tests use (headless, a screenshot of the SVG).
  const renderers: [string, string[]][] = [
    ['convert', [svg, png]],
    [
      process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        `--screenshot=${png}`,
        `--window-size=${width},${height}`,
        pathToFileURL(svg).href,
      ],
    ],
  ];
  for (const [command, args] of renderers) {
    try {
      execFileSync(command, args, { stdio: 'ignore', timeout: 120_000 });
      written.push('soak-latest.png');
      break;
    } catch {
      // Not here, or failed: the next one; with none, the SVG is the picture.
    }
  }
  return written;
}

export interface MemoryRow {
  instance: string;
  pid: number;
  /** Whether it lived through warm-up, so its memory is judged against that level. */
  checked: boolean;
  warm: Sample;
  end: Sample;
  left: Sample;
  idleFds: number;
  idleHandles: number | undefined;
  /** Subscribers connected to it at warm-up and at the end. */
  subscribersWarm: number;
  subscribersEnd: number;
}

export interface LiveSummary {
  clients: number;
  results: number;
  connections: number;
  /** Per shape: the last result's cursor and the fresh query's. */
  shapes: { name: string; clients: number; lastCursors: number[]; freshCursor: number | undefined }[];
}

export function markdown(report: {
  settings: object;
  seconds: number;
  faults: FaultRecord[];
  phases: Record<string, Stats & { count: number }>;
  memory: MemoryRow[];
  checks: Check[];
  writes: Record<string, number>;
  reads: { ok: number; failed: number };
  subscribers: { count: number; reconnects: number; disconnects: number };
  live: LiveSummary;
  drops: DropRecord[];
  vanished: DropRecord[];
  pictures: string[];
}): string {
  const mb = (bytes: number | undefined) => (bytes === undefined ? '–' : round(bytes / 2 ** 20, 1));
  const memoryCells = (s: Sample) =>
    `${mb(heldHeap(s))} | ${mb(s.probe?.external)} / ${mb(s.probe?.arrayBuffers)} | ${mb(s.probe?.rss ?? s.rssKb * 1024)} (${mb(rssLessYoung(s))}) | ${s.handles ?? '–'} / ${s.fds}`;
  const lines = [
    `# Soak under faults (${report.seconds} s)`,
    '',
    `Settings: \`${JSON.stringify(report.settings)}\``,
    '',
    ...report.pictures
      .filter((file) => file.endsWith('.png') || report.pictures.length === 1)
      .map((file) => `![latency over time](${file})`),
    '',
    '## Checks',
    '',
    ...report.checks.map(
      (check) =>
        `- ${check.problems.length ? '**FAIL**' : 'pass'}: ${check.name}${check.problems.length ? ` (${check.problems.length}: ${check.problems.slice(0, 3).join('; ')})` : ''}`,
    ),
    '',
    '## Faults',
    '',
    '| at (s) | kind | took (ms) | what |',
    '|---:|---|---:|---|',
    ...report.faults.map(
      (f) =>
        `| ${round((f.start - report.faults[0]!.start) / 1000 + 0, 0)} | ${f.kind} | ${f.end - f.start} | ${f.error ? `failed: ${f.error}` : f.detail} |`,
    ),
    '',
    '## Commit-to-delivery latency per phase (ms)',
    '',
    "Commit time is event_log.created_at: clock_timestamp() at the insert, taken after the log's lock, so within the commit's own few milliseconds; a phase is the time the event committed: during a fault (from its start to 5 s after it ended), steady (before the first fault), or recovered (any other time).",
    '',
    '| phase | deliveries | p50 | p99 | max |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(report.phases).map(([phase, s]) => `| ${phase} | ${s.count} | ${s.p50} | ${s.p99} | ${s.max} |`),
    '',
    '## Memory and descriptors per instance',
    '',
    "Each figure is taken right after two full collections (`gc()` through the soak's memory probe, bench/lib/memory-probe.cjs, loaded only into the soak's instances), the lowest of three such samples 2 s apart. Heap: used less the young generation (MB). External / arrayBuffers: process.memoryUsage() (MB; Buffers and socket data outside the heap). RSS (MB), and in brackets less the young generation's committed size (start:prod's --max-semi-space-size=64 lets it reach 128 MB). Handles / descriptors: nodejs_active_handles_total and /proc/<pid>/fd. Subscribers: connected to it at warm-up and at the end (each resumes on the instance holding the fewest). Columns: after warm-up (for a process restarted by a fault: its first sample, not judged), at the end with the subscribers connected, after they left.",
    '',
    '| instance | pid | judged | subscribers warm → end | heap warm | ext / buffers warm | RSS warm | handles/fds warm | heap end | ext / buffers end | RSS end | handles/fds end | heap left | ext / buffers left | RSS left | handles/fds left | idle handles/fds |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.memory.map(
      (m) =>
        `| ${m.instance} | ${m.pid} | ${m.checked ? 'yes' : 'no'} | ${m.subscribersWarm} → ${m.subscribersEnd} | ${memoryCells(m.warm)} | ${memoryCells(m.end)} | ${memoryCells(m.left)} | ${m.idleHandles ?? '–'} / ${m.idleFds} |`,
    ),
    '',
    '## Live queries and dropped clients',
    '',
    `${report.live.clients} \`query @live\` clients (graphql-ws and SSE, alternately) received ${report.live.results} results over ${report.live.connections} connections, each asking again on the next instance after a disconnect.`,
    '',
    '| shape | clients | last cursors | fresh query cursor |',
    '|---|---:|---|---:|',
    ...report.live.shapes.map(
      (shape) =>
        `| ${shape.name} | ${shape.clients} | ${[...new Set(shape.lastCursors)].join(', ')} | ${shape.freshCursor ?? '–'} |`,
    ),
    '',
    `Clients that reset their connection (RST, straight to the instance's port): ${report.drops
      .map(
        (d) =>
          `${d.transport} on ${d.instance}: ${d.freedAfterMs === undefined ? d.detail : `freed after ${d.freedAfterMs} ms`}`,
      )
      .join('; ')}.`,
    '',
    `Clients that vanished without a packet (their connection blackholed at the client proxy; freed by the server's unanswered pings over graphql-ws, by SSE_MAX_STREAM_MS over SSE): ${report.vanished
      .map(
        (d) =>
          `${d.transport} on ${d.instance}: ${d.freedAfterMs === undefined ? d.detail : `freed after ${d.freedAfterMs} ms (bound ${d.boundMs} ms)`}`,
      )
      .join('; ')}.`,
    '',
    '## Traffic',
    '',
    `Writes: ${Object.entries(report.writes)
      .map(([key, value]) => `${key} ${value}`)
      .join(
        ', ',
      )}. Reads: ${report.reads.ok} ok, ${report.reads.failed} failed (failures are expected during faults). Subscribers: ${report.subscribers.count}, ${report.subscribers.reconnects} (re)connections, ${report.subscribers.disconnects} transport failures.`,
    '',
  ];
  return lines.join('\n');
}
