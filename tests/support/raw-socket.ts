/**
 * A graphql-transport-ws socket driven by hand, for tests whose subject is the protocol itself: a
 * test sends any frame (well-formed or not) and reads the messages in arrival order and the close
 * code. For ordinary subscriptions use subscribeWs (subscriptions.ts).
 */
import { expect } from 'vitest';
import WebSocket from 'ws';
import { Changes } from './wait';

export interface Closed {
  code: number;
  reason: string;
}

export class RawSocket {
  readonly messages: Array<Record<string, any>> = [];
  readonly closed: Promise<Closed>;
  readonly opened: Promise<void>;
  private readonly changes = new Changes();
  private read = 0;

  constructor(readonly ws: WebSocket) {
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      ws.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    this.closed.then(() => this.changes.notify());
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()));
      this.changes.notify();
    });
    ws.on('error', () => {});
  }

  static async open(
    baseUrl: string,
    options: { protocol?: string | string[]; autoPong?: boolean; headers?: Record<string, string> } = {},
  ): Promise<RawSocket> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/graphql`;
    const socket = new RawSocket(
      new WebSocket(url, options.protocol ?? 'graphql-transport-ws', {
        autoPong: options.autoPong ?? true,
        headers: options.headers,
      }),
    );
    await socket.opened;
    return socket;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  }

  /** Sends connection_init and waits for the ack. */
  async init(payload?: Record<string, unknown>): Promise<void> {
    this.send({ type: 'connection_init', payload });
    const ack = await this.next();
    expect(ack.type).toBe('connection_ack');
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>): void {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  /** The next message (in order); fails if the socket closes or nothing comes in time. */
  async next(timeoutMs = 5000): Promise<Record<string, any>> {
    const closed = () => this.ws.readyState === WebSocket.CLOSED;
    await this.changes.until(
      () => this.messages.length > this.read || closed(),
      timeoutMs,
      () => `no message within ${timeoutMs} ms; received ${JSON.stringify(this.messages)}`,
    );
    if (this.messages.length > this.read) return this.messages[this.read++]!;
    throw new Error(`socket closed; received ${JSON.stringify(this.messages)}`);
  }

  /** Resolves with the close code, or fails after `timeoutMs`. */
  async closedWithin(timeoutMs = 5000): Promise<Closed> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([this.closed, timeout]).finally(() => clearTimeout(timer));
  }

  close(code = 1000): void {
    this.ws.close(code);
  }
}
