import { type Kysely, sql } from 'kysely';
import type { Membership } from '../../db/enums';
import type { DB } from '../../db/types';

export function countByStatus(db: Kysely<DB>) {
  return db
    .selectFrom('agreements')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .orderBy('status')
    .execute();
}

/** Per membership group: its partners, and how many of their agreements are signed. */
export async function countByMembership(db: Kysely<DB>) {
  const { rows } = await sql<{ membership: Membership; partners: number; signed: number }>`
    select m.membership,
           count(distinct p.code)::int as partners,
           count(a.id) filter (where a.status = 'SIGNED')::int as signed
    from partners p
    cross join lateral unnest(p.memberships) as m(membership)
    left join agreements a on a.partner_code = p.code
    group by m.membership
    order by m.membership`.execute(db);
  return rows;
}

export async function countSigningsByMonth(db: Kysely<DB>) {
  const { rows } = await sql<{ month: string; count: number }>`
    select to_char(signed_on, 'YYYY-MM') as month, count(*)::int as count
    from agreements
    where status = 'SIGNED'
    group by 1
    order by 1`.execute(db);
  return rows;
}

export async function countTotals(db: Kysely<DB>) {
  const { rows } = await sql<{ partners: number; agreements: number; countedInOfficialList: number }>`
    select (select count(*)::int from partners) as partners,
           count(*)::int as agreements,
           count(*) filter (where counted_in_official_list)::int as counted_in_official_list
    from agreements`.execute(db);
  return rows[0]!;
}
