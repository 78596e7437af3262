/**
 * OpenTelemetry traces, off unless configured: with OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) set, `startTracing` imports the SDK, registers it for the
 * process (AsyncLocalStorage context, W3C trace context) and exports over OTLP/HTTP, configured by
 * the standard OTEL_* variables. Without it this file's SDK imports never run.
 *
 * Spans: each HTTP request to /graphql (a child of the incoming `traceparent`), its GraphQL phases,
 * each SQL statement made inside a traced request, each transition's transaction
 * (agreement.service.ts, through trace-context.ts), each event's fan-out on each instance and each
 * delivery to a subscriber. The last two are children of the trace stored with the event-log row,
 * so one trace runs from a mutation to every delivery of its event.
 */
import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { NodeTracerProvider, SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { Plugin } from 'graphql-yoga';
import type { EventBusObserver } from '../events/event-bus';
import type { LogEvent } from '../events/event-topics';
import type { OperationsObserver, SubscriptionRecord } from './observer';
import { operationOf } from './operation';
import { statementName } from './statement-name';
import { contextOfTraceParent, tracer } from './trace-context';

export interface TracingOptions {
  serviceName: string;
  /** Instead of OTLP (tests: an in-memory exporter); spans are handed to it as they end. */
  exporter?: SpanExporter | undefined;
}

export async function startTracing(options: TracingOptions): Promise<Tracing> {
  const [sdk, resources] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/resources'),
  ]);
  const processor = options.exporter
    ? new sdk.SimpleSpanProcessor(options.exporter)
    : new sdk.BatchSpanProcessor(new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter());
  const resource = resources
    .defaultResource()
    .merge(resources.resourceFromAttributes({ 'service.name': options.serviceName }))
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the default name.
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new sdk.NodeTracerProvider({ resource, spanProcessors: [processor] });
  // Process-wide, as OpenTelemetry's API is: one traced app per process at a time (shutdown gives
  // the registration back).
  provider.register();
  return new Tracing(provider);
}

const epoch = (performanceNow: number) => performance.timeOrigin + performanceNow;

export class Tracing implements OperationsObserver {
  constructor(private readonly provider: NodeTracerProvider) {}

  /** Spans for the HTTP request and each GraphQL phase, through yoga's instrumentation hooks. */
  plugin(): Plugin {
    const requestSpans = new WeakMap<Request, Span>();
    const phase =
      (name: string) =>
      <T>(_payload: unknown, wrapped: () => T): T =>
        // A phase outside a traced request (a WebSocket operation) gets no span of its own.
        trace.getActiveSpan() ? inChildSpan(name, context.active(), wrapped) : wrapped();
    return {
      instrumentation: {
        request: ({ request }, wrapped) => {
          if (!request.url.includes('/graphql')) return wrapped();
          const parent = propagation.extract(ROOT_CONTEXT, request.headers, headerGetter);
          return inChildSpan(`${request.method} /graphql`, parent, wrapped, SpanKind.SERVER, (span) => {
            span.setAttribute('http.request.method', request.method);
            requestSpans.set(request, span);
          });
        },
        parse: phase('graphql.parse'),
        validate: phase('graphql.validate'),
        context: phase('graphql.context'),
        execute: phase('graphql.execute'),
        subscribe: phase('graphql.subscribe'),
      },
      onExecute: ({ args }) => nameOperation(args, requestSpans),
      onSubscribe: ({ args }) => nameOperation(args, requestSpans),
      onResponse: ({ request, response }) => {
        const span = requestSpans.get(request);
        span?.setAttribute('http.response.status_code', response.status);
        if (span && response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      },
    };
  }

  /** A span per SQL statement run inside a traced operation, handed to Database.observeStatements. */
  readonly statement = (sql: string, startedAt: number, error: unknown): void => {
    const active = context.active();
    if (!trace.getSpan(active)) return; // background reads (the bus, scrapes) would each start a trace
    const span = tracer().startSpan(
      statementName(sql),
      {
        kind: SpanKind.CLIENT,
        startTime: epoch(startedAt),
        attributes: { 'db.system.name': 'postgresql', 'db.query.text': sql },
      },
      active,
    );
    if (error !== undefined) failed(span, error);
    span.end();
  };

  readonly events: EventBusObserver<LogEvent> = {
    eventDispatched: (row, startedAt, subscribers) => {
      tracer()
        .startSpan(
          'events.fanout',
          { startTime: epoch(startedAt), attributes: eventAttributes(row, { 'events.subscribers': subscribers }) },
          contextOfTraceParent(row.traceParent),
        )
        .end();
    },
  };

  delivered(subscription: SubscriptionRecord, event: LogEvent, writtenAt: number): void {
    tracer()
      .startSpan(
        'events.deliver',
        {
          kind: SpanKind.PRODUCER,
          startTime: epoch(subscription.eventTakenAt ?? writtenAt),
          attributes: eventAttributes(event, {
            'events.transport': subscription.transport,
            'graphql.operation.name': subscription.operation.name ?? '',
            'events.field': subscription.operation.rootField ?? '',
          }),
        },
        contextOfTraceParent(event.traceParent),
      )
      .end(epoch(writtenAt));
  }

  /** Exports what is buffered and gives the process-wide registration back (another app may register). */
  async shutdown(): Promise<void> {
    await this.provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  }
}

const headerGetter = {
  keys: (headers: Headers) => [...headers.keys()],
  get: (headers: Headers, key: string) => headers.get(key) ?? undefined,
};

function eventAttributes(row: LogEvent, extra: Record<string, string | number>) {
  return { 'events.sequence': row.sequence, 'events.topic': row.topic, ...extra };
}

function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** Runs `wrapped` in a new span under `parent`, ending it when `wrapped` (sync or async) is done. */
function inChildSpan<T>(
  name: string,
  parent: Context,
  wrapped: () => T,
  kind: SpanKind = SpanKind.INTERNAL,
  started?: (span: Span) => void,
): T {
  const span = tracer().startSpan(name, { kind }, parent);
  started?.(span);
  let result: T;
  try {
    result = context.with(trace.setSpan(parent, span), wrapped);
  } catch (error) {
    failed(span, error);
    span.end();
    throw error;
  }
  if (result instanceof Promise) {
    return result.then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        failed(span, error);
        span.end();
        throw error;
      },
    ) as T;
  }
  span.end();
  return result;
}

function nameOperation(
  args: {
    document: Parameters<typeof operationOf>[0];
    operationName?: string | null | undefined;
    contextValue: unknown;
  },
  requestSpans: WeakMap<Request, Span>,
): void {
  const operation = operationOf(args.document, args.operationName);
  const attributes = {
    'graphql.operation.type': operation.type ?? '',
    'graphql.operation.name': operation.name ?? '',
  };
  trace.getActiveSpan()?.setAttributes(attributes);
  const request = (args.contextValue as { request?: Request }).request;
  const span = request && requestSpans.get(request);
  if (span) {
    span.setAttributes(attributes);
    span.updateName(`${operation.type ?? 'graphql'} ${operation.name ?? 'anonymous'}`);
  }
}
