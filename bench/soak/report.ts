/** The soak's report: latency per phase, memory and descriptors, the checks, and a timeline picture. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resultFile } from '../lib/results';
import { round, type Stats } from '../lib/stats';
import type { Check } from './checks';
import type { FaultRecord } from './faults';

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
  writeFileSync(svg, parts.join('\n'));
  const written = ['soak-latest.svg'];
  try {
    execFileSync('convert', [svg, svg.replace(/\.svg$/, '.png')], { stdio: 'ignore', timeout: 60_000 });
    written.push('soak-latest.png');
  } catch {
    // No ImageMagick here: the SVG is the picture.
  }
  return written;
}

export interface MemoryRow {
  instance: string;
  pid: number;
  warmRssKb: number;
  endRssKb: number;
  leftRssKb: number;
  warmHeap: number | undefined;
  endHeap: number | undefined;
  leftHeap: number | undefined;
  idleFds: number;
  endFds: number;
  leftFds: number;
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
  live: string;
  pictures: string[];
}): string {
  const mb = (kb: number) => round(kb / 1024, 1);
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
    "Commit time is event_log.created_at (the transaction's start, so a little early); a phase is the time the event committed: during a fault (from its start to 5 s after it ended), steady (before the first fault), or recovered (any other time).",
    '',
    '| phase | deliveries | p50 | p99 | max |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(report.phases).map(([phase, s]) => `| ${phase} | ${s.count} | ${s.p50} | ${s.p99} | ${s.max} |`),
    '',
    '## Memory and descriptors per instance',
    '',
    'RSS (MB) after warm-up (for a process restarted by a fault: its first sample, not checked), at the end with subscribers connected, and after they left; heap only when the server exposes metrics. Open descriptors from /proc/<pid>/fd: idle (fewest seen), at the end, after the subscribers left.',
    '',
    '| instance | pid | RSS warm | RSS end | RSS left | heap warm | heap end | heap left | fds idle | fds end | fds left |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.memory.map(
      (m) =>
        `| ${m.instance} | ${m.pid} | ${mb(m.warmRssKb)} | ${mb(m.endRssKb)} | ${mb(m.leftRssKb)} | ${m.warmHeap ? mb(m.warmHeap / 1024) : '–'} | ${m.endHeap ? mb(m.endHeap / 1024) : '–'} | ${m.leftHeap ? mb(m.leftHeap / 1024) : '–'} | ${m.idleFds} | ${m.endFds} | ${m.leftFds} |`,
    ),
    '',
    '## Traffic',
    '',
    `Writes: ${Object.entries(report.writes)
      .map(([key, value]) => `${key} ${value}`)
      .join(
        ', ',
      )}. Reads: ${report.reads.ok} ok, ${report.reads.failed} failed (failures are expected during faults). Subscribers: ${report.subscribers.count}, ${report.subscribers.reconnects} (re)connections, ${report.subscribers.disconnects} transport failures. Live queries: ${report.live}.`,
    '',
  ];
  return lines.join('\n');
}
