/**
 * Per-client limits, with small numbers: 3 writes and 2 expensive reads (cost ≥ 500) per client
 * address per minute, 3 open event streams per address. Past a limit the client gets
 * RATE_LIMITED (HTTP 429, Retry-After) and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientLimits, ConnectionCounter, clientAddress, RateLimiter } from '../../src/server/security/client-limits';
import { bearer, startTestApp, type TestApp } from '../support/app';
import { databaseSnapshot } from '../support/committed';
import { JSON_HEADERS, post } from '../support/http';
import { RawSocket } from '../support/raw-socket';
import { untilSubscribers, waitFor } from '../support/wait';

let t: TestApp;
let baseUrl: string;
let editor: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({
    WRITE_RATE_LIMIT: '3',
    WRITE_RATE_WINDOW_MS: '60000',
    EXPENSIVE_READ_COST: '500',
    EXPENSIVE_READ_RATE_LIMIT: '2',
    EXPENSIVE_READ_RATE_WINDOW_MS: '60000',
    MAX_SOCKETS_PER_ADDRESS: '3',
  });
  baseUrl = await t.listen();
  editor = await bearer('editor');
});
afterAll(() => t.close());

let code = 0;
/** A fresh, valid createPartner (codes XA, XB, ...). */
const createPartner = () =>
  `mutation { createPartner(input: { code: "X${String.fromCharCode(65 + code++)}", kind: STATE, name: "Testland" }) { __typename } }`;

const EXPENSIVE = '{ agreements(first: 100) { edges { node { partnerSignatories { name } } } } }'; // cost 1201
const CHEAP = '{ stats { totals { partners } } }';

describe('writes', () => {
  it('the 4th mutation from one address within the window is refused, and writes nothing', async () => {
    const from = { address: '198.51.100.7', headers: { ...JSON_HEADERS, ...editor } };
    for (let i = 0; i < 3; i++) {
      const answer = await post(t, createPartner(), undefined, from);
      expect(answer.json?.data, answer.text).toEqual({ createPartner: { __typename: 'PartnerPayload' } });
    }
    const before = await databaseSnapshot(t);
    const refused = await post(t, createPartner(), undefined, from);
    expect(refused.status).toBe(429);
    // A token comes back every 20 s: what was refilled while the three writes ran is already counted.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(refused.json?.data).toBeUndefined();
    expect(refused.json?.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        new RegExp(`at most 3 writes per 60 s: too many requests; retry after ${retryAfter} s`),
      ),
      extensions: { code: 'RATE_LIMITED', retryAfter },
    });
    expect(await databaseSnapshot(t)).toEqual(before);
  });

  it('another address has its own allowance', async () => {
    const answer = await post(t, createPartner(), undefined, {
      address: '198.51.100.8',
      headers: { ...JSON_HEADERS, ...editor },
    });
    expect(answer.status).toBe(200);
  });

  it('reads are not writes: the limited address can still read', async () => {
    const answer = await post(t, CHEAP, undefined, { address: '198.51.100.7' });
    expect(answer.status).toBe(200);
  });

  it('mutations over a WebSocket count against the same address', async () => {
    const socket = await RawSocket.open(baseUrl);
    await socket.init({ authorization: editor.authorization });
    const results: string[] = [];
    for (let i = 0; i < 4; i++) {
      socket.subscribe(String(i), createPartner());
      const message = await socket.next();
      results.push(message.payload.data?.createPartner?.__typename ?? message.payload.errors?.[0]?.extensions?.code);
      expect((await socket.next()).type).toBe('complete');
    }
    expect(results).toEqual(['PartnerPayload', 'PartnerPayload', 'PartnerPayload', 'RATE_LIMITED']);
    socket.close();
    await socket.closed;
  });
});

describe('expensive reads', () => {
  it('the 3rd expensive query is refused; cheap ones still run', async () => {
    const from = { address: '203.0.113.9' };
    expect((await post(t, EXPENSIVE, undefined, from)).status).toBe(200);
    expect((await post(t, EXPENSIVE, undefined, from)).status).toBe(200);
    const refused = await post(t, EXPENSIVE, undefined, from);
    expect(refused.status).toBe(429);
    expect(refused.json?.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 30 });
    expect((await post(t, CHEAP, undefined, from)).status).toBe(200);
  });
});

describe('event streams (SSE) per address', () => {
  const SUBSCRIPTION = 'subscription { agreementStatusChanged { cursor } }';
  const open = (query = SUBSCRIPTION) => {
    const controller = new AbortController();
    const response = fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query }),
      signal: controller.signal,
    });
    return { controller, response };
  };

  it('the 4th concurrent stream is refused; closing one frees its slot', async () => {
    const streams = [open(), open(), open()];
    await Promise.all(streams.map((stream) => stream.response));
    await untilSubscribers(t.app, 3);

    const refused = await (await open().response).text();
    expect(refused).toContain('TOO_MANY_STREAMS');
    expect(t.app.services.events.subscriberCount).toBe(3);

    streams[0]!.controller.abort();
    await untilSubscribers(t.app, 2);
    const again = open();
    await again.response;
    await untilSubscribers(t.app, 3);
    for (const stream of [...streams, again]) stream.controller.abort();
    await untilSubscribers(t.app, 0);
  });

  it('a live query streams, and takes a slot like a subscription until it ends', async () => {
    // Distinct documents, so each is a live query of its own that ends when its client leaves.
    const live = (alias: string) => open(`query @live { ${alias}: stats { totals { partners } } }`);
    const streams = [live('a'), live('b'), live('c')];
    for (const stream of streams) expect((await stream.response).status).toBe(200);
    expect(t.app.liveQueries.count).toBe(3);

    expect(await (await open().response).text()).toContain('TOO_MANY_STREAMS');
    expect(await (await live('d').response).text()).toContain('TOO_MANY_STREAMS');
    expect(t.app.liveQueries.count).toBe(3); // the refused one never ran
    expect(t.app.services.events.subscriberCount).toBe(0);

    streams[0]!.controller.abort();
    await waitFor(() => t.app.liveQueries.count === 2);
    const again = open();
    await again.response;
    await untilSubscribers(t.app, 1);
    for (const stream of [...streams, again]) stream.controller.abort();
    await untilSubscribers(t.app, 0);
    await waitFor(() => t.app.liveQueries.count === 0);
  });
});

describe('the bookkeeping', () => {
  it('a token bucket refills at limit / window and says how long to wait', () => {
    const limiter = new RateLimiter(3, 60_000);
    expect([0, 0, 0].map(() => limiter.take('a', 0))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 0)).toBe(20);
    expect(limiter.take('a', 19_000)).toBe(1);
    expect(limiter.take('a', 20_000)).toBe(0);
    expect(limiter.take('b', 20_000)).toBe(0);
    expect(new RateLimiter(0, 1000).take('a')).toBe(0);
  });

  it('a connection counter caps per key and forgets released keys', () => {
    const counter = new ConnectionCounter(2);
    expect([counter.tryAcquire('a'), counter.tryAcquire('a'), counter.tryAcquire('a')]).toEqual([true, true, false]);
    counter.release('a');
    counter.release('a');
    expect(counter.total).toBe(0);
    expect(new ConnectionCounter(0).tryAcquire('a')).toBe(true);
  });

  it('client addresses: IPv4-mapped, IPv6 by /64, X-Forwarded-For only behind a trusted proxy', () => {
    const request = (remoteAddress: string, forwarded?: string) => ({
      socket: { remoteAddress },
      headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
    });
    expect(clientAddress(request('::ffff:10.0.0.1'), false)).toBe('10.0.0.1');
    expect(clientAddress(request('2001:db8:1:2:aaaa::1'), false)).toBe('2001:db8:1:2::/64');
    expect(clientAddress(request('2001:db8:1:2:bbbb:cccc:dddd:eeee'), false)).toBe('2001:db8:1:2::/64');
    expect(clientAddress(request('::1'), false)).toBe('0:0:0:0::/64');
    expect(clientAddress(request('10.0.0.1', '1.2.3.4, 5.6.7.8'), false)).toBe('10.0.0.1');
    expect(clientAddress(request('10.0.0.1', '1.2.3.4, 5.6.7.8'), true)).toBe('5.6.7.8');
    expect(clientAddress(undefined, false)).toBe('unknown');
    expect(new ClientLimits(t.config.limits).addressOf({ req: request('192.0.2.1') })).toBe('192.0.2.1');
  });
});
