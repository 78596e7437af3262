/**
 * The seeded agreements' status history, as far as their sources date it (db/seed.ts calls this):
 * - the dated changes of data/status-changes.json: negotiation starts a source names (the G7
 *   declaration for the G7 members and the EU, talks opened with Norway, Portugal, Montenegro,
 *   Bulgaria) and Bulgaria's stalled signing;
 * - where no start is named, the first known state: NEGOTIATING on the day of the earliest dated
 *   timeline event about the agreement, marked inferred;
 * - the signing, on the agreement's signing date, with its SIGNING event's sources.
 */
import type { Transaction } from 'kysely';
import { AGREEMENT_STATUSES } from '../db/enums';
import type { DB } from '../db/types';
import {
  agreementsWithoutHistory,
  insertStatusRecords,
  type NewStatusRecord,
} from '../modules/history/history.repository';
import { type Dataset, type DatasetAgreement, known } from './seed';

export interface StatusChanges {
  changes: Array<{ agreement_id: string; status: string; date: string; sources: string[] }>;
}

type SeededRecord = Omit<NewStatusRecord, 'agreementId'>;

export function seededHistory(agreement: DatasetAgreement, dataset: Dataset, changes: StatusChanges): SeededRecord[] {
  const about = dataset.events.filter((event) => event.date && event.related_agreement_ids.includes(agreement.id));
  const records: SeededRecord[] = changes.changes
    .filter((change) => change.agreement_id === agreement.id)
    .map((change) => ({
      status: known(AGREEMENT_STATUSES, change.status, 'status'),
      effectiveOn: change.date,
      inferred: false,
      eventSequence: null,
      sources: change.sources,
    }));
  if (agreement.signing_date) {
    const signing = about.find((event) => event.type === 'signing' && event.date === agreement.signing_date);
    records.push({
      status: 'SIGNED',
      effectiveOn: agreement.signing_date,
      inferred: false,
      eventSequence: null,
      sources: signing?.sources ?? agreement.sources,
    });
  }
  records.sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn));
  if (records[0]?.status !== 'NEGOTIATING') {
    const first = about
      .filter((event) => !records[0] || event.date! < records[0].effectiveOn)
      .sort((a, b) => a.date!.localeCompare(b.date!))[0];
    if (first) {
      records.unshift({
        status: 'NEGOTIATING',
        effectiveOn: first.date!,
        inferred: true,
        eventSequence: null,
        sources: first.sources,
      });
    }
  }
  return records;
}

/**
 * Inserts the history of every seeded agreement that has none yet, so that a second run adds
 * nothing and a history recorded through the API is never overwritten. An agreement whose status
 * was changed outside the API since it was seeded is left without one (its sources no longer
 * describe it); one the data cannot date at all is a fault in the data.
 */
export async function seedStatusHistory(
  trx: Transaction<DB>,
  dataset: Dataset,
  changes: StatusChanges,
  agreementIds: ReadonlyMap<string, number>,
): Promise<void> {
  const missing = await agreementsWithoutHistory(trx, [...agreementIds.values()]);
  const rows: NewStatusRecord[] = [];
  for (const agreement of dataset.agreements) {
    const id = agreementIds.get(agreement.id)!;
    const status = missing.get(id);
    if (status === undefined) continue;
    const records = seededHistory(agreement, dataset, changes);
    if (records.length === 0) throw new Error(`seed: no source dates agreement ${agreement.id}`);
    if (records.at(-1)!.status !== status) continue;
    rows.push(...records.map((record) => ({ ...record, agreementId: id })));
  }
  await insertStatusRecords(trx, rows);
}
