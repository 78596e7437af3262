/**
 * A server is SIGKILLed while many signings are inside their transactions. Each signing must
 * have happened entirely (row, timeline event, event-log rows, announced to a subscriber on
 * another instance) or not at all, whatever the client was told.
 *
 * A trigger that sleeps on each timeline insert (test database only) stretches every transaction
 * between its agreement update and its event-log insert, so the kill lands inside them.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, globalId } from '../support/app';
import { agreementStates, inconsistencies, maxSequence, statusChangesAfter } from '../support/committed';
import { insertNegotiating, SIGNED_ON, transition } from '../support/factories';
import { createAppDatabase, faultSuite, PgCluster } from '../support/pg-cluster';
import { describeServer, killAllServers, type ServerProcess, startServer } from '../support/server-process';
import { ResumingSubscriber } from '../support/subscriptions';
import { sleep, waitFor } from '../support/wait';

/** Signs agreement `id` (a row id) at version 1 on `server`; the answer as it is. */
const signOn = (server: ServerProcess, id: number, editor: Record<string, string>) =>
  transition(
    server.execute,
    { id: globalId('Agreement', id), to: 'SIGNED', expectedVersion: 1, effectiveDate: SIGNED_ON },
    editor,
  );

faultSuite('killing a server in the middle of transitions', () => {
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

  it('leaves every agreement fully signed or untouched, and announces exactly the signed ones', async () => {
    const [victim, witness] = await Promise.all([startServer({ databaseUrl }), startServer({ databaseUrl })]);
    pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    await pool.query(`
      create function fault_test_slow_insert() returns trigger language plpgsql as
        $$ begin perform pg_sleep(0.15); return new; end $$;
      create trigger fault_test_slow_insert after insert on timeline_events
        for each row execute function fault_test_slow_insert();`);
    const ids = await insertNegotiating(pool, 40, 'kill');
    const start = await maxSequence(pool);
    const editor = await bearer('editor', { expiresIn: '1h' });
    const subscriber = new ResumingSubscriber(() => witness.wsUrl, { after: String(start) }).start();

    const outcomes: Array<'signed' | 'failed' | 'no answer'> = [];
    const requests = ids.map((id, i) =>
      signOn(victim, id, editor).then(
        ({ data }) =>
          (outcomes[i] = data?.transitionAgreement.__typename === 'AgreementStatusChange' ? 'signed' : 'failed'),
        () => (outcomes[i] = 'no answer'),
      ),
    );
    // Kill once some signings have committed and others are mid-transaction.
    const inTransaction = () =>
      pool
        .query<{ count: number }>(
          `select count(*)::int as count from pg_stat_activity
           where application_name = 'ua-agreements' and xact_start is not null and pid <> pg_backend_pid()`,
        )
        .then(({ rows }) => rows[0]!.count);
    await waitFor(() => outcomes.includes('signed'), { describe: () => describeServer(victim) });
    const openAtKill = await waitFor(inTransaction);
    await victim.kill('SIGKILL');
    await Promise.all(requests);

    // PostgreSQL rolls back a dead client's transaction once the backend notices: wait for that.
    await waitFor(async () => (await inTransaction()) === 0);
    const states = await agreementStates(pool, ids);
    const signed = states.filter((state) => state.status === 'SIGNED').map((state) => state.id);

    // The kill really cut the batch: some committed, some did not.
    expect(openAtKill).toBeGreaterThan(0);
    expect(signed.length).toBeGreaterThan(0);
    expect(signed.length).toBeLessThan(ids.length);
    // All or nothing, agreement by agreement.
    expect(states.flatMap(inconsistencies)).toEqual([]);
    for (const state of states) {
      const expected = state.status === 'SIGNED' ? ['NEGOTIATING>SIGNED'] : [];
      expect({ id: state.id, changes: state.changes, signings: state.signings }).toEqual({
        id: state.id,
        changes: expected,
        signings: expected.length,
      });
    }
    // A client told "signed" was told the truth.
    ids.forEach((id, i) => {
      if (outcomes[i] === 'signed') expect(signed).toContain(id);
    });

    // The other instance announces exactly the committed ones, once each.
    const logged = await statusChangesAfter(pool, start);
    expect(logged.map((row) => row.agreementId).sort((a, b) => a - b)).toEqual(signed);
    await subscriber.waitForCount(logged.length);
    await sleep(300);
    expect(subscriber.received.map((event) => event.sequence)).toEqual(logged.map((row) => row.sequence));

    // Nothing is left half-done or locked: the rest sign normally at version 1 on the other instance.
    await pool.query('drop trigger fault_test_slow_insert on timeline_events');
    for (const state of states.filter((state) => state.status !== 'SIGNED')) {
      const { data } = await signOn(witness, state.id, editor);
      expect(data?.transitionAgreement.__typename).toBe('AgreementStatusChange');
    }
    await subscriber.waitForCount(ids.length);
    await sleep(300);
    const all = await statusChangesAfter(pool, start);
    expect(all.map((row) => row.agreementId).sort((a, b) => a - b)).toEqual(ids);
    expect(subscriber.received.map((event) => event.sequence)).toEqual(all.map((row) => row.sequence));
    await subscriber.stop();

    const counts = { signed: 0, failed: 0, 'no answer': 0 };
    for (const outcome of outcomes) counts[outcome]++;
    console.info(
      `kill mid-transition: ${openAtKill} transaction(s) open at the kill; answers ${JSON.stringify(counts)}; ` +
        `${signed.length} of ${ids.length} committed`,
    );
  }, 60_000);
});
