import { type Kysely, sql, type Transaction } from 'kysely';
import type { AgreementRow, DB, EventLogRow, TimelineEventRow } from '../db/types';
import { findAgreementsByIds } from '../modules/agreements/agreement.repository';
import { findTimelineEventsByIds } from '../modules/timeline/timeline.repository';
import { currentTraceParent } from '../observability/trace-context';

/** NOTIFY carries only the newest sequence: a wake-up, never the event (payloads cap at 8000 bytes). */
export const EVENTS_CHANNEL = 'ua_agreements_event_log';

// Any constant works; it only has to be the same for every writer of the log.
const EVENT_LOG_LOCK = 7_202_307_12;

export type Topic = 'AGREEMENT_STATUS_CHANGED' | 'TIMELINE_EVENT_ADDED';

export interface NewEvent {
  topic: Topic;
  agreementId?: number | null;
  timelineEventId?: number | null;
  payload: Record<string, unknown>;
}

/**
 * Appends to the log inside the caller's transaction (the type demands one). The advisory lock is
 * held until commit, so sequences commit in the order they were drawn: a reader that has seen
 * sequence N can never later find a committed N-1. The notification is sent on commit only.
 */
export async function appendEvents(trx: Transaction<DB>, events: readonly NewEvent[]): Promise<EventLogRow[]> {
  await sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`.execute(trx);
  // The writer's trace, so the fan-out and deliveries on every instance join it (null when untraced).
  const traceParent = currentTraceParent();
  const rows = await trx
    .insertInto('eventLog')
    .values(
      events.map((event) => ({
        topic: event.topic,
        agreementId: event.agreementId ?? null,
        timelineEventId: event.timelineEventId ?? null,
        payload: JSON.stringify(event.payload),
        traceParent,
      })),
    )
    .returningAll()
    .execute();
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${String(rows.at(-1)!.sequence)})`.execute(trx);
  return rows;
}

/**
 * An event with the rows it is about, loaded once per read for every subscriber: resolving a
 * delivery then needs no database round trip, so a busy or restarting database can delay an event
 * (the read is retried) but never turn it into an error in the stream.
 */
export type LoggedEvent = EventLogRow & {
  agreement: AgreementRow | undefined;
  timelineEvent: TimelineEventRow | undefined;
};

export async function readEventsAfter(
  db: Kysely<DB>,
  afterSequence: number,
  limit: number,
  topic?: Topic,
): Promise<LoggedEvent[]> {
  let query = db.selectFrom('eventLog').selectAll().where('sequence', '>', afterSequence);
  if (topic) query = query.where('topic', '=', topic);
  const rows = await query.orderBy('sequence').limit(limit).execute();
  if (rows.length === 0) return [];
  const ids = (key: 'agreementId' | 'timelineEventId') => [
    ...new Set(rows.map((row) => row[key]).filter((id): id is number => id !== null)),
  ];
  const [agreements, timelineEvents] = await Promise.all([
    findAgreementsByIds(db, ids('agreementId')),
    findTimelineEventsByIds(db, ids('timelineEventId')),
  ]);
  const agreementById = new Map(agreements.map((row) => [row.id, row]));
  const timelineEventById = new Map(timelineEvents.map((row) => [row.id, row]));
  return rows.map((row) => ({
    ...row,
    agreement: row.agreementId === null ? undefined : agreementById.get(row.agreementId),
    timelineEvent: row.timelineEventId === null ? undefined : timelineEventById.get(row.timelineEventId),
  }));
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
