/**
 * PostgreSQL stops (fast, then immediate shutdown) and starts again while writers move agreements
 * back and forth through the API and a client listens. The server must stay up, say it is not
 * ready, answer with a retryable error, recover by itself, and announce exactly what committed:
 * every successful mutation once, and a mutation whose answer was lost at commit time exactly
 * when its change is in the database.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, globalId } from '../support/app';
import { agreementStates, inconsistencies, maxSequence, statusChangesAfter } from '../support/committed';
import { AgreementState, AgreementTotal, insertNegotiating, transition } from '../support/factories';
import { createAppDatabase, faultSuite, PgCluster, type ShutdownMode } from '../support/pg-cluster';
import {
  describeServer,
  killAllServers,
  readyStatus,
  type ServerProcess,
  startServer,
} from '../support/server-process';
import { ResumingSubscriber, StatusChangesWithAgreement } from '../support/subscriptions';
import { sleep, waitFor } from '../support/wait';

interface Attempt {
  id: number;
  to: string;
  /** The sequence when the mutation answered with the change; else why it did not. */
  sequence?: number;
  failure?: string;
}

/**
 * Moves its agreements NEGOTIATING ⇄ STALLED until stopped. After any failure it re-reads the
 * agreement (the change may have committed although the answer was lost) before going on.
 */
async function writer(
  server: ServerProcess,
  editor: Record<string, string>,
  ids: number[],
  attempts: Attempt[],
  stop: () => boolean,
) {
  const known = new Map(ids.map((id) => [id, { status: 'NEGOTIATING', version: 1 }]));
  const reread = async (id: number) => {
    while (!stop()) {
      try {
        const { data } = await server.execute(AgreementState, { id: globalId('Agreement', id) });
        if (data?.agreement) return void known.set(id, data.agreement);
      } catch {}
      await sleep(100);
    }
  };
  for (let turn = 0; !stop(); turn++) {
    const id = ids[turn % ids.length]!;
    const state = known.get(id)!;
    const to = state.status === 'NEGOTIATING' ? 'STALLED' : 'NEGOTIATING';
    const attempt: Attempt = { id, to };
    attempts.push(attempt);
    try {
      const { data, errors } = await transition(
        server.execute,
        { id: globalId('Agreement', id), to, expectedVersion: state.version, effectiveDate: '2024-06-13' },
        editor,
      );
      const result = data?.transitionAgreement;
      if (result?.__typename === 'AgreementStatusChange') {
        attempt.sequence = result.sequence;
        known.set(id, { status: to, version: state.version + 1 });
      } else {
        attempt.failure =
          result?.code ?? errors?.map((error) => error.extensions?.code ?? error.message).join(',') ?? 'no data';
      }
    } catch (error) {
      attempt.failure = `no answer: ${(error as Error).message}`;
    }
    if (attempt.failure) await reread(id);
    await sleep(5);
  }
}

faultSuite('PostgreSQL stopping and starting under writes and subscriptions', () => {
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

  it('stays up, reports unavailable, recovers, and announces exactly what committed', async () => {
    const server = await startServer({ databaseUrl });
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pool.on('error', () => {}); // its idle clients die with the cluster
    const ids = await insertNegotiating(pool, 12, 'db-restart');
    const start = await maxSequence(pool);
    const editor = await bearer('editor', { expiresIn: '1h' });

    const subscriber = new ResumingSubscriber(() => server.wsUrl, {
      after: String(start),
      document: StatusChangesWithAgreement,
    }).start();
    const attempts: Attempt[] = [];
    let stopped = false;
    const writers = [0, 1, 2].map((w) =>
      writer(
        server,
        editor,
        ids.filter((_, i) => i % 3 === w),
        attempts,
        () => stopped,
      ),
    );
    const succeeded = () => attempts.filter((attempt) => attempt.sequence !== undefined).length;

    await waitFor(() => succeeded() >= 20);
    const outages: Array<{ mode: ShutdownMode; readyWhileDown: number; error: unknown; readyAfterMs: number }> = [];
    for (const mode of ['fast', 'immediate'] as const) {
      await cluster.stop(mode);
      const readyWhileDown = await waitFor(
        async () => {
          const status = await readyStatus(server);
          return status !== 200 ? status : undefined;
        },
        { describe: () => describeServer(server) },
      );
      const { data, errors } = await server.execute(AgreementTotal);
      await sleep(800); // the writers keep hitting the down database
      expect(server.exit, describeServer(server)).toBeNull();

      await cluster.start();
      const restartedAt = performance.now();
      await waitFor(async () => (await readyStatus(server)) === 200, {
        timeoutMs: 20_000,
        describe: () => describeServer(server),
      });
      const readyAfterMs = Math.round(performance.now() - restartedAt);
      const mark = succeeded();
      await waitFor(() => succeeded() >= mark + 10, { timeoutMs: 20_000, describe: () => describeServer(server) });
      outages.push({
        mode,
        readyWhileDown,
        error: { data, errors },
        readyAfterMs,
      });
    }
    stopped = true;
    await Promise.all(writers);

    for (const outage of outages) {
      expect(outage.readyWhileDown).toBe(503);
      expect(outage.error).toMatchObject({ data: null, errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    }
    // Failed writes failed with the retryable code, never masked as internal errors or unanswered.
    const failures = attempts.filter((attempt) => attempt.failure);
    expect(new Set(failures.map((attempt) => attempt.failure))).toEqual(new Set(['SERVICE_UNAVAILABLE']));

    // The log holds every successful mutation, plus changes whose answer was lost at commit time.
    const logged = await statusChangesAfter(pool, start);
    const loggedSequences = new Set(logged.map((row) => row.sequence));
    const answered = attempts.filter((attempt) => attempt.sequence !== undefined);
    for (const attempt of answered) expect(loggedSequences.has(attempt.sequence!)).toBe(true);
    const answeredSequences = new Set(answered.map((attempt) => attempt.sequence));
    const unanswered = logged.filter((row) => !answeredSequences.has(row.sequence));
    for (const row of unanswered) {
      // Such a change must belong to a failed attempt on that agreement, in that direction.
      expect(failures.some((attempt) => attempt.id === row.agreementId && attempt.to === row.to)).toBe(true);
    }

    // Each row changed iff its change is logged, with its timeline event and announcement.
    const states = await agreementStates(pool, ids);
    expect(states.flatMap(inconsistencies)).toEqual([]);

    // The subscriber, whose socket survived both outages, got the log: all of it, once, in order.
    await subscriber.waitForCount(logged.length, 20_000).catch((error: Error) => {
      const missing = logged.filter((row) => !subscriber.received.some((event) => event.sequence === row.sequence));
      throw new Error(`${error.message}\nmissing: ${JSON.stringify(missing)}\n${describeServer(server)}`);
    });
    await sleep(300);
    expect(subscriber.received.map((event) => event.sequence)).toEqual(logged.map((row) => row.sequence));
    expect(subscriber.errors).toEqual([]);
    expect(subscriber.closeCodes).toEqual([]);
    await subscriber.stop();

    console.info(
      `database restarts: ${answered.length} writes answered, ${failures.length} failed, ` +
        `${unanswered.length} committed without an answer; ` +
        outages.map((outage) => `${outage.mode}: ready ${outage.readyAfterMs} ms after PostgreSQL was back`).join(', '),
    );
  }, 90_000);
});
