import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { createAgreement, sign } from '../support/factories';
import { AgreementSigned, subscribeSse, subscribeWs } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp(LIVE_ENV);
  base = await t.listen();
});
afterAll(() => t.close());

async function agreementsOf(partnerCode: string, count: number) {
  const created = [];
  for (let i = 0; i < count; i++)
    created.push(await createAgreement(t.execute, partnerCode, `Resume ${partnerCode} ${i}`));
  return created;
}

describe('resuming a subscription', () => {
  it('graphql-ws with `after`: what was missed arrives once, in order, then live continues', async () => {
    const [first, second, third, fourth] = await agreementsOf('CA', 4);
    const before = subscribeWs(base, AgreementSigned, { partnerCode: 'CA' });
    await untilSubscribers(t.app, 1);
    await sign(t.execute, first!.id);
    const seen = (await before.feed.next()).agreementSigned;
    expect(seen.agreement.id).toBe(first!.id);
    await before.close();
    await untilSubscribers(t.app, 0);

    const missed = [await sign(t.execute, second!.id), await sign(t.execute, third!.id)];
    const resumed = subscribeWs(base, AgreementSigned, { partnerCode: 'CA', after: seen.cursor });
    const replayed = (await resumed.feed.take(2)).map((event) => event.agreementSigned);
    expect(replayed.map((event) => [event.sequence, event.agreement.id])).toEqual(
      missed.map((signed) => [signed.sequence, signed.agreement.id]),
    );

    const live = await sign(t.execute, fourth!.id);
    expect((await resumed.feed.next()).agreementSigned).toMatchObject({
      sequence: live.sequence,
      agreement: { id: fourth!.id },
    });
    expect(await resumed.feed.rest()).toEqual([]);
    await resumed.close();
    await untilSubscribers(t.app, 0);
  });

  it('SSE with Last-Event-ID: resumes after that event the same way', async () => {
    const [first, second, third, fourth] = await agreementsOf('JP', 4);
    const before = subscribeSse(base, AgreementSigned, { partnerCode: 'JP' });
    await untilSubscribers(t.app, 1);
    await sign(t.execute, first!.id);
    const seen = (await before.feed.next()).agreementSigned;
    before.close();
    await untilSubscribers(t.app, 0);

    const missed = [await sign(t.execute, second!.id), await sign(t.execute, third!.id)];
    // What an EventSource sends on reconnecting; the cursor is the event's sequence.
    const resumed = subscribeSse(
      base,
      AgreementSigned,
      { partnerCode: 'JP' },
      { 'last-event-id': String(seen.sequence) },
    );
    const replayed = (await resumed.feed.take(2)).map((event) => event.agreementSigned);
    expect(replayed.map((event) => event.sequence)).toEqual(missed.map((signed) => signed.sequence));

    const live = await sign(t.execute, fourth!.id);
    expect((await resumed.feed.next()).agreementSigned).toMatchObject({
      sequence: live.sequence,
      agreement: { id: fourth!.id },
    });
    expect(await resumed.feed.rest()).toEqual([]);
    resumed.close();
    await untilSubscribers(t.app, 0);
  });

  it('SSE reconnecting with the same `after` plus Last-Event-ID resumes after the later of the two', async () => {
    // An EventSource repeats its original request on reconnect, `after` included, and adds the
    // id of the last event it saw: that id, not the stale `after`, says where to go on.
    const [first, second, third] = await agreementsOf('FI', 3);
    const start = await sign(t.execute, first!.id);
    const variables = { partnerCode: 'FI', after: String(start.sequence - 1) };
    const before = subscribeSse(base, AgreementSigned, variables);
    const seen = (await before.feed.next()).agreementSigned;
    expect(seen.sequence).toBe(start.sequence);
    before.close();
    await untilSubscribers(t.app, 0);

    const missed = [await sign(t.execute, second!.id), await sign(t.execute, third!.id)];
    const resumed = subscribeSse(base, AgreementSigned, variables, { 'last-event-id': seen.cursor });
    const replayed = (await resumed.feed.take(2)).map((event) => event.agreementSigned.sequence);
    expect(replayed).toEqual(missed.map((signed) => signed.sequence));
    expect(await resumed.feed.rest()).toEqual([]);
    resumed.close();
    await untilSubscribers(t.app, 0);
  });

  it('has no gap and no duplicate at the seam when events keep committing during the replay', async () => {
    const agreements = await agreementsOf('DK', 30);
    const signed: number[] = [];
    for (const agreement of agreements.slice(0, 10)) signed.push((await sign(t.execute, agreement.id)).sequence);

    // Resume from the third signing while twenty more are signed: ten race the subscription's
    // start, ten commit while it is registered and (likely) still replaying.
    const resumed = subscribeWs(base, AgreementSigned, { partnerCode: 'DK', after: String(signed[2]) });
    const writer = (async () => {
      for (const agreement of agreements.slice(10, 20)) signed.push((await sign(t.execute, agreement.id)).sequence);
      await untilSubscribers(t.app, 1);
      for (const agreement of agreements.slice(20)) signed.push((await sign(t.execute, agreement.id)).sequence);
    })();
    await writer;
    const received = (await resumed.feed.take(27)).map((event) => event.agreementSigned.sequence);
    expect(received).toEqual(signed.slice(3));
    expect(await resumed.feed.rest()).toEqual([]);
    await resumed.close();
  });

  it('refuses a cursor past the end of the log instead of silently skipping to it', async () => {
    const ahead = subscribeWs(base, AgreementSigned, { partnerCode: 'DK', after: '999999999' });
    await expect(ahead.feed.next()).rejects.toThrow(/after: is ahead of the event log/);
    await ahead.close();
    await untilSubscribers(t.app, 0);
  });
});
