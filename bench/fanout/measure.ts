/**
 * One row of the fan-out report: a fresh server, a warm-up, `subscribers` sockets from client
 * processes, one probe signing, then FANOUT_SIGNINGS signings while every delivery is timed, and
 * the server's memory and CPU read from /proc (and from its inspector under FANOUT_PROFILE).
 *
 * Latency of an event = receipt time at a subscriber − the time the transitionAgreement response
 * arrived ("commit": the transaction, and with it the NOTIFY, committed before the response was
 * written). Every process reads the same clock (Date.now(), 1 ms resolution).
 */
import os from 'node:os';
import path from 'node:path';
import { memoryProbeArgs, readMemoryProbe, rssLessYoung } from '../lib/memory-probe';
import { cacheDir, rootDir } from '../lib/paths';
import { treeCpuTimes, treeRssKb } from '../lib/proc';
import { freePort, type RunningServer, sleep, startServer, stopServer } from '../lib/processes';
import { round, type Stats, stats } from '../lib/stats';
import { Clients } from './clients';
import { attachInspector, type Inspector, summarizeCpuProfile, summarizeHeapDiff } from './profile';
import { serverNodeArgs, settings, type Target } from './settings';
import { createDrafts, sign, type Writer } from './writer';

const profileDir = path.join(cacheDir, 'profiles');

export interface EventResult {
  cursor: string;
  /** The transitionAgreement round trip. */
  mutationMs: number;
  /** Deliveries, errors included. */
  delivered: number;
  /** Deliveries that were an error payload instead of the event. */
  errors: number;
  /** Receipt − mutation response, ms: first subscriber, median subscriber, last subscriber. */
  firstMs: number | null;
  medianMs: number | null;
  lastMs: number | null;
  /** Last receipt − the moment just before the mutation was sent (includes the mutation itself). */
  lastFromSendMs: number | null;
}

export interface SizeResult {
  /** The app, or the floor (fanout/floor.ts) measured beside it. */
  target?: Target;
  subscribers: number;
  /** The service's WORKERS (1: a single process). */
  workers: number;
  clients: number;
  error?: string;
  connectSeconds?: number;
  failedConnections?: number;
  /** Server RSS (MB): warmed up with no subscriber, with every subscriber idle, after the signings. */
  rssBeforeMb?: number;
  rssIdleMb?: number;
  rssAfterMb?: number;
  rssPerSubscriberKb?: number;
  /**
   * What the process keeps (MB): RSS less the young generation, right after two full collections
   * (bench/lib/memory-probe.cjs), warmed up with no subscriber and with every subscriber connected
   * after the signings. Plain RSS also holds the young generation, whose resident part (up to
   * 2 x 64 MB with start:prod's semi-spaces) is however far the last scavenges reached.
   */
  keptBeforeMb?: number;
  keptIdleMb?: number;
  /** 1-minute load average as the signings start: other work on the machine shows here. */
  loadAverage?: number;
  /** CPU time used during the signing phase, by the server and by all subscriber processes. */
  serverCpuMs?: number;
  clientsCpuMs?: number;
  /** Share of the server's CPU time spent in the kernel (socket writes). */
  serverSystemCpuPercent?: number;
  /** Server CPU of the signing phase per delivery: what fan-out costs, whatever else runs. */
  serverCpuUsPerDelivery?: number;
  /** FANOUT_PROFILE only: V8 heap after a forced GC, and what one subscriber retains. */
  heap?: {
    beforeMb: number;
    idleMb: number;
    perSubscriberKb: number;
    externalPerSubscriberKb: number;
    topRetainers?: ReturnType<typeof summarizeHeapDiff>;
  };
  cpuProfile?: ReturnType<typeof summarizeCpuProfile> & { file: string };
  /** The first signing after subscribing, kept out of the statistics (it also confirms every subscription). */
  probeLastMs?: number | null;
  events?: EventResult[];
  lastDelivery?: Stats;
  lastDeliveryFromSend?: Stats;
  /** Over every (event, subscriber) delivery. */
  allDeliveries?: Stats;
  mutation?: Stats;
  /** Measured signings whose mutation failed (no event: nothing committed). */
  failedSignings?: number;
  firstSigningError?: string;
  /** Events that reached every subscriber; the last-delivery figures cover only these. */
  eventsComplete?: number;
  expectedDeliveries?: number;
  delivered?: number;
  /** Deliveries (counted in `delivered`) that were an error instead of the event. */
  errorPayloads?: number;
  /** Events whose per-socket number did not match their cursor (should be 0). */
  misnumbered?: number;
  unexpectedCloses?: number;
  firstClientError?: string | null;
}

/** CPU time of the process and its descendants, in ms (10 ms resolution). */
function cpuMs(pid: number): number {
  const { user, system } = treeCpuTimes(pid);
  return user + system;
}

const rssMb = (pid: number) => treeRssKb(pid) / 1024;

/** The server under test (the app, or the floor), in production mode, ready when /ready says so. */
async function startApp(
  subscribers: number,
  workers: number,
  jwtSecret: string,
  target: Target,
): Promise<RunningServer & { probePort: number }> {
  const nodeArgs = [...memoryProbeArgs, ...serverNodeArgs(target)];
  if (settings.profile) nodeArgs.unshift('--inspect=127.0.0.1:0');
  const probePort = await freePort();
  return startServer({
    name: 'the server',
    logName: `fanout-${target}-${subscribers}${workers > 1 ? `-w${workers}` : ''}`,
    // Through a shell only to raise the soft open-file limit to the hard one; `exec` keeps the
    // pid, so /proc/<pid> is the server's own.
    command: '/bin/sh',
    args: ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...nodeArgs],
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: settings.databaseUrl,
      DB_POOL_MAX: String(settings.poolMax),
      MIGRATE_ON_START: 'true',
      SEED_ON_START: 'true',
      JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'warn',
      // Metrics on, as in production, but on a port of its own: other servers on the machine may hold 9464.
      METRICS_PORT: String(await freePort()),
      // Every benchmark socket comes from 127.0.0.1, and the writes come from one editor.
      MAX_SOCKETS_PER_ADDRESS: '1000000',
      WRITE_RATE_LIMIT: '1000000',
      WORKERS: String(workers),
      MEMORY_PROBE_PORT: String(probePort),
    },
    ready: (port) => (workers > 1 ? everyWorkerReady(port, workers) : isReady(port)),
    readyTimeoutMs: settings.readyTimeoutMs,
  }).then((server) => ({ ...server, probePort }));
}

/** RSS less the young generation after two full collections (MB), the lower of two readings; the primary's only. */
async function keptMb(probePort: number): Promise<number | undefined> {
  const readings: number[] = [];
  for (let i = 0; i < 2; i++) {
    const memory = await readMemoryProbe(probePort, true);
    if (memory) readings.push(rssLessYoung(memory) / 2 ** 20);
    await sleep(500);
  }
  return readings.length ? round(Math.min(...readings)) : undefined;
}

const isReady = async (port: number) => (await fetch(`http://127.0.0.1:${port}/ready`)).ok;

/**
 * Each worker listens when it is ready, so the first answers /ready while the others start: the
 * subscribers would all land on it. Ready once fresh connections (handed out in turn) found them all.
 */
async function everyWorkerReady(port: number, workers: number): Promise<boolean> {
  const seen = new Set<string>();
  for (let i = 0; i < workers * 4 && seen.size < workers; i++) {
    const response = await fetch(`http://127.0.0.1:${port}/ready`, { headers: { connection: 'close' } });
    await response.arrayBuffer();
    const worker = response.headers.get('x-worker');
    if (response.ok && worker) seen.add(worker);
  }
  return seen.size === workers;
}

export async function measure(
  subscribers: number,
  workers: number,
  jwtSecret: string,
  token: string,
  target: Target = settings.target,
): Promise<SizeResult> {
  const processes = Math.ceil(subscribers / settings.socketsPerClient);
  const result: SizeResult = { target, subscribers, workers, clients: processes };
  const server = await startApp(subscribers, workers, jwtSecret, target);
  const pid = server.child.pid!;
  const writer: Writer = { port: server.port, token };
  let inspector: Inspector | undefined;
  let clients: Clients | undefined;
  try {
    // Two warm-up signings plus the probe and the measured ones, all created before anyone listens.
    const drafts = await createDrafts(writer, settings.signings + 3, `N=${subscribers}`);

    // Warm-up: the whole path (socket, subscribe, fan-out, delivery) runs once before the baseline,
    // so code loading and JIT are not counted as subscriber memory.
    const warmup = new Clients(server.port, 10);
    await warmup.connect();
    await sleep(300);
    await sign(writer, drafts[0]!);
    await sign(writer, drafts[1]!);
    await warmup.delivered([0, 1], 10_000);
    await warmup.close();
    await sleep(1000);

    if (settings.profile) inspector = await attachInspector(server.logFile);
    result.rssBeforeMb = round(rssMb(pid));
    // With more than one process, RSS is the tree's and the probe answers for the primary alone.
    const oneProcess = workers === 1 && !(target === 'floor' && Number(process.env.FLOOR_WORKERS) > 0);
    if (oneProcess) result.keptBeforeMb = await keptMb(server.probePort);
    const heapBefore = settings.profile?.heap ? await inspector?.memoryAfterGc() : undefined;
    if (inspector && heapBefore)
      await inspector.heapSnapshot(path.join(profileDir, `fanout-${subscribers}-before.heapsnapshot`));

    clients = new Clients(server.port, subscribers);
    const started = Date.now();
    const connected = await clients.connect();
    result.connectSeconds = round((Date.now() - started) / 1000);
    result.failedConnections = connected.failed;
    console.log(
      `  ${connected.subscribed} subscribed from ${processes} processes in ${result.connectSeconds} s` +
        (connected.failed ? `, ${connected.failed} FAILED (${connected.firstError})` : ''),
    );
    await sleep(settings.settleMs);
    result.rssIdleMb = round(rssMb(pid));
    result.rssPerSubscriberKb = round(((result.rssIdleMb - result.rssBeforeMb) * 1024) / subscribers, 2);
    if (inspector && heapBefore) {
      const heapIdle = await inspector.memoryAfterGc();
      const snapshot = path.join(profileDir, `fanout-${subscribers}-idle.heapsnapshot`);
      await inspector.heapSnapshot(snapshot);
      result.heap = {
        beforeMb: round(heapBefore.heapUsed / 2 ** 20),
        idleMb: round(heapIdle.heapUsed / 2 ** 20),
        perSubscriberKb: round((heapIdle.heapUsed - heapBefore.heapUsed) / 1024 / subscribers, 2),
        externalPerSubscriberKb: round(
          (heapIdle.external - heapBefore.external + heapIdle.arrayBuffers - heapBefore.arrayBuffers) /
            1024 /
            subscribers,
          2,
        ),
        topRetainers: summarizeHeapDiff(
          path.join(profileDir, `fanout-${subscribers}-before.heapsnapshot`),
          snapshot,
          subscribers,
        ),
      };
    }

    // The probe confirms every subscription is registered: a subscription without `after` only
    // sees what commits after it, and graphql-ws does not acknowledge a subscribe.
    const probe = await sign(writer, drafts[2]!);
    const probeOk = await clients.delivered([0], 60_000);
    if (!probeOk) console.log('  the probe signing did not reach every subscriber within 60 s');

    if (inspector && settings.profile?.cpu) await inspector.startCpuProfile();
    const events: Array<{ cursor: string; sentAt: number; committedAt: number }> = [];
    // Other work on the machine slows delivery but not the CPU each delivery costs: both are kept.
    result.loadAverage = round(os.loadavg()[0]!, 2);
    const serverCpuBefore = treeCpuTimes(pid);
    const clientsCpuBefore = clients.pids.reduce((sum, client) => sum + cpuMs(client), 0);
    const start = Date.now();
    for (let i = 0; i < settings.signings; i += 1) {
      if (Date.now() - start > settings.signingBudgetMs) {
        console.log(`  stopped after ${i} signings: the signing phase ran past ${settings.signingBudgetMs / 1000} s`);
        break;
      }
      const slot = start + i * settings.intervalMs;
      if (slot > Date.now()) await sleep(slot - Date.now());
      try {
        events.push(await sign(writer, drafts[3 + i]!));
      } catch (error) {
        // A write refused while the fan-out holds the pool is a finding, not the end of the run.
        result.failedSignings = (result.failedSignings ?? 0) + 1;
        result.firstSigningError ??= error instanceof Error ? error.message : String(error);
      }
    }
    const allDelivered = await clients.delivered(
      events.map((_event, i) => i + 1),
      settings.deliveryTimeoutMs,
    );
    const serverCpuAfter = treeCpuTimes(pid);
    result.serverCpuMs = serverCpuAfter.user + serverCpuAfter.system - serverCpuBefore.user - serverCpuBefore.system;
    // On loopback the sender's system time includes the receiving side of TCP as well.
    result.serverSystemCpuPercent = result.serverCpuMs
      ? Math.round(((serverCpuAfter.system - serverCpuBefore.system) / result.serverCpuMs) * 100)
      : undefined;
    result.clientsCpuMs = Math.round(clients.pids.reduce((sum, client) => sum + cpuMs(client), 0) - clientsCpuBefore);
    if (inspector && settings.profile?.cpu) {
      const file = path.join(profileDir, `fanout-${subscribers}-signing.cpuprofile`);
      const profile = await inspector.stopCpuProfile(file);
      result.cpuProfile = { ...summarizeCpuProfile(profile, rootDir), file: path.relative(rootDir, file) };
    }
    if (!allDelivered)
      console.log(`  not every event reached every subscriber within ${settings.deliveryTimeoutMs} ms`);
    result.rssAfterMb = round(rssMb(pid));
    // After the signings, not before them: the collections must not change the measured phase.
    if (oneProcess) result.keptIdleMb = await keptMb(server.probePort);

    const report = await clients.report();
    // Event 0 is the probe, then the measured signings in order.
    const received = (index: number) => report.events[index] ?? { times: [], errors: 0, cursors: [] };
    const signed = [probe, ...events];
    result.misnumbered = signed.filter((event, index) =>
      received(index).cursors.some((cursor) => cursor !== event.cursor),
    ).length;
    const probeTimes = received(0).times;
    result.probeLastMs = probeTimes.length ? Math.max(...probeTimes) - probe.committedAt : null;
    result.events = events.map((event, i) => {
      const { times: unsorted, errors } = received(i + 1);
      const times = [...unsorted].sort((a, b) => a - b);
      const rel = (time: number | undefined) => (time === undefined ? null : time - event.committedAt);
      return {
        cursor: event.cursor,
        mutationMs: event.committedAt - event.sentAt,
        delivered: times.length,
        errors,
        firstMs: rel(times[0]),
        medianMs: rel(times[Math.floor(times.length / 2)]),
        lastMs: rel(times.at(-1)),
        lastFromSendMs: times.length ? times.at(-1)! - event.sentAt : null,
      };
    });
    // An event some subscriber never got has no last delivery: it is counted in eventsComplete.
    const complete = result.events.filter((event) => event.delivered === subscribers);
    result.eventsComplete = complete.length;
    result.lastDelivery = stats(complete.map((event) => event.lastMs!));
    result.lastDeliveryFromSend = stats(complete.map((event) => event.lastFromSendMs!));
    result.allDeliveries = stats(
      events.flatMap((event, i) => received(i + 1).times.map((time) => time - event.committedAt)),
    );
    result.mutation = stats(result.events.map((event) => event.mutationMs));
    result.expectedDeliveries = subscribers * events.length;
    result.delivered = result.events.reduce((sum, event) => sum + event.delivered, 0);
    result.errorPayloads = result.events.reduce((sum, event) => sum + event.errors, 0);
    result.serverCpuUsPerDelivery = result.delivered
      ? round((result.serverCpuMs * 1000) / result.delivered)
      : undefined;
    result.unexpectedCloses = report.unexpectedCloses;
    result.firstClientError = report.firstError;
    const last = result.lastDelivery;
    console.log(
      `  last delivery p50 ${last?.p50 ?? '—'} ms, p99 ${last?.p99 ?? '—'} ms, max ${last?.max ?? '—'} ms; ` +
        `${result.delivered}/${result.expectedDeliveries} delivered; RSS ${result.rssBeforeMb} → ${result.rssIdleMb} MB ` +
        `(${result.rssPerSubscriberKb} KB per idle subscriber; kept ${result.keptBeforeMb} → ${result.keptIdleMb} MB); ` +
        `server ${result.serverCpuUsPerDelivery} µs CPU per delivery` +
        (result.failedSignings
          ? `; ${result.failedSignings} signings FAILED: ${result.firstSigningError?.slice(0, 200)}`
          : ''),
    );
  } finally {
    await inspector?.close();
    await clients?.close();
    await stopServer(server.child);
  }
  return result;
}
