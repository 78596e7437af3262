/**
 * WORKERS ≥ 2: one primary and N node:cluster workers sharing the port (the primary accepts each
 * connection and hands it to a worker in turn). Each worker is an instance like any other on the
 * database: its own pool, LISTEN connection and event bus, so a change committed through one
 * reaches the subscribers of all. The primary serves no GraphQL: it migrates and seeds once before
 * forking, restarts a worker that dies, answers METRICS_PORT with every worker's metrics added up,
 * and on SIGTERM/SIGINT drains them all, once.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { AggregatorRegistry, Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { type App, buildApp, createLogger, prepareDatabase } from './app';
import type { Config } from './config';
import { openDatabase } from './db/database';
import { type MetricsServer, type MetricsSnapshot, serveMetrics } from './observability/metrics';

/** The worker's slot (1..N), kept across restarts: its log lines and X-Worker header carry it. */
const SLOT_VARIABLE = 'UA_WORKER_SLOT';

type ToWorker = { type: 'ua:drain' } | { type: 'ua:metrics'; id: number };
type ToPrimary =
  | { type: 'ua:ready'; port: number }
  | { type: 'ua:metrics'; id: number; metrics: MetricsSnapshot | undefined };

/** A worker that scrapes slower than this is left out of that scrape (and logged). */
const SCRAPE_TIMEOUT_MS = 5_000;
/** Restart backoff: doubles for each worker that died young, from the first to the cap. */
const RESTART_FIRST_MS = 100;
const RESTART_MAX_MS = 10_000;
/** A worker that lived this long died of something else than a start-up failure: start over. */
const YOUNG_MS = 10_000;

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

export async function runPrimary(config: Config): Promise<void> {
  const logger = await createLogger(config);
  // Once, before any worker exists: workers never race on migrations or the seed.
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: 1,
    applicationName: 'ua-agreements:primary',
  });
  try {
    await prepareDatabase(database, config, logger);
  } finally {
    await database.close();
  }

  const primary = new Primary(config, logger);
  // Before forking: a signal during start-up drains the workers started so far.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      primary.stop().then(
        (clean) => process.exit(clean ? 0 : 1),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  try {
    await primary.start();
  } catch (error) {
    // The workers still starting exit as their channel to the primary closes.
    logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
}

class Primary {
  private readonly workers = new Map<number, Worker>();
  private readonly ready = new Set<number>();
  private readonly restarts = new Map<number, { failures: number; timer?: NodeJS.Timeout }>();
  private readonly scrapes = new Map<number, (metrics: MetricsSnapshot | undefined) => void>();
  private scrapeId = 0;
  private announced = false;
  private stopping = false;
  private metricsServer: MetricsServer | undefined;
  private readonly registry = new Registry();
  private readonly restartCount = new Counter({
    name: 'ua_cluster_worker_restarts_total',
    help: 'Workers the primary restarted after they died (WORKERS ≥ 2)',
    registers: [this.registry],
  });
  private readonly workersUp: Gauge = new Gauge({
    name: 'ua_cluster_workers',
    help: 'Workers up and serving (WORKERS ≥ 2)',
    registers: [this.registry],
    collect: () => this.workersUp.set(this.ready.size),
  });
  private started!: { resolve: () => void; reject: (error: Error) => void };
  /** The port the workers bound (PORT=0: a free one, the same for all). */
  private port = 0;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  /** Forks every worker; resolves once all serve, rejects if one exits before then. */
  async start(): Promise<void> {
    const allReady = new Promise<void>((resolve, reject) => {
      this.started = { resolve, reject };
    });
    for (let slot = 1; slot <= this.config.workers; slot++) this.fork(slot);
    await allReady;
    if (this.config.metrics.port > 0) {
      // The primary's own process metrics count too: CPU and memory are the instance's, all of it.
      collectDefaultMetrics({ register: this.registry });
      this.metricsServer = await serveMetrics(
        this.config.metrics.port,
        this.config.metrics.host,
        () => this.scrape(),
        this.registry.contentType,
        this.logger,
      );
    }
    const { host } = this.config;
    const port = this.port;
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
    this.logger.info(
      {
        database: 'postgres',
        port,
        workers: this.config.workers,
        metrics:
          this.metricsServer === undefined
            ? 'off'
            : `http://${this.config.metrics.host}:${this.metricsServer.port}/metrics`,
        tracing: this.config.tracing ? 'otlp' : 'off',
      },
      `GraphQL ready at http://${shown}:${port}/graphql`,
    );
    this.logger.info(`Dashboard at http://${shown}:${port}/`);
  }

  private fork(slot: number): void {
    const worker = cluster.fork({ [SLOT_VARIABLE]: String(slot) });
    const forkedAt = performance.now();
    this.workers.set(slot, worker);
    this.logger.info({ worker: slot, pid: worker.process.pid }, 'worker started');
    worker.on('message', (message: ToPrimary) => {
      if (message.type === 'ua:ready') {
        this.ready.add(slot);
        this.port = message.port;
        if (!this.announced && !this.stopping && this.ready.size === this.config.workers) {
          this.announced = true;
          this.started.resolve();
        }
      } else if (message.type === 'ua:metrics') {
        this.scrapes.get(message.id)?.(message.metrics);
      }
    });
    worker.once('exit', (code, signal) => {
      this.ready.delete(slot);
      if (this.workers.get(slot) === worker) this.workers.delete(slot);
      if (this.stopping) return;
      if (!this.announced) {
        // A start-up failure (port taken, database away): fail like a single process would.
        this.started.reject(new Error(`worker ${slot} exited during start-up (code ${code}, signal ${signal})`));
        return;
      }
      const restart = this.restarts.get(slot) ?? { failures: 0 };
      restart.failures = performance.now() - forkedAt < YOUNG_MS ? restart.failures + 1 : 1;
      const delayMs = Math.min(RESTART_FIRST_MS * 2 ** (restart.failures - 1), RESTART_MAX_MS);
      this.logger.error(
        { worker: slot, pid: worker.process.pid, code, signal, restartInMs: delayMs },
        'worker died; restarting it',
      );
      restart.timer = setTimeout(() => {
        restart.timer = undefined;
        if (this.stopping) return;
        this.restartCount.inc();
        this.fork(slot);
      }, delayMs);
      this.restarts.set(slot, restart);
    });
  }

  /** Every connected worker's metrics and the primary's own, added up by prom-client. */
  private async scrape(): Promise<string> {
    const id = this.scrapeId++;
    const workers = [...this.workers.entries()].filter(([, worker]) => worker.isConnected());
    const snapshots = await new Promise<MetricsSnapshot[]>((resolve) => {
      const received: MetricsSnapshot[] = [];
      let pending = workers.length;
      const finish = () => {
        clearTimeout(timer);
        this.scrapes.delete(id);
        resolve(received);
      };
      const timer = setTimeout(() => {
        this.logger.warn({ missing: pending }, 'metrics: workers did not answer the scrape in time');
        finish();
      }, SCRAPE_TIMEOUT_MS);
      this.scrapes.set(id, (metrics) => {
        if (metrics) received.push(metrics);
        if (--pending === 0) finish();
      });
      if (pending === 0) finish();
      for (const [, worker] of workers) worker.send({ type: 'ua:metrics', id } satisfies ToWorker);
    });
    snapshots.push(await this.registry.getMetricsAsJSON());
    return AggregatorRegistry.aggregate(snapshots).metrics();
  }

  /**
   * One drain for the instance: each worker drains as a single process does on SIGTERM (sockets
   * closed with 1001, in-flight requests finished within SHUTDOWN_GRACE_MS). Resolves to whether
   * every worker exited cleanly.
   */
  async stop(): Promise<boolean> {
    this.stopping = true;
    for (const restart of this.restarts.values()) clearTimeout(restart.timer);
    const workers = [...this.workers.values()];
    const exits = workers.map(
      (worker) =>
        new Promise<boolean>((resolve) => {
          if (worker.isDead()) return resolve(worker.process.exitCode === 0);
          worker.once('exit', (code) => resolve(code === 0));
        }),
    );
    for (const worker of workers) if (worker.isConnected()) worker.send({ type: 'ua:drain' } satisfies ToWorker);
    // The workers' own grace period bounds the requests; this bounds a worker that hangs anyway.
    const deadline = setTimeout(() => {
      for (const worker of workers) {
        if (worker.isDead()) continue;
        this.logger.error({ pid: worker.process.pid }, 'worker did not drain in time; killing it');
        worker.process.kill('SIGKILL');
      }
    }, this.config.shutdownGraceMs + 10_000);
    const clean = (await Promise.all(exits)).every(Boolean);
    clearTimeout(deadline);
    await this.metricsServer?.close();
    this.logger.info({ clean }, 'workers drained');
    return clean;
  }
}

export async function runWorker(config: Config): Promise<void> {
  const slot = Number(process.env[SLOT_VARIABLE]);
  // Signals are the primary's to handle: a terminal's Ctrl-C or systemd's SIGTERM to the whole group
  // reaches every worker too, and the primary's drain message is the only one that counts.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
  let app: App | undefined;
  let drainAsked = false;
  const drain = () => {
    drainAsked = true;
    app?.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app?.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Listening before the app exists: a drain asked for during start-up is kept for when it does.
  process.on('message', (message: ToWorker) => {
    if (message.type === 'ua:drain') drain();
    else if (message.type === 'ua:metrics') {
      const reply = (metrics: MetricsSnapshot | undefined) =>
        process.send?.({ type: 'ua:metrics', id: message.id, metrics } satisfies ToPrimary);
      const metrics = app?.observability.metrics;
      if (!metrics) reply(undefined);
      else
        metrics.snapshot().then(reply, (error: unknown) => {
          app?.logger.error({ err: error }, 'metrics scrape failed');
          reply(undefined);
        });
    }
  });
  // The primary migrated and seeded already.
  app = await buildApp({ ...config, migrateOnStart: false, seedOnStart: 'never' }, { worker: slot });
  if (drainAsked) return drain();
  const port = await app.start();
  app.logger.info({ port, pid: process.pid }, 'worker ready');
  process.send?.({ type: 'ua:ready', port } satisfies ToPrimary);
}
