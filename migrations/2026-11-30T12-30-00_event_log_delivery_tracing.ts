// Frozen in time: this file must never import application code, and never change once released.
import { type Kysely, sql } from 'kysely';

/**
 * What commit-to-delivery latency and delivery traces need from the outbox:
 *
 * - `created_at` defaulted to `now()`, the start of the writing transaction, which can be long
 *   before its commit (a writer waits on the event-log lock first). `clock_timestamp()` is read at
 *   the insert, after that lock and just before the commit, and so also grows with `sequence`.
 * - `trace_parent`: the W3C traceparent of the change that wrote the row (null when it was not
 *   traced), so the fan-out and the deliveries join the writer's trace on every instance.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table event_log alter column created_at set default clock_timestamp()`.execute(db);
  await sql`alter table event_log add column trace_parent text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table event_log drop column trace_parent`.execute(db);
  await sql`alter table event_log alter column created_at set default now()`.execute(db);
}
