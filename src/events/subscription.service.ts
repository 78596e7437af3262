/**
 * Opens subscriptions on the bus: cursors in and out, and SSE's Last-Event-ID. `after` (or
 * Last-Event-ID) replays every committed event after that cursor, in order, then continues live
 * with no gap and no duplicate at the seam. The schema files only say which topic and which events.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { InvalidInputError } from '../errors';
import type { EventBus } from './event-bus';
import { latestSequence } from './event-log.repository';
import type { LogEvent, Topic } from './event-topics';

/** A subscription's resume points, as the client sent them. */
export interface Resume {
  after: string | null | undefined;
  /** The Last-Event-ID header an EventSource sends when it reconnects. */
  lastEventId: string | null;
  /** Filled with the position the subscription starts after, for the client's acknowledgement. */
  start?: SubscriptionStart;
}

/** Per operation: where its subscription started (server/resume-acknowledgement.ts reports it). */
export interface SubscriptionStart {
  resumedAfter?: string;
  /** The first result, which carries `resumedAfter`, has been sent (by whichever path sent it). */
  acknowledged?: boolean;
}

/** An event's cursor is its sequence in the log. */
export const eventCursor = (event: { sequence: number }): string => String(event.sequence);

function parseCursor(field: string, cursor: string | null | undefined): number | null {
  if (cursor == null) return null;
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidInputError(field, 'is not a valid event cursor');
  return Number(cursor);
}

/** For subscription filters: an absent or empty list lets every value through. */
export const allows = <T>(allowed: readonly T[] | null | undefined, value: T): boolean =>
  !allowed?.length || allowed.includes(value);

export class SubscriptionService<E extends LogEvent> {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly bus: EventBus<E>,
  ) {}

  async subscribe<T extends Topic>(topic: T, resume: Resume, matches: (event: Extract<E, { topic: T }>) => boolean) {
    const explicit = parseCursor('after', resume.after);
    // A reconnecting EventSource repeats its original request, `after` included, and adds the id of
    // the last event it received: resume after the later one, or it gets that stretch twice.
    const lastSeen = parseCursor('Last-Event-ID', resume.lastEventId);
    const resumeFrom = explicit === null || lastSeen === null ? (explicit ?? lastSeen) : Math.max(explicit, lastSeen);
    // A cursor past the end of the log was never handed out; accepting it would silently skip
    // the events up to it. (The database, not this instance's bus, knows the true end.)
    if (resumeFrom !== null && resumeFrom > this.bus.position && resumeFrom > (await latestSequence(this.db))) {
      throw new InvalidInputError(explicit === resumeFrom ? 'after' : 'Last-Event-ID', 'is ahead of the event log');
    }
    const events = this.bus.subscribe({ topic, after: resumeFrom, matches });
    // Without a cursor it goes live after the bus's position at this moment: a client that keeps
    // this as `after` misses nothing even if the connection drops before the first event.
    if (resume.start) resume.start.resumedAfter = eventCursor({ sequence: resumeFrom ?? this.bus.position });
    return events;
  }
}
