import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { countByMembership, countByStatus, countSigningsByMonth, countTotals } from './stats.repository';

export class StatsService {
  constructor(private readonly db: Kysely<DB>) {}

  totals = () => countTotals(this.db);
  byStatus = () => countByStatus(this.db);
  byMembership = () => countByMembership(this.db);
  signingsByMonth = () => countSigningsByMonth(this.db);
}
