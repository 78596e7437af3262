import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { createAgreement, SIGNED_ON, sign, transition } from '../support/factories';
import { AgreementSigned, AgreementStatusChanged, subscribeSse, subscribeWs } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp(LIVE_ENV);
  base = await t.listen();
});
afterAll(() => t.close());

describe('delivery of a signing', () => {
  it('reaches a graphql-ws client and an SSE client exactly once, with the committed payload', async () => {
    const agreement = await createAgreement(t.execute, 'FR');
    const ws = subscribeWs(base, AgreementSigned, {});
    const sse = subscribeSse(base, AgreementSigned, {});
    await untilSubscribers(t.app, 2);

    const signed = await sign(t.execute, agreement.id);
    const expected = {
      cursor: String(signed.sequence),
      sequence: signed.sequence,
      from: 'NEGOTIATING',
      to: 'SIGNED',
      effectiveDate: SIGNED_ON,
      agreement: { id: agreement.id, status: 'SIGNED', signedOn: SIGNED_ON, version: 2 },
    };
    expect(signed).toMatchObject(expected);
    for (const feed of [ws.feed, sse.feed]) {
      expect(await feed.next()).toEqual({
        agreementSigned: { ...expected, version: 2, occurredAt: expect.any(String) },
      });
      expect(await feed.rest()).toEqual([]);
    }
    // The SSE event carries its cursor as the event id, for EventSource's automatic resume.
    expect(sse.lastEventId()).toBe(signed.cursor);

    await ws.close();
    sse.close();
    await untilSubscribers(t.app, 0);
  });

  it('honours filters: other partners and NEGOTIATING → STALLED stay out of agreementSigned', async () => {
    const german = await createAgreement(t.execute, 'DE');
    const germanStalled = await createAgreement(t.execute, 'DE');
    const polish = await createAgreement(t.execute, 'PL');
    const wsSigned = subscribeWs(base, AgreementSigned, { partnerCode: 'DE' });
    const sseSigned = subscribeSse(base, AgreementSigned, { partnerCode: 'DE' });
    const stalls = subscribeWs(base, AgreementStatusChanged, { filter: { partnerCode: ['DE'], to: ['STALLED'] } });
    await untilSubscribers(t.app, 3);

    const stalled = await transition(t.execute, { id: germanStalled.id, to: 'STALLED', expectedVersion: 1 });
    expect(stalled.data?.transitionAgreement.__typename).toBe('AgreementStatusChange');
    await sign(t.execute, polish.id);
    const signed = await sign(t.execute, german.id);

    // Events arrive in log order, so the German signing coming first proves the two before it
    // (a stall, and another partner's signing) were filtered out.
    for (const feed of [wsSigned.feed, sseSigned.feed]) {
      const event = await feed.next();
      expect(event.agreementSigned).toMatchObject({ sequence: signed.sequence, agreement: { id: german.id } });
      expect(await feed.rest()).toEqual([]);
    }
    const stall = await stalls.feed.next();
    expect(stall.agreementStatusChanged).toMatchObject({
      from: 'NEGOTIATING',
      to: 'STALLED',
      agreement: { id: germanStalled.id, status: 'STALLED', signedOn: null, version: 2 },
    });
    expect(await stalls.feed.rest()).toEqual([]);

    await Promise.all([wsSigned.close(), stalls.close()]);
    sseSigned.close();
    await untilSubscribers(t.app, 0);
  });
});
