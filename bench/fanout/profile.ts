/**
 * Profiling for the fan-out benchmark (FANOUT_PROFILE=1): talks to the server's inspector (it is
 * started with --inspect=127.0.0.1:0) to force a GC before reading process.memoryUsage(), take heap
 * snapshots, and CPU-profile exactly the signing phase; then boils the files down to tables.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';

export interface Inspector {
  memoryAfterGc(): Promise<NodeJS.MemoryUsage>;
  heapSnapshot(file: string): Promise<void>;
  startCpuProfile(): Promise<void>;
  stopCpuProfile(file: string): Promise<CpuProfile>;
  close(): Promise<void>;
}

/** Connects to the inspector whose address the server printed to its log. */
export async function attachInspector(logFile: string): Promise<Inspector> {
  const match = /Debugger listening on (ws:\/\/\S+)/.exec(readFileSync(logFile, 'utf8'));
  if (!match) throw new Error(`no inspector address in ${logFile}`);
  const socket = new WebSocket(match[1]!, { perMessageDeflate: false, maxPayload: 2 ** 30 });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, (params: any) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
      method?: string;
      params?: unknown;
    };
    if (message.id !== undefined) {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) call?.reject(new Error(message.error.message));
      else call?.resolve(message.result);
    } else if (message.method) {
      listeners.get(message.method)?.(message.params);
    }
  });
  const call = <T = any>(method: string, params: Record<string, unknown> = {}): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });

  return {
    async memoryAfterGc() {
      await call('HeapProfiler.collectGarbage');
      const { result } = await call<{ result: { value: string } }>('Runtime.evaluate', {
        expression: 'JSON.stringify(process.memoryUsage())',
        returnByValue: true,
      });
      return JSON.parse(result.value) as NodeJS.MemoryUsage;
    },
    async heapSnapshot(file) {
      await mkdir(path.dirname(file), { recursive: true });
      const out = createWriteStream(file);
      listeners.set('HeapProfiler.addHeapSnapshotChunk', (params: { chunk: string }) => out.write(params.chunk));
      await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
      listeners.delete('HeapProfiler.addHeapSnapshotChunk');
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    },
    async startCpuProfile() {
      await call('Profiler.enable');
      await call('Profiler.setSamplingInterval', { interval: 200 });
      await call('Profiler.start');
    },
    async stopCpuProfile(file) {
      const { profile } = await call<{ profile: CpuProfile }>('Profiler.stop');
      await mkdir(path.dirname(file), { recursive: true });
      await new Promise<void>((resolve, reject) => {
        const out = createWriteStream(file);
        out.end(JSON.stringify(profile), (error?: Error | null) => (error ? reject(error) : resolve()));
      });
      return profile;
    },
    async close() {
      if (socket.readyState !== WebSocket.OPEN) return;
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CPU profile: self time by package and by function.

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Which package (or part of ours) a script belongs to. */
function packageOf(url: string, rootDir: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node internals';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return path.relative(rootDir, file);
}

export function summarizeCpuProfile(profile: CpuProfile, rootDir: string) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; the sample's own duration is the next delta.
  for (let i = 0; i < profile.samples.length; i += 1) {
    const duration = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + duration);
  }
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let idle = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    total += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const special = frame.functionName.startsWith('(') && !frame.url;
    const where = special ? frame.functionName : packageOf(frame.url, rootDir);
    packages.set(where, (packages.get(where) ?? 0) + us);
    const name = special
      ? frame.functionName
      : `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const busy = total - idle;
  const top = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ name, percent: Math.round((us / busy) * 1000) / 10 }));
  return {
    totalMs: Math.round(total / 1000),
    busyMs: Math.round(busy / 1000),
    idlePercent: Math.round((idle / total) * 1000) / 10,
    byPackage: top(packages, 15),
    topFunctions: top(functions, 25),
  };
}

// ---------------------------------------------------------------------------------------------
// Heap snapshots: what the subscribers added, by constructor.

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

function countByKind(file: string): Map<string, { count: number; bytes: number }> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const kinds = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]!]!;
    const name = snapshot.strings[snapshot.nodes[i + nameAt]!]!;
    const key =
      type === 'object' || type === 'native'
        ? name
        : type === 'closure'
          ? `closure ${name || '(anonymous)'}`
          : `(${type})`;
    const entry = kinds.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snapshot.nodes[i + sizeAt]!;
    kinds.set(key, entry);
  }
  return kinds;
}

/** The kinds of object whose total self size grew most between two snapshots, per subscriber. */
export function summarizeHeapDiff(beforeFile: string, afterFile: string, subscribers: number) {
  const before = countByKind(beforeFile);
  const after = countByKind(afterFile);
  const rows = [...after].map(([name, { count, bytes }]) => ({
    name,
    count: count - (before.get(name)?.count ?? 0),
    bytes: bytes - (before.get(name)?.bytes ?? 0),
  }));
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  const top: Array<{ name: string; perSubscriber: number | null; bytesPerSubscriber: number }> = [
    ...rows
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 20)
      .map((row) => ({
        name: row.name,
        perSubscriber: Math.round((row.count / subscribers) * 10) / 10,
        bytesPerSubscriber: Math.round(row.bytes / subscribers),
      })),
  ];
  top.push({ name: 'all kinds together', perSubscriber: null, bytesPerSubscriber: Math.round(total / subscribers) });
  return top;
}
