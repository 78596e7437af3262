import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Membership } from '../../db/enums';
import type { DB } from '../../db/types';
import { tablesAsOf } from '../history/history.repository';

// Every count reads `agreements` (and `partners`), which with `asOf` are the tables as they stood
// then (history.repository.ts). A raw query is wrapped in a select so that those come with it;
// its rows come out ordered by their first column.
function counted<Row>(db: Kysely<DB>, asOf: string | undefined, query: RawBuilder<Row>): Promise<Row[]> {
  return tablesAsOf(db, asOf, { partners: true })
    .selectFrom(sql<Row>`(${query})`.as('counted'))
    .selectAll()
    .orderBy(sql`1`)
    .execute() as Promise<Row[]>;
}

export function countByStatus(db: Kysely<DB>, asOf?: string) {
  return tablesAsOf(db, asOf, { partners: true })
    .selectFrom('agreements')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .orderBy('status')
    .execute();
}

/** Per membership group: its partners, and how many of their agreements are signed. */
export function countByMembership(db: Kysely<DB>, asOf?: string) {
  return counted(
    db,
    asOf,
    sql<{ membership: Membership; partners: number; signed: number }>`
    select m.membership,
           count(distinct p.code)::int as partners,
           count(a.id) filter (where a.status = 'SIGNED')::int as signed
    from partners p
    cross join lateral unnest(p.memberships) as m(membership)
    left join agreements a on a.partner_code = p.code
    group by m.membership`,
  );
}

export function countSigningsByMonth(db: Kysely<DB>, asOf?: string) {
  return counted(
    db,
    asOf,
    sql<{ month: string; count: number }>`
    select to_char(signed_on, 'YYYY-MM') as month, count(*)::int as count
    from agreements
    where status = 'SIGNED'
    group by 1`,
  );
}

export async function countTotals(db: Kysely<DB>, asOf?: string) {
  const [totals] = await counted(
    db,
    asOf,
    sql<{ partners: number; agreements: number; countedInOfficialList: number }>`
    select (select count(*)::int from partners) as partners,
           count(*)::int as agreements,
           count(*) filter (where counted_in_official_list)::int as counted_in_official_list
    from agreements`,
  );
  return totals!;
}
