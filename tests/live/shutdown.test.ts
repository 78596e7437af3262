import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { AgreementSigned, subscribeSse, subscribeWs } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp(LIVE_ENV);
  base = await t.listen();
});
afterAll(() => t.close());

describe('shutdown', () => {
  it('closes WebSocket clients with 1001, ends SSE streams and completes well within the grace period', async () => {
    const sockets = [subscribeWs(base, AgreementSigned, {}), subscribeWs(base, AgreementSigned, { partnerCode: 'GB' })];
    const sse = subscribeSse(base, AgreementSigned, {});
    await untilSubscribers(t.app, 3);

    const started = performance.now();
    await t.app.stop();
    const took = performance.now() - started;

    for (const socket of sockets) expect(await socket.closed).toMatchObject({ code: 1001 });
    await sse.feed.untilEnded();
    expect(t.app.services.events.subscriberCount).toBe(0);
    // Idle keep-alive sockets are closed as soon as the SSE response ends, not at the grace period.
    expect(took).toBeLessThan(2_000);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });
});
