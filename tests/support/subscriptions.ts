/**
 * Real subscription clients: graphql-ws over a WebSocket and SSE over fetch, each collecting into
 * a Feed the test reads in order; and a graphql-ws subscriber that reconnects and resumes with its
 * last cursor, as a client following the schema's advice would. Plus the subscriptions they use.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { graphql } from '../gql';
import type { GraphQLErrors } from './http';
import { Changes, sleep, waitFor } from './wait';

export const AgreementSigned = graphql(`
  subscription LiveAgreementSigned($partnerCode: CountryCode, $after: String) {
    agreementSigned(partnerCode: $partnerCode, after: $after) {
      cursor
      sequence
      from
      to
      effectiveDate
      version
      occurredAt
      agreement { id status signedOn version }
    }
  }
`);

export const AgreementStatusChanged = graphql(`
  subscription LiveAgreementStatusChanged($filter: AgreementStatusChangeFilter, $after: String) {
    agreementStatusChanged(filter: $filter, after: $after) {
      cursor
      sequence
      from
      to
      effectiveDate
      agreement { id status signedOn version }
    }
  }
`);

export const TimelineEventAdded = graphql(`
  subscription LiveTimelineEventAdded($after: String) {
    timelineEventAdded(after: $after) {
      cursor
      sequence
      timelineEvent { id kind agreements { id } }
    }
  }
`);

/** Every status change, as little as identifies it: loads nothing but the log row. */
export const StatusChanges = graphql(`
  subscription StatusChanges($after: String) {
    agreementStatusChanged(after: $after) { cursor sequence from to }
  }
`);

/** The same, with the agreement each change refers to (loaded when the event is delivered). */
export const StatusChangesWithAgreement = graphql(`
  subscription StatusChangesWithAgreement($after: String) {
    agreementStatusChanged(after: $after) { cursor sequence from to agreement { id status } }
  }
`);

/** Events in arrival order. `next()` hands them out one by one; `rest()` says what else came. */
export class Feed<T> {
  readonly received: T[] = [];
  /** performance.now() at arrival, parallel to `received`. */
  readonly arrivedAt: number[] = [];
  private read = 0;
  private failure: Error | undefined;
  private ended = false;
  private readonly changes = new Changes();

  push(value: T): void {
    this.received.push(value);
    this.arrivedAt.push(performance.now());
    this.changes.notify();
  }

  fail(error: Error): void {
    this.failure ??= error;
    this.changes.notify();
  }

  end(): void {
    this.ended = true;
    this.changes.notify();
  }

  /** The next event not yet handed out; fails after `timeoutMs` with what did arrive. */
  async next(timeoutMs = 5_000): Promise<T> {
    await this.changes.until(
      () => this.read < this.received.length || this.ended || this.failure !== undefined,
      timeoutMs,
      () => `no event within ${timeoutMs} ms; received so far: ${JSON.stringify(this.received)}`,
    );
    if (this.read < this.received.length) return this.received[this.read++]!;
    if (this.failure) throw this.failure;
    throw new Error(`the stream ended after ${this.received.length} event(s)`);
  }

  async take(count: number, timeoutMs = 5_000): Promise<T[]> {
    const taken: T[] = [];
    for (let i = 0; i < count; i++) taken.push(await this.next(timeoutMs));
    return taken;
  }

  /**
   * Waits `ms`, then returns whatever arrived that was not handed out (expect it to be empty). The
   * one fixed wait in the kit: it proves that nothing more comes, which no condition can signal.
   */
  async rest(ms = 300): Promise<T[]> {
    await sleep(ms);
    if (this.failure) throw this.failure;
    const rest = this.received.slice(this.read);
    this.read = this.received.length;
    return rest;
  }

  /** Resolves when the stream ends (the server completed it or closed the connection). */
  async untilEnded(timeoutMs = 5_000): Promise<void> {
    await this.changes.until(
      () => this.ended || this.failure !== undefined,
      timeoutMs,
      () => `the stream did not end within ${timeoutMs} ms`,
    );
    if (this.failure) throw this.failure;
  }
}

export interface WsSubscription<T> {
  feed: Feed<T>;
  client: Client;
  /** The close event of the socket, once it closes (code 1000 when we dispose it ourselves). */
  closed: Promise<{ code: number; reason: string }>;
  /** The upgrade response's headers (X-Worker says which cluster worker took the socket). */
  upgraded: Promise<IncomingHttpHeaders>;
  close(): Promise<void>;
}

/** One graphql-ws client (own socket) per subscription, so closing it is a real disconnect. */
export function subscribeWs<Data, Variables extends Record<string, unknown>>(
  baseUrl: string,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  connectionParams?: Record<string, unknown>,
): WsSubscription<Data> {
  const feed = new Feed<Data>();
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    onClosed = resolve;
  });
  let onUpgraded!: (headers: IncomingHttpHeaders) => void;
  const upgraded = new Promise<IncomingHttpHeaders>((resolve) => {
    onUpgraded = resolve;
  });
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        this.once('upgrade', (response) => onUpgraded(response.headers));
      }
    },
    connectionParams,
    retryAttempts: 0,
    on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
  });
  client.subscribe<Data>(
    { query: print(document), variables },
    {
      next: (result) => {
        if (result.errors) feed.fail(new Error(`subscription error: ${JSON.stringify(result.errors)}`));
        else feed.push(result.data as Data);
      },
      error: (error) => {
        const code = (error as { code?: number }).code;
        // A close frame is how the server ends the stream; anything else is a failure.
        if (typeof code === 'number') feed.end();
        else feed.fail(error instanceof Error ? error : new Error(JSON.stringify(error)));
      },
      complete: () => feed.end(),
    },
  );
  const close = async () => {
    await client.dispose();
    feed.end();
  };
  // Closed when the test ends, pass or fail (so call this inside a test): no subscriber is left
  // behind for the next test to count.
  onTestFinished(close);
  return { feed, client, closed, upgraded, close };
}

export interface SseFrame {
  event: string;
  /** The data lines joined; undefined when the frame had none (a keep-alive). */
  data: string | undefined;
  id: string | undefined;
}

/** The frames of a text/event-stream body, as they arrive; keep-alive comments are skipped. */
export async function* sseFrames(body: ReadableStream<Uint8Array>): AsyncGenerator<SseFrame> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let boundary: RegExpExecArray | null;
      while ((boundary = /\r?\n\r?\n/.exec(buffer))) {
        const text = buffer.slice(0, boundary.index);
        buffer = buffer.slice(boundary.index + boundary[0].length);
        const frame: SseFrame = { event: 'message', data: undefined, id: undefined };
        const data: string[] = [];
        for (const line of text.split(/\r?\n/)) {
          if (line.startsWith(':')) continue; // keep-alive comment
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') frame.event = value;
          else if (field === 'data') data.push(value);
          else if (field === 'id') frame.id = value;
        }
        if (data.length) frame.data = data.join('\n');
        yield frame;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

export interface SseSubscription<T> {
  feed: Feed<T>;
  /** The response's headers once the stream is open (X-Worker says which cluster worker serves it). */
  opened: Promise<Headers>;
  /** The `id:` of the last event, where the server sends one. */
  lastEventId(): string | undefined;
  close(): void;
}

/** A GraphQL subscription over SSE (yoga's distinct-connections mode), read as a plain stream. */
export function subscribeSse<Data, Variables extends Record<string, unknown>>(
  baseUrl: string,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  headers: Record<string, string> = {},
): SseSubscription<Data> {
  const feed = new Feed<Data>();
  const abort = new AbortController();
  let lastId: string | undefined;
  let onOpened!: (headers: Headers) => void;
  let notOpened!: (error: Error) => void;
  const opened = new Promise<Headers>((resolve, reject) => {
    onOpened = resolve;
    notOpened = reject;
  });
  // Awaiting it is optional: a stream that fails to open fails its feed too.
  opened.catch(() => {});
  void (async () => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query: print(document), variables }),
      signal: abort.signal,
    });
    if (!response.ok || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
      throw new Error(`SSE request failed: ${response.status} ${await response.text()}`);
    }
    onOpened(response.headers);
    for await (const frame of sseFrames(response.body!)) {
      if (frame.id !== undefined) lastId = frame.id;
      if (frame.event === 'complete') return feed.end();
      if (frame.event === 'next' && frame.data !== undefined) {
        const result = JSON.parse(frame.data) as { data?: Data; errors?: GraphQLErrors };
        if (result.errors) feed.fail(new Error(`subscription error: ${JSON.stringify(result.errors)}`));
        else feed.push(result.data as Data);
      }
    }
    feed.end();
  })().catch((error: Error) => {
    notOpened(error);
    if (abort.signal.aborted) feed.end();
    else feed.fail(error);
  });
  const close = () => abort.abort();
  onTestFinished(close);
  return { feed, opened, lastEventId: () => lastId, close };
}

export interface ReceivedChange {
  cursor: string;
  sequence: number;
  from: string;
  to: string;
}

/**
 * agreementStatusChanged over graphql-ws. When the socket closes (server restart, kill) it
 * reconnects every `retryMs` and subscribes again with `after` = the last cursor it received.
 * Only what the server sends is recorded.
 */
export class ResumingSubscriber {
  readonly received: ReceivedChange[] = [];
  /** Close codes of sockets that had been open (1001 going away, 1006 abnormal, ...). */
  readonly closeCodes: number[] = [];
  readonly errors: unknown[] = [];
  /** How many times a subscription was acknowledged by a connected socket. */
  connections = 0;
  private stopped = false;
  private dispose: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly wsUrl: () => string,
    private readonly options: {
      after?: string | null;
      retryMs?: number;
      document?: typeof StatusChanges | typeof StatusChangesWithAgreement;
    } = {},
  ) {}

  get cursor(): string | null {
    return this.received.at(-1)?.cursor ?? this.options.after ?? null;
  }

  start(): this {
    this.loop = this.run();
    return this;
  }

  /** Resolves once `count` events have arrived; fails at once if an error came in place of one. */
  async waitForCount(count: number, timeoutMs = 10_000): Promise<void> {
    const state = () =>
      `expected ${count} event(s), got ${this.received.length}: ${JSON.stringify(this.received.map((e) => e.sequence))}; ` +
      `errors ${JSON.stringify(this.errors)}; close codes ${JSON.stringify(this.closeCodes)}`;
    await waitFor(() => this.received.length >= count || this.errors.length > 0, { timeoutMs, describe: state });
    if (this.errors.length) throw new Error(`the subscription delivered an error instead of an event: ${state()}`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.dispose?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const query = print(this.options.document ?? StatusChanges);
    while (!this.stopped) {
      let opened = false;
      const client = createClient({
        url: this.wsUrl(),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        on: {
          connected: () => {
            opened = true;
            this.connections++;
          },
          closed: (event) => {
            if (opened && !this.stopped) this.closeCodes.push((event as { code: number }).code);
          },
        },
      });
      await new Promise<void>((resolve) => {
        this.dispose = client.subscribe<{ agreementStatusChanged: ReceivedChange }>(
          { query, variables: { after: this.cursor } },
          {
            next: (result) => {
              if (result.errors?.length || !result.data) this.errors.push(result.errors ?? result);
              else this.received.push(result.data.agreementStatusChanged);
            },
            error: () => resolve(),
            complete: () => resolve(),
          },
        );
      });
      await client.dispose();
      if (!this.stopped) await sleep(this.options.retryMs ?? 100);
    }
  }
}
