/**
 * Prometheus metrics, scraped from the metrics listener and parsed as Prometheus would: they move
 * as they should after queries, a signing delivered to subscribers, refused requests, a resume
 * from a cursor and a lost listener connection.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { bearer, LIVE_ENV } from '../support/app';
import { backend } from '../support/database';
import { createAgreement, sign } from '../support/factories';
import { AgreementSigned, subscribeSse, subscribeWs } from '../support/subscriptions';
import { untilDispatched, untilSubscribers } from '../support/wait';
import { type OpsApp, startOpsApp } from './support';

const STATS = 'query OpsStats { stats { totals { partners agreements } } }';
const LiveTotals = graphql(`
  query OpsLiveTotals @live {
    stats { totals { agreements } }
  }
`);
// Twelve levels of nesting, past MAX_QUERY_DEPTH (10).
const TOO_DEEP = `query OpsTooDeep { agreements(first: 1) { edges { node { partner { agreements(first: 1) { edges { node {
  partner { agreements(first: 1) { edges { node { id } } } } } } } } } } } }`;

describe('metrics', () => {
  let t: OpsApp;
  beforeAll(async () => {
    t = await startOpsApp({ ...LIVE_ENV, WRITE_RATE_LIMIT: '2' });
  });
  afterAll(() => t?.close());

  it('is served on its own listener, never on the public port', async () => {
    expect((await fetch(`${t.base}/metrics`)).status).toBe(404);
    const scrape = await t.scrape();
    // The standard Node.js metrics, and the database pool (PostgreSQL only).
    expect(scrape.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(scrape.family('nodejs_eventloop_lag_p99_seconds').type).toBe('gauge');
    if (backend === 'postgres') expect(scrape.value('ua_db_pool_size')).toBeGreaterThan(0);
  });

  it('queries move the request and phase histograms, by operation name and type, and the statement histogram', async () => {
    const before = await t.scrape();
    for (let i = 0; i < 3; i++) expect((await t.execute(STATS)).errors).toBeUndefined();
    const after = await t.scrape();
    const operation = { operationName: 'OpsStats', operationType: 'query' };
    for (const phase of ['parse', 'validate', 'execute']) {
      const name = `graphql_envelop_phase_${phase}`;
      expect(after.count(name, operation) - before.count(name, operation), name).toBe(3);
    }
    // Timed with performance.now(), not in whole milliseconds (parsing a cached document takes
    // microseconds, which a millisecond clock reads as 0 or 1): the sums are no whole milliseconds.
    for (const phase of ['parse', 'validate', 'execute']) {
      const [series] = after.histograms(`graphql_envelop_phase_${phase}`, operation);
      const milliseconds = (series?.sum ?? 0) * 1000;
      expect(Math.abs(milliseconds - Math.round(milliseconds)), phase).toBeGreaterThan(1e-6);
    }
    const request = { operation_name: 'OpsStats', operation_type: 'query', status: '200' };
    expect(after.count('ua_http_request_duration_seconds', request)).toBe(3);
    const statements = after.labelValues('ua_db_statement_duration_seconds', 'statement');
    expect([...statements].some((name) => name.startsWith('select '))).toBe(true);
    expect(after.count('ua_db_statement_duration_seconds', { result: 'ok' })).toBeGreaterThan(
      before.count('ua_db_statement_duration_seconds', { result: 'ok' }),
    );
  });

  it('a refused request counts as a refusal by rule and an error by code', async () => {
    const before = await t.scrape();
    const deep = await t.execute(TOO_DEEP);
    expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const [id] = [(await createAgreement(t.execute, 'LV')).id];
    // WRITE_RATE_LIMIT=2: the creation above and one signing pass, the next write is refused.
    await sign(t.execute, id);
    const refused = await t.execute(
      'mutation OpsCreate { createAgreement(input: { partnerCode: "LV", title: "refused" }) { __typename } }',
      {},
      await bearer('editor'),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const after = await t.scrape();
    const moved = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(moved('ua_refusals_total', { rule: 'maxDepth', transport: 'http' })).toBe(1);
    expect(moved('ua_refusals_total', { rule: 'writeRate', transport: 'http' })).toBe(1);
    expect(moved('ua_graphql_errors_total', { code: 'QUERY_TOO_COMPLEX', operation_type: 'query' })).toBe(1);
    expect(moved('ua_graphql_errors_total', { code: 'RATE_LIMITED', operation_type: 'mutation' })).toBe(1);
    expect(after.count('ua_http_request_duration_seconds', { operation_name: 'OpsCreate', status: '429' })).toBe(1);
  });
});

describe('the live path', () => {
  let t: OpsApp;
  beforeAll(async () => {
    t = await startOpsApp(LIVE_ENV);
  });
  afterAll(() => t?.close());

  it('a signing delivered to a WebSocket and an SSE subscriber: deliveries, commit-to-delivery latency, active subscriptions, closes', async () => {
    const agreement = await createAgreement(t.execute, 'FI');
    const ws = subscribeWs(t.base, AgreementSigned, { partnerCode: 'FI' });
    const sse = subscribeSse(t.base, AgreementSigned, { partnerCode: 'FI' });
    await untilSubscribers(t.app, 2);
    const field = { field: 'agreementSigned' };
    const started = await t.scrape();
    expect(started.value('ua_subscriptions_active', { ...field, transport: 'ws' })).toBe(1);
    expect(started.value('ua_subscriptions_active', { ...field, transport: 'sse' })).toBe(1);
    expect(started.value('ua_sse_streams_open')).toBe(1);
    expect(started.value('ua_websocket_connections_open')).toBe(1);
    // The phases are measured over both transports.
    const subscription = { operationName: 'LiveAgreementSigned', operationType: 'subscription' };
    for (const phase of ['parse', 'validate']) {
      expect(started.count(`graphql_envelop_phase_${phase}`, subscription), phase).toBe(2);
    }

    const signed = await sign(t.execute, agreement.id);
    expect((await ws.feed.next()).agreementSigned.sequence).toBe(signed.sequence);
    expect((await sse.feed.next()).agreementSigned.sequence).toBe(signed.sequence);

    // Both frames are written before the clients read them; the counters move as they are.
    await expect.poll(async () => (await t.scrape()).value('ua_subscription_deliveries_total', field)).toBe(2);
    const delivered = await t.scrape();
    for (const transport of ['ws', 'sse']) {
      expect(delivered.value('ua_subscription_deliveries_total', { ...field, transport })).toBe(1);
      expect(delivered.count('ua_commit_to_delivery_seconds', { transport })).toBe(1);
    }
    // A latency, not a clock: well under the test's own timeouts.
    for (const series of delivered.histograms('ua_commit_to_delivery_seconds')) expect(series.sum).toBeLessThan(5);
    expect(delivered.value('ua_events_dispatched_total', { topic: 'AGREEMENT_STATUS_CHANGED' })).toBeGreaterThanOrEqual(
      1,
    );
    const head = delivered.value('ua_event_log_head_sequence');
    expect(head).toBeGreaterThanOrEqual(signed.sequence);
    expect(delivered.value('ua_event_dispatched_sequence')).toBe(head);
    expect(delivered.value('ua_event_lag_events')).toBe(0);
    expect(delivered.value('ua_event_lag_seconds')).toBe(0);

    await ws.close();
    sse.close();
    await untilSubscribers(t.app, 0);
    await expect
      .poll(async () => (await t.scrape()).value('ua_subscriptions_active', field), { timeout: 5_000 })
      .toBe(0);
    const closed = await t.scrape();
    expect(closed.value('ua_websocket_closes_total', { code: '1000' })).toBe(1);
    // A subscription's "subscribe" phase is observed as its stream ends.
    expect(closed.count('graphql_envelop_phase_subscribe', subscription)).toBe(2);
  });

  it('live queries: the distinct ones running, the clients holding them, and their executions', async () => {
    await untilDispatched(t.app); // so no earlier write re-runs the query below
    const before = await t.scrape();
    const ws = subscribeWs(t.base, LiveTotals, {});
    const sse = subscribeSse(t.base, LiveTotals, {});
    await ws.feed.next();
    await sse.feed.next();
    const open = await t.scrape();
    expect(open.value('ua_live_queries_active')).toBe(1);
    expect(open.value('ua_live_query_clients')).toBe(2);
    // One execution for both clients: the query is the same document, variables and role.
    const executions = 'ua_live_query_executions_total';
    expect(open.value(executions) - before.value(executions)).toBe(1);

    await ws.close();
    sse.close();
    await expect.poll(async () => (await t.scrape()).value('ua_live_query_clients'), { timeout: 5_000 }).toBe(0);
    expect((await t.scrape()).value('ua_live_queries_active')).toBe(0);
  });

  it('resuming from a cursor is a catch-up read, and a replay is not counted as latency', async () => {
    const agreement = await createAgreement(t.execute, 'SE');
    const signed = await sign(t.execute, agreement.id);
    // Dispatched before the subscription starts: for it, a piece of history.
    await expect.poll(() => t.app.services.events.position).toBeGreaterThanOrEqual(signed.sequence);
    const before = await t.scrape();
    const resumed = subscribeWs(t.base, AgreementSigned, { partnerCode: 'SE', after: String(signed.sequence - 1) });
    expect((await resumed.feed.next()).agreementSigned.sequence).toBe(signed.sequence);
    await expect
      .poll(async () => (await t.scrape()).value('ua_subscription_deliveries_total', { transport: 'ws' }))
      .toBe(before.value('ua_subscription_deliveries_total', { transport: 'ws' }) + 1);
    const after = await t.scrape();
    expect(after.value('ua_event_catch_up_reads_total')).toBeGreaterThan(before.value('ua_event_catch_up_reads_total'));
    expect(after.count('ua_commit_to_delivery_seconds')).toBe(before.count('ua_commit_to_delivery_seconds'));
    await resumed.close();
  });

  it.skipIf(backend !== 'postgres')('a lost listener connection: listener down, then a reconnect', async () => {
    expect((await t.scrape()).value('ua_event_listener_up')).toBe(1);
    const { rows } = await sql<{ terminated: boolean }>`
      select pg_terminate_backend(pid) as terminated from pg_stat_activity
      where application_name like 'ua-agreements:listener:%' and datname = current_database()
    `.execute(t.app.database.db);
    expect(rows).toEqual([{ terminated: true }]);
    await expect
      .poll(async () => (await t.scrape()).value('ua_event_listener_reconnects_total'), { timeout: 10_000 })
      .toBe(1);
    expect((await t.scrape()).value('ua_event_listener_up')).toBe(1);
  });
});
