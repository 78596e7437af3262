/**
 * `query @live`: a first result, then a new one after each committed change that touches what the
 * query read; shared by identical queries and coalesced under bursts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { bearer, LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { createAgreement, sign } from '../support/factories';
import { subscribeSse, subscribeWs } from '../support/subscriptions';
import { waitFor } from '../support/wait';

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
