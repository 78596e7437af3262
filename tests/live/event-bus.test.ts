/**
 * What the bus does with the log beyond delivering to clients: what an observer of it sees, a row
 * that holds no event, and a subscriber that falls behind. Writes go through HTTP; the observer
 * hook and the slow subscriber are in process, as only code in the process can be either.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import type { DeliveredEvent } from '../../src/modules/shared/delivered-event';
import { graphql } from '../gql';
import { bearer, LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { createAgreement, sign } from '../support/factories';
import { subscribeWs, TimelineEventAdded } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';

const QUEUE_LIMIT = 10;

let t: TestApp;
let base: string;
const statements: string[] = [];
beforeAll(async () => {
  t = await startTestApp(
    { ...LIVE_ENV, SUBSCRIBER_QUEUE_LIMIT: String(QUEUE_LIMIT) },
    { onQuery: (statement) => statements.push(statement) },
  );
  base = await t.listen();
});
afterAll(() => t.close());

const AddTimelineEvent = graphql(`
  mutation BusAddTimelineEvent($input: AddTimelineEventInput!) {
    addTimelineEvent(input: $input) {
      __typename
      ... on AddTimelineEventPayload { timelineEvent { id } }
      ... on Error { message }
    }
  }
`);

/** The row id inside a global ID ("TimelineEvent:12" in base64). */
const rowIdOf = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

/** Adds a STATEMENT timeline event (one TIMELINE_EVENT_ADDED in the log); returns its global ID. */
async function addEvent(title: string): Promise<string> {
  const input = { kind: 'STATEMENT' as const, title, occurredOn: '2025-06-01', sources: ['https://example.org/'] };
  const { data, errors } = await t.execute(AddTimelineEvent, { input }, await bearer('editor'));
  const result = data?.addTimelineEvent;
  if (errors || result?.__typename !== 'AddTimelineEventPayload') {
    throw new Error(`addTimelineEvent failed: ${JSON.stringify(errors ?? result)}`);
  }
  return result.timelineEvent.id;
}

/** Records what the bus reports until the test ends (it asks for every event, as live queries do). */
function observeBus() {
  const seen = { dispatched: [] as DeliveredEvent[], catchUpReads: 0, switchedToLog: 0 };
  const stop = t.app.services.events.observe({
    needsEvents: () => true,
    dispatched: (events) => seen.dispatched.push(...events),
    catchUpRead: () => seen.catchUpReads++,
    subscriberSwitchedToLog: () => seen.switchedToLog++,
  });
  onTestFinished(stop);
  return seen;
}

it('hands an observer every event once, in log order, with the rows subscribers receive loaded', async () => {
  const seen = observeBus();
  const agreement = await createAgreement(t.execute, 'LT');
  // Dispatched on its own: read in one batch with the signing, it would carry the row read for that.
  await expect.poll(() => seen.dispatched.some((event) => event.topic === 'AGREEMENT_CREATED')).toBe(true);
  const signed = await sign(t.execute, agreement.id);
  const added = rowIdOf(await addEvent('Observed by the bus'));

  // No client subscribes: the bus reads and reports every event all the same, as the observer asks.
  await expect.poll(() => seen.dispatched.some((event) => event.timelineEventId === added)).toBe(true);
  const sequences = seen.dispatched.map((event) => event.sequence);
  expect(sequences).toEqual([...new Set(sequences)].sort((a, b) => a - b));
  expect(
    seen.dispatched.map((event) => ({
      topic: event.topic,
      agreement: event.agreement && { id: event.agreement.id, status: event.agreement.status },
      timelineEvent: event.timelineEvent && { kind: event.timelineEvent.kind, title: event.timelineEvent.title },
    })),
  ).toEqual([
    {
      topic: 'AGREEMENT_CREATED',
      // An edit is delivered to no subscriber (it re-runs live queries): no row is read for it.
      agreement: undefined,
      timelineEvent: undefined,
    },
    {
      topic: 'AGREEMENT_STATUS_CHANGED',
      agreement: { id: rowIdOf(agreement.id), status: 'SIGNED' },
      timelineEvent: { kind: 'SIGNING', title: expect.stringContaining('Signing: Ukraine') },
    },
    {
      topic: 'TIMELINE_EVENT_ADDED',
      agreement: { id: rowIdOf(agreement.id), status: 'SIGNED' },
      timelineEvent: { kind: 'SIGNING', title: expect.stringContaining('Signing: Ukraine') },
    },
    {
      topic: 'TIMELINE_EVENT_ADDED',
      agreement: undefined,
      timelineEvent: { kind: 'STATEMENT', title: 'Observed by the bus' },
    },
  ]);
  expect(seen.dispatched[1]).toMatchObject({
    sequence: signed.sequence,
    payload: { from: 'NEGOTIATING', to: 'SIGNED' },
  });
});

it('passes over a log row that holds no event of its topic, live and on resume, and delivers what follows', async () => {
  const seen = observeBus();
  const live = subscribeWs(base, TimelineEventAdded, {});
  await untilSubscribers(t.app, 1);
  await addEvent('Before the bad row');
  const before = (await live.feed.next()).timelineEventAdded.cursor;

  // No writer of this service produces such a row: the payload is not a timeline event's.
  const { rows } = await sql<{ sequence: number }>`
    insert into event_log (topic, payload) values ('TIMELINE_EVENT_ADDED', '{"kind": "GOSSIP"}') returning sequence
  `.execute(t.app.database.db);
  const bad = Number(rows[0]!.sequence);
  const after = await addEvent('After the bad row');

  expect((await live.feed.next()).timelineEventAdded.timelineEvent.id).toBe(after);
  expect(await live.feed.rest()).toEqual([]);
  expect(seen.dispatched.map((event) => event.sequence)).not.toContain(bad);

  // Resuming from before it reads the row off the log on the subscriber's own (catch-up) path.
  const resumed = subscribeWs(base, TimelineEventAdded, { after: before });
  expect((await resumed.feed.next()).timelineEventAdded.timelineEvent.id).toBe(after);
  expect(await resumed.feed.rest()).toEqual([]);
  expect(seen.catchUpReads).toBeGreaterThan(0);
  await live.close();
  await resumed.close();
  await untilSubscribers(t.app, 0);
});

it('switches a subscriber that falls behind to reading the log, and it still receives every event in order', async () => {
  const seen = observeBus();
  // Subscribed and never read until the writes are done: a consumer slower than any socket.
  const slow = await t.app.services.subscriptions.subscribe(
    'TIMELINE_EVENT_ADDED',
    { after: null, lastEventId: null },
    () => true,
  );
  onTestFinished(() => void slow.return?.());
  const added: number[] = [];
  for (let i = 0; i <= QUEUE_LIMIT + 1; i++) added.push(rowIdOf(await addEvent(`Unread ${i}`)));

  await expect.poll(() => seen.switchedToLog).toBe(1);
  const received: number[] = [];
  for (const _ of added) {
    const step = await slow.next();
    if (step.done) throw new Error('the subscription ended');
    received.push(step.value.timelineEventId);
  }
  expect(received).toEqual(added);
  expect(seen.catchUpReads).toBeGreaterThan(0);
});

it('reads nothing off the log when nothing here receives events, yet a subscriber that comes later starts after the writes', async () => {
  await untilSubscribers(t.app, 0);
  statements.length = 0;
  const agreement = await createAgreement(t.execute, 'LT');
  const signed = await sign(t.execute, agreement.id);
  // The notification names the sequence: the position moves without a read.
  await expect.poll(() => t.app.services.events.position).toBeGreaterThanOrEqual(signed.sequence);
  expect(statements.filter((statement) => /\bfrom "event_log"/.test(statement))).toEqual([]);

  const live = subscribeWs(base, TimelineEventAdded, {});
  await untilSubscribers(t.app, 1);
  const added = await addEvent('After the unread writes');
  // The signing's own timeline event came before the subscriber: the first it gets is this one.
  expect((await live.feed.next()).timelineEventAdded.timelineEvent.id).toBe(added);
  expect(await live.feed.rest()).toEqual([]);
  expect(statements.filter((statement) => /\bfrom "event_log"/.test(statement)).length).toBeGreaterThan(0);
  await live.close();
  await untilSubscribers(t.app, 0);
});
