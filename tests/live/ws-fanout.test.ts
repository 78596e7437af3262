/**
 * What the WebSocket fan-out (src/server/ws-fanout.ts) must keep while it writes live events to
 * sockets itself: each operation its own result and id, every event exactly once and in order
 * across the switches between replaying or reading the log and the live path, a socket that stops
 * reading handed back to the log instead of buffering without bound, `complete` stopping delivery,
 * and errors sent as the per-subscriber path sends them. Through real WebSockets; the bus observer
 * only watches (it tells when the server switched a subscriber to the log).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { bearer, LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { createAgreement, sign } from '../support/factories';
import { RawSocket } from '../support/raw-socket';
import { sseFrames } from '../support/subscriptions';
import { untilSubscribers, waitFor } from '../support/wait';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp({
    ...LIVE_ENV,
    // A socket with anything waiting to be sent gets no live event written at once, and a
    // subscriber reading the log holds at most this many events: the slow consumer below.
    WS_SEND_BUFFER_BYTES: '0',
    SUBSCRIBER_QUEUE_LIMIT: '10',
  });
  base = await t.listen();
});
afterAll(() => t.close());

const SIGNED = `subscription FanoutSigned($partnerCode: CountryCode, $after: String) {
  agreementSigned(partnerCode: $partnerCode, after: $after) { cursor sequence agreement { id status } }
}`;
const CHANGES = `subscription FanoutChanges($after: String) {
  agreementStatusChanged(after: $after) { cursor sequence from to occurredAt agreement { id title } }
}`;

/** A graphql-ws socket, acknowledged, closed when the test ends. */
async function socket(connectionParams?: Record<string, unknown>): Promise<RawSocket> {
  const raw = await RawSocket.open(base);
  onTestFinished(() => raw.close());
  await raw.init(connectionParams);
  return raw;
}

/** The `next` messages of operation `id` so far, in arrival order. */
const nextsOf = (raw: RawSocket, id: string) =>
  raw.messages.filter((message) => message.type === 'next' && message.id === id);

/** Waits until operation `id` has had `count` `next` messages. */
async function untilNexts(raw: RawSocket, id: string, count: number, timeoutMs = 10_000) {
  await waitFor(() => nextsOf(raw, id).length >= count, {
    timeoutMs,
    describe: () => `${id}: ${nextsOf(raw, id).length} of ${count} results; ${JSON.stringify(raw.messages.slice(-3))}`,
  });
  return nextsOf(raw, id);
}

const sequencesOf = (nexts: Array<Record<string, any>>, field = 'agreementSigned') =>
  nexts.map((message) => message.payload.data?.[field]?.sequence);

async function signAll(partnerCode: string, count: number): Promise<number[]> {
  const agreements = [];
  for (let i = 0; i < count; i++) agreements.push(await createAgreement(t.execute, partnerCode, `Fan-out ${i}`));
  const sequences = [];
  for (const agreement of agreements) sequences.push((await sign(t.execute, agreement.id)).sequence);
  return sequences;
}

describe('the WebSocket fan-out', () => {
  it('gives each operation its own result and id: same document, other variables or roles', async () => {
    const anonymous = await socket();
    const editor = await socket(await bearer('editor'));
    anonymous.subscribe('no', SIGNED, { partnerCode: 'NO' });
    anonymous.subscribe('se', SIGNED, { partnerCode: 'SE' });
    anonymous.subscribe('all', SIGNED, {});
    editor.subscribe('all', SIGNED, {});
    editor.subscribe('no', SIGNED, { partnerCode: 'NO' });
    await untilSubscribers(t.app, 5);

    const [norway] = await signAll('NO', 1);
    const [sweden] = await signAll('SE', 1);
    expect(sequencesOf(await untilNexts(anonymous, 'all', 2))).toEqual([norway, sweden]);
    expect(sequencesOf(await untilNexts(editor, 'all', 2))).toEqual([norway, sweden]);
    expect(sequencesOf(await untilNexts(anonymous, 'no', 1))).toEqual([norway]);
    expect(sequencesOf(await untilNexts(editor, 'no', 1))).toEqual([norway]);
    expect(sequencesOf(await untilNexts(anonymous, 'se', 1))).toEqual([sweden]);
    // Every first result acknowledges where it went live; later ones do not repeat it.
    for (const [raw, id] of [
      [anonymous, 'all'],
      [editor, 'all'],
      [anonymous, 'no'],
    ] as const) {
      const [first, second] = nextsOf(raw, id);
      expect(first!.payload.extensions).toEqual({ resumedAfter: expect.stringMatching(/^\d+$/) });
      expect(Number(first!.payload.extensions.resumedAfter)).toBeLessThan(norway!);
      expect(second?.payload.extensions).toBeUndefined();
    }
    const second = await signAll('NO', 1);
    await untilNexts(anonymous, 'no', 2);
    expect(sequencesOf(nextsOf(anonymous, 'no'))).toEqual([norway, ...second]);
    expect(nextsOf(anonymous, 'se')).toHaveLength(1);
  });

  it('resuming with `after` while events commit: each event once, in order, across the switch to live', async () => {
    const agreements = [];
    for (let i = 0; i < 24; i++) agreements.push(await createAgreement(t.execute, 'IS', `Resume ${i}`));
    const signed: number[] = [];
    for (const agreement of agreements.slice(0, 6)) signed.push((await sign(t.execute, agreement.id)).sequence);

    // Three resumers from different cursors and one live subscriber on one socket, while 18 more
    // signings commit: some before the subscriptions register, some during their replays.
    const raw = await socket();
    const from = [0, 2, 4];
    for (const index of from)
      raw.subscribe(`after-${index}`, SIGNED, { partnerCode: 'IS', after: String(signed[index]) });
    for (const agreement of agreements.slice(6, 12)) signed.push((await sign(t.execute, agreement.id)).sequence);
    raw.subscribe('live', SIGNED, { partnerCode: 'IS' });
    await untilSubscribers(t.app, 4);
    const live = signed.length;
    for (const agreement of agreements.slice(12)) signed.push((await sign(t.execute, agreement.id)).sequence);

    for (const index of from) {
      const expected = signed.slice(index + 1);
      const nexts = await untilNexts(raw, `after-${index}`, expected.length);
      expect(sequencesOf(nexts)).toEqual(expected);
      expect(nexts[0]!.payload.extensions).toEqual({ resumedAfter: String(signed[index]) });
    }
    // Live from the bus's position when it subscribed (which the bus may not yet have dispatched
    // the last signings up to): its first result says which.
    const wentLive = Number((await untilNexts(raw, 'live', 1))[0]!.payload.extensions.resumedAfter);
    expect(wentLive).toBeLessThan(signed[live]!);
    const expectedLive = signed.filter((sequence) => sequence > wentLive);
    expect(sequencesOf(await untilNexts(raw, 'live', expectedLive.length))).toEqual(expectedLive);
    const more = await signAll('IS', 1);
    expect(sequencesOf(await untilNexts(raw, 'live', expectedLive.length + 1))).toEqual([...expectedLive, ...more]);
    for (const index of from) {
      expect(sequencesOf(await untilNexts(raw, `after-${index}`, signed.length - index))).toEqual([
        ...signed.slice(index + 1),
        ...more,
      ]);
    }
  });

  it('hands a socket that stops reading back to the log, and it catches up with nothing lost or doubled', async () => {
    const switched = { count: 0 };
    onTestFinished(t.app.services.events.observe({ subscriberSwitchedToLog: () => switched.count++ }));
    // Large results (the agreement's 500-character title, thirty times) on twenty operations, so
    // a few events fill the socket's buffers once the client stops reading.
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: agreement { id title }`).join(' ');
    const big = `subscription FanoutBig { agreementSigned(partnerCode: "LV") { sequence ${aliases} } }`;
    const slow = await socket();
    const ids = Array.from({ length: 20 }, (_, i) => `big-${i}`);
    for (const id of ids) slow.subscribe(id, big);
    const steady = await socket();
    steady.subscribe('steady', SIGNED, { partnerCode: 'LV' });
    await untilSubscribers(t.app, ids.length + 1);

    const title = 'T'.repeat(500);
    slow.ws.pause();
    const signed: number[] = [];
    // Until the server switches the slow socket's subscribers to the log (bounded, in case it never does).
    while (switched.count === 0 && signed.length < 150) {
      const agreement = await createAgreement(t.execute, 'LV', title);
      signed.push((await sign(t.execute, agreement.id)).sequence);
    }
    expect(switched.count).toBeGreaterThan(0);
    // More events while it is on the log: they wait in the log, not in the server's memory.
    signed.push(...(await signAll('LV', 3)));
    expect(sequencesOf(await untilNexts(steady, 'steady', signed.length))).toEqual(signed);

    slow.ws.resume();
    for (const id of ids) expect(sequencesOf(await untilNexts(slow, id, signed.length, 30_000))).toEqual(signed);
    // Live again: the next event arrives once on every operation.
    signed.push(...(await signAll('LV', 1)));
    for (const id of ids) expect(sequencesOf(await untilNexts(slow, id, signed.length))).toEqual(signed);
    expect(slow.messages.filter((message) => message.type !== 'next' && message.type !== 'connection_ack')).toEqual([]);
  });

  it('stops an operation at `complete` and the others on the socket go on', async () => {
    const raw = await socket();
    raw.subscribe('stays', SIGNED, { partnerCode: 'EE' });
    raw.subscribe('goes', SIGNED, { partnerCode: 'EE' });
    await untilSubscribers(t.app, 2);
    const first = await signAll('EE', 1);
    await untilNexts(raw, 'goes', 1);
    raw.send({ id: 'goes', type: 'complete' });
    await untilSubscribers(t.app, 1);
    const later = await signAll('EE', 2);
    expect(sequencesOf(await untilNexts(raw, 'stays', 3))).toEqual([...first, ...later]);
    expect(sequencesOf(nextsOf(raw, 'goes'))).toEqual(first);
    // The id is free again: subscribing with it starts a new operation.
    raw.subscribe('goes', SIGNED, { partnerCode: 'EE' });
    await untilSubscribers(t.app, 2);
    const again = await signAll('EE', 1);
    expect(sequencesOf(await untilNexts(raw, 'goes', 2))).toEqual([...first, ...again]);
  });

  it('sends errors in a shared result as the per-subscriber path does', async () => {
    const live = await socket();
    live.subscribe('live', CHANGES, {});
    live.subscribe('live-too', CHANGES, {});
    await untilSubscribers(t.app, 2);
    const [before] = await signAll('LT', 1);
    await untilNexts(live, 'live', 1);

    // A copy of that change committed at no real instant: no writer of this service makes one, and
    // `occurredAt` fails to serialise with a plain (not a GraphQL) error, which the client sees masked.
    const { rows } = await sql<{ sequence: number }>`
      insert into event_log (topic, agreement_id, timeline_event_id, payload, created_at)
      select topic, agreement_id, timeline_event_id, payload, 'infinity' from event_log where sequence = ${before}
      returning sequence
    `.execute(t.app.database.db);
    const broken = Number(rows[0]!.sequence);
    const after = await signAll('LT', 1);

    const [, brokenLive, afterLive] = await untilNexts(live, 'live', 3);
    expect(brokenLive!.payload).toEqual({
      data: null,
      errors: [
        {
          message: 'Unexpected error.',
          locations: [expect.any(Object)],
          path: ['agreementStatusChanged', 'occurredAt'],
          // As over HTTP: yoga's internal `unexpected` marker is not sent.
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    expect(afterLive!.payload.data.agreementStatusChanged.sequence).toBe(after[0]);
    expect(broken).toBeGreaterThan(before!);
    expect((await untilNexts(live, 'live-too', 3))[1]!.payload).toEqual(brokenLive!.payload);

    // The same event replayed from the log goes through graphql-ws and the yoga plugins per subscriber.
    const replay = await socket();
    replay.subscribe('replay', CHANGES, { after: String(before) });
    const [brokenReplayed] = await untilNexts(replay, 'replay', 2);
    const { extensions: _acknowledgement, ...replayed } = brokenReplayed!.payload;
    expect(brokenLive!.payload).toEqual(replayed);
    expect(JSON.stringify(brokenLive!.payload.errors)).not.toMatch(/"http"|stack/);

    // Over SSE the same: the subscription's own hooks mask it (yoga's masking never wraps a subscription).
    const abort = new AbortController();
    onTestFinished(() => abort.abort());
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: CHANGES, variables: { after: String(before) } }),
      signal: abort.signal,
    });
    let brokenOverSse: Record<string, any> | undefined;
    for await (const frame of sseFrames(response.body!)) {
      if (frame.event !== 'next' || frame.data === undefined) continue;
      brokenOverSse = JSON.parse(frame.data);
      break;
    }
    const { extensions: _sseAcknowledgement, ...overSse } = brokenOverSse!;
    expect(overSse).toEqual(brokenLive!.payload);
  });
});
