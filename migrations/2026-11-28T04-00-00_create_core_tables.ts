// Frozen in time: this file must never import application code, and never change once released.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table partners (
      code text primary key check (code ~ '^[A-Z]{2}$'),
      name text not null check (length(btrim(name)) between 1 and 200),
      kind text not null check (kind in ('STATE', 'ORGANISATION')),
      memberships text[] not null default '{}'
        check (memberships <@ array['NATO', 'EU', 'G7', 'NORDIC', 'BALTIC']::text[]),
      memberships_as_of date,
      confidence text check (confidence in ('HIGH', 'MEDIUM', 'LOW')),
      notes text,
      sources text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index partners_name_idx on partners (name, code)`.execute(db);
  await sql`create index partners_memberships_idx on partners using gin (memberships)`.execute(db);

  await sql`
    create table agreements (
      id integer generated always as identity primary key,
      reference text unique check (reference ~ '^[A-Z0-9][A-Z0-9-]{1,62}$'),
      partner_code text not null references partners (code),
      title text check (length(btrim(title)) between 1 and 500),
      title_verbatim boolean not null default false,
      title_note text,
      status text not null default 'NEGOTIATING'
        check (status in ('NEGOTIATING', 'STALLED', 'SIGNED', 'ABANDONED')),
      signed_on date check (signed_on >= date '1991-08-24'),
      place text,
      ukraine_signatory jsonb check (ukraine_signatory is null or jsonb_typeof(ukraine_signatory) = 'object'),
      partner_signatories jsonb not null default '[]' check (jsonb_typeof(partner_signatories) = 'array'),
      duration_years integer check (duration_years between 1 and 100),
      duration_note text,
      -- The controlled vocabulary of the seed report; a new area is a new migration.
      areas text[] not null default '{}' check (areas <@ array[
        'accountability', 'air_force_air_defence', 'cbrn', 'children_return',
        'compensation', 'consultation_mechanism_24h', 'critical_infrastructure',
        'cultural_heritage', 'cyber', 'defence_industry', 'demining', 'disinformation',
        'economic', 'energy', 'eu_nato_integration', 'financial', 'humanitarian',
        'hybrid_threats', 'intelligence', 'maritime', 'medical', 'military',
        'organized_crime', 'peace_formula', 'reconstruction', 'reforms', 'sanctions',
        'training', 'veterans'
      ]::text[]),
      areas_detail text,
      expected_from date,
      expected_to date,
      expected_label text,
      expected_sources text[] not null default '{}',
      framework text,
      sequence_reported integer check (sequence_reported > 0),
      sequence_note text,
      counted_in_official_list boolean not null default false,
      classification_disputed boolean not null default false,
      confidence text check (confidence in ('HIGH', 'MEDIUM', 'LOW')),
      notes text,
      sources text[] not null default '{}',
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search_vector tsvector generated always as (
        to_tsvector('simple',
          coalesce(title, '') || ' ' || coalesce(place, '') || ' ' ||
          coalesce(areas_detail, '') || ' ' || coalesce(notes, ''))
      ) stored,
      constraint agreements_signed_has_date check (status <> 'SIGNED' or signed_on is not null),
      constraint agreements_unsigned_has_no_date check (status = 'SIGNED' or signed_on is null),
      constraint agreements_expected_window check (
        (expected_from is null) = (expected_to is null) and expected_to >= expected_from
      )
    )`.execute(db);
  // Orderings are keyset-paginated on (key, id); null signing dates sort last as 'infinity'.
  await sql`create index agreements_signed_on_idx on agreements ((coalesce(signed_on, 'infinity'::date)), id)`.execute(
    db,
  );
  await sql`create index agreements_title_idx on agreements ((coalesce(title, '')), id)`.execute(db);
  await sql`create index agreements_partner_idx on agreements (partner_code, id)`.execute(db);
  await sql`create index agreements_status_idx on agreements (status, id)`.execute(db);
  await sql`create index agreements_areas_idx on agreements using gin (areas)`.execute(db);
  await sql`create index agreements_search_idx on agreements using gin (search_vector)`.execute(db);

  await sql`
    create table timeline_events (
      id integer generated always as identity primary key,
      reference text unique check (reference ~ '^[A-Z0-9][A-Z0-9-]{1,62}$'),
      occurred_on date not null check (occurred_on >= date '1991-08-24'),
      date_precision text not null check (date_precision in ('DAY', 'MONTH')),
      date_text text,
      kind text not null
        check (kind in ('FRAMEWORK', 'NEGOTIATION', 'STATEMENT', 'SIGNING', 'STATUS_CHANGE', 'RELATED')),
      title text not null check (length(btrim(title)) between 1 and 500),
      description text,
      place text,
      confidence text check (confidence in ('HIGH', 'MEDIUM', 'LOW')),
      notes text,
      sources text[] not null default '{}',
      created_at timestamptz not null default now(),
      -- A month-precision date is stored as the first of its month.
      constraint timeline_events_month_precision check (date_precision = 'DAY' or extract(day from occurred_on) = 1)
    )`.execute(db);
  await sql`create index timeline_events_date_idx on timeline_events (occurred_on, id)`.execute(db);
  await sql`create index timeline_events_kind_idx on timeline_events (kind, occurred_on, id)`.execute(db);

  await sql`
    create table timeline_event_partners (
      event_id integer not null references timeline_events (id) on delete cascade,
      partner_code text not null references partners (code),
      primary key (event_id, partner_code)
    )`.execute(db);
  await sql`create index timeline_event_partners_partner_idx on timeline_event_partners (partner_code, event_id)`.execute(
    db,
  );

  await sql`
    create table timeline_event_agreements (
      event_id integer not null references timeline_events (id) on delete cascade,
      agreement_id integer not null references agreements (id),
      primary key (event_id, agreement_id)
    )`.execute(db);
  await sql`create index timeline_event_agreements_agreement_idx on timeline_event_agreements (agreement_id, event_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table timeline_event_agreements, timeline_event_partners, timeline_events, agreements, partners`.execute(
    db,
  );
}
