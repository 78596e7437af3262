/**
 * Traces, with an in-memory exporter: one trace runs from a mutation (continuing the caller's
 * `traceparent`) through its transaction and statements to the fan-out and the delivery of its
 * event to a subscriber, by way of the trace context stored with the event-log row.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { createAgreement, sign } from '../support/factories';
import { AgreementSigned, subscribeWs } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';
import { type OpsApp, startOpsApp } from './support';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';

const traceParentOf = async (t: TestApp, sequence: number) =>
  (
    await sql<{
      traceParent: string | null;
    }>`select trace_parent as "traceParent" from event_log where sequence = ${sequence}`.execute(t.app.database.db)
  ).rows[0]?.traceParent;

describe('traced', () => {
  const exporter = new InMemorySpanExporter();
  let t: OpsApp;
  beforeAll(async () => {
    t = await startOpsApp(LIVE_ENV, {}, { spanExporter: exporter });
  });
  afterAll(() => t?.close());

  it('one trace from the mutation, through its transaction and statements, to the fan-out and the delivery of its event', async () => {
    const agreement = await createAgreement(t.execute, 'DK');
    const subscriber = subscribeWs(t.base, AgreementSigned, { partnerCode: 'DK' });
    await untilSubscribers(t.app, 1);
    exporter.reset();

    const signed = await sign(t.execute, agreement.id, {
      ...(await bearer('editor')),
      traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`,
    });
    expect((await subscriber.feed.next()).agreementSigned.sequence).toBe(signed.sequence);
    const inTrace = () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === TRACE_ID);
    await expect.poll(() => inTrace().map((span) => span.name)).toContain('events.deliver');

    const spans = inTrace();
    const named = (name: string): ReadableSpan => {
      const span = spans.find((candidate) => candidate.name === name);
      if (!span) throw new Error(`no span ${name} in ${spans.map((candidate) => candidate.name).join(', ')}`);
      return span;
    };
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    const idOf = (span: ReadableSpan) => span.spanContext().spanId;

    const request = named('mutation LiveTransitionAgreement');
    expect(parentOf(request)).toBe(CALLER_SPAN_ID);
    expect(request.attributes['http.response.status_code']).toBe(200);
    for (const phase of ['graphql.parse', 'graphql.validate', 'graphql.execute']) {
      expect(parentOf(named(phase)), phase).toBe(idOf(request));
    }
    const transition = named('agreement.transition');
    expect(parentOf(transition)).toBe(idOf(named('graphql.execute')));
    for (const statement of ['begin', 'update agreements', 'insert timeline_events', 'insert event_log', 'commit']) {
      expect(parentOf(named(statement)), statement).toBe(idOf(transition));
    }
    expect(await traceParentOf(t, signed.sequence)).toBe(`00-${TRACE_ID}-${idOf(transition)}-01`);

    const fanout = spans.find(
      (span) => span.name === 'events.fanout' && span.attributes['events.sequence'] === signed.sequence,
    );
    const delivery = named('events.deliver');
    expect(parentOf(fanout!)).toBe(idOf(transition));
    expect(parentOf(delivery)).toBe(idOf(transition));
    expect(delivery.attributes).toMatchObject({
      'events.sequence': signed.sequence,
      'events.transport': 'ws',
      'events.field': 'agreementSigned',
    });
    await subscriber.close();
  });
});

describe('untraced (no exporter, no OTLP endpoint)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(LIVE_ENV);
  });
  afterAll(() => t?.close());

  it('stores no trace context with the event', async () => {
    expect(t.app.observability.tracing).toBeUndefined();
    const agreement = await createAgreement(t.execute, 'DK');
    const signed = await sign(t.execute, agreement.id, {
      ...(await bearer('editor')),
      traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`,
    });
    expect(await traceParentOf(t, signed.sequence)).toBeNull();
  });
});

describe('exported over OTLP/HTTP (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('sends the spans to the collector, at the latest when the app stops', async () => {
    const received: Array<{ path: string; body: Buffer }> = [];
    const collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body: Buffer.concat(chunks) });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    // The exporter reads the standard variables from the process environment, as in production.
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    try {
      const t = await startTestApp({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
      expect(t.app.observability.tracing).toBeDefined();
      expect((await t.execute('query OtlpProbe { __typename }')).errors).toBeUndefined();
      await t.close();
      // Stopping flushes the batch; the collector records it once the whole body has arrived.
      await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(received.map((request) => request.path)).toContain('/v1/traces');
      const body = Buffer.concat(received.map((request) => request.body)).toString('latin1');
      expect(body).toContain('ua-agreements');
      expect(body).toContain('query OtlpProbe');
    } finally {
      delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      collector.closeAllConnections();
      await new Promise((resolve) => collector.close(resolve));
    }
  });
});
