// Frozen in time: this file must never import application code, and never change once released.
import { type Kysely, sql } from 'kysely';

/**
 * An agreement's timeline is read newest (or oldest) first, a page at a time. With the event's date
 * copied onto the link row, the index (agreement_id, occurred_on, event_id) hands out one page per
 * agreement in order, instead of every event of the agreement being joined and sorted first.
 * Triggers keep the copy equal to timeline_events.occurred_on, whoever writes the rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table timeline_event_agreements add column occurred_on date`.execute(db);
  await sql`
    update timeline_event_agreements link set occurred_on = event.occurred_on
    from timeline_events event where event.id = link.event_id`.execute(db);
  await sql`alter table timeline_event_agreements alter column occurred_on set not null`.execute(db);

  await sql`
    create function timeline_event_agreements_copy_date() returns trigger language plpgsql as $$
    begin
      new.occurred_on := (select occurred_on from timeline_events where id = new.event_id);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger timeline_event_agreements_copy_date
    before insert or update of event_id, occurred_on on timeline_event_agreements
    for each row execute function timeline_event_agreements_copy_date()`.execute(db);

  await sql`
    create function timeline_events_share_date() returns trigger language plpgsql as $$
    begin
      update timeline_event_agreements set occurred_on = new.occurred_on where event_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger timeline_events_share_date
    after update of occurred_on on timeline_events
    for each row when (old.occurred_on is distinct from new.occurred_on)
    execute function timeline_events_share_date()`.execute(db);

  await sql`
    create index timeline_event_agreements_agreement_date_idx
    on timeline_event_agreements (agreement_id, occurred_on, event_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger timeline_events_share_date on timeline_events`.execute(db);
  await sql`drop function timeline_events_share_date()`.execute(db);
  await sql`drop index timeline_event_agreements_agreement_date_idx`.execute(db);
  await sql`drop trigger timeline_event_agreements_copy_date on timeline_event_agreements`.execute(db);
  await sql`drop function timeline_event_agreements_copy_date()`.execute(db);
  await sql`alter table timeline_event_agreements drop column occurred_on`.execute(db);
}
