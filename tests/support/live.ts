/**
 * Real subscription clients for the live tests: graphql-ws over a WebSocket and SSE over fetch,
 * both collecting into a Feed the test reads in order. Plus the writes those tests need (create an
 * agreement, sign it) against either the in-process app or another instance's URL.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import type { App } from '../../src/app';
import { graphql } from '../gql';
import { bearer, type TestApp } from './app';

type GraphQLErrors = Array<{ message: string; extensions?: { code?: string } }>;

/** Events in arrival order. `next()` hands them out one by one; `rest()` says what else came. */
export class Feed<T> {
  readonly received: T[] = [];
  /** performance.now() at arrival, parallel to `received`. */
  readonly arrivedAt: number[] = [];
  private read = 0;
  private failure: Error | undefined;
  private ended = false;
  private waiters = new Set<() => void>();

  push(value: T): void {
    this.received.push(value);
    this.arrivedAt.push(performance.now());
    this.notify();
  }

  fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    for (const wake of this.waiters) wake();
  }

  /** Resolves once `ready()` holds, or rejects with `describe()` after `timeoutMs`. */
  private async until(ready: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!ready()) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(describe());
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** The next event not yet handed out; fails after `timeoutMs` with what did arrive. */
  async next(timeoutMs = 5_000): Promise<T> {
    await this.until(
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

  /** Waits `ms`, then returns whatever arrived that was not handed out (expect it to be empty). */
  async rest(ms = 300): Promise<T[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (this.failure) throw this.failure;
    const rest = this.received.slice(this.read);
    this.read = this.received.length;
    return rest;
  }

  /** Resolves when the stream ends (the server completed it or closed the connection). */
  async untilEnded(timeoutMs = 5_000): Promise<void> {
    await this.until(
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
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
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
  return { feed, client, closed, close };
}

export interface SseSubscription<T> {
  feed: Feed<T>;
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
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let boundary: RegExpExecArray | null;
      while ((boundary = /\r?\n\r?\n/.exec(buffer))) {
        const frame = buffer.slice(0, boundary.index);
        buffer = buffer.slice(boundary.index + boundary[0].length);
        let event = 'message';
        const data: string[] = [];
        for (const line of frame.split(/\r?\n/)) {
          if (line.startsWith(':')) continue; // keep-alive comment
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = value;
          else if (field === 'data') data.push(value);
          else if (field === 'id') lastId = value;
        }
        if (event === 'complete') return feed.end();
        if (event === 'next' && data.length) {
          const result = JSON.parse(data.join('\n')) as { data?: Data; errors?: GraphQLErrors };
          if (result.errors) feed.fail(new Error(`subscription error: ${JSON.stringify(result.errors)}`));
          else feed.push(result.data as Data);
        }
      }
    }
    feed.end();
  })().catch((error: Error) => {
    if (abort.signal.aborted) feed.end();
    else feed.fail(error);
  });
  const close = () => abort.abort();
  onTestFinished(close);
  return { feed, lastEventId: () => lastId, close };
}

/**
 * Waits until the app's event bus has exactly `count` subscribers: a subscription without `after`
 * only sees what commits after it is registered, so a test must not write before that.
 */
export async function untilSubscribers(app: App, count: number, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (app.services.events.subscriberCount !== count) {
    if (performance.now() > deadline) {
      throw new Error(`expected ${count} subscriber(s), have ${app.services.events.subscriberCount}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** These tests write far more than the default per-address write rate limit allows. */
export const LIVE_ENV = { WRITE_RATE_LIMIT: '1000000' } as const;

// --- Documents ---------------------------------------------------------------------------------

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

export const CreateAgreement = graphql(`
  mutation LiveCreateAgreement($input: CreateAgreementInput!) {
    createAgreement(input: $input) {
      __typename
      ... on AgreementPayload { agreement { id status version } }
      ... on Error { message }
    }
  }
`);

export const TransitionAgreement = graphql(`
  mutation LiveTransitionAgreement($input: TransitionAgreementInput!) {
    transitionAgreement(input: $input) {
      __typename
      ... on AgreementStatusChange {
        cursor sequence from to effectiveDate agreement { id status signedOn version }
      }
      ... on VersionConflictError { expectedVersion actualVersion }
      ... on Error { code message }
    }
  }
`);

export const AgreementState = graphql(`
  query LiveAgreementState($id: ID!) {
    agreement(id: $id) { id status signedOn version }
  }
`);

// --- Writes ------------------------------------------------------------------------------------

/** A signing date safely in the past, as the service refuses future ones. */
export const SIGNED_ON = '2025-06-01';

export type Execute = TestApp['execute'];

/** `execute` against another instance's URL, the same shape as TestApp.execute. */
export function remoteExecute(baseUrl: string): Execute {
  return async (document, variables, headers = {}) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
    });
    const text = await response.text();
    try {
      return { status: response.status, ...JSON.parse(text) };
    } catch {
      throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 500)}`);
    }
  };
}

/** Creates an agreement (NEGOTIATING, version 1) so a test signs something nobody else touches. */
export async function createAgreement(execute: Execute, partnerCode: string, title = `Live test ${partnerCode}`) {
  const { data, errors } = await execute(CreateAgreement, { input: { partnerCode, title } }, await bearer('editor'));
  const result = data?.createAgreement;
  if (errors || result?.__typename !== 'AgreementPayload') {
    throw new Error(`createAgreement failed: ${JSON.stringify(errors ?? result)}`);
  }
  return result.agreement;
}

export async function transition(
  execute: Execute,
  input: {
    id: string;
    to: 'NEGOTIATING' | 'SIGNED' | 'STALLED' | 'ABANDONED';
    expectedVersion: number;
    effectiveDate?: string;
  },
  headers?: Record<string, string>,
) {
  return execute(TransitionAgreement, { input }, headers ?? (await bearer('editor')));
}

/** Signs a NEGOTIATING agreement at version 1 and returns the success payload (fails loudly otherwise). */
export async function sign(execute: Execute, id: string, headers?: Record<string, string>) {
  const { data, errors } = await transition(
    execute,
    { id, to: 'SIGNED', expectedVersion: 1, effectiveDate: SIGNED_ON },
    headers,
  );
  const result = data?.transitionAgreement;
  if (errors || result?.__typename !== 'AgreementStatusChange') {
    throw new Error(`signing ${id} failed: ${JSON.stringify(errors ?? result)}`);
  }
  return result;
}
