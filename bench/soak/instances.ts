/**
 * The production build's instances, each behind two proxies the soak can break: clients reach it
 * through `clientProxy`, and it reaches PostgreSQL through `dbProxy` (a partition from the
 * database). An instance keeps its port across restarts, so its proxies keep pointing at it.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_JWT_SECRET } from '../../tests/support/app';
import { TcpProxy } from '../../tests/support/tcp-proxy';
import {
  memoryProbeArgs,
  type ProbeMemory,
  rssLessYoung as probeRssLessYoung,
  readMemoryProbe,
} from '../lib/memory-probe';
import { cacheDir } from '../lib/paths';
import { treeRssKb } from '../lib/proc';
import { exited, freePort, type ServerLaunch, startServer, stopServer } from '../lib/processes';
import { productionNodeArgs } from '../lib/production';

export const JWT_SECRET = TEST_JWT_SECRET;

export interface Sample {
  at: number;
  rssKb: number;
  fds: number;
  /** From a scrape of the instance's own METRICS_PORT (undefined when the scrape fails). */
  heapBytes: number | undefined;
  /**
   * The young generation (new space): its used part comes and goes with every scavenge, and its
   * committed size grows towards start:prod's 2 x 64 MB semi-spaces, in RSS too.
   */
  newSpaceUsedBytes: number | undefined;
  newSpaceTotalBytes: number | undefined;
  handles: number | undefined;
  /** From the instance's memory probe (memory-probe.cjs), after two full collections when asked. */
  probe?: ProbeMemory;
}

/** What the heap holds: used less the young generation (which each scavenge empties). */
export const heldHeap = (sample: Sample) =>
  sample.probe
    ? sample.probe.heapUsed - sample.probe.newSpaceUsed
    : (sample.heapBytes ?? 0) - (sample.newSpaceUsedBytes ?? 0);
/** RSS less the young generation's committed size (start:prod's semi-spaces reach 2 x 64 MB). */
export const rssLessYoung = (sample: Sample) =>
  sample.probe ? probeRssLessYoung(sample.probe) : sample.rssKb * 1024 - (sample.newSpaceTotalBytes ?? 0);

export class Instance {
  child: ChildProcess | undefined;
  /** How many times it was started: a restarted process is measured against its own baseline. */
  starts = 0;
  private constructor(
    readonly name: string,
    readonly port: number,
    readonly metricsPort: number,
    readonly clientProxy: TcpProxy,
    readonly dbProxy: TcpProxy,
    private readonly databaseName: string,
    private readonly poolMax: number,
    readonly probePort: number,
    /** The soak's settings for the server (keep-alive, stream limit), and any extra (MALLOC_ARENA_MAX). */
    private readonly env: Record<string, string>,
  ) {}

  static async create(
    name: string,
    clusterPort: number,
    databaseName: string,
    poolMax: number,
    env: Record<string, string> = {},
  ): Promise<Instance> {
    const port = await freePort();
    const dbProxy = await TcpProxy.start({ host: '127.0.0.1', port: clusterPort });
    const clientProxy = await TcpProxy.start({ host: '127.0.0.1', port });
    return new Instance(
      name,
      port,
      await freePort(),
      clientProxy,
      dbProxy,
      databaseName,
      poolMax,
      await freePort(),
      env,
    );
  }

  /** What clients use: the proxy in front of the instance. */
  get url(): string {
    return `http://127.0.0.1:${this.clientProxy.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.clientProxy.port}/graphql`;
  }

  get pid(): number | undefined {
    return this.child && !exited(this.child) ? this.child.pid : undefined;
  }

  get up(): boolean {
    return this.pid !== undefined;
  }

  async start(): Promise<void> {
    const launch: ServerLaunch = {
      name: `instance ${this.name}`,
      logName: `soak-${this.name}`,
      appendLog: this.starts > 0,
      command: process.execPath,
      // The probe (and gc() for it) is the soak's: the server itself has no such endpoint.
      args: [...memoryProbeArgs, ...productionNodeArgs()],
      port: this.port,
      env: {
        NODE_ENV: 'production',
        DATABASE_URL: `postgres://postgres@127.0.0.1:${this.dbProxy.port}/${this.databaseName}`,
        DB_POOL_MAX: String(this.poolMax),
        JWT_SECRET,
        // Prepared once by the soak; several instances starting at once need not race on it.
        MIGRATE_ON_START: 'false',
        SEED_ON_START: 'false',
        // Every soak client comes from 127.0.0.1: per-address limits would throttle the soak, not a client.
        MAX_SOCKETS_PER_ADDRESS: '0',
        WRITE_RATE_LIMIT: '0',
        EXPENSIVE_READ_RATE_LIMIT: '0',
        SHUTDOWN_GRACE_MS: '3000',
        METRICS_PORT: String(this.metricsPort),
        LOG_LEVEL: 'warn',
        MEMORY_PROBE_PORT: String(this.probePort),
        ...this.env,
      },
      ready: async (port) => (await fetch(`http://127.0.0.1:${port}/ready`)).ok,
      readyTimeoutMs: 60_000,
    };
    this.starts++;
    this.child = (await startServer(launch)).child;
  }

  async kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    if (!this.child) return;
    if (signal === 'SIGTERM') await stopServer(this.child);
    else if (!exited(this.child)) {
      const child = this.child;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await done;
    }
  }

  /** A sample; with `gc`, taken right after two full collections (through the probe). */
  async sample(gc = false): Promise<Sample | undefined> {
    const pid = this.pid;
    if (pid === undefined) return undefined;
    try {
      const probe = await readMemoryProbe(this.probePort, gc); // undefined while restarting
      return {
        at: Date.now(),
        rssKb: treeRssKb(pid),
        fds: readdirSync(`/proc/${pid}/fd`).length,
        ...(await this.scrape()),
        probe,
      };
    } catch {
      return undefined;
    }
  }

  /** Heap, young generation and handles from a Prometheus scrape of the instance's METRICS_PORT. */
  private async scrape(): Promise<Pick<Sample, 'heapBytes' | 'newSpaceUsedBytes' | 'newSpaceTotalBytes' | 'handles'>> {
    let text = '';
    try {
      const response = await fetch(`http://127.0.0.1:${this.metricsPort}/metrics`, {
        signal: AbortSignal.timeout(5_000),
      });
      text = await response.text();
    } catch {
      // Reported as unknown: the instance may be restarting.
    }
    const metric = (name: string, labels = '') => {
      const match = new RegExp(`^${name}${labels.replace(/[{}]/g, '\\$&')} ([\\d.e+]+)$`, 'm').exec(text);
      return match ? Number(match[1]) : undefined;
    };
    return {
      heapBytes: metric('nodejs_heap_size_used_bytes'),
      newSpaceUsedBytes: metric('nodejs_heap_space_size_used_bytes', '{space="new"}'),
      newSpaceTotalBytes: metric('nodejs_heap_space_size_total_bytes', '{space="new"}'),
      handles: metric('nodejs_active_handles_total'),
    };
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(path.join(cacheDir, `soak-${this.name}.log`), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '';
    }
  }

  async close(): Promise<void> {
    await this.kill('SIGKILL');
    await Promise.all([this.clientProxy.close(), this.dbProxy.close()]);
  }
}
