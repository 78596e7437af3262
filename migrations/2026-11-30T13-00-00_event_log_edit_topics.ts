// Frozen in time: this file must never import application code, and never change once released.
import { type Kysely, sql } from 'kysely';

const BEFORE = sql`('AGREEMENT_STATUS_CHANGED', 'TIMELINE_EVENT_ADDED')`;
const AFTER = sql`('AGREEMENT_STATUS_CHANGED', 'TIMELINE_EVENT_ADDED', 'AGREEMENT_CREATED', 'AGREEMENT_UPDATED', 'PARTNER_CHANGED')`;

/**
 * Edits are announced too: live queries re-run on every committed change that touches what they
 * read, so creating or editing an agreement or a partner writes its own row in the log, in the
 * same transaction. (Subscriptions select by topic and never see these rows.) `topic_check` is the
 * name PostgreSQL gave the column's CHECK in the migration that created the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table event_log
      drop constraint event_log_topic_check,
      add constraint event_log_topic_check check (topic in ${AFTER})`.execute(db);
}

/** Forgets the edit announcements: the narrower CHECK would refuse them. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from event_log where topic not in ${BEFORE}`.execute(db);
  await sql`
    alter table event_log
      drop constraint event_log_topic_check,
      add constraint event_log_topic_check check (topic in ${BEFORE})`.execute(db);
}
