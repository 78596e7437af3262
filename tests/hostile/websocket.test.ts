/**
 * graphql-ws protocol abuse over raw sockets (PROTOCOL.md close codes), the per-socket and
 * per-address caps, keep-alive, authorisation at connection_init and token expiry on an open
 * socket, and the release of every subscriber however a socket ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bearer, startTestApp, type TestApp, token } from '../support/app';
import { expectNoLeak } from '../support/errors';
import { RawSocket } from '../support/raw-socket';
import { untilSubscribers, waitFor } from '../support/wait';

const SUBSCRIPTION = 'subscription { agreementStatusChanged { cursor } }';

let t: TestApp;
let baseUrl: string;
const subscribers = () => t.app.services.events.subscriberCount;
const released = () => untilSubscribers(t.app, 0);

beforeAll(async () => {
  t = await startTestApp({
    WS_CONNECTION_INIT_TIMEOUT_MS: '300',
    WS_KEEPALIVE_MS: '200',
    MAX_SUBSCRIPTIONS_PER_SOCKET: '3',
    MAX_SOCKETS_PER_ADDRESS: '4',
    MAX_BODY_BYTES: '4096',
  });
  baseUrl = await t.listen();
});
afterAll(() => t.close());

/** An acknowledged socket with one live subscription. */
async function subscribed(): Promise<RawSocket> {
  const socket = await RawSocket.open(baseUrl);
  await socket.init();
  socket.subscribe('live', SUBSCRIPTION);
  await waitFor(() => subscribers() >= 1, { timeoutMs: 5000, describe: 'the subscription to start' });
  return socket;
}

describe('protocol violations close with the PROTOCOL.md codes', () => {
  interface Violation {
    name: string;
    /** What the client does after the socket opens. */
    act: (socket: RawSocket) => void | Promise<void>;
    code: number;
    /** Whether a subscription is live when the violation happens. */
    live?: boolean;
  }

  const violations: Violation[] = [
    { name: 'no connection_init in time', act: () => {}, code: 4408 },
    {
      name: 'a second connection_init',
      act: async (s) => {
        await s.init();
        s.send({ type: 'connection_init' });
      },
      code: 4429,
    },
    {
      name: 'a second connection_init with a live subscription',
      act: (s) => s.send({ type: 'connection_init' }),
      code: 4429,
      live: true,
    },
    { name: 'subscribe before connection_ack', act: (s) => s.subscribe('1', SUBSCRIPTION), code: 4401 },
    { name: 'a duplicate operation id', act: (s) => s.subscribe('live', SUBSCRIPTION), code: 4409, live: true },
    { name: 'not JSON', act: (s) => s.send('{"type": "connection_init"'), code: 4400 },
    { name: 'JSON that is not an object', act: (s) => s.send('[1, 2, 3]'), code: 4400 },
    {
      name: 'an unknown message type',
      act: (s) => s.send({ type: 'start', id: '1', payload: { query: SUBSCRIPTION } }),
      code: 4400,
    },
    { name: 'a message without a type', act: (s) => s.send({ id: '1' }), code: 4400 },
    {
      name: 'connection_init with a string payload',
      act: (s) => s.send({ type: 'connection_init', payload: 'token' }),
      code: 4400,
    },
    {
      name: 'subscribe without an id',
      act: async (s) => {
        await s.init();
        s.send({ type: 'subscribe', payload: { query: SUBSCRIPTION } });
      },
      code: 4400,
    },
    {
      name: 'subscribe with a numeric id',
      act: async (s) => {
        await s.init();
        s.send({ type: 'subscribe', id: 1, payload: { query: SUBSCRIPTION } });
      },
      code: 4400,
    },
    {
      name: 'subscribe without a query',
      act: async (s) => {
        await s.init();
        s.send({ type: 'subscribe', id: '1', payload: {} });
      },
      code: 4400,
    },
    {
      name: 'subscribe with variables as a string',
      act: async (s) => {
        await s.init();
        s.send({ type: 'subscribe', id: '1', payload: { query: SUBSCRIPTION, variables: 'x' } });
      },
      code: 4400,
    },
    {
      name: 'a server-only message (next) from the client',
      act: (s) => s.send({ type: 'next', id: 'live', payload: { data: {} } }),
      code: 4400,
      live: true,
    },
    {
      name: 'a server-only message (connection_ack) from the client',
      act: (s) => s.send({ type: 'connection_ack' }),
      code: 4400,
    },
    {
      name: 'a binary frame of garbage',
      act: (s) => s.ws.send(Buffer.from([0, 159, 146, 150]), { binary: true }),
      code: 4400,
    },
    {
      name: 'a text frame that is not UTF-8',
      act: (s) => s.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }),
      code: 1007,
      live: true,
    },
    {
      name: 'a frame over MAX_BODY_BYTES',
      act: (s) => s.send({ type: 'ping', payload: { pad: 'x'.repeat(5000) } }),
      code: 1009,
      live: true,
    },
  ];

  it.each(violations)('$name → $code', async ({ act, code, live }) => {
    const socket = live ? await subscribed() : await RawSocket.open(baseUrl);
    await act(socket);
    const closed = await socket.closedWithin(3000);
    expect(closed.code).toBe(code);
    expectNoLeak(closed.reason);
    await released();
  });

  it('a wrong subprotocol is refused: the handshake names none, and the socket closes with 4406', async () => {
    for (const protocol of ['graphql-ws', 'mqtt']) {
      const outcome = await RawSocket.open(baseUrl, { protocol }).then(
        async (socket) => String((await socket.closedWithin()).code),
        (error: Error) => error.message,
      );
      // ws (like a browser) fails a handshake that does not confirm the subprotocol it asked for.
      expect(['4406', 'Server sent no subprotocol']).toContain(outcome);
    }
  });

  it('no subprotocol at all is refused with 4406', async () => {
    const socket = new RawSocket(new WebSocket(`${baseUrl.replace('http', 'ws')}/graphql`));
    await socket.opened;
    expect((await socket.closedWithin()).code).toBe(4406);
  });

  it('an unknown path gets no socket', async () => {
    const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/other`, 'graphql-transport-ws');
    const outcome = await new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
      ws.once('error', (error) => resolve(error.message));
    });
    expect(outcome).not.toBe('open');
    ws.terminate();
  });
});

describe('keep-alive', () => {
  it('a client that never answers pings is terminated; its subscription is released', async () => {
    const socket = await RawSocket.open(baseUrl, { autoPong: false });
    await socket.init();
    socket.subscribe('live', SUBSCRIPTION);
    await untilSubscribers(t.app, 1);
    const closed = await socket.closedWithin(2000);
    expect(closed.code).toBe(1006); // terminated: no close frame
    await released();
  });

  it('a client that answers pings stays connected', async () => {
    const socket = await subscribed();
    await new Promise((resolve) => setTimeout(resolve, 1000)); // five ping intervals
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    socket.subscribe('q', '{ __typename }');
    expect((await socket.next()).payload).toEqual({ data: { __typename: 'Query' } });
    socket.close();
    await released();
  });
});

describe('caps', () => {
  it('a 4th concurrent operation on one socket gets an error message; the socket stays open', async () => {
    const socket = await RawSocket.open(baseUrl);
    await socket.init();
    for (const id of ['a', 'b', 'c']) socket.subscribe(id, SUBSCRIPTION);
    await untilSubscribers(t.app, 3);
    socket.subscribe('d', SUBSCRIPTION);
    const refused = await socket.next();
    expect(refused).toMatchObject({
      id: 'd',
      type: 'error',
      payload: [{ extensions: { code: 'TOO_MANY_OPERATIONS' } }],
    });
    expect(subscribers()).toBe(3);

    socket.send({ id: 'a', type: 'complete' });
    await untilSubscribers(t.app, 2);
    socket.subscribe('e', SUBSCRIPTION);
    await untilSubscribers(t.app, 3);
    socket.close();
    await released();
  });

  it('a 5th socket from one address is refused at the upgrade with 429; a closed one frees its slot', async () => {
    const sockets = await Promise.all([1, 2, 3, 4].map(() => RawSocket.open(baseUrl)));
    await expect(RawSocket.open(baseUrl)).rejects.toThrow('HTTP 429');
    sockets[0]!.close();
    await sockets[0]!.closed;
    // The server frees the slot when it sees the TCP connection close, a moment after the client.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const fifth = await RawSocket.open(baseUrl);
    await fifth.init();
    for (const socket of [...sockets, fifth]) socket.close();
    await Promise.all([...sockets, fifth].map((socket) => socket.closed));
  });
});

describe('every way a socket ends releases its subscribers', () => {
  const endings: Array<{ name: string; end: (socket: RawSocket) => void }> = [
    {
      name: 'the client completes its operations',
      end: (s) => {
        s.send({ id: 'live', type: 'complete' });
        s.send({ id: 'second', type: 'complete' });
      },
    },
    { name: 'the client closes normally', end: (s) => s.close(1000) },
    { name: 'the client closes with an error code', end: (s) => s.close(4999) },
    { name: 'the client vanishes (TCP reset)', end: (s) => s.ws.terminate() },
    {
      name: 'the client destroys the TCP socket mid-frame',
      end: (s) => (s.ws as unknown as { _socket: import('node:net').Socket })._socket.destroy(),
    },
  ];

  it.each(endings)('$name', async ({ end }) => {
    const socket = await subscribed();
    try {
      socket.subscribe('second', 'subscription { timelineEventAdded { cursor } }');
      await untilSubscribers(t.app, 2);
      end(socket);
      await released();
    } finally {
      socket.ws.terminate();
    }
  });
});

describe('authorisation', () => {
  it('a token that expires on an open socket closes it with 4403 at its exp', async () => {
    const socket = await RawSocket.open(baseUrl);
    await socket.init({ authorization: `Bearer ${await token('viewer', { expiresIn: '2s' })}` });
    socket.subscribe('live', SUBSCRIPTION);
    await untilSubscribers(t.app, 1);
    const started = Date.now();
    const closed = await socket.closedWithin(4000);
    expect(closed).toEqual({ code: 4403, reason: 'Token expired' });
    expect(Date.now() - started).toBeLessThan(3000);
    await released();
  });

  it('a long-lived token keeps the socket open', async () => {
    const socket = await RawSocket.open(baseUrl);
    await socket.init({ authorization: `Bearer ${await token('viewer', { expiresIn: '1h' })}` });
    socket.subscribe('q', '{ __typename }');
    expect((await socket.next()).type).toBe('next');
    socket.close();
  });

  describe('with REQUIRE_AUTH_FOR_READS=true', () => {
    let secured: TestApp;
    let securedUrl: string;
    beforeAll(async () => {
      secured = await startTestApp({ REQUIRE_AUTH_FOR_READS: 'true' });
      securedUrl = await secured.listen();
    });
    afterAll(() => secured.close());

    const refusals: Array<{ name: string; payload: () => Promise<Record<string, unknown> | undefined> }> = [
      { name: 'no connection_init payload', payload: async () => undefined },
      { name: 'no token', payload: async () => ({}) },
      {
        name: 'a token signed with another key',
        payload: async () => ({
          authorization: `Bearer ${await token('editor', { secret: 'another-secret-that-is-at-least-32-chars' })}`,
        }),
      },
      {
        name: 'an expired token',
        payload: async () => ({ authorization: `Bearer ${await token('editor', { expiresIn: -60 })}` }),
      },
      { name: 'not a JWT', payload: async () => ({ authorization: 'Bearer not.a.jwt' }) },
      { name: 'a token of the wrong type', payload: async () => ({ authorization: 42 }) },
    ];

    it.each(refusals)('$name → 4403', async ({ payload }) => {
      const socket = await RawSocket.open(securedUrl);
      socket.send({ type: 'connection_init', payload: await payload() });
      expect((await socket.closedWithin()).code).toBe(4403);
      expect(secured.app.services.events.subscriberCount).toBe(0);
    });

    it('a valid token is acknowledged', async () => {
      const socket = await RawSocket.open(securedUrl);
      await socket.init(await bearer('viewer'));
      socket.close();
    });
  });
});

describe('server shutdown', () => {
  it('closes every socket with 1001 and releases every subscriber', async () => {
    const other = await startTestApp();
    const url = await other.listen();
    const socket = await RawSocket.open(url);
    await socket.init();
    socket.subscribe('live', SUBSCRIPTION);
    await untilSubscribers(other.app, 1);
    await other.close();
    expect((await socket.closedWithin()).code).toBe(1001);
    expect(other.app.services.events.subscriberCount).toBe(0);
  });
});
