import { type Compilable, type Kysely, type OperationNodeSource, type RawBuilder, sql, type Transaction } from 'kysely';
import { type Arg, statement } from '../db/statement';
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
 * The CTEs that append the rows of `source` (ordinal, topic, agreement_id, timeline_event_id,
 * payload, trace_parent) to the log. The advisory lock is held until commit, so sequences commit
 * in the order they were drawn: a reader that has seen sequence N can never later find a committed
 * N-1. The insert reads its rows through the lock's CTE, so no sequence is drawn before the lock is
 * held. `trace_parent`: the writer's trace, so the fan-out and deliveries on every instance join it.
 */
const appending = (source: RawBuilder<unknown>) => sql`
    log_lock as (select pg_advisory_xact_lock(${EVENT_LOG_LOCK})),
    appended as (
      insert into event_log (topic, agreement_id, timeline_event_id, payload, trace_parent)
      select event.topic, event.agreement_id, event.timeline_event_id, event.payload, event.trace_parent
      from log_lock, ${source} as event (ordinal, topic, agreement_id, timeline_event_id, payload, trace_parent)
      order by event.ordinal
      returning sequence, created_at, trace_parent
    )`;

// Sent on commit only, once per statement: its uncorrelated subquery runs once, however many rows.
const notify = sql`(select pg_notify(${EVENTS_CHANNEL}, max(appended.sequence)::text) from appended)`;

/**
 * Appends to the log inside the caller's transaction (the type demands one). Returns each event's
 * position, in the order given.
 *
 * Every writer of the log queues on its lock until the holder's commit is flushed, so lock, insert
 * and notify go in one statement: the lock is held for one round trip and the commit, not four.
 */
export async function appendEvents(
  trx: Transaction<DB>,
  events: readonly NewEvent[],
  traceParent: string | null,
): Promise<LogPosition[]> {
  const values = sql.join(
    events.map(
      (event, ordinal) =>
        sql`(${ordinal}::integer, ${event.topic}::text, ${event.agreementId}::integer, ${event.timelineEventId}::integer, ${JSON.stringify(event.payload)}::jsonb, ${traceParent}::text)`,
    ),
  );
  const { rows } = await sql<LogPosition>`
    with ${appending(sql`(values ${values})`)}
    select sequence, created_at, trace_parent, ${notify} from appended`.execute(trx);
  // Sequences are drawn in ordinal order: sorted by them, the positions line up with `events`.
  return rows
    .map(({ sequence, createdAt, traceParent }) => ({ sequence, createdAt, traceParent }))
    .sort((a, b) => a.sequence - b.sequence);
}

/** An event's columns as SQL over a written row (`written.<column>`, see announcedWrites). */
export interface WrittenEvent {
  topic: Topic;
  agreementId: RawBuilder<number> | null;
  timelineEventId: RawBuilder<number> | null;
  payload: RawBuilder<unknown>;
}

/** A column of the written row, for WrittenEvent (camelCase, as the row is typed). */
export const written = (column: string): RawBuilder<never> => sql.ref(`written.${column}`);

/** The arguments every announced write takes besides its own. */
export interface Announced {
  /** Each write's trace (null: none), by its ordinal (1-based, as `written.ordinal`). */
  traceParents: readonly (string | null)[];
}

/**
 * Writes of single rows and their events in one statement that commits on its own: `write` (an
 * UPDATE or INSERT … RETURNING that writes at most one row per write it is given, returning that
 * write's 1-based `ordinal` with the row) and, for each row written, the event `event` builds
 * from it in SQL, appended in ordinal order. One round trip where BEGIN, write, append and COMMIT
 * take four, and the log's lock is held for one statement whatever the number of writes (see
 * db/group-commit.ts). Built and compiled once per shape, as the reads that run most are
 * (db/statement.ts): `write` takes its values through `arg`. The statement resolves to the rows
 * written, each with its ordinal; a write that wrote nothing has none (and nothing was appended).
 */
export function announcedWrites<Args extends Record<string, unknown>, Row extends object, Shape = undefined>(
  write: (db: Kysely<any>, arg: Arg<Args>, shape: Shape) => Compilable<Row & { ordinal: number }> & OperationNodeSource,
  event: WrittenEvent,
  keyOf?: (shape: Shape) => string | undefined,
): (db: Kysely<DB>, args: Args & Announced, shape?: Shape) => Promise<(Row & { ordinal: number })[]> {
  type All = Args & Announced;
  const run = statement<All, Row & { ordinal: number; notified: unknown }, Shape>((db, arg, shape) => {
    const source = sql`(select written.ordinal, ${event.topic}::text, ${event.agreementId}::integer, ${event.timelineEventId}::integer, ${event.payload}::jsonb, (${arg('traceParents')}::text[])[written.ordinal] from written)`;
    return sql`
      with written as (${write(db, arg as unknown as Arg<Args>, shape)}), ${appending(source)}
      select written.*, ${notify} as notified from written`;
  }, keyOf);
  return async (db, args, shape) => {
    const rows = await run(db, args, shape);
    return rows.map(({ notified: _, ...row }) => row as unknown as Row & { ordinal: number });
  };
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
