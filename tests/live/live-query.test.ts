/**
 * `query @live`: a first result, then a new one after each committed change that touches what the
 * query read; shared by identical queries and coalesced under bursts.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { bearer, LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { backend } from '../support/database';
import { createAgreement, sign } from '../support/factories';
import type { Execute } from '../support/http';
import { type ServerProcess, startServer } from '../support/server-process';
import { StatusChanges, subscribeSse, subscribeWs, TimelineEventAdded } from '../support/subscriptions';
import { untilDispatched, untilSubscribers, waitFor } from '../support/wait';

const LiveStats = graphql(`
  query LiveStats @live {
    cursor
    stats { byStatus { status count } }
  }
`);

const LiveAgreement = graphql(`
  query LiveAgreement($id: ID!) @live {
    agreement(id: $id) { id status version }
  }
`);

const LiveAgreementTitle = graphql(`
  query LiveAgreementTitle($id: ID!) @live {
    agreement(id: $id) { id title version }
  }
`);

const LiveAgreementsOf = graphql(`
  query LiveAgreementsOf($partnerCode: [CountryCode!]) @live {
    agreements(first: 100, filter: { partnerCode: $partnerCode }) { totalCount edges { node { id title } } }
  }
`);

const LivePartner = graphql(`
  query LivePartner($code: CountryCode!) @live {
    partner(code: $code) { id name notes }
  }
`);

const LivePartnerTotal = graphql(`
  query LivePartnerTotal @live {
    stats { totals { partners } }
  }
`);

const EditAgreement = graphql(`
  mutation LiveEditAgreement($input: UpdateAgreementInput!) {
    updateAgreement(input: $input) {
      __typename
      ... on AgreementPayload { agreement { id title version } }
      ... on Error { message }
    }
  }
`);

const EditPartner = graphql(`
  mutation LiveEditPartner($input: UpdatePartnerInput!) {
    updatePartner(input: $input) {
      __typename
      ... on PartnerPayload { partner { code notes } }
      ... on Error { message }
    }
  }
`);

const NewPartner = graphql(`
  mutation LiveNewPartner($input: CreatePartnerInput!) {
    createPartner(input: $input) {
      __typename
      ... on PartnerPayload { partner { code } }
      ... on Error { message }
    }
  }
`);

/** Retitles an agreement through updateAgreement (fails loudly otherwise). */
async function retitle(execute: Execute, agreement: { id: string; version: number }, title: string) {
  const input = { id: agreement.id, expectedVersion: agreement.version, title };
  const { data, errors } = await execute(EditAgreement, { input }, await bearer('editor'));
  const result = data?.updateAgreement;
  if (errors || result?.__typename !== 'AgreementPayload') {
    throw new Error(`updateAgreement failed: ${JSON.stringify(errors ?? result)}`);
  }
  return result.agreement;
}

async function editPartnerNotes(execute: Execute, code: string, notes: string) {
  const { data, errors } = await execute(EditPartner, { input: { code, notes } }, await bearer('editor'));
  if (errors || data?.updatePartner.__typename !== 'PartnerPayload') {
    throw new Error(`updatePartner failed: ${JSON.stringify(errors ?? data)}`);
  }
}

const THROTTLE_MS = 1_000;
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp({ ...LIVE_ENV, LIVE_QUERY_THROTTLE_MS: String(THROTTLE_MS) });
  base = await t.listen();
});
afterAll(() => t.close());

const signedIn = (data: { stats: { byStatus: Array<{ status: string; count: number }> } }) =>
  data.stats.byStatus.find((entry) => entry.status === 'SIGNED')!.count;

describe('live queries', () => {
  it('over graphql-ws and SSE: the first result, then one reflecting a signing, with its cursor', async () => {
    const agreement = await createAgreement(t.execute, 'FR');
    // The creation is announced too: let it pass first, so it re-runs nothing opened below.
    await untilDispatched(t.app);
    const ws = subscribeWs(base, LiveStats, {});
    const sse = subscribeSse(base, LiveStats, {});
    const [firstWs, firstSse] = [await ws.feed.next(), await sse.feed.next()];
    expect(firstSse).toEqual(firstWs);

    const signed = await sign(t.execute, agreement.id);
    for (const feed of [ws.feed, sse.feed]) {
      const next = await feed.next();
      expect(signedIn(next)).toBe(signedIn(firstWs) + 1);
      expect(Number(next.cursor)).toBeGreaterThanOrEqual(signed.sequence);
    }
  });

  it('re-runs only the queries a change touches: a signing in Poland leaves a German agreement alone', async () => {
    const [germany, poland] = [await createAgreement(t.execute, 'DE'), await createAgreement(t.execute, 'PL')];
    await untilDispatched(t.app);
    const german = subscribeWs(base, LiveAgreement, { id: germany.id });
    const stats = subscribeWs(base, LiveStats, {});
    expect((await german.feed.next()).agreement).toMatchObject({ id: germany.id, status: 'NEGOTIATING' });
    const before = signedIn(await stats.feed.next());

    await sign(t.execute, poland.id);
    expect(signedIn(await stats.feed.next())).toBe(before + 1);
    await sign(t.execute, germany.id);
    expect((await german.feed.next()).agreement).toMatchObject({ id: germany.id, status: 'SIGNED' });
    // The German query got its first result and the one after its own signing, nothing between.
    expect(german.feed.received).toHaveLength(2);
  });

  it('identical live queries execute once per change, however many clients hold them', async () => {
    const agreement = await createAgreement(t.execute, 'IT');
    await untilDispatched(t.app);
    const clients = Array.from({ length: 10 }, () => subscribeWs(base, LiveStats, {}));
    const first = await Promise.all(clients.map((client) => client.feed.next()));
    const executions = t.app.liveQueries.executions;

    await sign(t.execute, agreement.id);
    const second = await Promise.all(clients.map((client) => client.feed.next()));
    for (const result of second) expect(signedIn(result)).toBe(signedIn(first[0]!) + 1);
    expect(t.app.liveQueries.executions - executions).toBe(1);
  });

  it('a burst of 20 signings within the throttle window runs a live query at most twice', async () => {
    const agreements = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createAgreement(t.execute, 'NL', `Burst ${i}`)),
    );
    await untilDispatched(t.app);
    const live = subscribeWs(base, LiveStats, {});
    const before = signedIn(await live.feed.next());
    const executions = t.app.liveQueries.executions;

    const headers = await bearer('editor');
    const started = performance.now();
    await Promise.all(agreements.map((agreement) => sign(t.execute, agreement.id, headers)));
    const burstMs = performance.now() - started;
    await waitFor(() => live.feed.received.some((result) => signedIn(result) === before + 20));
    const runs = t.app.liveQueries.executions - executions;
    console.info(`burst of 20 signings in ${Math.round(burstMs)} ms: ${runs} execution(s) of the live query`);
    // Each throttle window the burst spans allows one run at its start and one at its end.
    expect(runs).toBeLessThanOrEqual(2 * Math.ceil(burstMs / THROTTLE_MS));
  });
});

describe('edits re-run live queries too', () => {
  it('updateAgreement re-runs a live agreement(id:) and a live agreements list; createAgreement enters the list', async () => {
    const agreement = await createAgreement(t.execute, 'CZ', 'Before the edit');
    await untilDispatched(t.app);
    const one = subscribeWs(base, LiveAgreementTitle, { id: agreement.id });
    const list = subscribeSse(base, LiveAgreementsOf, { partnerCode: ['CZ'] });
    expect((await one.feed.next()).agreement).toMatchObject({ id: agreement.id, title: 'Before the edit' });
    const before = (await list.feed.next()).agreements;

    await retitle(t.execute, agreement, 'After the edit');
    expect((await one.feed.next()).agreement).toEqual({ id: agreement.id, title: 'After the edit', version: 2 });
    const edited = (await list.feed.next()).agreements;
    expect(edited.totalCount).toBe(before.totalCount);
    expect(edited.edges.map((edge) => edge.node)).toContainEqual({ id: agreement.id, title: 'After the edit' });

    const added = await createAgreement(t.execute, 'CZ', 'A new one');
    const entered = (await list.feed.next()).agreements;
    expect(entered.totalCount).toBe(before.totalCount + 1);
    expect(entered.edges.map((edge) => edge.node)).toContainEqual({ id: added.id, title: 'A new one' });
  });

  it("precise: an edit of Poland's agreement leaves a live query of Germany's alone", async () => {
    const [germany, poland] = [await createAgreement(t.execute, 'DE'), await createAgreement(t.execute, 'PL')];
    await untilDispatched(t.app);
    const german = subscribeWs(base, LiveAgreementTitle, { id: germany.id });
    const polish = subscribeWs(base, LiveAgreementTitle, { id: poland.id });
    await german.feed.next();
    await polish.feed.next();

    await retitle(t.execute, poland, 'Polish, edited');
    expect((await polish.feed.next()).agreement?.title).toBe('Polish, edited');
    await retitle(t.execute, germany, 'German, edited');
    expect((await german.feed.next()).agreement?.title).toBe('German, edited');
    // Its first result and the one after its own edit, nothing between.
    expect(german.feed.received).toHaveLength(2);
  });

  it('partner edits re-run a live partner(code:), and a new partner the stats', async () => {
    const partner = subscribeWs(base, LivePartner, { code: 'SE' });
    const totals = subscribeWs(base, LivePartnerTotal, {});
    await partner.feed.next();
    const before = (await totals.feed.next()).stats.totals.partners;

    const input = { code: 'XK', kind: 'STATE' as const, name: 'Kosovo (live test)' };
    const { data } = await t.execute(NewPartner, { input }, await bearer('editor'));
    expect(data?.createPartner.__typename).toBe('PartnerPayload');
    expect((await totals.feed.next()).stats.totals.partners).toBe(before + 1);
    await editPartnerNotes(t.execute, 'SE', 'Edited while a live query watched');
    expect((await partner.feed.next()).partner?.notes).toBe('Edited while a live query watched');
    // Sweden's query read Sweden only: the new partner did not re-run it.
    expect(partner.feed.received).toHaveLength(2);
  });

  it('subscriptions, which select by topic, hear nothing of edits', async () => {
    const changes = subscribeWs(base, StatusChanges, {});
    const added = subscribeWs(base, TimelineEventAdded, {});
    await untilSubscribers(t.app, 2);

    const agreement = await createAgreement(t.execute, 'FI');
    const edited = await retitle(t.execute, agreement, 'Edited, unannounced to subscribers');
    await editPartnerNotes(t.execute, 'FI', 'Edited, unannounced to subscribers');
    const signed = await sign(t.execute, agreement.id, undefined, edited.version);
    expect((await changes.feed.next()).agreementStatusChanged.sequence).toBe(signed.sequence);
    expect((await added.feed.next()).timelineEventAdded.timelineEvent.kind).toBe('SIGNING');
    expect(await changes.feed.rest()).toEqual([]);
    expect(await added.feed.rest(0)).toEqual([]);
  });
});

describe.skipIf(backend !== 'postgres')(
  'live queries and the log on PostgreSQL (PGlite lives inside one process and notifies in process)',
  () => {
    let b: ServerProcess;
    beforeAll(async () => {
      b = await startServer({ databaseUrl: t.db.url!, env: { MIGRATE_ON_START: 'false', SEED_ON_START: 'false' } });
    }, 120_000);
    afterAll(() => b?.stop());

    it('cross-instance: a signing and an edit through instance B re-run a live query held on instance A', async () => {
      const agreement = await createAgreement(b.execute, 'BE');
      await untilDispatched(t.app);
      const stats = subscribeWs(base, LiveStats, {});
      const one = subscribeSse(base, LiveAgreementTitle, { id: agreement.id });
      const before = signedIn(await stats.feed.next());
      await one.feed.next();

      const edited = await retitle(b.execute, agreement, 'Edited on B');
      expect((await one.feed.next(10_000)).agreement?.title).toBe('Edited on B');
      const signed = await sign(b.execute, agreement.id, undefined, edited.version);
      const after = await stats.feed.next(10_000);
      expect(signedIn(after)).toBe(before + 1);
      expect(Number(after.cursor)).toBeGreaterThanOrEqual(signed.sequence);
    });

    it('resume: a signing committed while the listener connection is down still re-runs the live query', async () => {
      const agreement = await createAgreement(t.execute, 'ES');
      await untilDispatched(t.app);
      const stats = subscribeWs(base, LiveStats, {});
      const before = signedIn(await stats.feed.next());

      // A's listener only (its name carries this process's pid): B's goes on hearing everything.
      const { rows } = await sql<{ terminated: boolean }>`
        select pg_terminate_backend(pid) as terminated from pg_stat_activity
        where application_name = ${`ua-agreements:listener:${process.pid}`} and datname = current_database()
      `.execute(t.app.database.db);
      expect(rows).toEqual([{ terminated: true }]);
      // Sign while A knows it is deaf (it reconnects after a 50 ms backoff): its NOTIFY goes to
      // nobody, and only the read after reconnecting can re-run the query.
      await expect.poll(() => t.app.services.events.listening, { interval: 1, timeout: 2_000 }).toBe(false);
      const signed = await sign(t.execute, agreement.id);
      const after = await stats.feed.next(10_000);
      expect(signedIn(after)).toBe(before + 1);
      expect(Number(after.cursor)).toBeGreaterThanOrEqual(signed.sequence);
      await waitFor(() => t.app.services.events.listening);
    });
  },
);
