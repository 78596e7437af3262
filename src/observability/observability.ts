/**
 * Metrics, traces and the request log, composed for app.ts: one yoga plugin that follows each HTTP
 * request and each subscription and tells the observers; the event bus's observer; the WebSocket
 * server's observer; and the statement observer. With metrics off (METRICS_PORT=0) and tracing
 * unconfigured, only the request log (and the x-request-id header) remains.
 */
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { EventBusObserver } from '../events/event-bus';
import type { LogEvent } from '../events/event-topics';
import { WEBSOCKET_TRANSPORT } from '../server/security/client-limits';
import { subscriptionHooks } from '../server/shared-subscription-execution';
import type { FanoutObserver } from '../server/ws-fanout';
import type { SocketOperation, UpgradeRequest, WebSocketObserver } from '../server/ws-server';
import { Metrics, type MetricsServer, type MetricsSources } from './metrics';
import type { OperationsObserver, RequestRecord, SubscriptionRecord } from './observer';
import { type OperationInfo, operationOf } from './operation';
import { clientNameOf, RequestLog, requestIdOf } from './request-log';
import type { Tracing } from './tracing';

export interface ObservabilityOptions {
  config: Config;
  logger: Logger;
  database: Database;
  /** Names of the persisted operations: metric label values from the start. */
  operationNames?: Iterable<string>;
  /** Traces go to this exporter (tests) instead of OTLP, whatever the configuration says. */
  spanExporter?: SpanExporter | undefined;
}

interface OperationContext {
  readonly request?: Request;
  readonly transport?: string;
  /** The Node request: of the HTTP request, or behind a WebSocket (its upgrade request). */
  readonly req?: { readonly headers: Record<string, string | string[] | undefined> };
}

export class Observability {
  readonly metrics: Metrics | undefined;
  private readonly observers: OperationsObserver[];
  private readonly subscriptions = new WeakMap<object, SubscriptionRecord>();
  private position: () => number = () => 0;
  private metricsServer: MetricsServer | undefined;

  private constructor(
    options: ObservabilityOptions,
    readonly tracing: Tracing | undefined,
  ) {
    const { config, logger, database } = options;
    this.metrics = config.metrics.port > 0 ? new Metrics(database, logger, options.operationNames) : undefined;
    this.observers = [
      // Below info (LOG_LEVEL=warn, say) the log would drop every line: do not even build them.
      ...(logger.isLevelEnabled('info') ? [new RequestLog(logger)] : []),
      ...(this.metrics ? [this.metrics] : []),
      ...(tracing ? [tracing] : []),
    ];
    // Only when someone reports them (the request log, at info): otherwise the socket follows none.
    if (this.observers.some((observer) => observer.socketOperationEnded)) {
      this.websocket.operationEnded = this.socketOperationEnded;
    }
    const statements = [this.metrics?.statement, tracing?.statement].filter((observer) => observer !== undefined);
    if (statements.length === 1) database.observeStatements(statements[0]);
    else if (statements.length > 1) {
      database.observeStatements((sql, startedAt, error) => {
        for (const observe of statements) observe(sql, startedAt, error);
      });
    }
  }

  static async create(options: ObservabilityOptions): Promise<Observability> {
    // Only now is the SDK imported: with tracing off it is never loaded.
    const tracing =
      options.config.tracing || options.spanExporter
        ? await (await import('./tracing')).startTracing({
            serviceName: 'ua-agreements',
            exporter: options.spanExporter,
          })
        : undefined;
    return new Observability(options, tracing);
  }

  /**
   * Whether anyone follows events to their subscribers (deliveries are counted for the metrics, the
   * traces and the subscription log lines); with none of them, the transports skip that bookkeeping.
   */
  get active(): boolean {
    return this.observers.length > 0;
  }

  /** The event bus's observer (undefined: the bus does no bookkeeping). */
  get events(): EventBusObserver<LogEvent>[] {
    return [this.metrics?.events, this.tracing?.events].filter((observer) => observer !== undefined);
  }

  /** What metrics read at a scrape, available once the bus and transports exist. */
  watch(sources: MetricsSources): void {
    this.position = sources.position;
    this.metrics?.watch(sources);
  }

  /** Starts the metrics listener (when metrics are on); resolves to its port. */
  async listenMetrics(port: number, host: string): Promise<number | undefined> {
    if (!this.metrics) return undefined;
    this.metricsServer ??= await this.metrics.listen(port, host);
    return this.metricsServer.port;
  }

  async close(): Promise<void> {
    await this.metricsServer?.close();
    await this.tracing?.shutdown();
  }

  /** For useSharedSubscriptionExecution: a subscription took this event from the bus. */
  readonly eventTaken = (contextValue: unknown, event: unknown): void => {
    const subscription = this.subscriptions.get(contextValue as object);
    if (subscription) {
      // Every subscription's source is the event bus (events.schema.ts): its events are log rows.
      subscription.event = event as LogEvent;
      // Only a delivery span starts here; the metrics need only the write's time.
      if (this.tracing) subscription.eventTakenAt = performance.now();
    }
  };

  private delivered(subscription: SubscriptionRecord): void {
    const event = subscription.event;
    if (!event) return;
    subscription.event = undefined;
    subscription.deliveries++;
    const writtenAt = performance.now();
    for (const observer of this.observers) observer.delivered?.(subscription, event, writtenAt);
  }

  /** The yoga plugins: traces outermost, then the request and subscription follower, then the phases. */
  plugins(): Plugin[] {
    return [
      ...(this.tracing ? [this.tracing.plugin()] : []),
      this.follower(),
      ...(this.metrics ? [this.metrics.plugin()] : []),
    ];
  }

  /**
   * HTTP requests to /graphql being followed, by their Node request (the one object both yoga and
   * the JSON fast path see, so a request the fast path hands over to yoga stays one request), or by
   * the Fetch request when there is none (yoga.fetch in process).
   */
  private readonly requests = new WeakMap<object, RequestRecord>();

  /** An HTTP request to /graphql arrived (a second call for the same request keeps the first record). */
  requestStarted(key: object, header: (name: string) => string | null | undefined): void {
    if (this.requests.has(key)) return;
    this.requests.set(key, {
      requestId: requestIdOf(header('x-request-id')),
      clientName: clientNameOf(header),
      startedAt: performance.now(),
      operation: undefined,
      errors: undefined,
    });
  }

  /** Its answer is ready: reported to the observers; returns the x-request-id to send with it. */
  requestEnded(key: object, status: number): string | undefined {
    const record = this.requests.get(key);
    if (!record) return undefined;
    this.requests.delete(key);
    const durationMs = performance.now() - record.startedAt;
    for (const observer of this.observers) observer.requestEnded?.(record, status, durationMs);
    return record.requestId;
  }

  /** Follows each HTTP request (log line, request duration, errors) and each subscription. */
  private follower(): Plugin {
    const requests = this.requests;
    const observers = this.observers;
    const keyOf = (request: Request, serverContext: object | undefined) =>
      (serverContext as OperationContext | undefined)?.req ?? request;
    // The same hooks for every subscription (the args come with each call): envelop keeps what
    // onSubscribe returns for as long as the subscription runs.
    const subscribeHooks = {
      onSubscribeResult: ({ args, result }: { args: ExecutionArgs; result: unknown }) => {
        if (!isAsyncIterable(result)) return;
        const subscription = this.startSubscription(args);
        const onEnd = () => {
          const durationMs = performance.now() - subscription.startedAt;
          for (const observer of observers) observer.subscriptionEnded?.(subscription, durationMs);
        };
        // SSE: yoga frames the result right after this; graphql-ws reports its own writes.
        const onNext = subscription.transport === 'sse' ? () => this.delivered(subscription) : undefined;
        return subscriptionHooks(result, { onEnd, onNext });
      },
    };
    return {
      onRequest: ({ request, url, serverContext }) => {
        if (url.pathname !== '/graphql') return;
        this.requestStarted(keyOf(request, serverContext), (name) => request.headers.get(name));
      },
      onParse: ({ context }) => {
        const { req, request } = context as OperationContext;
        const record = requests.get(req ?? (request as object));
        if (!record) return;
        return ({ result }) => {
          if (!(result instanceof Error) && result) {
            record.operation = operationOf(
              result,
              (context as { params?: { operationName?: string } }).params?.operationName,
            );
          }
        };
      },
      onResultProcess: ({ request, result, serverContext }) => {
        const record = requests.get(keyOf(request, serverContext));
        if (record && !isAsyncIterable(result) && !Array.isArray(result)) {
          record.errors = result.errors as readonly GraphQLError[] | undefined;
        }
      },
      onResponse: ({ request, response, serverContext }) => {
        const requestId = this.requestEnded(keyOf(request, serverContext), response.status);
        if (requestId !== undefined) response.headers.set('x-request-id', requestId);
      },
      onSubscribe: () => subscribeHooks,
    };
  }

  private startSubscription(args: ExecutionArgs): SubscriptionRecord {
    const context = args.contextValue as OperationContext;
    const ws = context.transport === WEBSOCKET_TRANSPORT;
    const http = context.request ? undefined : context.req?.headers;
    const header = (name: string) => {
      if (context.request) return context.request.headers.get(name);
      const value = http?.[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const subscription: SubscriptionRecord = {
      operation: operationOf(args.document, args.operationName),
      transport: ws ? 'ws' : 'sse',
      requestId: requestIdOf(header('x-request-id')),
      clientName: clientNameOf(header),
      startedAt: performance.now(),
      livePosition: this.position(),
      deliveries: 0,
      event: undefined,
      eventTakenAt: undefined,
    };
    this.subscriptions.set(context, subscription);
    for (const observer of this.observers) observer.subscriptionStarted?.(subscription);
    return subscription;
  }

  /** For ws-fanout.ts: the errors and writes of the `next` frames it sends itself. */
  readonly fanout: FanoutObserver = {
    errors: (errors, args) => this.websocket.errors(errors, args),
    delivered: (contextValue, event) => {
      const subscription = this.subscriptions.get(contextValue as object);
      if (!subscription) return;
      // Taken from the bus and written in one go.
      const writtenAt = performance.now();
      subscription.deliveries++;
      subscription.eventTakenAt = writtenAt;
      for (const observer of this.observers) observer.delivered?.(subscription, event as LogEvent, writtenAt);
    },
  };

  /** A query or mutation over graphql-ws ended (ws-server.ts follows them only when this is set). */
  private readonly socketOperationEnded = (operation: SocketOperation, request: UpgradeRequest): void => {
    const info = operation.parsed ? operationOf(operation.parsed.document, operation.parsed.operationName) : undefined;
    if (info?.type === 'subscription') return; // logged as it starts and ends
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const record: RequestRecord = {
      // Each operation its own id: the upgrade's x-request-id would be shared by all of them.
      requestId: requestIdOf(undefined),
      clientName: clientNameOf(header),
      startedAt: operation.startedAt,
      operation: info,
      errors: operation.errors,
    };
    const durationMs = performance.now() - operation.startedAt;
    for (const observer of this.observers) observer.socketOperationEnded?.(record, durationMs);
  };

  /** For ws-server.ts: closes, refusals, errors and the writes of `next` frames. */
  readonly websocket: WebSocketObserver = {
    closed: (code) => {
      for (const observer of this.observers) observer.socketClosed?.(code);
    },
    refused: (rule) => {
      for (const observer of this.observers) observer.refused?.(rule, 'ws');
    },
    errors: (errors, args) => {
      const operation: OperationInfo | undefined = args ? operationOf(args.document, args.operationName) : undefined;
      for (const observer of this.observers) observer.operationErrors?.(errors, operation, 'ws');
    },
    sending: (contextValue) => {
      const subscription = this.subscriptions.get(contextValue as object);
      return subscription?.event ? subscription : undefined;
    },
    written: (subscription) => this.delivered(subscription as SubscriptionRecord),
  };
}
