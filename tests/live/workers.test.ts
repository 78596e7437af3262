/**
 * WORKERS=2: the server as a real primary with two node:cluster workers on one port, against a
 * PostgreSQL database (PGlite lives inside one process, so there WORKERS ≥ 2 refuses to start).
 * Sockets and SSE streams land on both workers; a signing committed through either reaches the
 * subscribers of both, once; an SSE stream resumes with Last-Event-ID on the other worker; a live
 * query re-runs on a worker that did not write; one scrape shows the whole instance; a killed
 * worker comes back; SIGTERM drains once. One cluster for the whole file: it takes seconds to start.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { graphql } from '../gql';
import { scrape } from '../ops/support';
import { backend, createTestDatabase, type TestDatabase } from '../support/database';
import { createAgreement, sign } from '../support/factories';
import { type Execute, executor } from '../support/http';
import { describeServer, freePort, killAllServers, type ServerProcess, startServer } from '../support/server-process';
import {
  AgreementSigned,
  type SseSubscription,
  subscribeSse,
  subscribeWs,
  type WsSubscription,
} from '../support/subscriptions';
import { waitFor } from '../support/wait';

const LiveAgreementStatus = graphql(`
  query WorkersLiveAgreement($id: ID!) @live {
    agreement(id: $id) { id status version }
  }
`);

describe('WORKERS', () => {
  it('is 1 (no cluster) unless set; a count, or auto for one per core; anything else refuses to start', () => {
    const postgres = { DATABASE_URL: 'postgres://localhost/db' };
    expect(loadConfig(postgres).workers).toBe(1);
    expect(loadConfig({ ...postgres, WORKERS: '1' }).workers).toBe(1);
    expect(loadConfig({ ...postgres, WORKERS: '4' }).workers).toBe(4);
    expect(loadConfig({ ...postgres, WORKERS: 'auto' }).workers).toBeGreaterThanOrEqual(1);
    for (const bad of ['0', '-1', 'two', '1.5', '2000']) {
      expect(() => loadConfig({ ...postgres, WORKERS: bad })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ WORKERS: 'two' })).toThrow(/WORKERS must be a positive integer or auto, got "two"/);
    // The embedded database is fine with one process, and only with one.
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
    expect(() => loadConfig({ WORKERS: '2' })).toThrow(/WORKERS=2 needs DATABASE_URL/);
  });

  it('with the embedded database and WORKERS=2, the server exits at once with a configuration error', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', WORKERS: '2', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /configuration error: WORKERS=2 needs DATABASE_URL: the embedded database \(PGlite\) cannot be shared by several processes/,
    );
  }, 60_000);
});

describe.skipIf(backend !== 'postgres')('WORKERS=2 on PostgreSQL (real processes)', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let metricsUrl: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    // Ready once the primary and both workers are: three starts on a machine other tests share.
    server = await startServer({
      databaseUrl: db.url!,
      env: { WORKERS: '2', METRICS_PORT: String(metricsPort) },
      readyTimeoutMs: 90_000,
    });
  }, 120_000);
  afterAll(async () => {
    await killAllServers();
    await db?.drop();
  });

  /** The pids of the workers the primary has started, by slot, from its log lines. */
  const workerPids = () => {
    const pids = new Map<number, number>();
    for (const line of server.logs) {
      if (!line.includes('"worker started"')) continue;
      const { worker, pid } = JSON.parse(line) as { worker: number; pid: number };
      pids.set(worker, pid);
    }
    return pids;
  };
  const readyLines = () => server.logs.filter((line) => line.includes('"worker ready"')).length;

  const subscribeAll = async (count: number) => {
    const subscribers: WsSubscription<unknown>[] = [];
    for (let i = 0; i < count; i++) subscribers.push(subscribeWs(server.url, AgreementSigned, { partnerCode: 'PL' }));
    const workers = await Promise.all(subscribers.map(async (s) => (await s.upgraded)['x-worker']));
    // Every subscription is running (not just its socket open) before anything is signed.
    await waitFor(async () => (await scrape(metricsUrl)).value('ua_subscriptions_active') === count, {
      timeoutMs: 20_000,
      describe: () => describeServer(server),
    });
    return { subscribers, workers: new Set(workers) };
  };

  it('serves from both workers; a signing through one reaches the subscribers of both, once', async () => {
    expect(workerPids().size).toBe(2);
    const { subscribers, workers } = await subscribeAll(6);
    expect(workers).toEqual(new Set(['1', '2']));

    for (let i = 0; i < 3; i++) {
      // The subscribers sit on both workers: whichever worker commits, the other one delivers too.
      const agreement = await createAgreement(server.execute, 'PL', `Workers ${i}`);
      const signed = await sign(server.execute, agreement.id);
      for (const subscriber of subscribers) {
        expect(await subscriber.feed.next(15_000)).toMatchObject({ agreementSigned: { sequence: signed.sequence } });
      }
    }
    for (const subscriber of subscribers) expect(await subscriber.feed.rest()).toEqual([]);

    // One scrape, the whole instance: both workers' counters added up, the cluster's own gauges.
    const metrics = await scrape(metricsUrl);
    expect(metrics.value('ua_cluster_workers')).toBe(2);
    expect(metrics.value('ua_subscription_deliveries_total')).toBe(18);
    expect(metrics.value('ua_websocket_connections_open')).toBe(6);
    // Each worker's LISTEN connection is up (min over workers), and each has a pool of its own.
    expect(metrics.value('ua_event_listener_up')).toBe(1);
    expect(metrics.value('ua_db_pool_size')).toBeGreaterThanOrEqual(2);
    await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  }, 60_000);

  /** Writes through the cluster, noting which worker answered (`writtenBy`, from X-Worker). */
  let writtenBy: string | null = null;
  const writer: Execute = executor({
    endpoint: async (request) => {
      const response = await server.endpoint(request);
      writtenBy = response.headers.get('x-worker');
      return response;
    },
  });
  /** Opens SSE streams until one lands on `worker` (connections go to the workers in turn). */
  const sseOn = async <T>(worker: string, open: () => SseSubscription<T>): Promise<SseSubscription<T>> => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const stream = open();
      if ((await stream.opened).get('x-worker') === worker) return stream;
      stream.close();
    }
    throw new Error(`no SSE stream landed on worker ${worker} in 10 attempts`);
  };
  const other = (worker: string | null) => (worker === '1' ? '2' : '1');
  /** Every worker has dispatched the whole log: nothing written so far is still on its way. */
  const untilDispatchedEverywhere = () =>
    waitFor(
      async () => {
        const metrics = await scrape(metricsUrl);
        return metrics.value('ua_event_dispatched_sequence') >= metrics.value('ua_event_log_head_sequence');
      },
      { timeoutMs: 20_000, describe: () => describeServer(server) },
    );

  it('SSE: streams on both workers; a signing through one reaches every stream once; Last-Event-ID resumes on the other worker', async () => {
    const streams = Array.from({ length: 6 }, () => subscribeSse(server.url, AgreementSigned, { partnerCode: 'PL' }));
    const workers = await Promise.all(streams.map(async (stream) => (await stream.opened).get('x-worker')));
    expect(new Set(workers)).toEqual(new Set(['1', '2']));
    await waitFor(async () => (await scrape(metricsUrl)).value('ua_subscriptions_active', { transport: 'sse' }) === 6, {
      timeoutMs: 20_000,
      describe: () => describeServer(server),
    });
    const before = (await scrape(metricsUrl)).value('ua_subscription_deliveries_total', { transport: 'sse' });

    const signings = [];
    for (let i = 0; i < 3; i++) {
      const agreement = await createAgreement(writer, 'PL', `Workers SSE ${i}`);
      signings.push({ ...(await sign(writer, agreement.id)), writtenBy });
      for (const stream of streams) {
        expect(await stream.feed.next(15_000)).toMatchObject({ agreementSigned: { sequence: signings[i]!.sequence } });
      }
    }
    for (const stream of streams) expect(await stream.feed.rest()).toEqual([]);
    const metrics = await scrape(metricsUrl);
    expect(metrics.value('ua_subscription_deliveries_total', { transport: 'sse' }) - before).toBe(18);
    expect(metrics.value('ua_sse_streams_open')).toBe(6);

    // A stream cut on one worker, events committed meanwhile, the reconnect served by the other.
    const cut = streams[workers.indexOf('1')]!;
    const lastEventId = cut.lastEventId();
    expect(lastEventId).toBeDefined();
    for (const stream of streams) stream.close();
    const missed = [];
    for (let i = 0; i < 2; i++)
      missed.push(await sign(writer, (await createAgreement(writer, 'PL', `Missed ${i}`)).id));
    const resumed = await sseOn('2', () =>
      subscribeSse(server.url, AgreementSigned, { partnerCode: 'PL' }, { 'last-event-id': lastEventId! }),
    );
    const replayed = await resumed.feed.take(2, 15_000);
    expect(replayed.map((event) => event.agreementSigned.sequence)).toEqual(missed.map((signed) => signed.sequence));
    const live = await sign(writer, (await createAgreement(writer, 'PL', 'Live after the resume')).id);
    expect((await resumed.feed.next(15_000)).agreementSigned.sequence).toBe(live.sequence);
    expect(await resumed.feed.rest()).toEqual([]);
    resumed.close();
  }, 60_000);

  it('query @live over SSE on the worker that did not write is re-run with the change', async () => {
    const agreement = await createAgreement(writer, 'PL', 'Workers live query');
    // Its creation is dispatched everywhere before the queries start: only the signing re-runs them.
    await untilDispatchedEverywhere();
    const open = () => subscribeSse(server.url, LiveAgreementStatus, { id: agreement.id });
    const onWorker = new Map([
      ['1', await sseOn('1', open)],
      ['2', await sseOn('2', open)],
    ]);
    for (const stream of onWorker.values()) {
      expect((await stream.feed.next(15_000)).agreement).toMatchObject({ id: agreement.id, version: 1 });
    }
    await waitFor(async () => (await scrape(metricsUrl)).value('ua_live_query_clients') === 2, {
      timeoutMs: 20_000,
      describe: () => describeServer(server),
    });

    await sign(writer, agreement.id);
    expect(['1', '2']).toContain(writtenBy);
    const elsewhere = onWorker.get(other(writtenBy))!;
    expect((await elsewhere.feed.next(15_000)).agreement).toEqual({ id: agreement.id, status: 'SIGNED', version: 2 });
    expect((await onWorker.get(writtenBy!)!.feed.next(15_000)).agreement).toMatchObject({ status: 'SIGNED' });
    for (const stream of onWorker.values()) {
      expect(await stream.feed.rest()).toEqual([]);
      stream.close();
    }
  }, 60_000);

  it('restarts a worker that dies, and serves on both again', async () => {
    const before = workerPids();
    const readyBefore = readyLines();
    process.kill(before.get(1)!, 'SIGKILL');
    // A worker starts as slowly as a whole server does (seconds under tsx, more on a busy machine).
    await waitFor(() => workerPids().get(1) !== before.get(1) && readyLines() > readyBefore, {
      timeoutMs: 60_000,
      describe: () => describeServer(server),
    });
    expect(server.logs.some((line) => line.includes('"worker died; restarting it"'))).toBe(true);
    expect(workerPids().get(2)).toBe(before.get(2));

    const { subscribers, workers } = await subscribeAll(4);
    expect(workers).toEqual(new Set(['1', '2']));
    const agreement = await createAgreement(server.execute, 'PL', 'Workers after restart');
    const signed = await sign(server.execute, agreement.id);
    for (const subscriber of subscribers) {
      expect(await subscriber.feed.next(15_000)).toMatchObject({ agreementSigned: { sequence: signed.sequence } });
    }
    const metrics = await scrape(metricsUrl);
    expect(metrics.value('ua_cluster_worker_restarts_total')).toBe(1);
    expect(metrics.value('ua_cluster_workers')).toBe(2);
    await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  }, 120_000);

  it('drains once on SIGTERM: sockets closed with 1001, SSE streams ended, every worker gone, exit 0', async () => {
    const { subscribers, workers } = await subscribeAll(4);
    expect(workers.size).toBe(2);
    const open = () => subscribeSse(server.url, AgreementSigned, { partnerCode: 'PL' });
    const streams = [await sseOn('1', open), await sseOn('2', open)];
    const pids = [...workerPids().values()];

    expect(await server.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    for (const subscriber of subscribers) expect(await subscriber.closed).toMatchObject({ code: 1001 });
    for (const stream of streams) await stream.feed.untilEnded();
    expect(server.logs.filter((line) => line.includes('"shutting down"'))).toHaveLength(1);
    expect(server.logs.some((line) => line.includes('"workers drained"'))).toBe(true);
    // No worker counted as dead during the drain (the one line is the earlier test's kill).
    expect(server.logs.filter((line) => line.includes('"worker died')).length).toBe(1);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
