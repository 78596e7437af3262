/**
 * Reads the server runs on its own schedule, a subscription's event and a live query's run after a
 * change, are read again when the database fails them for a moment, instead of delivering
 * SERVICE_UNAVAILABLE to a client that cannot ask again. Here the moment is made exact: a lock held
 * by the test parks the read on the partners table, and the test terminates the backend running it
 * (as a restart, a failover or a cut connection would): the read fails with 57P01, and the client
 * must still get its data, without an error, once the lock is gone. PostgreSQL only (the embedded
 * database has no backends to terminate).
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, globalId, LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { backend } from '../support/database';
import { sign } from '../support/factories';
import { subscribeWs } from '../support/subscriptions';
import { waitFor } from '../support/wait';

const document = <Data>(source: string) => parse(source) as unknown as TypedDocumentNode<Data, Record<string, unknown>>;

describe.runIf(backend === 'postgres')('a read the database fails for a moment', () => {
  let t: TestApp;
  let base: string;
  let admin: pg.Client;
  let watcher: pg.Client;
  let editor: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(LIVE_ENV);
    base = await t.listen();
    admin = new pg.Client({ connectionString: t.db.url });
    watcher = new pg.Client({ connectionString: t.db.url });
    await Promise.all([admin.connect(), watcher.connect()]);
    editor = await bearer('editor');
  });
  afterAll(async () => {
    await Promise.all([admin?.end(), watcher?.end()]);
    await t?.close();
  });

  /** Holds partners locked until the app's read waits on it, terminates that read's backend, and lets go. */
  async function failTheParkedRead(): Promise<void> {
    // From another connection: inside the locking transaction, pg_stat_activity is read once and kept.
    const { rows } = await waitFor(async () => {
      const found = await watcher.query<{ pid: number }>(
        `select pid from pg_stat_activity
         where datname = current_database() and application_name = 'ua-agreements' and wait_event_type = 'Lock'`,
      );
      return found.rows.length ? found : undefined;
    });
    for (const { pid } of rows) await watcher.query('select pg_terminate_backend($1)', [pid]);
    await admin.query('rollback');
  }

  const lockPartners = async () => {
    await admin.query('begin');
    await admin.query('lock table partners in access exclusive mode');
  };

  it('a subscription replaying an event gets it, with the partner it reads, not an error', async () => {
    const { rows } = await admin.query<{ max: string | null }>('select max(sequence) as max from event_log');
    const before = String(rows[0]?.max ?? 0);
    const id = await negotiatingAgreement();
    await sign(t.execute, globalId('Agreement', id), editor);

    await lockPartners();
    const subscription = subscribeWs(
      base,
      document<{ agreementSigned: { agreement: { id: string; partner: { name: string } } } }>(
        'subscription ($after: String) { agreementSigned(after: $after) { agreement { id partner { name } } } }',
      ),
      { after: before },
    );
    await failTheParkedRead();
    // Feed.next fails on a result with errors: SERVICE_UNAVAILABLE would fail here.
    const event = await subscription.feed.next(15_000);
    expect(event.agreementSigned.agreement.id).toBe(globalId('Agreement', id));
    expect(event.agreementSigned.agreement.partner.name).toEqual(expect.any(String));
  });

  it('a live query run after a change gets the change, not an error', async () => {
    const id = await negotiatingAgreement();
    const live = subscribeWs(
      base,
      document<{ partner: { name: string }; agreement: { notes: string | null } }>(
        `query ($id: ID!) @live { partner(code: "GB") { name } agreement(id: $id) { notes } }`,
      ),
      { id: globalId('Agreement', id) },
    );
    expect((await live.feed.next(10_000)).agreement.notes).toBeNull();

    await lockPartners();
    const edited = await t.execute(
      `mutation ($id: ID!) { updateAgreement(input: { id: $id, expectedVersion: 1, notes: "read again" }) {
        __typename } }`,
      { id: globalId('Agreement', id) },
      editor,
    );
    expect(edited.data?.updateAgreement.__typename).toBe('AgreementPayload');
    await failTheParkedRead();
    const next = await live.feed.next(15_000);
    expect(next).toEqual({ partner: { name: 'United Kingdom' }, agreement: { notes: 'read again' } });
  });

  /** A new agreement of the United Kingdom's in NEGOTIATING, at version 1: this test's alone. */
  async function negotiatingAgreement(): Promise<number> {
    const { rows } = await admin.query<{ id: number }>(
      `insert into agreements (partner_code, title, status) values ('GB', 'Retry test ' || clock_timestamp(), 'NEGOTIATING')
       returning id`,
    );
    return rows[0]!.id;
  }
});
