/**
 * One subscriber process of the fan-out benchmark (bench/fanout.ts forks several): opens `count`
 * graphql-ws sockets, one subscription each, and records when each event reaches each socket.
 *
 * The protocol (graphql-transport-ws) is spoken directly over `ws` rather than through the
 * graphql-ws client, which keeps timers, retry state and a promise chain per socket: on a 2-core
 * machine shared with the server, every microsecond the clients spend per message is taken from
 * the server and shows up as latency.
 *
 * Events are numbered per socket: the k-th `next` message on every socket is the k-th event signed
 * after everyone subscribed (all sockets hold the same subscription, delivered in log order). So an
 * error payload, which carries no cursor, still counts as that event's delivery, and is counted.
 *
 * Parent → client (IPC): { type: 'report' } asks for the receipts; { type: 'close' } ends.
 * Client → parent: 'connected' once every socket is subscribed (or failed), 'complete' when event k
 * has reached every live socket here, 'report' with every receipt time (Date.now(), the same clock
 * as the parent's).
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

export interface ClientSettings {
  url: string;
  count: number;
  query: string;
  /** Sockets opening at once: Node's default listen backlog is 511, shared by every client. */
  concurrency: number;
}

export type ParentMessage = { type: 'report' } | { type: 'close' };

export interface EventReceipts {
  /** Receipt time at every socket that got the event (data or error). */
  times: number[];
  errors: number;
  /** The cursors seen for this event: exactly one unless the numbering went wrong. */
  cursors: string[];
}

export type ClientMessage =
  | { type: 'connected'; subscribed: number; failed: number; firstError: string | null; ms: number }
  | { type: 'complete'; index: number; receivedAt: number }
  | {
      type: 'report';
      /** Indexed by event number. */
      events: EventReceipts[];
      unexpectedCloses: number;
      firstError: string | null;
    };

const settings = JSON.parse(process.env.FANOUT_CLIENT ?? 'null') as ClientSettings | null;
if (!settings || !process.send) {
  console.error('bench/fanout/client.ts is started by bench/fanout.ts (it needs FANOUT_CLIENT and an IPC channel)');
  process.exit(2);
}

const send = (message: ClientMessage) => process.send!(message);
const events: EventReceipts[] = [];
const sockets: WebSocket[] = [];
let live = 0;
let unexpectedCloses = 0;
let firstError: string | null = null;
let closing = false;

function noteError(message: string): void {
  firstError ??= message;
}

/** The message handler of one subscribed socket; `received` numbers its events. */
function receiver(socket: WebSocket) {
  let received = 0;
  return (data: WebSocket.RawData) => {
    const receivedAt = Date.now();
    const message = JSON.parse(data.toString()) as {
      type: string;
      payload?: { data?: Record<string, { cursor: string } | null> | null; errors?: unknown };
    };
    if (message.type === 'ping') return socket.send('{"type":"pong"}');
    if (message.type === 'error' || message.type === 'complete') {
      return noteError(`subscription ended (${message.type}): ${JSON.stringify(message.payload).slice(0, 300)}`);
    }
    if (message.type !== 'next') return;
    const index = received++;
    events[index] ??= { times: [], errors: 0, cursors: [] };
    const event = events[index]!;
    event.times.push(receivedAt);
    const payload = message.payload!;
    const cursor = payload.data ? Object.values(payload.data)[0]?.cursor : undefined;
    if (payload.errors || !cursor) {
      event.errors += 1;
      noteError(`error payload: ${JSON.stringify(payload).slice(0, 300)}`);
    } else if (!event.cursors.includes(cursor)) {
      event.cursors.push(cursor);
    }
    if (event.times.length === live) send({ type: 'complete', index, receivedAt });
  };
}

/** Resolves once the socket is acknowledged and its subscription sent; rejects on failure. */
function open(query: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(settings!.url, 'graphql-transport-ws', { perMessageDeflate: false });
    let acked = false;
    const timer = setTimeout(() => socket.terminate(), 30_000);
    socket.once('open', () => socket.send('{"type":"connection_init","payload":{}}'));
    socket.on('error', (error) => {
      if (!acked) reject(error);
    });
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      if (!acked) return reject(new Error(`closed before ack: ${code} ${reason.toString()}`));
      live -= 1;
      if (!closing) {
        unexpectedCloses += 1;
        noteError(`socket closed: ${code} ${reason.toString()}`);
      }
    });
    socket.on('message', function first(data) {
      const message = JSON.parse(data.toString()) as { type: string };
      if (message.type !== 'connection_ack') return;
      acked = true;
      clearTimeout(timer);
      socket.off('message', first);
      socket.on('message', receiver(socket));
      // A UUID as graphql-ws clients use: a small integer id would make the server's per-socket
      // subscriptions object an integer-indexed array, a memory cost real clients do not cause.
      socket.send(JSON.stringify({ id: randomUUID(), type: 'subscribe', payload: { query } }));
      sockets.push(socket);
      live += 1;
      resolve();
    });
  });
}

async function connectAll(): Promise<void> {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < settings!.count) {
      next += 1;
      await open(settings!.query).catch((error: Error) => {
        failed += 1;
        noteError(`connect: ${error.message}`);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings!.concurrency, settings!.count) }, worker));
  send({ type: 'connected', subscribed: live, failed, firstError, ms: Math.round(performance.now() - started) });
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'report') {
    send({ type: 'report', events, unexpectedCloses, firstError });
  } else if (message.type === 'close') {
    closing = true;
    for (const socket of sockets) socket.terminate();
    process.disconnect();
  }
});
// The parent going away (crash, ^C) must not leave sockets open.
process.on('disconnect', () => process.exit(0));

await connectAll();
