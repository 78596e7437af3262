/**
 * Query.cursor: the event-log position a whole answer reflects. Clients load a snapshot (stats, the
 * signed list, the timeline's size, and the cursor) while signings and timeline additions commit
 * around them, then subscribe after that cursor; folded with its events, each client's snapshot
 * must equal a fresh read at the end: nothing missed at the seam, nothing counted twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../gql';
import type { DashboardSnapshotRaceQuery } from '../gql/graphql';
import { bearer, LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { createAgreement, SIGNED_ON, sign } from '../support/factories';
import { StatusChangesWithAgreement, subscribeWs, TimelineEventAdded } from '../support/subscriptions';
import { waitFor } from '../support/wait';

const Snapshot = graphql(`
  query DashboardSnapshotRace {
    cursor
    stats { byStatus { status count } }
    agreements(first: 100, filter: { status: SIGNED }) { totalCount edges { node { id } } }
    timeline(first: 1) { totalCount }
  }
`);

const AddTimelineEvent = graphql(`
  mutation SnapshotAddTimelineEvent($input: AddTimelineEventInput!) {
    addTimelineEvent(input: $input) { __typename }
  }
`);

interface State {
  byStatus: Record<string, number>;
  signed: Set<string>;
  signedTotal: number;
  timelineTotal: number;
}

const stateOf = (snapshot: DashboardSnapshotRaceQuery): State => ({
  byStatus: Object.fromEntries(snapshot.stats.byStatus.map(({ status, count }) => [status, count])),
  signed: new Set(snapshot.agreements.edges.map((edge) => edge.node.id)),
  signedTotal: snapshot.agreements.totalCount,
  timelineTotal: snapshot.timeline.totalCount,
});

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp(LIVE_ENV);
  base = await t.listen();
});
afterAll(() => t.close());

it('a snapshot and the events after its cursor add up to a fresh read, under 50 concurrent writes', async () => {
  const headers = await bearer('editor');
  const partners = ['FR', 'DE', 'NL', 'PL', 'IT'];
  const agreements = await Promise.all(
    Array.from({ length: 25 }, (_, i) => createAgreement(t.execute, partners[i % partners.length]!, `Race ${i}`)),
  );

  // Five writers, each committing ten changes one after another: signings and timeline additions.
  let committed = 0;
  // Marks the writers pass; a client starts loading the moment its mark is passed, as writes go on
  // (polling for the count could see the fast writers done before it looked).
  const marks: Array<{ at: number; passed: () => void }> = [];
  const passing = (at: number) =>
    new Promise<void>((passed) => (committed >= at ? passed() : marks.push({ at, passed })));
  const signingSequences: number[] = [];
  const writers = Array.from({ length: 5 }, async (_, writer) => {
    for (let step = 0; step < 10; step++) {
      const n = writer * 10 + step;
      if (step % 2 === 0) {
        signingSequences.push((await sign(t.execute, agreements[n / 2]!.id, headers)).sequence);
      } else {
        const { data, errors } = await t.execute(
          AddTimelineEvent,
          {
            input: {
              kind: 'STATEMENT',
              occurredOn: SIGNED_ON,
              title: `Race statement ${n}`,
              partnerCodes: [partners[writer]!],
              sources: ['https://example.org/race'],
            },
          },
          headers,
        );
        expect(errors).toBeUndefined();
        expect(data?.addTimelineEvent.__typename).toBe('AddTimelineEventPayload');
      }
      committed++;
      for (const mark of marks) if (committed >= mark.at) mark.passed();
    }
  });

  // Clients load their snapshot at different points of the run (before, during and after writes).
  const clients = Array.from({ length: 6 }, async (_, i) => {
    await passing(i * 9);
    const { data, errors } = await t.execute(Snapshot);
    expect(errors).toBeUndefined();
    const snapshot = data!;
    const state = stateOf(snapshot);
    const changes = subscribeWs(base, StatusChangesWithAgreement, { after: snapshot.cursor });
    const added = subscribeWs(base, TimelineEventAdded, { after: snapshot.cursor });
    return { cursor: Number(snapshot.cursor), state, changes, added };
  });

  const [loaded] = await Promise.all([Promise.all(clients), Promise.all(writers)]);
  // The race is real: some snapshots were taken while the writes were committing.
  const cursors = loaded.map((client) => client.cursor);
  expect(new Set(cursors).size).toBeGreaterThan(2);
  const fresh = (await t.execute(Snapshot)).data!;
  const expected = stateOf(fresh);
  const lastSigning = Math.max(...signingSequences);
  expect(Number(fresh.cursor)).toBeGreaterThan(lastSigning);

  for (const client of loaded) {
    const { state } = client;
    // Every status change after the cursor, up to the last signing, then nothing else.
    if (client.cursor < lastSigning) {
      await waitFor(() => client.changes.feed.received.at(-1)?.agreementStatusChanged.sequence === lastSigning);
    }
    const timelineAdded = expected.timelineTotal - state.timelineTotal;
    await waitFor(() => client.added.feed.received.length >= timelineAdded, {
      describe: () => `${client.added.feed.received.length} of ${timelineAdded} timeline events after ${client.cursor}`,
    });
    const changes = client.changes.feed.received.map((event) => event.agreementStatusChanged);
    const added = client.added.feed.received.map((event) => event.timelineEventAdded);
    for (const feed of [changes, added]) {
      const sequences = feed.map((event) => event.sequence);
      expect(sequences.every((sequence) => sequence > client.cursor)).toBe(true);
      expect(sequences).toEqual([...new Set(sequences)].sort((a, b) => a - b));
    }
    for (const change of changes) {
      state.byStatus[change.from]! -= 1;
      state.byStatus[change.to]! += 1;
      if (change.to === 'SIGNED') {
        state.signed.add(change.agreement.id);
        state.signedTotal += 1;
      }
    }
    state.timelineTotal += added.length;
    expect(state).toEqual(expected);
  }
});
