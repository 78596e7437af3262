import type { Kysely } from 'kysely';
import { AGREEMENT_STATUSES } from '../../db/enums';
import type { DB } from '../../db/types';
import { checkAsOf } from '../history/history.service';
import { countByMembership, countByStatus, countSigningsByMonth, countTotals } from './stats.repository';

/** The day the figures are for (undefined: now); each figure is read only when selected. */
export interface StatsScope {
  asOf?: string | undefined;
}

export class StatsService {
  constructor(private readonly db: Kysely<DB>) {}

  /** Checks `asOf` once for all the figures of one `stats` field. */
  scope = (asOf: string | null | undefined): StatsScope => ({ asOf: checkAsOf(asOf) });

  totals = (scope: StatsScope = {}) => countTotals(this.db, scope.asOf);
  /** Every status, in state-machine order, including those with no agreement (a dashboard plots them all). */
  byStatus = async (scope: StatsScope = {}) => {
    const counts = new Map((await countByStatus(this.db, scope.asOf)).map((row) => [row.status, Number(row.count)]));
    return AGREEMENT_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  };
  byMembership = (scope: StatsScope = {}) => countByMembership(this.db, scope.asOf);
  signingsByMonth = (scope: StatsScope = {}) => countSigningsByMonth(this.db, scope.asOf);
}
