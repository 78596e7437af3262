import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import {
  type LogEvent,
  type LogPosition,
  type MalformedEvent,
  type NewEvent,
  parseEvent,
  type Topic,
} from './event-topics';

/** NOTIFY carries only the newest sequence: a wake-up, never the event (payloads cap at 8000 bytes). */
export const EVENTS_CHANNEL = 'ua_agreements_event_log';

// Any constant works; it only has to be the same for every writer of the log.
const EVENT_LOG_LOCK = 7_202_307_12;

/**
 * Appends to the log inside the caller's transaction (the type demands one). The advisory lock is
 * held until commit, so sequences commit in the order they were drawn: a reader that has seen
 * sequence N can never later find a committed N-1. The notification is sent on commit only.
 * Returns each event's position, in the order given. `traceParent`: the writer's trace, so the
 * fan-out and deliveries on every instance join it (null when untraced).
 */
export async function appendEvents(
  trx: Transaction<DB>,
  events: readonly NewEvent[],
  traceParent: string | null,
): Promise<LogPosition[]> {
  await sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`.execute(trx);
  const rows = await trx
    .insertInto('eventLog')
    .values(
      events.map((event) => ({
        topic: event.topic,
        agreementId: event.agreementId,
        timelineEventId: event.timelineEventId,
        payload: JSON.stringify(event.payload),
        traceParent,
      })),
    )
    .returning(['sequence', 'createdAt', 'traceParent'])
    .execute();
  // Sequences are drawn in VALUES order: sorted by them, the positions line up with `events`.
  rows.sort((a, b) => a.sequence - b.sequence);
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${String(rows.at(-1)!.sequence)})`.execute(trx);
  return rows;
}

/** A stretch of the log, parsed. */
export interface LogRead {
  events: LogEvent[];
  /** Rows that hold no event of their topic; they are passed over (`last` is past them). */
  malformed: MalformedEvent[];
  /** The last sequence read, parsed or not; null when nothing was read. */
  last: number | null;
  /** Whether the read stopped at its limit, so more rows may follow. */
  full: boolean;
}

export async function readEventsAfter(
  db: Kysely<DB>,
  afterSequence: number,
  limit: number,
  topic?: Topic,
): Promise<LogRead> {
  let query = db.selectFrom('eventLog').selectAll().where('sequence', '>', afterSequence);
  if (topic) query = query.where('topic', '=', topic);
  const rows = await query.orderBy('sequence').limit(limit).execute();
  const read: LogRead = { events: [], malformed: [], last: rows.at(-1)?.sequence ?? null, full: rows.length === limit };
  for (const row of rows) {
    const parsed = parseEvent(row);
    if ('reason' in parsed) read.malformed.push(parsed);
    else read.events.push(parsed);
  }
  return read;
}

export async function latestSequence(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('eventLog')
    .select((eb) => eb.fn.max('sequence').as('sequence'))
    .executeTakeFirst();
  return Number(row?.sequence ?? 0);
}

/**
 * The newest sequence in the log and the commit time of the oldest row after `position` (null when
 * there is none): how far an instance that has dispatched up to `position` lags, in events and time.
 */
export async function logHead(
  db: Kysely<DB>,
  position: number,
): Promise<{ head: number; oldestPendingAt: Date | null }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('eventLog')
        .select((inner) => inner.fn.max('sequence').as('head'))
        .as('head'),
      eb
        .selectFrom('eventLog')
        .select('createdAt')
        .where('sequence', '>', position)
        .orderBy('sequence')
        .limit(1)
        .as('oldestPendingAt'),
    ])
    .executeTakeFirstOrThrow();
  return { head: Number(row.head ?? 0), oldestPendingAt: row.oldestPendingAt ?? null };
}
