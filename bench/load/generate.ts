/**
 * Fills the PostgreSQL database at DATABASE_URL with the benchmark's scale dataset: 200 partners,
 * 20,000 agreements and 500,000 timeline events, each event linked to one agreement and to that
 * agreement's partner, and each agreement's status history (one or two rows, for asOf queries).
 * Every value comes from a hash of the row number, so each run produces the same rows. Set-based
 * SQL in one transaction: a failed run leaves nothing half-written.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npx tsx bench/load/generate.ts
 *
 * A database that already holds this dataset is left alone. One that holds other rows is refused
 * unless BENCH_RESET=1, which truncates the tables first.
 */
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, type RawBuilder, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { AREAS } from '../../src/db/enums';
import { migrateToLatest } from '../../src/db/migrate';

export const SCALE = { partners: 200, agreements: 20_000, events: 500_000 } as const;

/** Agreement 1's reference; bump the version when the generated rows change. */
const FINGERPRINT = 'BENCH1-A00001';

export type GenerateOutcome = 'generated' | 'already-present';

export async function generateDataset(
  databaseUrl: string,
  options: { reset?: boolean; log?: (line: string) => void } = {},
): Promise<GenerateOutcome> {
  const log = options.log ?? (() => {});
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 2 }) }),
  });
  try {
    await migrateToLatest(db);
    const state = await datasetState(db);
    if (state === 'present') {
      // A dataset generated before the status history existed gets it added, nothing else.
      if (await insertMissingStatusHistory(db)) log('status history added to the dataset already present');
      else log('dataset already present, skipping generation');
      return 'already-present';
    }
    if (state === 'foreign' && !options.reset) {
      throw new Error(
        'the database holds rows that are not the benchmark dataset; point DATABASE_URL at a scratch ' +
          'database, or set BENCH_RESET=1 to truncate it',
      );
    }
    const started = performance.now();
    await db.transaction().execute(async (trx) => {
      if (state === 'foreign') {
        await sql`truncate partners, agreements, timeline_events, timeline_event_partners,
          timeline_event_agreements restart identity cascade`.execute(trx);
      }
      await defineRandom(trx);
      await insertPartners(trx);
      await insertAgreements(trx);
      await insertEvents(trx);
      await insertStatusHistory(trx);
    });
    // VACUUM sets the visibility map so index-only scans behave as on a settled database; it
    // cannot run inside a transaction. It also analyzes, so the planner sees the real sizes.
    await sql`vacuum (analyze) partners, agreements, timeline_events, timeline_event_partners,
      timeline_event_agreements, agreement_status_history`.execute(db);
    log(`dataset generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 'generated';
  } finally {
    await db.destroy();
  }
}

async function datasetState(db: Kysely<any>): Promise<'empty' | 'present' | 'foreign'> {
  const { rows } = await sql<{ partners: number; agreements: number; events: number; fingerprint: string | null }>`
    select (select count(*) from partners)::int as partners,
           (select count(*) from agreements)::int as agreements,
           (select count(*) from timeline_events)::int as events,
           (select reference from agreements where id = 1) as fingerprint`.execute(db);
  const counts = rows[0]!;
  if (counts.partners === 0 && counts.agreements === 0 && counts.events === 0) return 'empty';
  const complete =
    counts.partners === SCALE.partners &&
    counts.agreements === SCALE.agreements &&
    counts.events === SCALE.events &&
    counts.fingerprint === FINGERPRINT;
  return complete ? 'present' : 'foreign';
}

/**
 * Each agreement negotiated from 1 to 400 days before its signing (or its other status), then,
 * unless still negotiating, changed to its status; superseded_on as the application keeps it.
 */
async function insertStatusHistory(trx: Transaction<any>): Promise<void> {
  await sql`
    insert into agreement_status_history (agreement_id, status, effective_on, superseded_on, sources)
    with dated as (
      select id, status, coalesce(signed_on, date '2024-01-01' + pg_temp.rnd(10, id, 700)) as changed_on
      from agreements
    )
    select id, status, effective_on, superseded_on, array['https://example.org/bench/agreements/' || id]
    from (
      select id, 'NEGOTIATING' as status, changed_on - 1 - pg_temp.rnd(11, id, 400) as effective_on,
             case when status <> 'NEGOTIATING' then changed_on end as superseded_on
      from dated
      union all
      select id, status, changed_on, null from dated where status <> 'NEGOTIATING'
    ) as rows
    order by id, effective_on`.execute(trx);
}

async function insertMissingStatusHistory(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`
    select exists (select 1 from agreement_status_history) as present`.execute(db);
  if (rows[0]!.present) return false;
  await db.transaction().execute(async (trx) => {
    await defineRandom(trx);
    await insertStatusHistory(trx);
  });
  await sql`vacuum (analyze) agreement_status_history`.execute(db);
  return true;
}

/**
 * `pg_temp.rnd(stream, key, n)`: a pseudo-random integer in [0, n) for a row key. hashint8 is the
 * function behind hash indexes and hash partitioning, so its values do not change between
 * PostgreSQL versions. A temporary function dies with the session and never shows in `public`,
 * where PostGraphile would expose it.
 */
async function defineRandom(trx: Transaction<any>): Promise<void> {
  await sql`
    create function pg_temp.rnd(stream int, key bigint, n int) returns int
    language sql immutable parallel safe
    as 'select (hashint8(key * 1000 + stream) & 2147483647) % n'`.execute(trx);
}

/** Partner i (0-based) gets the code 'AA', 'AB', ... 'HR': 200 distinct two-letter codes. */
const partnerCode = (i: RawBuilder<unknown>) => sql`chr(65 + ${i} / 26) || chr(65 + ${i} % 26)`;

async function insertPartners(trx: Transaction<any>): Promise<void> {
  await sql`
    insert into partners (code, name, kind, memberships, memberships_as_of, confidence, sources)
    select ${partnerCode(sql`i`)},
           'Bench partner ' || ${partnerCode(sql`i`)},
           case when i % 25 = 24 then 'ORGANISATION' else 'STATE' end,
           array(select m from unnest(array['NATO', 'EU', 'G7', 'NORDIC', 'BALTIC']) with ordinality u (m, k)
                 where pg_temp.rnd(k::int, i, 3) = 0 order by k),
           date '2026-01-01',
           (array['HIGH', 'MEDIUM', 'LOW'])[1 + pg_temp.rnd(10, i, 3)],
           array['https://example.org/bench/partners/' || i]
    from generate_series(0, ${SCALE.partners - 1}) as i`.execute(trx);
}

async function insertAgreements(trx: Transaction<any>): Promise<void> {
  // Explicit ids (1..N) rather than the identity sequence, so ids do not depend on earlier inserts.
  await sql`
    insert into agreements (id, reference, partner_code, title, status, signed_on, place,
      duration_years, areas, counted_in_official_list, confidence, sources)
    overriding system value
    select id,
           'BENCH1-A' || lpad(id::text, 5, '0'),
           ${partnerCode(sql`partner`)},
           'Agreement on security cooperation no. ' || id || ' with bench partner ' || ${partnerCode(sql`partner`)},
           status,
           case when status = 'SIGNED' then date '2023-07-12' + pg_temp.rnd(3, id, 1200) end,
           case when status = 'SIGNED' then 'Kyiv' end,
           case when status = 'SIGNED' then 10 end,
           array(select a from unnest(${sql.val(AREAS)}::text[]) with ordinality u (a, k)
                 where pg_temp.rnd(100 + k::int, id, 6) = 0 order by k),
           status = 'SIGNED',
           (array['HIGH', 'MEDIUM', 'LOW'])[1 + pg_temp.rnd(4, id, 3)],
           array['https://example.org/bench/agreements/' || id]
    from (
      select id,
             pg_temp.rnd(1, id, ${SCALE.partners}) as partner,
             (array['SIGNED', 'SIGNED', 'SIGNED', 'NEGOTIATING', 'STALLED', 'ABANDONED'])[1 + pg_temp.rnd(2, id, 6)] as status
      from generate_series(1, ${SCALE.agreements}) as id
    ) as generated`.execute(trx);
  await sql`select setval(pg_get_serial_sequence('agreements', 'id'), ${SCALE.agreements})`.execute(trx);
}

async function insertEvents(trx: Transaction<any>): Promise<void> {
  // Ids are numbered in (occurred_on, draw) order, so "latest first" is exactly "highest id first".
  // The PostGraphile peer relies on this: it cannot order a join table by the joined row's date.
  await sql`
    create temp table bench_events on commit drop as
    select row_number() over (order by occurred_on, draw)::int as id, agreement_id, occurred_on
    from (
      select draw,
             1 + pg_temp.rnd(5, draw, ${SCALE.agreements}) as agreement_id,
             date '2014-02-20' + pg_temp.rnd(6, draw, 4300) as occurred_on
      from generate_series(1, ${SCALE.events}) as draw
    ) as drawn`.execute(trx);
  await sql`
    insert into timeline_events (id, reference, occurred_on, date_precision, kind, title, description, confidence, sources)
    overriding system value
    select id,
           case when id % 4 = 0 then 'BENCH1-E' || lpad(id::text, 6, '0') end,
           occurred_on,
           'DAY',
           kind,
           initcap(replace(kind, '_', ' ')) || ' on agreement no. ' || agreement_id,
           case when id % 10 = 0 then 'Generated benchmark event ' || id || '.' end,
           (array['HIGH', 'MEDIUM', 'LOW'])[1 + pg_temp.rnd(8, id, 3)],
           '{}'
    from (
      select id, agreement_id, occurred_on,
             (array['FRAMEWORK', 'NEGOTIATION', 'STATEMENT', 'SIGNING', 'STATUS_CHANGE', 'RELATED'])[1 + pg_temp.rnd(7, id, 6)] as kind
      from bench_events
    ) as events
    order by id`.execute(trx);
  await sql`select setval(pg_get_serial_sequence('timeline_events', 'id'), ${SCALE.events})`.execute(trx);
  await sql`
    insert into timeline_event_agreements (event_id, agreement_id)
    select id, agreement_id from bench_events order by id`.execute(trx);
  await sql`
    insert into timeline_event_partners (event_id, partner_code)
    select e.id, a.partner_code from bench_events e join agreements a on a.id = e.agreement_id
    order by e.id`.execute(trx);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required, e.g. postgres://postgres@127.0.0.1:5432/bench');
    process.exit(2);
  }
  generateDataset(url, { reset: process.env.BENCH_RESET === '1', log: (line) => console.log(line) }).catch(
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
