/**
 * Fans the event log out to subscribers on this instance.
 *
 * - One LISTEN connection per instance. A notification is only a wake-up: the bus then reads
 *   every row after the last sequence it saw, once, and dispatches it to all subscribers. With no
 *   subscriber and no observer that needs events (live queries), it reads nothing: the position
 *   moves to the sequence the notification names (writes with nobody watching cost no read).
 * - When the listener connection is lost it reconnects with backoff and reads what it missed, so
 *   events committed while it was down still arrive (the log, not the notification, is the truth).
 * - Each subscriber has a position (last sequence handed out) and a bounded queue. A subscriber
 *   that falls behind drops its queue and later re-reads from the log at its position: memory
 *   stays bounded and the slow one delays nobody. Resuming with `after` uses the same path.
 * - A consumer that can write an event out at once (server/ws-fanout.ts) may attach a sink to a
 *   live subscriber with nothing queued: its events then go to the sink synchronously, with no
 *   promise per event. A sink that cannot take an event hands the subscriber back to the log at
 *   that event (the same path as falling behind), so order and exactly-once hold across the switch.
 * - The bus knows no domain: what subscribers receive is made from each read by the loader it is
 *   given (services.ts loads the rows the events name, once per read for every subscriber).
 */
import type { Logger } from 'pino';
import type { Database, ListenerConnection } from '../db/database';
import { EVENTS_CHANNEL, latestSequence, readEventsAfter } from './event-log.repository';
import type { LogEvent, Topic } from './event-topics';

const READ_BATCH = 500;
const CATCH_UP_RETRY_MS = 500;
const READ_RETRY_MS = 500;

export interface EventBusOptions {
  /** Queue length past which a subscriber is switched to reading from the log. */
  queueLimit: number;
  /** Safety net: read the log this often even without a notification (0 = never). */
  pollIntervalMs: number;
  listenerName: string;
}

/**
 * Makes what subscribers receive from events read off the log, one for one and in order. Every
 * live subscriber is handed the same object for an event (shared-subscription-execution.ts relies
 * on it), so whatever it loads is loaded once per read, not once per subscriber.
 */
export type EventLoader<E extends LogEvent> = (events: readonly LogEvent[]) => Promise<readonly E[]>;

/**
 * Hooks for what watches the bus without changing it (metrics, caches). Called synchronously on
 * the bus's path: keep them cheap; one that throws is logged and does not stop the bus.
 */
export interface EventBusObserver<E extends LogEvent> {
  /**
   * Whether events must be read for this observer now even with no subscriber (live queries do,
   * while any is open). Without it, an observer hears only of the events read for subscribers.
   */
  needsEvents?(): boolean;
  /** Every event this instance dispatches, once, in log order (events of every instance). */
  dispatched?(events: readonly E[], position: number): void;
  /** One event was just handed to every subscriber; `startedAt` (performance.now()) was just before. */
  eventDispatched?(event: E, startedAt: number, subscribers: number): void;
  /** The LISTEN connection is up (`reconnected`: again, after it was lost). */
  listenerUp?(reconnected: boolean): void;
  /** The LISTEN connection was lost; the bus reconnects. */
  listenerDown?(): void;
  /** The LISTEN connection is back after `attempt` tries; the bus reads what it missed. */
  listenerReconnected?(attempt: number): void;
  /** A subscriber read the log on its own (resuming with `after`, or after falling behind). */
  catchUpRead?(events: number): void;
  /** A subscriber's queue overflowed: it now reads from the log until it is back at the head. */
  subscriberSwitchedToLog?(): void;
}

export interface SubscribeOptions<E extends LogEvent, T extends Topic> {
  topic: T;
  /** Replay every event after this sequence first; null = only what happens from now on. */
  after: number | null;
  matches: (event: OfTopic<E, T>) => boolean;
}

type OfTopic<E extends LogEvent, T extends Topic> = Extract<E, { topic: T }>;

const isOfTopic = <E extends LogEvent, T extends Topic>(event: E, topic: T): event is OfTopic<E, T> =>
  event.topic === topic;

/** What the bus dispatches to: a subscriber of any topic. */
interface Dispatchable<E> {
  offer(event: E): void;
  end(): void;
}

export class EventBus<E extends LogEvent> {
  private readonly subscribers = new Set<Dispatchable<E>>();
  private readonly observers = new Set<EventBusObserver<E>>();
  private head = 0;
  /** The newest sequence a notification named: where `head` goes when no read is needed. */
  private announced = 0;
  /** Woken without a notification (poll, reconnect, retry): the log's head must be read. */
  private unannounced = false;
  private listener: ListenerConnection | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private connected = false;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly options: EventBusOptions,
    private readonly load: EventLoader<E>,
  ) {}

  /** Whether the LISTEN connection is up (part of readiness). */
  get listening(): boolean {
    return this.connected;
  }

  /** The last sequence this instance has dispatched. */
  get position(): number {
    return this.head;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  async start(): Promise<void> {
    this.head = await latestSequence(this.database.db);
    await this.connect();
    if (this.options.pollIntervalMs > 0) {
      this.pollTimer = setInterval(() => this.wake(), this.options.pollIntervalMs);
      this.pollTimer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pollTimer);
    for (const subscriber of this.subscribers) subscriber.end();
    await this.listener?.close();
    await this.reading?.catch(() => {});
  }

  subscribe<T extends Topic>(options: SubscribeOptions<E, T>): AttachableSubscription<OfTopic<E, T>> {
    const subscriber = new Subscriber(this, options, options.after ?? this.head, this.options.queueLimit);
    this.subscribers.add(subscriber);
    if (options.after !== null) subscriber.needsCatchUp = true;
    return subscriber;
  }

  /** Adds an observer; returns the function that removes it. */
  observe(observer: EventBusObserver<E>): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** @internal */
  remove(subscriber: Dispatchable<E>): void {
    this.subscribers.delete(subscriber);
  }

  /** @internal Calls each observer; one that throws is logged, and the bus carries on. */
  report(notify: (observer: EventBusObserver<E>) => void): void {
    for (const observer of this.observers) {
      try {
        notify(observer);
      } catch (error) {
        this.logger.error({ err: error }, 'an event bus observer failed');
      }
    }
  }

  /**
   * @internal Reads the log after `sequence` (one topic, or all) and loads what its events name.
   * `last` is the last sequence read: past the events, and past any row that held none.
   */
  async read(
    sequence: number,
    limit: number,
    topic?: Topic,
  ): Promise<{ events: readonly E[]; last: number | null; full: boolean }> {
    const { events, malformed, last, full } = await readEventsAfter(this.database.db, sequence, limit, topic);
    for (const row of malformed) this.logger.error(row, 'an event log row holds no event of its topic; skipped');
    return { events: events.length ? await this.load(events) : [], last, full };
  }

  private async connect(attempt = 0): Promise<void> {
    if (this.stopped) return;
    try {
      const listener = await this.database.openListener(this.options.listenerName);
      listener.onLost((error) => {
        this.connected = false;
        this.report((observer) => observer.listenerDown?.());
        this.logger.warn({ err: error.message }, 'event listener connection lost; reconnecting');
        this.scheduleReconnect(0);
      });
      await listener.listen(EVENTS_CHANNEL, (payload) => this.notified(payload));
      this.listener = listener;
      this.connected = true;
      this.report((observer) => observer.listenerUp?.(attempt > 0));
      if (attempt > 0) {
        this.logger.info({ attempt }, 'event listener reconnected; catching up');
        this.report((observer) => observer.listenerReconnected?.(attempt));
      }
      // Whatever committed while we were not listening is in the log: read it now.
      this.wake();
    } catch (error) {
      this.connected = false;
      this.logger.warn({ err: (error as Error).message, attempt }, 'event listener could not connect');
      this.scheduleReconnect(attempt + 1);
    }
  }

  private scheduleReconnect(attempt: number): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    const delay = Math.min(50 * 2 ** attempt, 2000);
    this.reconnectTimer = setTimeout(() => void this.connect(Math.max(attempt, 1)), delay);
  }

  /** A notification: its payload is the newest sequence of the transaction that sent it. */
  private notified(payload: string): void {
    const sequence = Number(payload);
    if (Number.isSafeInteger(sequence)) {
      if (sequence > this.announced) this.announced = sequence;
    } else {
      this.unannounced = true;
    }
    this.run();
  }

  /** Whether anything on this instance receives events now. */
  private needed(): boolean {
    if (this.subscribers.size > 0) return true;
    for (const observer of this.observers) if (observer.needsEvents?.()) return true;
    return false;
  }

  /** Reads whatever the log holds past the position (poll, reconnect, retry): no notification said. */
  wake(): void {
    this.unannounced = true;
    this.run();
  }

  /** Coalesces wake-ups: at most one read in flight, and one more if woken meanwhile. */
  private run(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    if (!this.needed() && !this.unannounced) {
      // Sequences commit in order (event-log.repository.ts): all up to the announced one are in.
      if (this.announced > this.head) this.head = this.announced;
      return;
    }
    this.reading = (this.needed() ? this.readNew() : this.skipToHead())
      .catch((error) => {
        // The database is away: nothing was dispatched past `head`, so read again shortly.
        this.logger.warn({ err: (error as Error).message }, 'reading the event log failed; retrying');
        setTimeout(() => this.wake(), READ_RETRY_MS).unref();
      })
      .finally(() => {
        this.reading = undefined;
        if (this.readAgain) {
          this.readAgain = false;
          this.run();
        }
      });
  }

  /** With nobody to dispatch to: the position moves to the log's head, unread. */
  private async skipToHead(): Promise<void> {
    this.unannounced = false;
    const head = await latestSequence(this.database.db);
    // A subscriber that came meanwhile must get what committed after it came: read instead.
    if (this.needed()) this.readAgain = true;
    else if (Math.max(head, this.announced) > this.head) this.head = Math.max(head, this.announced);
  }

  private async readNew(): Promise<void> {
    this.unannounced = false;
    for (;;) {
      const { events, last, full } = await this.read(this.head, READ_BATCH);
      const timed = this.observers.size > 0;
      for (const event of events) {
        const startedAt = timed ? performance.now() : 0;
        for (const subscriber of this.subscribers) subscriber.offer(event);
        if (timed) this.report((observer) => observer.eventDispatched?.(event, startedAt, this.subscribers.size));
      }
      // Past rows that held no event too: nothing could ever deliver them.
      if (last !== null) this.head = last;
      if (events.length && this.observers.size) this.report((observer) => observer.dispatched?.(events, this.head));
      if (!full) return;
    }
  }
}

/**
 * Takes a live event synchronously; false when it cannot (the subscriber then reads the log from
 * this event on, and the sink is detached).
 */
export type LiveSink<V> = (event: V) => boolean;

/** A bus subscription that also accepts a synchronous sink for its live events. */
export interface AttachableSubscription<V> extends AsyncIterableIterator<V> {
  /**
   * While the subscriber is live with nothing queued, hands its events to `sink` instead of the
   * iterator; undefined (nothing attached) otherwise. Resolves once the sink is detached: it
   * refused an event, `detach` was called, or the subscription ended. Then read on with `next()`.
   */
  attach(sink: LiveSink<V>): Promise<void> | undefined;
  /** The event at `sequence` (and any later one already handed to the sink) was not delivered. */
  rewind(sequence: number): void;
}

export const isAttachable = <V>(source: unknown): source is AttachableSubscription<V> =>
  typeof (source as { attach?: unknown } | null)?.attach === 'function';

class Subscriber<E extends LogEvent, T extends Topic>
  implements AttachableSubscription<OfTopic<E, T>>, Dispatchable<E>
{
  private queue: OfTopic<E, T>[] = [];
  /** Live events that arrive while catching up from the log; merged when the catch-up ends. */
  private pending: OfTopic<E, T>[] = [];
  private pendingOverflow = false;
  private waiting: ((result: IteratorResult<OfTopic<E, T>>) => void) | undefined;
  private done = false;
  needsCatchUp = false;
  private catchingUp = false;
  private sink: LiveSink<OfTopic<E, T>> | undefined;
  private detached: (() => void) | undefined;

  constructor(
    private readonly bus: EventBus<E>,
    private readonly options: SubscribeOptions<E, T>,
    /** Highest sequence already queued or handed out: nothing at or below it is delivered again. */
    private position: number,
    private readonly queueLimit: number,
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  offer(event: E): void {
    if (this.done || !isOfTopic(event, this.options.topic)) return;
    if (this.needsCatchUp || this.catchingUp) {
      if (this.pending.length >= this.queueLimit) {
        this.pending = [];
        this.pendingOverflow = true;
        this.bus.report((observer) => observer.subscriberSwitchedToLog?.());
      } else {
        this.pending.push(event);
      }
      return;
    }
    this.accept(event);
  }

  private accept(event: OfTopic<E, T>): void {
    if (event.sequence <= this.position) return;
    this.position = event.sequence;
    if (!this.options.matches(event)) return;
    if (this.sink) {
      if (!this.sink(event)) this.rewind(event.sequence);
      return;
    }
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: event, done: false });
      return;
    }
    this.queue.push(event);
    if (this.queue.length > this.queueLimit) {
      // Too slow: forget the queue and re-read from the log when the consumer asks again.
      this.position = this.queue[0]!.sequence - 1;
      this.queue = [];
      this.needsCatchUp = true;
      this.bus.report((observer) => observer.subscriberSwitchedToLog?.());
    }
  }

  attach(sink: LiveSink<OfTopic<E, T>>): Promise<void> | undefined {
    if (this.done || this.sink || this.waiting || this.needsCatchUp || this.catchingUp || this.queue.length) {
      return undefined;
    }
    this.sink = sink;
    return new Promise((resolve) => {
      this.detached = resolve;
    });
  }

  rewind(sequence: number): void {
    if (!this.sink) return;
    this.detach();
    // Read the log again from just before it: the events after it that the sink took were not
    // delivered either (the sink delivers in order, so the first it could not is the first missing).
    if (sequence - 1 < this.position) this.position = sequence - 1;
    this.needsCatchUp = true;
    this.bus.report((observer) => observer.subscriberSwitchedToLog?.());
  }

  private detach(): void {
    this.sink = undefined;
    const detached = this.detached;
    this.detached = undefined;
    detached?.();
  }

  async next(): Promise<IteratorResult<OfTopic<E, T>>> {
    for (;;) {
      if (this.done) return { value: undefined, done: true };
      const queued = this.queue.shift();
      if (queued) return { value: queued, done: false };
      if (!this.needsCatchUp) break;
      try {
        await this.catchUp();
      } catch {
        // The database is away (restart, failover): keep the position and try again shortly.
        await new Promise((resolve) => setTimeout(resolve, CATCH_UP_RETRY_MS));
      }
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Reads the log after `position` until it is exhausted, then merges what arrived live meanwhile. */
  private async catchUp(): Promise<void> {
    this.catchingUp = true;
    this.needsCatchUp = false;
    // A batch never exceeds the queue limit, so reading cannot itself overflow the queue.
    const batch = Math.min(READ_BATCH, this.queueLimit);
    try {
      for (;;) {
        const { events, last, full } = await this.bus.read(this.position, batch, this.options.topic);
        if (this.done) return;
        for (const event of events) if (isOfTopic(event, this.options.topic)) this.accept(event);
        // Past rows that held no event too (a batch never overflows the queue, so nothing was rewound).
        if (last !== null && last > this.position) this.position = last;
        this.bus.report((observer) => observer.catchUpRead?.(events.length));
        if (!full && !this.pendingOverflow) break;
        this.pendingOverflow = false;
        if (this.queue.length) {
          // Hand these out first; the log still holds everything after `position`.
          this.pending = [];
          this.needsCatchUp = true;
          return;
        }
      }
      const pending = this.pending;
      this.pending = [];
      for (const event of pending) this.accept(event);
    } catch (error) {
      this.needsCatchUp = true;
      throw error;
    } finally {
      this.catchingUp = false;
    }
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.queue = [];
    this.pending = [];
    this.bus.remove(this);
    this.detach();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }

  async return(): Promise<IteratorResult<OfTopic<E, T>>> {
    this.end();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<OfTopic<E, T>>> {
    this.end();
    throw error;
  }
}
