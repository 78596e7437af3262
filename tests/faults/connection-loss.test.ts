/**
 * One instance loses its connections to PostgreSQL while another keeps signing: its LISTEN
 * connection dies again and again, or is held down for a while, or the network between it and
 * the database goes silent (a partition) and is then reset. Notifications sent meanwhile are
 * lost for good; the events must still arrive, once and in order, because the bus reads the log
 * after its last sequence when it reconnects. The subscriber's own socket stays open throughout:
 * recovery is the server's job, not the client's.
 *
 * The watched instance reaches PostgreSQL through a TCP proxy, which can hold the LISTEN
 * connection down (refusing it by its application_name) while the pool keeps working, or stop
 * forwarding everything.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, globalId } from '../support/app';
import { maxSequence, statusChangesAfter } from '../support/committed';
import { AgreementTotal, insertNegotiating, sign as signAgreement } from '../support/factories';
import { createAppDatabase, faultSuite, PgCluster } from '../support/pg-cluster';
import {
  describeServer,
  killAllServers,
  readyStatus,
  type ServerProcess,
  startServer,
} from '../support/server-process';
import { ResumingSubscriber, StatusChangesWithAgreement } from '../support/subscriptions';
import { TcpProxy } from '../support/tcp-proxy';
import { sleep, waitFor } from '../support/wait';

faultSuite('losing connections to PostgreSQL', () => {
  let cluster: PgCluster;
  let proxy: TcpProxy;
  let pool: pg.Pool;
  let watched: ServerProcess;
  let writer: ServerProcess;
  let editor: Record<string, string>;

  beforeAll(async () => {
    cluster = await PgCluster.create();
    const databaseUrl = await createAppDatabase(cluster, 'faults');
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: cluster.port });
    [writer, watched] = await Promise.all([
      startServer({ databaseUrl }),
      startServer({ databaseUrl: `postgres://postgres@127.0.0.1:${proxy.port}/faults` }),
    ]);
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    editor = await bearer('editor', { expiresIn: '1h' });
  });

  afterAll(async () => {
    await killAllServers();
    await pool?.end();
    await proxy?.close();
    await cluster?.destroy();
  });

  const listenerName = () => `ua-agreements:listener:${watched.pid}`;

  /** Signs on the writer instance; returns the event's sequence (fails unless it signed). */
  const sign = async (id: number) => (await signAgreement(writer.execute, globalId('Agreement', id), editor)).sequence;

  it('catches up after the listener is terminated over and over while agreements are signed', async () => {
    const ids = await insertNegotiating(pool, 40, 'terminate');
    const start = await maxSequence(pool);
    const subscriber = new ResumingSubscriber(() => watched.wsUrl, { after: String(start) }).start();
    await sign(ids[0]!);
    await subscriber.waitForCount(1);

    // Kill the listener whenever it shows up, for two seconds, while signing.
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    let terminated = 0;
    let killing = true;
    const killer = (async () => {
      while (killing) {
        const { rows } = await admin.query(
          'select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1',
          [listenerName()],
        );
        terminated += rows.filter((row) => row.ok).length;
        await sleep(20);
      }
    })();
    const committed: number[] = [];
    const until = performance.now() + 2_000;
    for (const id of ids.slice(1)) {
      if (performance.now() > until) break;
      committed.push(await sign(id));
      await sleep(20);
    }
    killing = false;
    await killer;
    await admin.end();

    const logged = await statusChangesAfter(pool, start);
    await subscriber.waitForCount(logged.length, 15_000);
    await sleep(300);
    expect(terminated).toBeGreaterThanOrEqual(5);
    expect(logged.slice(1).map((row) => row.sequence)).toEqual(committed);
    expect(subscriber.received.map((event) => event.sequence)).toEqual(logged.map((row) => row.sequence));
    expect(subscriber.closeCodes).toEqual([]);
    expect(subscriber.connections).toBe(1);
    await subscriber.stop();
  }, 60_000);

  it('holds the listener down for two seconds: not ready meanwhile, then every missed event arrives', async () => {
    const ids = await insertNegotiating(pool, 6, 'hold-down');
    const start = await maxSequence(pool);
    const subscriber = new ResumingSubscriber(() => watched.wsUrl, { after: String(start) }).start();
    await waitFor(async () => (await readyStatus(watched)) === 200, { describe: () => describeServer(watched) });
    await sign(ids[0]!);
    await subscriber.waitForCount(1);

    expect(proxy.block(listenerName())).toBe(1);
    await waitFor(async () => (await readyStatus(watched)) === 503, { describe: () => describeServer(watched) });
    const committed: number[] = [];
    for (const id of ids.slice(1)) committed.push(await sign(id));
    await sleep(2_000);
    // Nothing can have arrived: no listener, and the safety-net poll is 30 s away.
    expect(subscriber.received).toHaveLength(1);
    expect(await readyStatus(watched)).toBe(503);

    proxy.unblock();
    await subscriber.waitForCount(ids.length, 10_000);
    await waitFor(async () => (await readyStatus(watched)) === 200);
    await sleep(300);
    const logged = await statusChangesAfter(pool, start);
    expect(logged.slice(1).map((row) => row.sequence)).toEqual(committed);
    expect(subscriber.received.map((event) => event.sequence)).toEqual(logged.map((row) => row.sequence));
    expect(subscriber.closeCodes).toEqual([]);
    await subscriber.stop();
  }, 60_000);

  it('answers /ready with 503 across a network partition, and recovers when the connections are reset', async () => {
    const ids = await insertNegotiating(pool, 4, 'partition');
    const start = await maxSequence(pool);
    const subscriber = new ResumingSubscriber(() => watched.wsUrl, { after: String(start) }).start();
    await waitFor(async () => (await readyStatus(watched)) === 200, { describe: () => describeServer(watched) });
    await sign(ids[0]!);
    await subscriber.waitForCount(1);

    // Packets stop; nothing is closed. The readiness probe must still answer, and quickly.
    proxy.pause();
    const probeStarted = performance.now();
    const status = await readyStatus(watched);
    const probeMs = performance.now() - probeStarted;
    expect(status).toBe(503);
    expect(probeMs).toBeLessThan(4_000);
    const caught = watched.execute(AgreementTotal);
    const committed: number[] = [];
    for (const id of ids.slice(1)) committed.push(await sign(id));
    await sleep(1_000);
    expect(subscriber.received).toHaveLength(1);

    // The partition ends the way a firewall that forgot the connections ends it: with resets.
    proxy.cut();
    proxy.resume();
    expect(await caught).toMatchObject({ data: null, errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    await subscriber.waitForCount(ids.length, 10_000);
    await waitFor(async () => (await readyStatus(watched)) === 200, { describe: () => describeServer(watched) });
    const { data, errors } = await watched.execute(AgreementTotal);
    expect(errors).toBeUndefined();
    expect(data?.agreements.totalCount).toBeGreaterThan(0);
    await sleep(300);
    const logged = await statusChangesAfter(pool, start);
    expect(logged.slice(1).map((row) => row.sequence)).toEqual(committed);
    expect(subscriber.received.map((event) => event.sequence)).toEqual(logged.map((row) => row.sequence));
    expect(subscriber.closeCodes).toEqual([]);
    expect(watched.exit).toBeNull();
    await subscriber.stop();
  }, 60_000);

  it('delivers an event whose agreement cannot be loaded at that moment later, never an error in its place', async () => {
    const ids = await insertNegotiating(pool, 2, 'delivery');
    const start = await maxSequence(pool);
    const subscriber = new ResumingSubscriber(() => watched.wsUrl, {
      after: String(start),
      document: StatusChangesWithAgreement,
    }).start();
    await waitFor(async () => (await readyStatus(watched)) === 200, { describe: () => describeServer(watched) });

    // The watched instance misses the notification, and its catch-up will find the agreements
    // table locked: the load behind the event waits, and then its connection dies.
    proxy.block(listenerName());
    const first = await sign(ids[0]!);
    const admin = new pg.Client({ connectionString: cluster.urlFor('faults') });
    await admin.connect();
    try {
      await admin.query('begin');
      await admin.query('lock table agreements in access exclusive mode');
      proxy.unblock();
      await waitFor(async () => {
        const { rows } = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
           where application_name = 'ua-agreements' and wait_event_type = 'Lock'`,
        );
        return rows.length > 0;
      });
    } finally {
      await admin.query('rollback');
      await admin.end();
    }

    await subscriber.waitForCount(1);
    const second = await sign(ids[1]!);
    await subscriber.waitForCount(2);
    await sleep(300);
    expect(subscriber.received.map((event) => event.sequence)).toEqual([first, second]);
    expect(subscriber.errors).toEqual([]);
    await subscriber.stop();
  }, 60_000);
});
