/**
 * Executes a subscription's selection set once per event and operation rather than once per
 * subscriber (bench/results/fanout-latest.md measured 326 → 36 µs of server CPU per delivery at
 * 10,000 subscribers).
 *
 * The event bus hands the same row object to every live subscriber, so that object identifies the
 * event. Subscribers whose operation is the same (same parsed document, which yoga caches per query
 * text, same operation name, variables and viewer role) share one execution result for it. A
 * subscriber replaying from `after` reads its own row objects, so it still executes on its own.
 * Everything after execution (error masking, SSE ids, graphql-ws framing) stays per subscriber,
 * except where a direct delivery (ws-fanout.ts, for graphql-ws sockets) takes over the live events.
 */
import { createSourceEventStream, type DocumentNode, type ExecutionArgs, type ExecutionResult, execute } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { type AttachableSubscription, isAttachable } from '../events/event-bus';
import { retryWhileUnavailable } from './unavailable-retry';

const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;
/** Per event (the bus's row object), the result per operation key. Gone with the row. */
const resultsOfEvent = new WeakMap<object, Map<string, ReturnType<typeof execute>>>();

/** Same parsed document, operation name, viewer role and variables: the same answer. */
export function operationKey(args: ExecutionArgs): string {
  let id = documentIds.get(args.document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(args.document, id);
  }
  const role = (args.contextValue as { viewer?: { role?: string } } | undefined)?.viewer?.role ?? '';
  const key = `${id}\u0000${args.operationName ?? ''}\u0000${role}\u0000${JSON.stringify(args.variableValues ?? {})}`;
  // One string per distinct key, not one per subscription: less memory, and lookups compare pointers.
  const known = keys.get(key);
  if (known !== undefined) return known;
  if (keys.size >= MAX_INTERNED_KEYS) keys.clear();
  keys.set(key, key);
  return key;
}

const MAX_INTERNED_KEYS = 10_000;
const keys = new Map<string, string>();

/** Told which event a subscription (by its context) is about to deliver: metrics and traces follow it to the socket. */
export type EventTaken = (contextValue: unknown, event: unknown) => void;

/** Executes an event for one subscription, sharing the result with its operation's other subscribers. */
export interface SharedExecution {
  executeEvent(event: unknown): ExecutionResult | Promise<ExecutionResult>;
}

/**
 * Delivers a subscription's live events itself while it can (ws-fanout.ts): resolves when the
 * iterator must deliver again (replays, catch-up reads, a refused event); undefined when it must now.
 */
export interface DirectDelivery {
  attach(
    args: ExecutionArgs,
    key: string,
    events: AttachableSubscription<unknown>,
    results: SharedExecution,
  ): Promise<void> | undefined;
}

async function sharedSubscribe(
  args: ExecutionArgs,
  eventTaken: EventTaken | undefined,
  direct: DirectDelivery | undefined,
) {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  return new SharedResults(args, operationKey(args), source[Symbol.asyncIterator](), eventTaken, direct);
}

/**
 * For plugins' onSubscribeResult: runs `onEnd` when the subscription ends (its last result, or
 * `return`), as envelop's `onEnd` hook does. A result of ours runs it itself; envelop would wrap
 * each subscription in one more iterator (closures, promises) for it, kept for the subscription's life.
 */
export function onSubscriptionEnd(result: unknown, onEnd: () => void): { onEnd: () => void } | undefined {
  if (!(result instanceof SharedResults)) return { onEnd };
  result.onEnd(onEnd);
  return undefined;
}

/** One subscription's results. A class, not closures: thousands of idle subscriptions each hold one. */
class SharedResults implements AsyncIterableIterator<ExecutionResult> {
  /** What runs when it ends (onSubscriptionEnd): none, one, or several. */
  private ends: (() => void) | Array<() => void> | undefined = undefined;

  constructor(
    private readonly args: ExecutionArgs,
    private readonly key: string,
    private readonly events: AsyncIterator<unknown>,
    private readonly eventTaken: EventTaken | undefined,
    private readonly direct: DirectDelivery | undefined,
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  executeEvent(event: unknown): ReturnType<typeof execute> {
    const { args, key } = this;
    if (event === null || typeof event !== 'object') {
      return retryWhileUnavailable(() => execute({ ...args, rootValue: event }));
    }
    let results = resultsOfEvent.get(event);
    if (!results) {
      results = new Map();
      resultsOfEvent.set(event, results);
    }
    let result = results.get(key);
    if (!result) {
      // Shared, retries and all: the subscribers of this operation wait for one result.
      result = retryWhileUnavailable(() => execute({ ...args, rootValue: event }));
      results.set(key, result);
    }
    return result;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const { events, direct } = this;
    // Between direct deliveries, this iterator hands out what the subscriber reads from the log.
    const attached = direct && isAttachable(events) ? direct.attach(this.args, this.key, events, this) : undefined;
    // Not awaited in an async frame: an idle subscription waits here, and a reaction is smaller.
    return attached ? attached.then(() => this.read()) : this.read();
  }

  onEnd(callback: () => void): void {
    const { ends } = this;
    if (ends === undefined) this.ends = callback;
    else if (typeof ends === 'function') this.ends = [ends, callback];
    else ends.push(callback);
  }

  /** Runs the end callbacks, once (as envelop's final iterator does: on the last result, or `return`). */
  private ended(): void {
    const { ends } = this;
    if (ends === undefined) return;
    this.ends = undefined;
    if (typeof ends === 'function') ends();
    else for (const end of ends) end();
  }

  private async read(): Promise<IteratorResult<ExecutionResult>> {
    const { events } = this;
    const step = await events.next();
    if (step.done) {
      this.ended();
      return { done: true, value: undefined };
    }
    this.eventTaken?.(this.args.contextValue, step.value);
    return { done: false, value: await this.executeEvent(step.value) };
  }

  // Forwarded at once (not queued behind a pending next), so the bus drops the subscriber.
  async return(): Promise<IteratorResult<ExecutionResult>> {
    const returned = this.events.return?.();
    this.ended();
    await returned;
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.events.return?.();
    throw error;
  }
}

export function useSharedSubscriptionExecution(eventTaken?: EventTaken, direct?: DirectDelivery): Plugin {
  const subscribe = (args: ExecutionArgs) => sharedSubscribe(args, eventTaken, direct);
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribe as Parameters<typeof setSubscribeFn>[0]);
    },
  };
}
