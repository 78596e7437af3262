/**
 * Clients that go away, and the check that the server frees them (the descriptor of its side of
 * the connection, found in /proc/net/tcp by the peer's port, leaves /proc/<pid>/fd):
 *  - dropOne: a subscription straight to an instance's port (past the proxy, so nothing in between
 *    closes anything on its behalf), then a TCP reset (no FIN, no close frame, no end of request);
 *  - vanishOne: a subscription through the instance's client proxy, which then blackholes that one
 *    connection (forwards nothing more either way, closes nothing): the client vanished without a
 *    packet. graphql-ws: its pings go unanswered (WS_KEEPALIVE_MS); SSE: SSE_MAX_STREAM_MS cuts it.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import net from 'node:net';
import WebSocket from 'ws';
import { sleep } from '../lib/processes';
import type { Instance } from './instances';

export interface DropRecord {
  transport: 'ws' | 'sse';
  /** reset: an RST; vanished: blackholed at the proxy. */
  how?: 'reset' | 'vanished';
  /** How long the server may take to free it. */
  boundMs?: number;
  instance: string;
  pid: number | undefined;
  at: number;
  /** ms from the reset until the server closed its descriptor; undefined: still open (or never found). */
  freedAfterMs: number | undefined;
  detail: string;
}

const SUBSCRIPTION = 'subscription { agreementStatusChanged { cursor sequence } }';

/** The inode of the server's socket for the connection from `clientPort` to `serverPort`. */
function serverSocketInode(serverPort: number, clientPort: number): string | undefined {
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const local = Number.parseInt(fields[1]!.split(':')[1]!, 16);
      const remote = Number.parseInt(fields[2]!.split(':')[1]!, 16);
      if (local === serverPort && remote === clientPort) return fields[9];
    }
  }
  return undefined;
}

function holds(pid: number, inode: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
      } catch {
        return false;
      }
    });
  } catch {
    return false; // the process is gone: it holds nothing
  }
}

/** Opens the connection and returns its socket once the subscription is under way. */
export async function connect(transport: 'ws' | 'sse', port: number): Promise<net.Socket> {
  if (transport === 'ws') {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
      ws.on('message', (raw) => {
        if (JSON.parse(String(raw)).type !== 'connection_ack') return;
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
        resolve();
      });
    });
    ws.on('error', () => {});
    return (ws as unknown as { _socket: net.Socket })._socket;
  }
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  const body = JSON.stringify({ query: SUBSCRIPTION });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () =>
      socket.write(
        `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\naccept: text/event-stream\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      ),
    );
    socket.once('data', (chunk) =>
      String(chunk).startsWith('HTTP/1.1 200') ? resolve() : reject(new Error(String(chunk).slice(0, 100))),
    );
  });
  return socket;
}

/** One client that subscribes, then resets its connection; waits up to `waitMs` for the server to free it. */
export async function dropOne(transport: 'ws' | 'sse', instance: Instance, waitMs: number): Promise<DropRecord> {
  const record: DropRecord = {
    transport,
    how: 'reset',
    instance: instance.name,
    pid: instance.pid,
    at: Date.now(),
    freedAfterMs: undefined,
    detail: '',
  };
  try {
    const socket = await connect(transport, instance.port);
    await sleep(1_000); // the subscription is registered and has sent its first bytes
    const inode = serverSocketInode(instance.port, socket.localPort!);
    const pid = instance.pid;
    if (!inode || pid === undefined || !holds(pid, inode)) {
      record.detail = 'the server side of the connection was not found';
      socket.destroy();
      return record;
    }
    record.pid = pid;
    socket.resetAndDestroy();
    const reset = Date.now();
    while (holds(pid, inode) && Date.now() - reset < waitMs) await sleep(100);
    if (!holds(pid, inode)) record.freedAfterMs = Date.now() - reset;
    else record.detail = `socket:[${inode}] still open in ${pid} ${waitMs} ms after the reset`;
  } catch (error) {
    record.detail = `could not connect: ${(error as Error).message.slice(0, 200)}`;
  }
  return record;
}

/**
 * One client that subscribes through the instance's client proxy, then vanishes: the proxy
 * forwards nothing more on its connection, and nothing is closed. Waits up to `waitMs` for the
 * server to free its side. A restart of the instance meanwhile frees it too: recorded as a fault.
 */
export async function vanishOne(
  transport: 'ws' | 'sse',
  instance: Instance,
  boundMs: number,
  waitMs: number,
): Promise<DropRecord> {
  const record: DropRecord = {
    transport,
    how: 'vanished',
    boundMs,
    instance: instance.name,
    pid: instance.pid,
    at: Date.now(),
    freedAfterMs: undefined,
    detail: '',
  };
  let socket: net.Socket | undefined;
  try {
    socket = await connect(transport, instance.clientProxy.port);
    await sleep(1_000); // the subscription is registered and has sent its first bytes
    const peerPort = instance.clientProxy.blackhole(socket.localPort!);
    const inode = peerPort === undefined ? undefined : serverSocketInode(instance.port, peerPort);
    const pid = instance.pid;
    if (!inode || pid === undefined || !holds(pid, inode)) {
      record.detail = 'the server side of the connection was not found';
      return record;
    }
    record.pid = pid;
    const vanished = Date.now();
    while (holds(pid, inode) && instance.pid === pid && Date.now() - vanished < waitMs) await sleep(200);
    if (instance.pid !== pid) record.detail = 'met a fault: the instance was restarted';
    else if (!holds(pid, inode)) record.freedAfterMs = Date.now() - vanished;
    else record.detail = `socket:[${inode}] still open in ${pid} ${waitMs} ms after the client vanished`;
  } catch (error) {
    record.detail = `could not connect: ${(error as Error).message.slice(0, 200)}`;
  } finally {
    // The client's own socket never sent anything more; closing it now reaches nobody (blackholed).
    socket?.destroy();
  }
  return record;
}
