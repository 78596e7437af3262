/**
 * Group commit (src/db/group-commit.ts): edits that arrive while one is being committed go to the
 * database together in the next statement, each with its own version check, answer and event;
 * a batch the database refuses is sent again one edit at a time. On PostgreSQL the moments are
 * made exact with row locks held by the test (the embedded database has one connection, so
 * nothing can hold a lock beside the app): an edit parked on a lock keeps its statement in flight
 * while the others queue, which the app's own gauge (`ua_edits_waiting`) shows.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpsApp, startOpsApp } from '../ops/support';
import { bearer, globalId, LIVE_ENV } from '../support/app';
import { backend } from '../support/database';
import { waitFor } from '../support/wait';

const EDIT = `mutation GroupEdit($input: UpdateAgreementInput!) {
  updateAgreement(input: $input) {
    __typename
    ... on AgreementPayload { agreement { id notes version } }
    ... on VersionConflictError { expectedVersion actualVersion }
  }
}`;

interface EditAnswer {
  __typename: string;
  agreement?: { id: string; notes: string | null; version: number };
  expectedVersion?: number;
  actualVersion?: number;
}

let t: OpsApp;
let editor: Record<string, string>;
let admin: pg.Pool | undefined;

beforeAll(async () => {
  t = await startOpsApp(LIVE_ENV);
  editor = await bearer('editor');
  if (t.db.url) admin = new pg.Pool({ connectionString: t.db.url, max: 3 });
});
afterAll(async () => {
  await admin?.end();
  await t?.close();
});

/** Sends an edit of agreement `id`'s notes; resolves to its answer (failing on any GraphQL error). */
async function edit(id: number, expectedVersion: number, notes: string): Promise<EditAnswer> {
  const result = await t.execute(EDIT, { input: { id: globalId('Agreement', id), expectedVersion, notes } }, editor);
  expect(result.errors).toBeUndefined();
  return (result.data as { updateAgreement: EditAnswer }).updateAgreement;
}

const editCounts = async () => {
  const scrape = await t.scrape();
  return { statements: scrape.value('ua_edit_statements_total'), edits: scrape.value('ua_edits_total') };
};

/** The log's events for these agreements, in log order. */
async function eventsOf(ids: readonly number[]) {
  return t.app.database.db
    .selectFrom('eventLog')
    .select(['sequence', 'agreementId', 'createdAt', 'payload'])
    .where('topic', '=', 'AGREEMENT_UPDATED')
    .where('agreementId', 'in', ids)
    .orderBy('sequence')
    .execute();
}

it('edits sent at once each get their own answer: the first per row its write, the rest a version conflict', async () => {
  // However the edits fall into statements (on the embedded database, all that arrive while one
  // commits), each row takes one edit per statement, and a stale edit writes nothing.
  const ids = await insertNegotiatingVia(t, 6);
  const answers = await Promise.all(ids.flatMap((id) => [edit(id, 1, `first ${id}`), edit(id, 1, `second ${id}`)]));
  for (const [index, id] of ids.entries()) {
    const pair = answers.slice(index * 2, index * 2 + 2);
    const written = pair.filter((answer) => answer.__typename === 'AgreementPayload');
    expect(written, `agreement ${id}`).toHaveLength(1);
    expect(written[0]!.agreement).toMatchObject({ id: globalId('Agreement', id), version: 2 });
    expect(pair.find((answer) => answer.__typename === 'VersionConflictError')).toEqual({
      __typename: 'VersionConflictError',
      expectedVersion: 1,
      actualVersion: 2,
    });
  }
  const events = await eventsOf(ids);
  expect(events.map((event) => event.agreementId).sort()).toEqual([...ids].sort());
  for (const event of events) expect(event.payload).toMatchObject({ version: 2 });
});

it('text is stored as a text parameter stores it: a lone surrogate becomes U+FFFD, not a refused batch', async () => {
  const [id] = await insertNegotiatingVia(t, 1);
  const answer = await edit(id!, 1, 'half a pair: \ud800.');
  expect(answer.agreement?.notes).toBe('half a pair: \ufffd.');
});

describe.runIf(backend === 'postgres')('while an edit is being committed (PostgreSQL)', () => {
  /** Waits until one of the app's connections waits on a lock: its statement is in flight. */
  const untilParked = () =>
    waitFor(async () => {
      const { rows } = await admin!.query(
        `select 1 from pg_stat_activity
         where datname = current_database() and application_name = 'ua-agreements' and wait_event_type = 'Lock'`,
      );
      return rows.length > 0;
    });
  const untilWaiting = (count: number) =>
    waitFor(async () => (await t.scrape()).value('ua_edits_waiting') === count, {
      describe: `${count} edits waiting`,
    });

  it('the edits that arrive go together in the next statement, each with its own version check and event', async () => {
    const [blocked, ...rest] = await insertNegotiatingVia(t, 6);
    const locker = await admin!.connect();
    try {
      await locker.query('begin');
      await locker.query('select 1 from agreements where id = $1 for update', [blocked]);
      const before = await editCounts();
      const first = edit(blocked!, 1, 'parked');
      await untilParked();
      // Five rows, one of them edited twice and one at a version it never had.
      const [stale, twice, ...others] = rest as [number, number, ...number[]];
      const queued = [
        edit(stale, 7, 'stale'),
        edit(twice, 1, 'twice: first'),
        edit(twice, 1, 'twice: second'),
        ...others.map((id) => edit(id, 1, `together ${id}`)),
      ];
      await untilWaiting(queued.length);
      await locker.query('rollback');

      expect((await first).agreement?.version).toBe(2);
      const [staleAnswer, twiceFirst, twiceSecond, ...otherAnswers] = await Promise.all(queued);
      expect(staleAnswer).toEqual({ __typename: 'VersionConflictError', expectedVersion: 7, actualVersion: 1 });
      expect(twiceFirst!.agreement).toMatchObject({ notes: 'twice: first', version: 2 });
      expect(twiceSecond).toEqual({ __typename: 'VersionConflictError', expectedVersion: 1, actualVersion: 2 });
      for (const [index, answer] of otherAnswers.entries()) {
        expect(answer.agreement).toMatchObject({ notes: `together ${others[index]}`, version: 2 });
      }

      // Three statements: the parked edit; every row's first edit that waited; the row's second.
      const after = await editCounts();
      expect(after.statements - before.statements).toBe(3);
      expect(after.edits - before.edits).toBe(1 + queued.length);
      // The edits that went together committed together: one transaction (its timestamp), in
      // consecutive sequences, in the order of their rows; the stale one is not in the log.
      const events = await eventsOf([twice, ...others]);
      const together = events.filter((event) => event.payload && (event.payload as { version: number }).version === 2);
      expect(together.map((event) => event.agreementId)).toEqual([twice, ...others].sort((a, b) => a - b));
      expect(new Set(together.map((event) => event.createdAt.getTime())).size).toBe(1);
      expect(together.at(-1)!.sequence - together[0]!.sequence).toBe(together.length - 1);
      expect(await eventsOf([stale])).toEqual([]);
    } finally {
      await locker.query('rollback').catch(() => {});
      locker.release();
    }
  });

  it('a batch the database refuses (here a deadlock) is sent again edit by edit, and every edit is written once', async () => {
    const [first, a, b, c, d] = (await insertNegotiatingVia(t, 5)) as [number, number, number, number, number];
    const locker = await admin!.connect();
    try {
      // The test's transaction never detects the deadlock itself: the app's statement is its victim.
      await locker.query('begin');
      await locker.query(`set local deadlock_timeout = '60s'`);
      await locker.query('select 1 from agreements where id = $1 for update', [c]);
      await locker.query('savepoint parked');
      await locker.query('select 1 from agreements where id = $1 for update', [first]);
      const before = await editCounts();

      const parked = edit(first, 1, 'parked');
      await untilParked();
      const batch = [a, b, c, d].map((id) => edit(id, 1, `batch ${id}`));
      await untilWaiting(4);
      // The parked edit commits; the batch locks a and b (in id order) and waits for c.
      await locker.query('rollback to savepoint parked');
      expect((await parked).agreement?.version).toBe(2);
      await untilParked();
      // Now the test waits for a, which the batch holds: a deadlock, whose victim is the batch.
      await locker.query('select 1 from agreements where id = $1 for update', [a]);
      // Sent again one by one: b and d commit; a and c wait for the test's transaction.
      await locker.query('rollback');
      const answers = await Promise.all(batch);
      for (const [index, answer] of answers.entries()) {
        expect(answer.agreement).toMatchObject({ notes: `batch ${[a, b, c, d][index]}`, version: 2 });
      }
      const after = await editCounts();
      // The parked edit, the refused batch, then each of its four edits alone.
      expect(after.statements - before.statements).toBe(6);
      expect(after.edits - before.edits).toBe(9);
      expect((await eventsOf([a, b, c, d])).map((event) => event.agreementId).sort()).toEqual([a, b, c, d].sort());
    } finally {
      await locker.query('rollback').catch(() => {});
      locker.release();
    }
  });
});

/** Fresh NEGOTIATING agreements at version 1, through the app's own database handle. */
async function insertNegotiatingVia(app: OpsApp, count: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    insert into agreements (partner_code, title, status)
    select (select code from partners order by code limit 1), 'Group commit test', 'NEGOTIATING'
    from generate_series(1, ${count}::integer)
    returning id`.execute(app.app.database.db);
  return rows.map((row) => row.id).sort((a, b) => a - b);
}
