// Frozen in time: this file must never import application code, and never change once released.
import { type Kysely, sql } from 'kysely';

/**
 * The outbox: every announced change is a row here, written in the same transaction as the change.
 * Subscriptions read from it (live and on resume), so an event exists if and only if its change
 * committed. Writers take a transaction-scoped advisory lock before inserting, so sequences
 * become visible in order and a reader that has seen N never later finds a committed row below N.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table event_log (
      sequence bigint generated always as identity primary key,
      topic text not null check (topic in ('AGREEMENT_STATUS_CHANGED', 'TIMELINE_EVENT_ADDED')),
      agreement_id integer references agreements (id),
      timeline_event_id integer references timeline_events (id),
      payload jsonb not null check (jsonb_typeof(payload) = 'object'),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index event_log_topic_idx on event_log (topic, sequence)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table event_log`.execute(db);
}
