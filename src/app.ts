/**
 * Builds the whole service: database, migrations, seed, event bus, GraphQL over HTTP (yoga, with
 * SSE for subscriptions) and graphql-ws on the same port and path. main.ts only starts it; tests
 * build it with a test database and talk to it through yoga.fetch or a real port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import pino, { type Logger } from 'pino';
import { createAuthenticator, type Viewer } from './auth';
import type { Config } from './config';
import type { GraphQLContext } from './context';
import { type Database, openDatabase, pingDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { logHead } from './events/event-log.repository';
import { liveResourcesOf } from './modules/shared/live-resources';
import { Observability } from './observability/observability';
import { operationNamesIn } from './observability/operation';
import { schema } from './schema';
import { holdsNoData, seed } from './seed/seed';
import { useCompression } from './server/compression';
import { useDashboard } from './server/dashboard';
import { useDocumentCaches } from './server/document-caches';
import { useGraphiQLPage } from './server/graphiql';
import { useQueryJit } from './server/jit';
import { jsonFastPath, useFastPathHandOver } from './server/json-fast-path';
import { LiveQueries, useLiveQueries } from './server/live-queries';
import { maskError } from './server/mask-error';
import { useReadiness } from './server/readiness';
import { useResumeAcknowledgement } from './server/resume-acknowledgement';
import { ClientLimits } from './server/security/client-limits';
import { useCors } from './server/security/cors';
import { PersistedOperations } from './server/security/persisted-operations';
import { securityPlugins } from './server/security/plugins';
import { useSharedSubscriptionExecution } from './server/shared-subscription-execution';
import { type SnapshotRunner, useSnapshots } from './server/snapshot';
import { useSseEventIds } from './server/sse-event-ids';
import { WebSocketFanout } from './server/ws-fanout';
import { createGraphQLWebSocketServer } from './server/ws-server';
import { createServices, dataServices, type Services } from './services';

export interface AppDependencies {
  /** An already open database (tests); otherwise one is opened from the config. */
  database?: Database;
  logger?: Logger;
  /** Traces go here (tests: an in-memory exporter) instead of OTLP; tracing is on with it. */
  spanExporter?: SpanExporter;
  /**
   * This app is node:cluster worker N (WORKERS ≥ 2): its log lines carry `worker`, and its HTTP and
   * WebSocket upgrade responses `X-Worker`, so an operator (or a test) sees which one answered.
   */
  worker?: number;
}

export interface App {
  readonly yoga: YogaServerInstance<ServerContext, GraphQLContext>;
  readonly services: Services;
  readonly liveQueries: LiveQueries;
  readonly database: Database;
  readonly logger: Logger;
  readonly observability: Observability;
  /** Listens on the port (0 = any free one) and resolves to the bound port. */
  start(port?: number, host?: string): Promise<number>;
  /**
   * The Prometheus listener (METRICS_PORT, METRICS_HOST by default; 0 = any free port): resolves to
   * the bound port, or undefined when metrics are off (METRICS_PORT=0).
   */
  listenMetrics(port?: number, host?: string): Promise<number | undefined>;
  /** Drains: stops accepting, closes sockets with 1001, lets requests finish, closes the database. */
  stop(): Promise<void>;
}

interface ServerContext {
  viewer?: Viewer;
}

export async function buildApp(config: Config, deps: AppDependencies = {}): Promise<App> {
  const logger = deps.logger ?? (await createLogger(config, deps.worker));
  // Read before anything is opened: a bad manifest stops the start with nothing to clean up.
  const persisted = config.limits.persistedOperationsOnly
    ? PersistedOperations.fromFile(config.limits.persistedOperationsFile)
    : undefined;
  const database =
    deps.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolMax: config.dbPoolMax,
      applicationName: 'ua-agreements',
    }));
  await prepareDatabase(database, config, logger);

  const observability = await Observability.create({
    config,
    logger,
    database,
    operationNames: persisted ? operationNamesIn(persisted.texts()) : [],
    spanExporter: deps.spanExporter,
  });
  const services = createServices(database, config.limits, logger, {
    queueLimit: config.limits.subscriberQueueLimit,
    pollIntervalMs: 30_000,
    listenerName: `ua-agreements:listener:${process.pid}`,
  });
  const { events } = services;
  for (const observer of observability.events) events.observe(observer);
  await events.start();
  const authenticate = createAuthenticator(config.auth);
  // REPEATABLE READ: every statement sees the database as of the first one (PGlite has one
  // connection, so there the transaction also holds writers off until the operation is answered).
  const inSnapshot: SnapshotRunner = (context, run) =>
    database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => run({ ...context, services: { ...services, ...dataServices(trx, config.limits) } }));
  const clients = new ClientLimits(config.limits);
  // Invalidated from the log, in order, whichever instance wrote: the bus also reads what it
  // missed while its LISTEN connection was down.
  const liveQueries = new LiveQueries(config.limits.liveQueryThrottleMs);
  events.observe({
    needsEvents: () => liveQueries.count > 0,
    dispatched: (delivered) => liveQueries.invalidate(delivered.flatMap(liveResourcesOf)),
  });

  // Live graphql-ws events: executed and serialised once, written to each socket at once.
  const fanout = new WebSocketFanout({
    sendBufferBytes: config.limits.wsSendBufferBytes,
    observer: observability.active ? observability.fanout : undefined,
  });
  const yoga = createYoga<ServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // One operation per request, documents and bodies bounded, no multipart (no uploads here).
    batching: false,
    multipart: false,
    // Enforced, with yoga's errors, by server/security/request-bodies.ts (cheaper per request).
    maxRequestBodySize: false,
    // Served by server/graphiql.ts: rendered and compressed once, revalidated with an ETag.
    graphiql: false,
    // server/document-caches.ts caches parses and validations instead (cheaper per request).
    parserAndValidationCache: false,
    // server/security/cors.ts answers CORS instead (yoga's reflects any Origin with credentials).
    cors: false,
    maskedErrors: { maskError: (error, message) => maskError(error, message, logger) },
    logging: {
      // Yoga logs several debug lines per request: skip building them when they would be dropped.
      debug: (...args) => logger.isLevelEnabled('debug') && logger.debug(logEntry(args)),
      info: (...args) => logger.info(logEntry(args)),
      warn: (...args) => logger.warn(logEntry(args)),
      error: (...args) => logger.error(logEntry(args)),
    },
    // A plain object when the viewer is known at once (no token, or one verified before): yoga then
    // goes on to execute without waiting on a promise.
    context: ({ request, viewer }) => {
      const contextOf = (viewer: Viewer): GraphQLContext => ({
        viewer,
        services,
        limits: config.limits,
        lastEventId: request?.headers.get('last-event-id') ?? null,
        subscriptionStart: {},
      });
      const known = viewer ?? authenticate(request?.headers.get('authorization'));
      return known instanceof Promise ? known.then(contextOf) : contextOf(known);
    },
    plugins: [
      // First, so their spans and timings enclose everything the other plugins do.
      ...observability.plugins(),
      useCors(config.cors),
      useCompression(),
      useDashboard(logger),
      ...(config.graphiql ? [useGraphiQLPage('/graphql')] : []),
      ...securityPlugins({ limits: config.limits, introspection: config.introspection, clients, persisted }),
      useSseEventIds(),
      useResumeAcknowledgement(),
      useQueryJit(),
      // After the JIT, so the compiled query is what runs inside the snapshot.
      useSnapshots(inSnapshot),
      // After the snapshot, so each run of a live query that selects `cursor` reads its own one.
      useLiveQueries(liveQueries),
      // The last plugin that sees a subscription: it answers it (a plugin listed after it never sees one).
      useSharedSubscriptionExecution(observability.active ? observability.eventTaken : undefined, fanout),
      useReadiness('/ready', async () => {
        await pingDatabase(database.db);
        return events.listening;
      }),
      // Last, where yoga puts its own caches: every validation rule the plugins add is known.
      useDocumentCaches(),
      useFastPathHandOver(),
    ],
  });

  fanout.maskErrorsAs(yoga);

  // Its requests' HTTP spans are yoga hooks, and persisted operations' params are not a document.
  const fastPath = config.jsonFastPath && !observability.tracing && !persisted;
  const server = createServer(
    fastPath
      ? jsonFastPath({ yoga, observability, cors: config.cors, maxBodyBytes: config.limits.maxBodyBytes })
      : yoga,
  );
  if (deps.worker !== undefined) {
    const worker = String(deps.worker);
    server.prependListener('request', (_request, response) => response.setHeader('x-worker', worker));
  }
  const sockets = new Set<Socket>();
  // One listener for all (not a closure and a `once` wrapper per connection: idle sockets add up).
  function forget(this: Socket) {
    sockets.delete(this);
  }
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', forget);
  });

  const wsServer = createGraphQLWebSocketServer({
    server,
    path: '/graphql',
    yoga,
    authenticate,
    config,
    clients,
    persisted,
    logger,
    fanout,
    observer: observability.active ? observability.websocket : undefined,
    worker: deps.worker,
  });
  observability.watch({
    logHead: (position) => logHead(database.db, position),
    position: () => events.position,
    listening: () => events.listening,
    openStreams: () => clients.streams.total,
    openSockets: () => wsServer.clients.size,
    liveQueries: () => ({
      active: liveQueries.count,
      clients: liveQueries.clients,
      executions: liveQueries.executions,
    }),
    editCommits: () => services.agreements.editCommits,
  });

  let stopping: Promise<void> | undefined;
  return {
    yoga,
    services,
    liveQueries,
    database,
    logger,
    observability,
    listenMetrics: (port = config.metrics.port, host = config.metrics.host) => observability.listenMetrics(port, host),
    start: (port = config.port, host = config.host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    stop: () =>
      (stopping ??= (async () => {
        // 1001 "going away": graphql-ws clients reconnect (elsewhere) and resume with `after`.
        wsServer.close();
        // Ending the bus completes every subscription, which also ends open SSE responses.
        await events.stop();
        await closeHttp(server, sockets, config.shutdownGraceMs);
        await observability.close();
        await database.close();
      })()),
  };
}

/** The service's logger; a cluster worker's lines carry its number. */
export async function createLogger(config: Config, worker?: number): Promise<Logger> {
  return pino(
    { level: config.logLevel, base: { service: 'ua-agreements', ...(worker === undefined ? {} : { worker }) } },
    // In process and synchronous (no transport worker), and loaded only when asked for: a
    // development aid that a production start never pays for.
    config.logFormat === 'pretty'
      ? (await import('pino-pretty')).default({ ignore: 'pid,hostname,service', sync: true })
      : undefined,
  );
}

/**
 * Migrations and the seed, as MIGRATE_ON_START and SEED_ON_START ask. With WORKERS ≥ 2 the primary
 * runs this once before forking, and the workers skip it: they never race on migrations.
 */
export async function prepareDatabase(database: Database, config: Config, logger: Logger): Promise<void> {
  if (config.migrateOnStart) {
    const applied = await migrateToLatest(database.db);
    for (const migration of applied) logger.info({ migration: migration.migrationName }, 'migration applied');
  }
  if (config.seedOnStart === 'always' || (config.seedOnStart === 'if-empty' && (await holdsNoData(database.db)))) {
    const inserted = await seed(database.db);
    if (inserted.partners + inserted.agreements + inserted.timelineEvents > 0)
      logger.info(inserted, 'seed data loaded');
  } else if (config.seedOnStart === 'if-empty') {
    logger.info('seed not loaded: the database already holds data (SEED_ON_START=true loads missing rows)');
  }
}

/** Yoga logs free-form arguments; keep errors as objects so pino records their stack. */
function logEntry(args: unknown[]): { err?: unknown; msg: string } {
  const err = args.find((arg) => arg instanceof Error);
  const msg =
    args
      .filter((arg) => arg !== err)
      .map(String)
      .join(' ') ||
    (err as Error | undefined)?.message ||
    '';
  return err ? { err, msg } : { msg };
}

/** Stops accepting, lets in-flight requests finish (up to the grace period), then cuts the rest. */
function closeHttp(server: Server, sockets: Set<Socket>, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    // Keep-alive sockets become idle as their last response (an SSE stream, say) ends: close
    // them as they do, instead of waiting for the client's keep-alive timeout.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const timer = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}
