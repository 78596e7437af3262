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
 *
 * Every writer of the log queues on that lock until the holder's commit is flushed, so lock, insert
 * and notify go in one statement: the lock is held for one round trip and the commit, not four.
 * The insert reads its rows through the lock's CTE, so no sequence is drawn before the lock is held.
 */
export async function appendEvents(
  trx: Transaction<DB>,
  events: readonly NewEvent[],
  traceParent: string | null,
): Promise<LogPosition[]> {
  const values = sql.join(
    events.map(
      (event, ordinal) =>
        sql`(${ordinal}::integer, ${event.topic}::text, ${event.agreementId}::integer, ${event.timelineEventId}::integer, ${JSON.stringify(event.payload)}::jsonb)`,
    ),
  );
  const { rows } = await sql<LogPosition>`
    with log_lock as (select pg_advisory_xact_lock(${EVENT_LOG_LOCK})),
    appended as (
      insert into event_log (topic, agreement_id, timeline_event_id, payload, trace_parent)
      select event.topic, event.agreement_id, event.timeline_event_id, event.payload, ${traceParent}::text
      from log_lock, (values ${values}) as event (ordinal, topic, agreement_id, timeline_event_id, payload)
      order by event.ordinal
      returning sequence, created_at, trace_parent
    )
    -- Identical notifications in one transaction are delivered once.
    select sequence, created_at, trace_parent, pg_notify(${EVENTS_CHANNEL}, (max(sequence) over ())::text)
    from appended`.execute(trx);
  // Sequences are drawn in ordinal order: sorted by them, the positions line up with `events`.
  return rows
    .map(({ sequence, createdAt, traceParent }) => ({ sequence, createdAt, traceParent }))
    .sort((a, b) => a.sequence - b.sequence);
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
