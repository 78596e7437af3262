/**
 * Fans the event log out to subscribers on this instance.
 *
 * - One LISTEN connection per instance. A notification is only a wake-up: the bus then reads
 *   every row after the last sequence it saw, once, and dispatches it to all subscribers.
 * - When the listener connection is lost it reconnects with backoff and reads what it missed, so
 *   events committed while it was down still arrive (the log, not the notification, is the truth).
 * - Each subscriber has a position (last sequence handed out) and a bounded queue. A subscriber
 *   that falls behind drops its queue and later re-reads from the log at its position: memory
 *   stays bounded and the slow one delays nobody. Resuming with `after` uses the same path.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, ListenerConnection } from '../db/database';
import type { DB } from '../db/types';
import { EVENTS_CHANNEL, type LoggedEvent, latestSequence, readEventsAfter, type Topic } from './event-log.repository';

const READ_BATCH = 500;
const CATCH_UP_RETRY_MS = 500;
const READ_RETRY_MS = 500;

export interface EventBusOptions {
  /** Queue length past which a subscriber is switched to reading from the log. */
  queueLimit: number;
  /** Safety net: read the log this often even without a notification (0 = never). */
  pollIntervalMs: number;
  listenerName: string;
  /** Metrics and traces (observability/); absent, the bus does no bookkeeping for them. */
  observer?: EventBusObserver | undefined;
}

/** What the bus reports, at the points each method names. */
export interface EventBusObserver {
  /** A live row was handed to every subscriber; `startedAt` (performance.now()) was just before. */
  dispatched(row: LoggedEvent, startedAt: number, subscribers: number): void;
  listenerUp(reconnected: boolean): void;
  listenerDown(): void;
  /** A subscriber read the log itself (resuming with `after`, or after falling behind). */
  catchUpRead(rows: number): void;
  /** A subscriber's queue overflowed: it was switched to reading from the log. */
  fellBehind(): void;
}

export interface SubscribeOptions {
  topic: Topic;
  /** Replay every event after this sequence first; null = only what happens from now on. */
  after: number | null;
  matches: (row: LoggedEvent) => boolean;
}

export class EventBus {
  private readonly subscribers = new Set<Subscriber>();
  private head = 0;
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
  ) {}

  get db(): Kysely<DB> {
    return this.database.db;
  }

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

  get observer(): EventBusObserver | undefined {
    return this.options.observer;
  }

  async start(): Promise<void> {
    this.head = await latestSequence(this.db);
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

  subscribe(options: SubscribeOptions): AsyncIterableIterator<LoggedEvent> {
    const subscriber = new Subscriber(this, options, options.after ?? this.head, this.options.queueLimit);
    this.subscribers.add(subscriber);
    if (options.after !== null) subscriber.needsCatchUp = true;
    return subscriber;
  }

  /** @internal */
  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
  }

  private async connect(attempt = 0): Promise<void> {
    if (this.stopped) return;
    try {
      const listener = await this.database.openListener(this.options.listenerName);
      listener.onLost((error) => {
        this.connected = false;
        this.observer?.listenerDown();
        this.logger.warn({ err: error.message }, 'event listener connection lost; reconnecting');
        this.scheduleReconnect(0);
      });
      await listener.listen(EVENTS_CHANNEL, () => this.wake());
      this.listener = listener;
      this.connected = true;
      this.observer?.listenerUp(attempt > 0);
      if (attempt > 0) this.logger.info({ attempt }, 'event listener reconnected; catching up');
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

  /** Coalesces wake-ups: at most one read in flight, and one more if woken meanwhile. */
  wake(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readNew()
      .catch((error) => {
        // The database is away: nothing was dispatched past `head`, so read again shortly.
        this.logger.warn({ err: (error as Error).message }, 'reading the event log failed; retrying');
        setTimeout(() => this.wake(), READ_RETRY_MS).unref();
      })
      .finally(() => {
        this.reading = undefined;
        if (this.readAgain) {
          this.readAgain = false;
          this.wake();
        }
      });
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const rows = await readEventsAfter(this.db, this.head, READ_BATCH);
      const observer = this.observer;
      for (const row of rows) {
        const startedAt = observer ? performance.now() : 0;
        this.head = row.sequence;
        for (const subscriber of this.subscribers) subscriber.offer(row);
        observer?.dispatched(row, startedAt, this.subscribers.size);
      }
      if (rows.length < READ_BATCH) return;
    }
  }
}

class Subscriber implements AsyncIterableIterator<LoggedEvent> {
  private queue: LoggedEvent[] = [];
  /** Live rows that arrive while catching up from the log; merged when the catch-up ends. */
  private pending: LoggedEvent[] = [];
  private pendingOverflow = false;
  private waiting: ((result: IteratorResult<LoggedEvent>) => void) | undefined;
  private done = false;
  needsCatchUp = false;
  private catchingUp = false;

  constructor(
    private readonly bus: EventBus,
    private readonly options: SubscribeOptions,
    /** Highest sequence already queued or handed out: nothing at or below it is delivered again. */
    private position: number,
    private readonly queueLimit: number,
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  offer(row: LoggedEvent): void {
    if (this.done || row.topic !== this.options.topic) return;
    if (this.needsCatchUp || this.catchingUp) {
      if (this.pending.length >= this.queueLimit) {
        this.pending = [];
        this.pendingOverflow = true;
        this.bus.observer?.fellBehind();
      } else {
        this.pending.push(row);
      }
      return;
    }
    this.accept(row);
  }

  private accept(row: LoggedEvent): void {
    if (row.sequence <= this.position) return;
    this.position = row.sequence;
    if (!this.options.matches(row)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: row, done: false });
      return;
    }
    this.queue.push(row);
    if (this.queue.length > this.queueLimit) {
      // Too slow: forget the queue and re-read from the log when the consumer asks again.
      this.position = this.queue[0]!.sequence - 1;
      this.queue = [];
      this.needsCatchUp = true;
      this.bus.observer?.fellBehind();
    }
  }

  async next(): Promise<IteratorResult<LoggedEvent>> {
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
        const rows = await readEventsAfter(this.bus.db, this.position, batch, this.options.topic);
        this.bus.observer?.catchUpRead(rows.length);
        if (this.done) return;
        for (const row of rows) this.accept(row);
        if (rows.length < batch && !this.pendingOverflow) break;
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
      for (const row of pending) this.accept(row);
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
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }

  async return(): Promise<IteratorResult<LoggedEvent>> {
    this.end();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<LoggedEvent>> {
    this.end();
    throw error;
  }
}
