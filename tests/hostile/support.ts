/**
 * Helpers for the hostile-input catalog: raw HTTP requests through yoga.fetch (as data), checks
 * that no answer leaks internals, a snapshot of everything the database holds (to prove nothing was
 * written), and a raw graphql-transport-ws socket that lets a test misbehave at the frame level.
 */
import { sql } from 'kysely';
import { expect } from 'vitest';
import WebSocket from 'ws';
import type { TestApp } from '../support/app';

export interface HttpRequest {
  method?: string;
  /** Appended to /graphql, e.g. `?query=...`. */
  search?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** Who the request comes from (yoga's server context), for the per-client limits. */
  address?: string;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
}

export const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

export async function send(t: TestApp, request: HttpRequest): Promise<HttpAnswer> {
  const response = await t.app.yoga.fetch(
    `http://test/graphql${request.search ?? ''}`,
    { method: request.method ?? 'POST', headers: request.headers ?? JSON_HEADERS, body: request.body },
    // The Node request yoga's server context carries on a real port; only its address is read.
    (request.address ? { req: { socket: { remoteAddress: request.address }, headers: {} } } : {}) as never,
  );
  const text = await response.text();
  let json: HttpAnswer['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const post = (t: TestApp, query: string, variables?: unknown, extra: Partial<HttpRequest> = {}) =>
  send(t, { body: JSON.stringify({ query, variables }), ...extra });

/** What must never reach a client: stack frames, file paths, database or driver messages. */
const LEAKS = [
  /\bat .+\.(ts|js|mjs|cjs):\d+/,
  /node_modules/,
  /"stack"/,
  /\/work\/|\/src\//,
  /syntax error at or near/i,
  /\brelation "/i,
  /\bcolumn "/i,
  /violates .* constraint/i,
  /invalid byte sequence/i,
  /SQLSTATE|pg_catalog|PGlite|postgres/i,
  /kysely/i,
];

export function expectNoLeak(text: string): void {
  for (const pattern of LEAKS) expect(text, `answer leaks ${pattern}`).not.toMatch(pattern);
}

/** A client error: 4xx, or a GraphQL error with a code other than the masked INTERNAL_SERVER_ERROR. */
export function expectClientError(answer: HttpAnswer, allowedCodes?: readonly string[]): void {
  expectNoLeak(answer.text);
  expect(answer.status, answer.text).toBeLessThan(500);
  const errors = answer.json?.errors ?? [];
  if (answer.status < 400) expect(errors.length, answer.text).toBeGreaterThan(0);
  for (const error of errors) {
    const code = error.extensions?.code as string | undefined;
    expect(code, answer.text).not.toBe('INTERNAL_SERVER_ERROR');
    if (allowedCodes) expect(allowedCodes, answer.text).toContain(code);
  }
}

/** Every table's row count and a digest of its contents: equal snapshots mean nothing was written. */
export async function databaseSnapshot(t: TestApp): Promise<Record<string, string>> {
  const tables = [
    'partners',
    'agreements',
    'timeline_events',
    'timeline_event_partners',
    'timeline_event_agreements',
    'event_log',
  ];
  const snapshot: Record<string, string> = {};
  for (const table of tables) {
    const { rows } = await sql<{ count: string; digest: string | null }>`
      select count(*)::text as count, md5(string_agg(t::text, '|' order by t::text)) as digest
      from ${sql.table(table)} t`.execute(t.app.database.db);
    snapshot[table] = `${rows[0]!.count}:${rows[0]!.digest}`;
  }
  return snapshot;
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Closed {
  code: number;
  reason: string;
}

/** A graphql-transport-ws socket driven by hand: messages in arrival order, the close code. */
export class RawSocket {
  readonly messages: Array<Record<string, any>> = [];
  readonly closed: Promise<Closed>;
  readonly opened: Promise<void>;
  private wake: (() => void) | undefined;
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
    this.closed.then(() => this.wake?.());
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()));
      this.wake?.();
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
    const deadline = Date.now() + timeoutMs;
    let read = this.read;
    while (this.messages.length <= read) {
      if (this.ws.readyState === WebSocket.CLOSED)
        throw new Error(`socket closed; received ${JSON.stringify(this.messages)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms; received ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      read = this.read;
    }
    return this.messages[this.read++]!;
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
