/**
 * A standard EventSource (the `eventsource` package, the WHATWG API on Node) on a subscription:
 * events arrive as `event: next` (so `addEventListener('next')`, never `onmessage`), each with an
 * `id:` when `cursor` is selected, and after a cut connection it reconnects by itself with
 * Last-Event-ID: every event missed meanwhile arrives once, in order, even though its URL still
 * carries the older `after` it started with.
 */
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { createAgreement, sign } from '../support/factories';
import { TcpProxy } from '../support/tcp-proxy';
import { untilSubscribers, waitFor } from '../support/wait';
import { acrossACut, CUT_TITLES } from './support';

let t: TestApp;
let proxy: TcpProxy;
beforeAll(async () => {
  t = await startTestApp();
  const url = new URL(await t.listen());
  proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(url.port) });
});
afterAll(async () => {
  await proxy?.close();
  await t?.close();
});

const signTitled = async (title: string) => sign(t.execute, (await createAgreement(t.execute, 'NL', title)).id);

describe('EventSource', () => {
  it('resumes after a cut connection with Last-Event-ID: every missed event once, in order', async () => {
    const after = String(t.app.services.events.position);
    const query = 'subscription($after: String) { agreementSigned(after: $after) { cursor agreement { title } } }';
    const search = new URLSearchParams({ query, variables: JSON.stringify({ after }) });
    const source = new EventSource(`http://127.0.0.1:${proxy.port}/graphql?${search}`);
    const received: Array<{ id: string; title: string; cursor: string }> = [];
    let messages = 0;
    source.onmessage = () => messages++;
    source.addEventListener('next', (event) => {
      const { data } = JSON.parse(event.data);
      received.push({
        id: event.lastEventId,
        title: data.agreementSigned.agreement.title,
        cursor: data.agreementSigned.cursor,
      });
    });
    try {
      await acrossACut(t, proxy, () => received);
      expect(received.map(({ title }) => title)).toEqual(CUT_TITLES);
      for (const event of received) expect(event.id).toBe(event.cursor);
      expect(messages).toBe(0); // `event: next`: onmessage never fires
    } finally {
      source.close();
      // Gone from the server before the next test counts its own subscriber.
      await untilSubscribers(t.app, 0);
    }
  });

  it('an event carries no id when the subscription does not select `cursor`', async () => {
    const query = 'subscription { agreementSigned { agreement { title } } }';
    const source = new EventSource(`http://127.0.0.1:${proxy.port}/graphql?${new URLSearchParams({ query })}`);
    const ids: string[] = [];
    source.addEventListener('next', (event) => ids.push(event.lastEventId));
    try {
      await untilSubscribers(t.app, 1);
      await signTitled('no cursor');
      await waitFor(() => ids.length === 1);
      expect(ids).toEqual(['']);
    } finally {
      source.close();
      // Gone from the server before the next test counts its own subscriber.
      await untilSubscribers(t.app, 0);
    }
  });
});
