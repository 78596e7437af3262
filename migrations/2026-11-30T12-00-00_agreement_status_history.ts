// Frozen in time: this file must never import application code, and never change once released.
import { type Kysely, sql } from 'kysely';

/**
 * Every status an agreement has had, from the day it took effect, so that queries can answer for
 * any past date. Each row also holds the day the next row took effect (`superseded_on`, null for
 * the current status; rows are ordered by day, then by id within a day), so "an agreement's status
 * at the end of day D" is a plain join condition, effective_on <= D < superseded_on: PostgreSQL
 * can then probe the index per agreement for a page, or hash-join the whole table for a count.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table agreement_status_history (
      id integer generated always as identity primary key,
      agreement_id integer not null references agreements (id),
      status text not null check (status in ('NEGOTIATING', 'STALLED', 'SIGNED', 'ABANDONED')),
      effective_on date not null check (effective_on >= date '1991-08-24'),
      superseded_on date check (superseded_on >= effective_on),
      -- Only the first known state (no source dates its start), not a dated change.
      inferred boolean not null default false,
      -- The event-log sequence of the change that recorded the row, for changes made through the
      -- API. No foreign key: it is a position in the log, meaningful whatever becomes of the row.
      event_sequence bigint,
      sources text[] not null default '{}',
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create index agreement_status_history_as_of_idx
    on agreement_status_history (agreement_id, effective_on) include (status, superseded_on)`.execute(db);

  // When the expected signing window was named: it shows in answers for that day on (null: unknown).
  await sql`alter table agreements add column expected_stated_on date`.execute(db);

  // Agreements as the seed left them (a reference, never changed) get their sourced history from
  // the seed. Any other agreement already here starts from its present state, as its first known
  // one: its signing if signed, else the day it was recorded (a single row: superseded by nothing).
  await sql`
    insert into agreement_status_history (agreement_id, status, effective_on, inferred, sources)
    select id, status, coalesce(signed_on, created_at::date), signed_on is null, sources
    from agreements
    where reference is null or version > 1
    order by id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table agreements drop column expected_stated_on`.execute(db);
  await sql`drop table agreement_status_history`.execute(db);
}
