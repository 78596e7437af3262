import type { Kysely, Transaction } from 'kysely';
import type { AgreementStatus } from '../../db/enums';
import type { DateString, DB, StatusRecordRow } from '../../db/types';
import { InvalidInputError } from '../../errors';
import { groupBy } from '../../pagination/nested';
import {
  findStatusHistory,
  findStatusRecordsAfter,
  insertStatusRecords,
  moveStatusRecords,
  type NewStatusRecord,
} from './history.repository';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * An `asOf` argument, checked: a day that has not ended has no settled state to answer with (and
 * nothing can be recorded for it: transitions refuse future dates). Null and undefined mean now.
 */
export function checkAsOf(asOf: DateString | null | undefined): DateString | undefined {
  if (asOf == null) return undefined;
  if (asOf > today()) throw new InvalidInputError('asOf', `${asOf} is in the future; the history ends today`);
  return asOf;
}

interface AsOfRow {
  asOf?: DateString;
  partner?: { asOf?: DateString };
}

/** Rows read as of a day carry it, so the fields below them (statusHistory, Partner.agreements) answer for that day too. */
export function stampAsOf<Row extends AsOfRow>(rows: Row[], asOf: DateString | undefined): Row[] {
  if (asOf !== undefined) {
    for (const row of rows) {
      row.asOf = asOf;
      if (row.partner) row.partner.asOf = asOf;
    }
  }
  return rows;
}

/** The first row of an agreement recorded through the API: its status on the day it was recorded. */
export function recordFirstState(
  trx: Transaction<DB>,
  agreement: { id: number; status: AgreementStatus; sources: string[] },
): Promise<void> {
  return insertStatusRecords(trx, [
    {
      agreementId: agreement.id,
      status: agreement.status,
      effectiveOn: today(),
      inferred: true,
      eventSequence: null,
      sources: agreement.sources,
    },
  ]);
}

/**
 * Records a transition, in the transaction that made it (which has locked the agreement). The
 * history must stay in date order, since a date's status is the latest row on or before it: a
 * change dated before a dated change already recorded is refused. A first known state dated after
 * it only says since when the state was known; the change shows the state held before, so that
 * row moves back to the change's date.
 */
export async function recordStatusChange(trx: Transaction<DB>, change: NewStatusRecord): Promise<void> {
  const later = await findStatusRecordsAfter(trx, change.agreementId, change.effectiveOn);
  const dated = later.find((row) => !row.inferred);
  if (dated) {
    throw new InvalidInputError(
      'effectiveDate',
      `${change.effectiveOn} is before ${dated.effectiveOn}, when the agreement became ${dated.status}`,
    );
  }
  await moveStatusRecords(
    trx,
    later.map((row) => row.id),
    change.effectiveOn,
  );
  await insertStatusRecords(trx, [change]);
}

export class HistoryService {
  constructor(private readonly db: Kysely<DB>) {}

  /** Batch body for Agreement.statusHistory: each agreement's rows, oldest first, up to `asOf`. */
  async ofAgreements(ids: readonly number[], asOf: DateString | undefined): Promise<StatusRecordRow[][]> {
    const rows = await findStatusHistory(this.db, ids, asOf);
    return groupBy(ids, rows, (row) => row.agreementId);
  }
}
