/**
 * The fast path for live graphql-ws subscription events: one execution and one serialisation per
 * event and operation, and one synchronous write per socket.
 *
 * Why: with 10,000 subscribers of one operation, what the service spent above a bare `ws` server
 * was the per-subscriber async chain after the (already shared) execution: graphql-ws's for-await,
 * `onNext` and `stringifyMessage`, envelop's result hooks, a send promise and several microtasks
 * per socket and event (bench/results/fanout-latest.md, "What bounds it"). Here the bus hands a
 * live event straight to a sink (event-bus.ts, `attach`), which writes
 * `{"id":"<its id>","type":"next","payload":<shared JSON>}` to the socket at once.
 *
 * What it keeps from the per-subscriber path (ws-server.ts, graphql-ws, the yoga plugins):
 * - the payload as that path sends it: errors masked (yoga's maskError) and formatted
 *   (formatWireError), and the first result's `extensions.resumedAfter` (resume-acknowledgement.ts);
 * - order and exactly-once: only a live subscriber with nothing queued is attached, and writes
 *   happen in the bus's order. Replays (`after`), catch-up reads and anything the sink refuses go
 *   through the iterator and graphql-ws as before, and the subscriber re-attaches when it is live
 *   again;
 * - slow consumers: a socket with more than `sendBufferBytes` buffered refuses the event, and the
 *   subscriber reads the log from that event on, paced by graphql-ws's send promises, instead of
 *   buffering without bound;
 * - `complete` and close stop delivery at once: graphql-ws drops the id from the socket's
 *   subscriptions synchronously, and the sink checks it before every write;
 * - metrics and traces: each write is reported as a delivery (WebSocketObserver.delivered).
 * SSE and live queries keep the per-subscriber path.
 */
import type { ExecutionArgs, ExecutionResult, GraphQLError } from 'graphql';
import { WebSocket } from 'ws';
import type { AttachableSubscription } from '../events/event-bus';
import type { SubscriptionStart } from '../events/subscription.service';
import { formatWireError } from './mask-error';
import { type ErrorMasker, type SharedExecution, yogaErrorMasker } from './shared-subscription-execution';

/** What the bus's event object (a log row) must have for the fan-out to rewind to it. */
interface Sequenced {
  readonly sequence: number;
}

export interface FanoutObserver {
  /** Errors sent in a `next` message's result (per subscriber, as the per-subscriber path reports them). */
  errors(errors: readonly GraphQLError[], args: ExecutionArgs): void;
  /** The event's `next` frame for the subscription with this context was written to its socket. */
  delivered(contextValue: unknown, event: unknown): void;
}

/** graphql-ws's per-socket context: the ids of the operations still running on it. */
interface SocketOperations {
  readonly subscriptions: Record<string, unknown>;
}

/** One subscription on one socket. */
interface Route {
  readonly socket: WebSocket;
  readonly operations: SocketOperations;
  readonly id: string;
  /** `{"id":"<id>","type":"next","payload":` */
  readonly prefix: string;
  /** Writes waiting for an execution still running, in order (rare: results are mostly synchronous). */
  tail: Promise<void> | undefined;
  /** Bumped when the subscriber was rewound: the writes chained before then are dropped. */
  epoch: number;
  /** The first result (with `resumedAfter`) has been sent, by either path. */
  acknowledged: boolean;
}

/** One event's result for one operation key, masked and serialised once for every socket. */
interface Payload {
  /** The masked result (for the errors reported). */
  result: ExecutionResult | undefined;
  /** What is sent: the masked result with its errors formatted. */
  body: object | undefined;
  json: string | undefined;
  /** Set while the execution runs. */
  ready: Promise<void> | undefined;
}

export class WebSocketFanout {
  /** By the operation's context value (as yoga's subscribe sees it). */
  private readonly routes = new WeakMap<object, Route>();
  /** Per event (the bus's row object, shared by every live subscriber), per operation key. Gone with the row. */
  private readonly payloads = new WeakMap<object, Map<string, Payload>>();

  private maskError: ErrorMasker = (error) => error;
  /** The payload last looked up: the bus hands one event to every subscriber in turn. */
  private last: { event: object; key: string; payload: Payload } | undefined;

  constructor(
    private readonly options: {
      /** A socket with more than this many bytes waiting to be sent is not written to here. */
      sendBufferBytes: number;
      observer?: FanoutObserver | undefined;
    },
  ) {}

  /** Masks errors with the yoga instance's own masking (built after this, with its plugin list). */
  maskErrorsAs(yoga: object): void {
    this.maskError = yogaErrorMasker(yoga) ?? ((error) => error);
  }

  /** ws-server.ts: the operation with this context is `id` on this socket. */
  route(contextValue: object, socket: WebSocket, operations: SocketOperations, id: string): void {
    this.routes.set(contextValue, {
      socket,
      operations,
      id,
      prefix: `{"id":${JSON.stringify(id)},"type":"next","payload":`,
      tail: undefined,
      epoch: 0,
      acknowledged: false,
    });
  }

  /**
   * For shared-subscription-execution.ts: delivers this subscription's live events from now on, if
   * it runs over a socket here and is live with nothing queued. Resolves when the iterator must
   * take over again; undefined when it must now.
   */
  attach(
    args: ExecutionArgs,
    key: string,
    events: AttachableSubscription<unknown>,
    shared: SharedExecution,
  ): Promise<void> | undefined {
    const route = this.routes.get(args.contextValue as object);
    if (!route || route.socket.bufferedAmount > this.options.sendBufferBytes) return undefined;
    return events.attach((event) => this.take(route, args, key, event, events, shared));
  }

  /** The bus's sink: true when written (or dropped, the operation being over), false to rewind. */
  private take(
    route: Route,
    args: ExecutionArgs,
    key: string,
    event: unknown,
    events: AttachableSubscription<unknown>,
    shared: SharedExecution,
  ): boolean {
    if (!this.open(route)) return true;
    let payload: Payload;
    try {
      payload = this.payloadOf(event as object, key, shared);
      if (route.tail === undefined && payload.json !== undefined) return this.write(route, args, event, payload);
    } catch {
      // Never into the bus's dispatch loop: the iterator delivers (or reports) this one.
      return false;
    }
    // An execution still runs (this one or an earlier one's): write after it, in order.
    const epoch = route.epoch;
    const tail: Promise<void> = (route.tail ?? Promise.resolve())
      .then(() => payload.ready)
      .then(() => {
        if (route.epoch !== epoch || !this.open(route)) return;
        let written = false;
        try {
          written = payload.json !== undefined && this.write(route, args, event, payload);
        } catch {}
        if (!written) {
          // Not written: the log has it, and everything after it; the iterator reads it from there.
          route.epoch++;
          events.rewind((event as Sequenced).sequence);
        }
      })
      .finally(() => {
        if (route.tail === tail) route.tail = undefined;
      });
    route.tail = tail;
    return true;
  }

  /** Whether the operation still runs on an open socket (graphql-ws drops a completed id at once). */
  private open(route: Route): boolean {
    return route.socket.readyState === WebSocket.OPEN && route.id in route.operations.subscriptions;
  }

  private write(route: Route, args: ExecutionArgs, event: unknown, payload: Payload): boolean {
    const { socket } = route;
    if (socket.bufferedAmount > this.options.sendBufferBytes) return false;
    let json = payload.json!;
    if (!route.acknowledged) {
      route.acknowledged = true;
      const start = (args.contextValue as { subscriptionStart?: SubscriptionStart }).subscriptionStart;
      if (start && !start.acknowledged && start.resumedAfter !== undefined) {
        // The first result carries the acknowledgement (resume-acknowledgement.ts): this one is its own.
        start.acknowledged = true;
        const body = payload.body as ExecutionResult;
        json = JSON.stringify({ ...body, extensions: { ...body.extensions, resumedAfter: start.resumedAfter } });
      }
    }
    // Written at once unless the socket already has a backlog (then after it, still in order).
    socket.send(`${route.prefix}${json}}`);
    const observer = this.options.observer;
    if (observer) {
      if (payload.result!.errors) observer.errors(payload.result!.errors as GraphQLError[], args);
      observer.delivered(args.contextValue, event);
    }
    return true;
  }

  private payloadOf(event: object, key: string, shared: SharedExecution): Payload {
    const last = this.last;
    if (last !== undefined && last.event === event && last.key === key) return last.payload;
    const payload = this.lookUp(event, key, shared);
    this.last = { event, key, payload };
    return payload;
  }

  private lookUp(event: object, key: string, shared: SharedExecution): Payload {
    let ofEvent = this.payloads.get(event);
    if (!ofEvent) {
      ofEvent = new Map();
      this.payloads.set(event, ofEvent);
    }
    let payload = ofEvent.get(key);
    if (payload) return payload;
    const made: Payload = { result: undefined, body: undefined, json: undefined, ready: undefined };
    const result = shared.executeEvent(event);
    if (isPromise(result)) {
      // Never rejects: a failure leaves no json, and the iterator executes it again and reports it
      // as graphql-ws would.
      made.ready = result.then((value) => this.serialise(made, value)).catch(() => {});
    } else {
      this.serialise(made, result);
    }
    payload = made;
    ofEvent.set(key, payload);
    return payload;
  }

  /** As the per-subscriber path would send it: masked (yoga) and formatted (ws-server.ts). */
  private serialise(payload: Payload, result: ExecutionResult): void {
    const { maskError } = this;
    const masked = result.errors ? { ...result, errors: result.errors.map((error) => maskError(error)) } : result;
    payload.result = masked;
    payload.body = masked.errors ? { ...masked, errors: masked.errors.map(formatWireError) } : masked;
    payload.json = JSON.stringify(payload.body);
    payload.ready = undefined;
  }
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';
