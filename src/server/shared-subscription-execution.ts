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
 *
 * A subscription's results also run the plugins' per-result hooks themselves (`subscriptionHooks`,
 * and yoga's error masking): envelop would wrap every subscription in one more iterator per kind
 * of hook (closures, promises and the hook lists of every plugin, ~3 KB that an idle subscriber
 * kept for its whole life: bench/results/fanout-latest.md).
 */
import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  type GraphQLError,
} from 'graphql';
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

/** Masks an error as yoga's maskedErrors plugin does. */
export type ErrorMasker = (error: GraphQLError) => GraphQLError;

/** Yoga's own masking (its maskedErrors option), as its plugin applies it; none when that is off. */
export function yogaErrorMasker(yoga: object): ErrorMasker | undefined {
  const options = (yoga as YogaMaskedErrors).maskedErrorsOpts;
  return options ? (error) => options.maskError(error, options.errorMessage) : undefined;
}

interface YogaMaskedErrors {
  readonly maskedErrorsOpts: {
    maskError(error: GraphQLError, message: string): GraphQLError;
    errorMessage: string;
  } | null;
}

/** The result with its errors masked (a new object: results are shared between subscribers). */
function masked(result: ExecutionResult, maskError: ErrorMasker | undefined): ExecutionResult {
  return result.errors && maskError ? { ...result, errors: result.errors.map(maskError) } : result;
}

/** A per-result hook, as envelop's `onNext`. */
type NextHook = (payload: {
  args: ExecutionArgs;
  result: ExecutionResult;
  setResult(result: ExecutionResult): void;
}) => void;

export interface SubscriptionHooks {
  /** Runs on every result the subscription's iterator hands out (not on direct WebSocket deliveries). */
  onNext?: NextHook;
  /** Runs once when the subscription ends: its last result, `return`, or an error. */
  onEnd?: () => void;
}

/**
 * For plugins' onSubscribeResult, instead of returning `{ onNext, onEnd }` to envelop: a result of
 * ours keeps the hooks and runs them itself (and the function returns undefined); any other result
 * gets them back, for envelop.
 */
export function subscriptionHooks(result: unknown, hooks: SubscriptionHooks): SubscriptionHooks | undefined {
  if (!(result instanceof SharedResults)) return hooks;
  if (hooks.onNext) result.nexts = add(result.nexts, hooks.onNext);
  if (hooks.onEnd) result.ends = add(result.ends, hooks.onEnd);
  return undefined;
}

/** None, one or several, without an array for the usual one. */
type Some<T> = T | T[] | undefined;

function add<T extends (...args: never) => unknown>(some: Some<T>, one: T): Some<T> {
  if (some === undefined) return one;
  if (typeof some === 'function') return [some, one];
  some.push(one);
  return some;
}

/** One subscription's results. A class, not closures: thousands of idle subscriptions each hold one. */
class SharedResults implements AsyncIterableIterator<ExecutionResult> {
  /** subscriptionHooks: what runs on each result, and when it ends. */
  nexts: Some<NextHook> = undefined;
  ends: Some<() => void> = undefined;

  constructor(
    private readonly args: ExecutionArgs,
    private readonly key: string,
    private readonly events: AsyncIterator<unknown>,
    private readonly options: SharedExecutionOptions,
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
    const { events } = this;
    const { direct } = this.options;
    // Between direct deliveries, this iterator hands out what the subscriber reads from the log.
    const attached = direct && isAttachable(events) ? direct.attach(this.args, this.key, events, this) : undefined;
    // Not awaited in an async frame: an idle subscription waits here, and a reaction is smaller.
    return attached ? attached.then(() => this.read()) : this.read();
  }

  /** Runs the end hooks, once: on the last result, `return`, `throw` or an error. */
  private ended(): void {
    const { ends } = this;
    if (ends === undefined) return;
    this.ends = undefined;
    if (typeof ends === 'function') ends();
    else for (const end of ends) end();
  }

  private async read(): Promise<IteratorResult<ExecutionResult>> {
    const { events, args } = this;
    try {
      const step = await events.next();
      if (step.done) {
        this.ended();
        return { done: true, value: undefined };
      }
      this.options.eventTaken?.(args.contextValue, step.value);
      return { done: false, value: this.processed(await this.executeEvent(step.value)) };
    } catch (error) {
      // Nothing calls `return` after a failed `next`: the end hooks (stream slots, metrics) run here.
      this.ended();
      throw error;
    }
  }

  /** The plugins' per-result hooks in their order, then yoga's masking, which runs after every plugin. */
  private processed(result: ExecutionResult): ExecutionResult {
    const { nexts, args } = this;
    if (nexts !== undefined) {
      const setResult = (next: ExecutionResult) => {
        result = next;
      };
      if (typeof nexts === 'function') nexts({ args, result, setResult });
      else for (const onNext of nexts) onNext({ args, result, setResult });
    }
    return masked(result, this.options.maskError());
  }

  // Forwarded at once (not queued behind a pending next), so the bus drops the subscriber.
  async return(): Promise<IteratorResult<ExecutionResult>> {
    const returned = this.events.return?.();
    this.ended();
    await returned;
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    const returned = this.events.return?.();
    this.ended();
    await returned;
    throw error;
  }
}

interface SharedExecutionOptions {
  eventTaken?: EventTaken | undefined;
  direct?: DirectDelivery | undefined;
  /** Yoga's masking (known once yoga is built). */
  maskError(): ErrorMasker | undefined;
}

/**
 * The last of the plugins that see `onSubscribe`: it answers with the subscription itself
 * (setResultAndStopExecution), so the two hooks yoga adds after every plugin (its error masking and
 * its AbortError guard) do not wrap each subscription in two more iterators. Their work is done
 * here: results are masked with yoga's own masker (SharedResults.processed, and below for a result
 * that is not a stream), and an error a subscription's iterator throws is masked where it is
 * reported (yoga's SSE response, ws-server.ts's close with 4500), as before.
 */
export function useSharedSubscriptionExecution(eventTaken?: EventTaken, direct?: DirectDelivery): Plugin {
  let maskError: ErrorMasker | undefined;
  const options: SharedExecutionOptions = { eventTaken, direct, maskError: () => maskError };
  const subscribe = async (args: ExecutionArgs) => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    return new SharedResults(args, operationKey(args), source[Symbol.asyncIterator](), options);
  };
  // Yoga's masking of a result that is not a stream (an error before the first event), after every plugin as before.
  const afterSubscribe = {
    onSubscribeResult: ({ result, setResult }: { result: unknown; setResult(result: ExecutionResult): void }) => {
      if (!isAsyncIterable(result)) setResult(masked(result as ExecutionResult, maskError));
    },
  };
  return {
    onYogaInit({ yoga }) {
      maskError = yogaErrorMasker(yoga);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      setResultAndStopExecution(subscribe(args) as unknown as Parameters<typeof setResultAndStopExecution>[0]);
      return afterSubscribe;
    },
  };
}
