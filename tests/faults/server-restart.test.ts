/**
 * A server instance goes away under its subscribers (SIGTERM, then SIGKILL) while another
 * instance keeps signing agreements. The clients reconnect to the restarted instance with the
 * last cursor they saw and must get every event committed meanwhile, exactly once, in order.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, globalId } from '../support/app';
import { maxSequence, statusChangesAfter } from '../support/committed';
import { insertNegotiating, sign as signAgreement } from '../support/factories';
import { createAppDatabase, faultSuite, PgCluster } from '../support/pg-cluster';
import { killAllServers, type ServerProcess, startServer } from '../support/server-process';
import { ResumingSubscriber } from '../support/subscriptions';
import { sleep, waitFor } from '../support/wait';

faultSuite('restarting a server instance under its subscribers', () => {
  let cluster: PgCluster;
  let pool: pg.Pool;
  let databaseUrl: string;

  beforeAll(async () => {
    cluster = await PgCluster.create();
    databaseUrl = await createAppDatabase(cluster, 'faults');
  });

  afterAll(async () => {
    await killAllServers();
    await pool?.end();
    await cluster?.destroy();
  });

  it('resumes every client with its cursor after SIGTERM (1001) and SIGKILL: each event once, in order', async () => {
    const [first, other] = await Promise.all([startServer({ databaseUrl }), startServer({ databaseUrl })]);
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    const ids = await insertNegotiating(pool, 9, 'restart');
    const start = await maxSequence(pool);
    const editor = await bearer('editor', { expiresIn: '1h' });

    const committed: number[] = [];
    const sign = async (server: ServerProcess, id: number) => {
      committed.push((await signAgreement(server.execute, globalId('Agreement', id), editor)).sequence);
    };

    // The instance restarts on the same port; the clients always dial that address.
    const wsUrl = first.wsUrl;
    const clients = [1, 2, 3].map(() => new ResumingSubscriber(() => wsUrl, { after: String(start) }).start());
    const closes = () => `close codes: ${JSON.stringify(clients.map((client) => client.closeCodes))}`;
    const allReceived = (count: number) => Promise.all(clients.map((client) => client.waitForCount(count, 15_000)));

    await sign(first, ids[0]!);
    await allReceived(1);

    // SIGTERM: a graceful drain that tells each client "going away".
    expect(await first.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    await waitFor(() => clients.every((client) => client.closeCodes.length >= 1), { describe: () => closes() });
    for (const client of clients) expect(client.closeCodes).toEqual([1001]);

    for (const id of ids.slice(1, 4)) await sign(other, id);
    await sleep(300); // the clients keep knocking on the closed port meanwhile
    const second = await startServer({ databaseUrl, port: first.port });
    await allReceived(4);
    await sign(other, ids[4]!); // and live again after the catch-up
    await allReceived(5);

    // SIGKILL: no goodbye; the sockets just drop.
    expect(await second.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    await waitFor(() => clients.every((client) => client.closeCodes.length >= 2), { describe: () => closes() });
    for (const client of clients) expect(client.closeCodes[1]).toBe(1006);

    for (const id of ids.slice(5, 8)) await sign(other, id);
    const third = await startServer({ databaseUrl, port: first.port });
    await allReceived(8);
    await sign(third, ids[8]!);
    await allReceived(9);
    await sleep(300); // a duplicate would arrive now

    const logged = (await statusChangesAfter(pool, start)).map((row) => row.sequence);
    expect(logged).toEqual(committed);
    for (const client of clients) {
      expect(client.received.map((event) => event.sequence)).toEqual(committed);
      expect(client.errors).toEqual([]);
      expect(client.connections).toBe(3);
    }
    await Promise.all(clients.map((client) => client.stop()));
    console.info(`server restarts: started in ${[first, other, second, third].map((s) => s.startupMs).join(', ')} ms`);
  }, 90_000);
});
