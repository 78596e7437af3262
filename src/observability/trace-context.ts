/**
 * The OpenTelemetry API side of tracing, safe to call from anywhere. Only tracing.ts loads the SDK
 * (and only when tracing is configured); until then these calls land on the API's no-op tracer and
 * propagator, so they cost a property read or two.
 */
import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

/**
 * The tracer of the provider registered now (tracing.ts), asked for each time: a tracer kept from an
 * earlier registration would keep reaching that provider after it shut down (tests start several
 * apps in one process).
 */
export const tracer = () => trace.getTracer('ua-agreements');

/** The W3C traceparent of the active span, to store with what the request writes; null when not traced. */
export function currentTraceParent(): string | null {
  if (!trace.getActiveSpan()) return null;
  const carrier: { traceparent?: string } = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored traceparent names: spans started in it join the writer's trace. */
export function contextOfTraceParent(traceParent: string | null): Context {
  return traceParent ? propagation.extract(ROOT_CONTEXT, { traceparent: traceParent }) : ROOT_CONTEXT;
}

/** Runs `work` in a child span of the active one; a thrown error marks the span failed. */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
