/**
 * One subscriber process of the fan-out benchmark (bench/fanout.ts forks several): opens `count`
 * graphql-ws sockets, one subscription each, and records when each event reaches each socket.
 *
 * The protocol (graphql-transport-ws) is spoken directly over `ws` rather than through the
 * graphql-ws client, which keeps timers, retry state and a promise chain per socket: on a 2-core
 * machine shared with the server, every microsecond the clients spend per message is taken from
 * the server and shows up as latency.
 *
 * Parent → client (IPC): { type: 'report' } asks for the receipts; { type: 'close' } ends.
 * Client → parent: 'connected' once every socket is subscribed (or failed), 'complete' when one
 * event has reached every live socket here, 'report' with every receipt time (Date.now(), the same
 * clock as the parent's).
 */
import WebSocket from 'ws';

export interface ClientSettings {
  url: string;
  count: number;
  query: string;
  /** Sockets opening at once: Node's default listen backlog is 511, shared by every client. */
  concurrency: number;
}

export type ParentMessage = { type: 'report' } | { type: 'close' };

export type ClientMessage =
  | { type: 'connected'; subscribed: number; failed: number; firstError: string | null; ms: number }
  | { type: 'complete'; cursor: string; receivedAt: number }
  | {
      type: 'report';
      /** Per event cursor, the receipt time at every socket that got it. */
      receipts: Record<string, number[]>;
      errorPayloads: number;
      unexpectedCloses: number;
      firstError: string | null;
    };

const settings = JSON.parse(process.env.FANOUT_CLIENT ?? 'null') as ClientSettings | null;
if (!settings || !process.send) {
  console.error('bench/fanout-client.ts is started by bench/fanout.ts (it needs FANOUT_CLIENT and an IPC channel)');
  process.exit(2);
}

const send = (message: ClientMessage) => process.send!(message);
const receipts = new Map<string, number[]>();
const sockets: WebSocket[] = [];
let live = 0;
let errorPayloads = 0;
let unexpectedCloses = 0;
let firstError: string | null = null;
let closing = false;

function noteError(message: string): void {
  firstError ??= message;
}

function onMessage(this: WebSocket, data: WebSocket.RawData): void {
  const receivedAt = Date.now();
  const message = JSON.parse(data.toString()) as {
    type: string;
    payload?: { data?: Record<string, { cursor: string } | null>; errors?: unknown } | unknown[];
  };
  if (message.type === 'next') {
    const payload = message.payload as { data?: Record<string, { cursor: string } | null>; errors?: unknown };
    const event = payload.data ? Object.values(payload.data)[0] : null;
    if (payload.errors || !event) {
      errorPayloads += 1;
      noteError(`error payload: ${JSON.stringify(payload).slice(0, 300)}`);
      return;
    }
    let times = receipts.get(event.cursor);
    if (!times) {
      times = [];
      receipts.set(event.cursor, times);
    }
    times.push(receivedAt);
    if (times.length === live) send({ type: 'complete', cursor: event.cursor, receivedAt });
  } else if (message.type === 'error') {
    errorPayloads += 1;
    noteError(`subscribe error: ${JSON.stringify(message.payload).slice(0, 300)}`);
  } else if (message.type === 'ping') {
    this.send('{"type":"pong"}');
  }
}

/** Resolves once the socket is acknowledged and its subscription sent; rejects on failure. */
function open(index: number, query: string): Promise<void> {
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
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: String(index), type: 'subscribe', payload: { query } }));
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
      const index = next++;
      await open(index, settings!.query).catch((error: Error) => {
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
    send({
      type: 'report',
      receipts: Object.fromEntries(receipts),
      errorPayloads,
      unexpectedCloses,
      firstError,
    });
  } else if (message.type === 'close') {
    closing = true;
    for (const socket of sockets) socket.terminate();
    process.disconnect();
  }
});
// The parent going away (crash, ^C) must not leave sockets open.
process.on('disconnect', () => process.exit(0));

await connectAll();
