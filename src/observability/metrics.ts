/**
 * Prometheus metrics, one registry per app (tests run several apps in one process), served on a
 * listener of their own (METRICS_PORT, METRICS_HOST), never on the public port.
 *
 * Label values are bounded: operation names through OperationNames, error codes and statement
 * names through small capped sets, close codes and refusal rules from fixed lists. The histograms
 * a request moves (its phases, its duration, its statements) and the counts and latencies an event
 * moves (its dispatch, each delivery) are bound series (histogram.ts) kept per operation, status,
 * statement, topic and subscribed field: neither allocates anything for its labels nor hashes any.
 * The README's Operations section lists every metric.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DocumentNode, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Database } from '../db/database';
import { EVENT_TOPICS, type EventTopic } from '../db/enums';
import type { GroupCommitStats } from '../db/group-commit';
import type { EventBusObserver } from '../events/event-bus';
import type { LogEvent } from '../events/event-topics';
import { subscriptionHooks } from '../server/shared-subscription-execution';
import { BoundCounter, BoundHistogram, type CounterChild, type HistogramChild } from './histogram';
import type { OperationsObserver, RequestRecord, SubscriptionRecord, Transport } from './observer';
import { type OperationInfo, OperationNames, operationOf } from './operation';
import { statementName } from './statement-name';

/** Distinct operation names kept as label values, besides the persisted operations' names. */
export const OPERATION_NAME_CAP = 100;

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STATEMENT_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const DELIVERY_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Close codes this server or a conforming client sends; any other counts as "other". */
const CLOSE_CODES = new Set([
  1000, 1001, 1002, 1005, 1006, 1007, 1008, 1009, 1011, 4400, 4401, 4403, 4406, 4408, 4409, 4429, 4499, 4500,
]);
const LIMITS = new Set(['maxDepth', 'maxAliases', 'maxDirectives', 'maxTokens', 'maxCost']);

/** A registry's metrics as JSON, the form prom-client's AggregatorRegistry adds up across processes. */
export type MetricsSnapshot = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/** What the metrics read at each scrape. */
export interface MetricsSources {
  /** The event log's head and the oldest row past this instance's position. */
  logHead(position: number): Promise<{ head: number; oldestPendingAt: Date | null }>;
  position(): number;
  listening(): boolean;
  openStreams(): number;
  openSockets(): number;
  /** Live queries: distinct ones running, the clients holding them, and their executions since start. */
  liveQueries(): { active: number; clients: number; executions: number };
  /** updateAgreement's group commit (db/group-commit.ts). */
  editCommits(): GroupCommitStats;
}

/** An operation's series, made on its first request: its phases, and its duration by status. */
interface OperationSeries {
  readonly parse: HistogramChild;
  readonly validate: HistogramChild;
  readonly execute: HistogramChild;
  readonly subscribe: HistogramChild;
  readonly byStatus: Map<number, HistogramChild>;
  readonly operationName: string;
  readonly operationType: string;
}

/** The context yoga (HTTP) and ws-server.ts give the phases: the request's parameters. */
type PhaseContext = { params?: { operationName?: string | null } } | undefined;

/** A set of label values that stops growing at `cap`: later values count as `other`. */
class BoundedValues {
  private readonly values = new Set<string>();
  constructor(
    private readonly cap: number,
    private readonly other: string,
  ) {}

  label(value: string): string {
    if (this.values.has(value)) return value;
    if (this.values.size >= this.cap) return this.other;
    this.values.add(value);
    return value;
  }
}

export class Metrics implements OperationsObserver {
  readonly registry = new Registry();
  private readonly names: OperationNames;
  private readonly operationSeries = new WeakMap<OperationInfo, OperationSeries>();
  private noOperationSeries: OperationSeries | undefined;
  private readonly codes = new BoundedValues(50, 'OTHER');
  private readonly statements = new BoundedValues(100, 'other');
  /** Per subscription, its labels and delivery counter (shared by every subscription to that field). */
  private readonly subscriptionSeries = new WeakMap<SubscriptionRecord, SubscriptionSeries>();
  private readonly fieldSeries = new Map<string, SubscriptionSeries>();
  private readonly statementSeries = new Map<string, { ok: HistogramChild; error: HistogramChild }>();
  private sources: MetricsSources | undefined;

  private readonly requestDuration = new BoundHistogram(
    'ua_http_request_duration_seconds',
    'HTTP requests to the GraphQL endpoint, from arrival to response (an SSE stream: to its first byte)',
    ['operation_name', 'operation_type', 'status'],
    SECONDS,
    this.registry,
  );
  // The names, help and labels @graphql-yoga/plugin-prometheus gave them (dashboards read them).
  private readonly phases = {
    parse: this.phase('parse'),
    validate: this.phase('validate'),
    execute: this.phase('execute'),
    subscribe: this.phase('subscribe'),
  };
  private readonly errorCount = new Counter({
    name: 'ua_graphql_errors_total',
    help: 'Errors sent to clients, by extensions.code',
    labelNames: ['code', 'operation_type', 'transport'],
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'ua_refusals_total',
    help: 'Operations refused by a limit or rate limit, by rule',
    labelNames: ['rule', 'transport'],
    registers: [this.registry],
  });
  private readonly activeSubscriptions = new Gauge({
    name: 'ua_subscriptions_active',
    help: 'Running subscriptions, by transport and root field',
    labelNames: ['transport', 'field'],
    registers: [this.registry],
  });
  private readonly liveQueriesActive = new Gauge({
    name: 'ua_live_queries_active',
    help: 'Distinct live queries running (identical ones, same document, variables and role, share one)',
    registers: [this.registry],
  });
  private readonly liveQueryClients = new Gauge({
    name: 'ua_live_query_clients',
    help: 'Clients holding a live query open, over WebSocket and SSE',
    registers: [this.registry],
  });
  private readonly liveQueryExecutions = new Counter({
    name: 'ua_live_query_executions_total',
    help: 'Executions of live queries (one per distinct query per change, whatever its number of clients)',
    registers: [this.registry],
  });
  private liveQueryExecutionsSeen = 0;
  private readonly editsWaiting = new Gauge({
    name: 'ua_edits_waiting',
    help: 'Edits (updateAgreement) waiting for the statement being committed, to go together in the next one',
    registers: [this.registry],
  });
  private readonly editStatements = new Counter({
    name: 'ua_edit_statements_total',
    help: 'Statements that committed edits; ua_edits_total / this is the mean number of edits per commit',
    registers: [this.registry],
  });
  private readonly edits = new Counter({
    name: 'ua_edits_total',
    help: 'Edits (updateAgreement) sent to the database, each in a statement with those that waited with it',
    registers: [this.registry],
  });
  private editCountsSeen = { statements: 0, writes: 0 };
  private readonly deliveries = new BoundCounter(
    'ua_subscription_deliveries_total',
    'Events written to subscribers',
    ['transport', 'field'],
    this.registry,
  );
  private readonly commitToDelivery = new BoundHistogram(
    'ua_commit_to_delivery_seconds',
    "From the change's commit (event_log.created_at, database clock) to its frame written to a live subscriber",
    ['transport'],
    DELIVERY_SECONDS,
    this.registry,
  );
  private readonly deliveryLatency = {
    ws: this.commitToDelivery.child({ transport: 'ws' }),
    sse: this.commitToDelivery.child({ transport: 'sse' }),
  };
  private readonly dispatched = new BoundCounter(
    'ua_events_dispatched_total',
    'Event-log rows this instance fanned out to its subscribers',
    ['topic'],
    this.registry,
  );
  /** One child per topic, made up front: a dispatch only adds one. */
  private readonly dispatchedOf = Object.fromEntries(
    EVENT_TOPICS.map((topic) => [topic, this.dispatched.child({ topic })]),
  ) as Record<EventTopic, CounterChild>;
  private readonly head = new Gauge({
    name: 'ua_event_log_head_sequence',
    help: 'The newest sequence in the event log',
    aggregator: 'max',
    registers: [this.registry],
  });
  private readonly position = new Gauge({
    name: 'ua_event_dispatched_sequence',
    help: 'The last sequence this instance has dispatched',
    aggregator: 'min',
    registers: [this.registry],
  });
  private readonly lagEvents = new Gauge({
    name: 'ua_event_lag_events',
    help: 'Event-log rows this instance has not dispatched yet',
    aggregator: 'max',
    registers: [this.registry],
  });
  private readonly lagSeconds = new Gauge({
    name: 'ua_event_lag_seconds',
    help: 'Age of the oldest event-log row this instance has not dispatched (0 when none)',
    aggregator: 'max',
    registers: [this.registry],
  });
  private readonly listenerUp = new Gauge({
    name: 'ua_event_listener_up',
    help: "1 while the LISTEN connection is up (with WORKERS ≥ 2: every worker's)",
    aggregator: 'min',
    registers: [this.registry],
  });
  private readonly reconnects = new Counter({
    name: 'ua_event_listener_reconnects_total',
    help: 'Times the LISTEN connection was re-established after being lost',
    registers: [this.registry],
  });
  private readonly catchUpReads = new Counter({
    name: 'ua_event_catch_up_reads_total',
    help: 'Log reads by a single subscriber (resuming with after, or after falling behind)',
    registers: [this.registry],
  });
  private readonly fellBehind = new Counter({
    name: 'ua_event_subscribers_fell_behind_total',
    help: 'Subscribers switched to reading from the log because their queue overflowed',
    registers: [this.registry],
  });
  private readonly socketCloses = new Counter({
    name: 'ua_websocket_closes_total',
    help: 'WebSocket closes, by close code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  private readonly openSockets = new Gauge({
    name: 'ua_websocket_connections_open',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });
  private readonly openStreams = new Gauge({
    name: 'ua_sse_streams_open',
    help: 'Open Server-Sent Events streams',
    registers: [this.registry],
  });
  private readonly poolSize = new Gauge({
    name: 'ua_db_pool_size',
    help: 'PostgreSQL pool connections (0 with the embedded database)',
    registers: [this.registry],
  });
  private readonly poolIdle = new Gauge({
    name: 'ua_db_pool_idle',
    help: 'Idle PostgreSQL pool connections',
    registers: [this.registry],
  });
  private readonly poolWaiting = new Gauge({
    name: 'ua_db_pool_waiting',
    help: 'Callers waiting for a PostgreSQL pool connection',
    registers: [this.registry],
  });
  private readonly statementDuration = new BoundHistogram(
    'ua_db_statement_duration_seconds',
    'SQL statements, by statement (verb and table) and result',
    ['statement', 'result'],
    STATEMENT_SECONDS,
    this.registry,
  );

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    persistedOperationNames: Iterable<string> = [],
  ) {
    this.names = new OperationNames(OPERATION_NAME_CAP, persistedOperationNames);
    collectDefaultMetrics({ register: this.registry });
  }

  /** The bus and transports, built after the metrics (the bus reports to them). */
  watch(sources: MetricsSources): void {
    this.sources = sources;
  }

  private phase(phase: 'parse' | 'validate' | 'execute' | 'subscribe') {
    return new BoundHistogram(
      `graphql_envelop_phase_${phase}`,
      `GraphQL "${phase}", seconds`,
      ['operationName', 'operationType'],
      SECONDS,
      this.registry,
    );
  }

  /**
   * The GraphQL phases over HTTP and WebSocket, as the yoga Prometheus plugin measured them (parse
   * and validate from their hooks to their ends, execute and subscribe to their result, or for a
   * stream to its end; labelled with the operation or, for a document that does not parse, as
   * anonymous), without its per-request label objects, filtered handler lists and Date.now()
   * millisecond timings. Building our context is a few property copies: not measured.
   */
  plugin(): Plugin {
    const operationName = (context: unknown) => (context as PhaseContext)?.params?.operationName;
    return {
      onParse: ({ context }) => {
        const startedAt = performance.now();
        return ({ result }) => {
          const operation =
            result && !(result instanceof Error)
              ? operationOf(result as DocumentNode, operationName(context))
              : undefined;
          this.seriesOf(operation).parse.observe((performance.now() - startedAt) / 1000);
        };
      },
      onValidate: ({ context, params }) => {
        const series = this.seriesOf(operationOf(params.documentAST, operationName(context)));
        const startedAt = performance.now();
        return () => series.validate.observe((performance.now() - startedAt) / 1000);
      },
      onExecute: ({ args }) => {
        const series = this.seriesOf(operationOf(args.document, args.operationName));
        const startedAt = performance.now();
        const observe = () => series.execute.observe((performance.now() - startedAt) / 1000);
        return {
          onExecuteDone: ({ result }) => {
            if (isAsyncIterable(result)) return { onEnd: observe };
            observe();
            return undefined;
          },
        };
      },
      onSubscribe: ({ args }) => {
        const series = this.seriesOf(operationOf(args.document, args.operationName));
        const startedAt = performance.now();
        const observe = () => series.subscribe.observe((performance.now() - startedAt) / 1000);
        return {
          onSubscribeResult: ({ result }) => {
            if (isAsyncIterable(result)) return subscriptionHooks(result, { onEnd: observe });
            observe();
            return undefined;
          },
        };
      },
    };
  }

  /** The operation's series, made once per operation (undefined: no document parsed). */
  private seriesOf(operation: OperationInfo | undefined): OperationSeries {
    let series = operation ? this.operationSeries.get(operation) : this.noOperationSeries;
    if (!series) {
      const operationName = operation ? this.names.label(operation.name) : OperationNames.ANONYMOUS;
      const operationType = operation?.type ?? 'none';
      const labels = { operationName, operationType };
      series = {
        parse: this.phases.parse.child(labels),
        validate: this.phases.validate.child(labels),
        execute: this.phases.execute.child(labels),
        subscribe: this.phases.subscribe.child(labels),
        byStatus: new Map(),
        operationName,
        operationType,
      };
      if (operation) this.operationSeries.set(operation, series);
      else this.noOperationSeries = series;
    }
    return series;
  }

  requestEnded(request: RequestRecord, status: number, durationMs: number): void {
    const series = this.seriesOf(request.operation);
    let duration = series.byStatus.get(status);
    if (!duration) {
      duration = this.requestDuration.child({
        operation_name: series.operationName,
        operation_type: series.operationType,
        status: String(status),
      });
      series.byStatus.set(status, duration);
    }
    duration.observe(durationMs / 1000);
    if (request.errors?.length) this.operationErrors(request.errors, request.operation, 'http');
  }

  operationErrors(errors: readonly GraphQLError[], operation: OperationInfo | undefined, transport: Transport): void {
    const type = operation?.type ?? 'none';
    for (const error of errors) {
      const code = error.extensions?.code;
      this.errorCount.inc({
        code: typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,49}$/.test(code) ? this.codes.label(code) : 'NONE',
        operation_type: type,
        transport,
      });
      const rule = refusalRule(error, type);
      if (rule) this.refused(rule, transport);
    }
  }

  refused(rule: string, transport: Transport): void {
    this.refusals.inc({ rule, transport });
  }

  subscriptionStarted(subscription: SubscriptionRecord): void {
    // The root field is one of the schema's few subscription fields: bounded by the schema.
    const field = subscription.operation.rootField ?? 'none';
    const key = `${subscription.transport} ${field}`;
    let series = this.fieldSeries.get(key);
    if (!series) {
      const labels = { transport: subscription.transport, field };
      series = { labels, deliveries: this.deliveries.child(labels) };
      this.fieldSeries.set(key, series);
    }
    this.subscriptionSeries.set(subscription, series);
    this.activeSubscriptions.inc(series.labels);
  }

  subscriptionEnded(subscription: SubscriptionRecord): void {
    const series = this.subscriptionSeries.get(subscription);
    if (series) this.activeSubscriptions.dec(series.labels);
  }

  delivered(subscription: SubscriptionRecord, event: LogEvent, writtenAt: number): void {
    this.subscriptionSeries.get(subscription)?.deliveries.inc();
    if (event.sequence <= subscription.livePosition) return; // a replay of history, not latency
    const seconds = (performance.timeOrigin + writtenAt - event.createdAt.getTime()) / 1000;
    // The two clocks (database, this host) may disagree by a little: never a negative latency.
    this.deliveryLatency[subscription.transport].observe(Math.max(0, seconds));
  }

  socketClosed(code: number): void {
    this.socketCloses.inc({ code: CLOSE_CODES.has(code) ? String(code) : 'other' });
  }

  /** Statement durations, handed to Database.observeStatements. */
  readonly statement = (sql: string, startedAt: number, error: unknown): void => {
    let series = this.statementSeries.get(sql);
    if (!series) {
      const statement = this.statements.label(statementName(sql));
      series = {
        ok: this.statementDuration.child({ statement, result: 'ok' }),
        error: this.statementDuration.child({ statement, result: 'error' }),
      };
      // Statement texts are few (prepared statements, cached shapes); past the bound, name each anew.
      if (this.statementSeries.size < 1000) this.statementSeries.set(sql, series);
    }
    (error === undefined ? series.ok : series.error).observe((performance.now() - startedAt) / 1000);
  };

  readonly events: EventBusObserver<LogEvent> = {
    eventDispatched: (event) => this.dispatchedOf[event.topic].inc(),
    listenerUp: (reconnected) => {
      if (reconnected) this.reconnects.inc();
    },
    catchUpRead: () => this.catchUpReads.inc(),
    subscriberSwitchedToLog: () => this.fellBehind.inc(),
  };

  /** Reads what only a scrape needs (the log head is one indexed query), then renders the registry. */
  async scrape(): Promise<string> {
    await this.refresh();
    return this.registry.metrics();
  }

  /** The same, as JSON: what a cluster worker sends the primary, which aggregates (cluster.ts). */
  async snapshot(): Promise<MetricsSnapshot> {
    await this.refresh();
    return this.registry.getMetricsAsJSON();
  }

  private async refresh(): Promise<void> {
    const sources = this.sources;
    if (sources) {
      const position = sources.position();
      this.position.set(position);
      this.listenerUp.set(sources.listening() ? 1 : 0);
      this.openStreams.set(sources.openStreams());
      this.openSockets.set(sources.openSockets());
      const live = sources.liveQueries();
      this.liveQueriesActive.set(live.active);
      this.liveQueryClients.set(live.clients);
      // The counter lives in the live-query hub (no hook on its path): carried over at each scrape.
      this.liveQueryExecutions.inc(live.executions - this.liveQueryExecutionsSeen);
      this.liveQueryExecutionsSeen = live.executions;
      const edits = sources.editCommits();
      this.editsWaiting.set(edits.waiting);
      this.editStatements.inc(edits.statements - this.editCountsSeen.statements);
      this.edits.inc(edits.writes - this.editCountsSeen.writes);
      this.editCountsSeen = { statements: edits.statements, writes: edits.writes };
      try {
        const { head, oldestPendingAt } = await sources.logHead(position);
        this.head.set(head);
        this.lagEvents.set(Math.max(0, head - position));
        this.lagSeconds.set(oldestPendingAt ? Math.max(0, (Date.now() - oldestPendingAt.getTime()) / 1000) : 0);
      } catch (error) {
        // The database is away: the scrape still answers, the lag gauges keep their last values.
        this.logger.debug({ err: (error as Error).message }, 'metrics: reading the event-log head failed');
      }
    }
    const pool = this.database.poolStats();
    if (pool) {
      this.poolSize.set(pool.total);
      this.poolIdle.set(pool.idle);
      this.poolWaiting.set(pool.waiting);
    }
  }

  /** GET /metrics on its own listener; resolves to the bound port. */
  listen(port: number, host: string): Promise<MetricsServer> {
    return serveMetrics(port, host, () => this.scrape(), this.registry.contentType, this.logger);
  }
}

/** A listener answering GET /metrics with what `render` returns (404 for anything else). */
export function serveMetrics(
  port: number,
  host: string,
  render: () => Promise<string>,
  contentType: string,
  logger: Logger,
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    render().then(
      (text) => response.writeHead(200, { 'content-type': contentType }).end(text),
      (error: unknown) => {
        logger.error({ err: error }, 'metrics scrape failed');
        response.writeHead(500).end();
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(new MetricsServer(server)));
  });
}

export class MetricsServer {
  constructor(private readonly server: Server) {}

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

interface SubscriptionSeries {
  readonly labels: Readonly<{ transport: string; field: string }>;
  readonly deliveries: CounterChild;
}

/** The limit an error says refused the operation, if it is such an error. */
function refusalRule(error: GraphQLError, operationType: string): string | undefined {
  switch (error.extensions?.code) {
    case 'QUERY_TOO_COMPLEX': {
      const limit = error.extensions.limit;
      return typeof limit === 'string' && LIMITS.has(limit) ? limit : 'complexity';
    }
    case 'RATE_LIMITED':
      return operationType === 'mutation' ? 'writeRate' : 'expensiveReadRate';
    case 'TOO_MANY_STREAMS':
      return 'streamsPerAddress';
    case 'TOO_MANY_OPERATIONS':
      return 'operationsPerSocket';
    case 'REQUEST_ENTITY_TOO_LARGE':
      return 'maxBodyBytes';
    default:
      return undefined;
  }
}
