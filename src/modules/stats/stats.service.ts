import type { Kysely } from 'kysely';
import { AGREEMENT_STATUSES } from '../../db/enums';
import type { DB } from '../../db/types';
import { countByMembership, countByStatus, countSigningsByMonth, countTotals } from './stats.repository';

export class StatsService {
  constructor(private readonly db: Kysely<DB>) {}

  totals = () => countTotals(this.db);
  /** Every status, in state-machine order, including those with no agreement (a dashboard plots them all). */
  byStatus = async () => {
    const counts = new Map((await countByStatus(this.db)).map((row) => [row.status, Number(row.count)]));
    return AGREEMENT_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  };
  byMembership = () => countByMembership(this.db);
  signingsByMonth = () => countSigningsByMonth(this.db);
}
