/**
 * SSE_MAX_STREAM_MS: an SSE stream whose client stopped reading and never closes (its kernel keeps
 * the window shut, as a frozen client or a blackholed link behind a proxy does) is freed when its
 * connection is cut at the limit; without it, the stream and its event-bus subscriber stay for
 * good. A client that still reads resumes after the cut with Last-Event-ID.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { untilSubscribers } from '../support/wait';

const SUBSCRIPTION = 'subscription { agreementStatusChanged { cursor } }';
const LIVE_QUERY = 'query @live { cursor stats { totals { agreements } } }';

let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await startTestApp({ SSE_MAX_STREAM_MS: '1500' });
  port = Number(new URL(await t.listen()).port);
});
afterAll(() => t.close());

/** A raw SSE request; resolves with the socket once the response has started. */
async function openStream(query: string): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  const body = JSON.stringify({ query });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () =>
      socket.write(
        `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\naccept: text/event-stream\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      ),
    );
    socket.once('data', (chunk) =>
      String(chunk).startsWith('HTTP/1.1 200') ? resolve() : reject(new Error(String(chunk).slice(0, 200))),
    );
  });
  return socket;
}

describe('SSE_MAX_STREAM_MS', () => {
  it('frees a subscription whose client stopped reading and never closes', async () => {
    const socket = await openStream(SUBSCRIPTION);
    try {
      socket.pause(); // reads nothing more, sends nothing, closes nothing
      await untilSubscribers(t.app, 1);
      // The server cuts the connection at the limit: the bus drops the subscriber.
      await untilSubscribers(t.app, 0, 10_000);
    } finally {
      socket.destroy();
    }
  });

  it('cuts a live query over SSE too', async () => {
    const socket = await openStream(LIVE_QUERY);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.resume(); // reads, so it sees the server end the connection
    await closed;
    expect(socket.destroyed).toBe(true);
  });
});
