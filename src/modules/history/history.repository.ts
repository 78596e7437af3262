import { type Kysely, type QueryCreator, type RawBuilder, sql, type Transaction } from 'kysely';
import type { AgreementStatus } from '../../db/enums';
import { statement } from '../../db/statement';
import type { AgreementsTable, DateString, DB, StatusRecordRow } from '../../db/types';

/** A date as a value or as a statement argument (see db/statement.ts). */
export type AsOf = DateString | RawBuilder<unknown>;

/** The columns the history decides as of a date; every other column of an agreement passes through. */
type DatedColumn =
  | 'status'
  | 'signedOn'
  | 'expectedFrom'
  | 'expectedTo'
  | 'expectedLabel'
  | 'expectedSources'
  | 'expectedStatedOn';

const PASS_THROUGH = [
  'agreements.id',
  'agreements.reference',
  'agreements.partnerCode',
  'agreements.title',
  'agreements.titleVerbatim',
  'agreements.titleNote',
  'agreements.place',
  'agreements.ukraineSignatory',
  'agreements.partnerSignatories',
  'agreements.durationYears',
  'agreements.durationNote',
  'agreements.areas',
  'agreements.areasDetail',
  'agreements.framework',
  'agreements.sequenceReported',
  'agreements.sequenceNote',
  'agreements.countedInOfficialList',
  'agreements.classificationDisputed',
  'agreements.confidence',
  'agreements.notes',
  'agreements.sources',
  'agreements.version',
  'agreements.createdAt',
  'agreements.updatedAt',
] as const;

// A column added to agreements must be listed above or among DatedColumn, or this stops compiling:
// the as-of view would otherwise lack it, and queries as of a date would fail.
type Listed = DatedColumn | ((typeof PASS_THROUGH)[number] extends `agreements.${infer Column}` ? Column : never);
const everyColumnListed: Record<Exclude<keyof AgreementsTable, Listed>, never> = {};
void everyColumnListed;

/**
 * The tables as they stood at the end of `asOf`: queries built from the returned creator read
 * `agreements` (and, with `partners`, `partners`) as usual, and see
 * - only the agreements with a status on record by then, with that status, signedOn only if
 *   signed by then, and the expected window only if it was named by then (when known) and had not
 *   yet passed;
 * - only the partners with such an agreement.
 * Both are common table expressions named after the tables they stand for, which they shadow (a
 * non-recursive WITH query cannot see itself, so inside each `agreements` is still the table).
 * NOT MATERIALIZED lets PostgreSQL plan them into the query: a page of agreements probes the
 * history index once per agreement it reads, a count joins the whole history at once.
 * Without `asOf`, the database itself.
 */
export function tablesAsOf(
  db: Kysely<DB>,
  asOf: AsOf | undefined,
  { partners = false }: { partners?: boolean } = {},
): QueryCreator<DB> {
  if (asOf === undefined) return db;
  const day = sql<DateString>`${asOf}::date`;
  const windowOpen = sql<boolean>`(agreements.expected_stated_on is null or agreements.expected_stated_on <= ${day})
    and agreements.expected_to >= ${day}`;
  const whenOpen = (column: string) => sql`case when ${windowOpen} then ${sql.ref(`agreements.${column}`)} end`;
  const agreements = db.with(
    (cte) => cte('agreements').notMaterialized(),
    (qc) =>
      qc
        .selectFrom('agreements')
        .innerJoin('agreementStatusHistory as history', (join) =>
          join
            .onRef('history.agreementId', '=', 'agreements.id')
            .on('history.effectiveOn', '<=', day)
            .on((eb) => eb.or([eb('history.supersededOn', 'is', null), eb('history.supersededOn', '>', day)])),
        )
        .select(PASS_THROUGH)
        .select([
          'history.status',
          sql<DateString | null>`case when history.status = 'SIGNED' then history.effective_on end`.as('signedOn'),
          whenOpen('expectedFrom').as('expectedFrom'),
          whenOpen('expectedTo').as('expectedTo'),
          whenOpen('expectedLabel').as('expectedLabel'),
          sql`case when ${windowOpen} then agreements.expected_sources else '{}' end`.as('expectedSources'),
          whenOpen('expectedStatedOn').as('expectedStatedOn'),
          // Not in the table types (it is only searched), but the search filter reads it.
          sql.ref('agreements.searchVector').as('searchVector'),
        ]),
  );
  // Only where partners are counted or listed: an agreement's own partner is on record with it.
  const scoped = partners
    ? agreements.with(
        (cte) => cte('partners').notMaterialized(),
        (qc) =>
          qc
            .selectFrom('partners')
            .selectAll('partners')
            .where((eb) =>
              eb.exists(
                eb
                  .selectFrom('agreements')
                  .select(sql.lit(1).as('one'))
                  .whereRef('agreements.partnerCode', '=', 'partners.code'),
              ),
            ),
      )
    : agreements;
  // The views have the tables' columns and names, so queries typed against the tables fit them.
  return scoped as unknown as QueryCreator<DB>;
}

const historyOf = statement<{ ids: readonly number[]; asOf: DateString | null }, StatusRecordRow>(
  (db: Kysely<DB>, arg) =>
    db
      .selectFrom('agreementStatusHistory')
      .selectAll()
      .where('agreementId', '=', sql<number>`any(${arg('ids')}::integer[])`)
      .where('effectiveOn', '<=', sql<DateString>`coalesce(${arg('asOf')}::date, 'infinity'::date)`)
      .orderBy('agreementId')
      .orderBy('effectiveOn')
      .orderBy('id'),
);

/** The history of these agreements, each oldest first (up to `asOf` when given). */
export function findStatusHistory(
  db: Kysely<DB>,
  agreementIds: readonly number[],
  asOf: DateString | undefined,
): Promise<StatusRecordRow[]> {
  if (agreementIds.length === 0) return Promise.resolve([]);
  return historyOf(db, { ids: agreementIds, asOf: asOf ?? null });
}

/** The agreement's rows dated after `date`, in a transaction that has locked the agreement. */
export function findStatusRecordsAfter(
  trx: Transaction<DB>,
  agreementId: number,
  date: DateString,
): Promise<StatusRecordRow[]> {
  return trx
    .selectFrom('agreementStatusHistory')
    .selectAll()
    .where('agreementId', '=', agreementId)
    .where('effectiveOn', '>', date)
    .orderBy('effectiveOn')
    .orderBy('id')
    .execute();
}

export async function moveStatusRecords(trx: Transaction<DB>, ids: readonly number[], date: DateString) {
  if (ids.length === 0) return;
  await trx.updateTable('agreementStatusHistory').set({ effectiveOn: date }).where('id', 'in', ids).execute();
}

export interface NewStatusRecord {
  agreementId: number;
  status: AgreementStatus;
  effectiveOn: DateString;
  inferred: boolean;
  eventSequence: number | null;
  sources: string[];
}

/**
 * Inserts rows and sets, for every row of the agreements concerned, the day the next one took
 * effect (see the migration): every writer of the history goes through here, so it always holds.
 */
export async function insertStatusRecords(trx: Transaction<DB>, rows: readonly NewStatusRecord[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('agreementStatusHistory').values(rows).execute();
  const ids = [...new Set(rows.map((row) => row.agreementId))];
  await sql`
    update agreement_status_history as history set superseded_on = ordered.next
    from (
      select id, lead(effective_on) over (partition by agreement_id order by effective_on, id) as next
      from agreement_status_history where agreement_id = any(${ids}::integer[])
    ) as ordered
    where history.id = ordered.id and history.superseded_on is distinct from ordered.next`.execute(trx);
}

/** Of these agreements, the ones with no history yet (the seed fills only those), with their status. */
export async function agreementsWithoutHistory(
  trx: Transaction<DB>,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('agreements')
    .select(['agreements.id', 'agreements.status'])
    .where('agreements.id', 'in', ids)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('agreementStatusHistory')
            .select(sql.lit(1).as('one'))
            .whereRef('agreementStatusHistory.agreementId', '=', 'agreements.id'),
        ),
      ),
    )
    .execute();
  return new Map(rows.map((row) => [row.id, row.status]));
}
