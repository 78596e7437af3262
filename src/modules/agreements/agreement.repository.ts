import { type Kysely, sql } from 'kysely';
import { applyKeyset, type PageWindow, partitionedPage, type SortKey } from '../../db/keyset';
import type { AgreementRow, AgreementUpdate, DB, NewAgreementRow } from '../../db/types';

export interface AgreementFilter {
  status?: readonly string[] | null | undefined;
  partnerCode?: readonly string[] | null | undefined;
  area?: string | null | undefined;
  membership?: string | null | undefined;
  signedFrom?: string | null | undefined;
  signedTo?: string | null | undefined;
  search?: string | null | undefined;
  countedInOfficialList?: boolean | null | undefined;
}

export type AgreementOrderField = 'ID' | 'SIGNED_ON' | 'TITLE';

/** Every column but the generated search vector, which is only for filtering. */
const columns = [
  'agreements.id',
  'agreements.reference',
  'agreements.partnerCode',
  'agreements.title',
  'agreements.titleVerbatim',
  'agreements.titleNote',
  'agreements.status',
  'agreements.signedOn',
  'agreements.place',
  'agreements.ukraineSignatory',
  'agreements.partnerSignatories',
  'agreements.durationYears',
  'agreements.durationNote',
  'agreements.areas',
  'agreements.areasDetail',
  'agreements.expectedFrom',
  'agreements.expectedTo',
  'agreements.expectedLabel',
  'agreements.expectedSources',
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

// The key expressions match the indexes in the first migration.
const keys = {
  ID: { expression: sql.ref('agreements.id'), keyType: 'integer', value: (row: AgreementRow) => row.id },
  SIGNED_ON: {
    expression: sql`coalesce(agreements.signed_on, 'infinity'::date)`,
    keyType: 'date',
    value: (row: AgreementRow) => row.signedOn ?? 'infinity',
  },
  TITLE: {
    expression: sql`coalesce(agreements.title, '')`,
    keyType: 'text',
    value: (row: AgreementRow) => row.title ?? '',
  },
} satisfies Record<AgreementOrderField, Pick<SortKey<AgreementRow>, 'expression' | 'keyType' | 'value'>>;

export function agreementSortKey(field: AgreementOrderField, direction: 'asc' | 'desc'): SortKey<AgreementRow> {
  return {
    name: `agreement:${field}:${direction}`,
    ...keys[field],
    id: sql.ref('agreements.id'),
    idType: 'integer',
    direction,
    idOf: (row) => row.id,
  };
}

function filtered(db: Kysely<DB>, filter: AgreementFilter) {
  let query = db.selectFrom('agreements');
  if (filter.status?.length) query = query.where('agreements.status', 'in', filter.status);
  if (filter.partnerCode?.length) query = query.where('agreements.partnerCode', 'in', filter.partnerCode);
  if (filter.area) query = query.where(sql<boolean>`agreements.areas @> array[${filter.area}]::text[]`);
  if (filter.membership) {
    query = query.where('agreements.partnerCode', 'in', (eb) =>
      eb
        .selectFrom('partners')
        .select('partners.code')
        .where(sql<boolean>`partners.memberships @> array[${filter.membership}]::text[]`),
    );
  }
  if (filter.signedFrom) query = query.where('agreements.signedOn', '>=', filter.signedFrom);
  if (filter.signedTo) query = query.where('agreements.signedOn', '<=', filter.signedTo);
  if (filter.search) {
    query = query.where(sql<boolean>`agreements.search_vector @@ websearch_to_tsquery('simple', ${filter.search})`);
  }
  if (filter.countedInOfficialList != null) {
    query = query.where('agreements.countedInOfficialList', '=', filter.countedInOfficialList);
  }
  return query;
}

export function listAgreements(
  db: Kysely<DB>,
  filter: AgreementFilter,
  key: SortKey<AgreementRow>,
  window: PageWindow,
) {
  return applyKeyset(filtered(db, filter).select(columns), key, window).execute() as Promise<AgreementRow[]>;
}

export async function countAgreements(db: Kysely<DB>, filter: AgreementFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One page of agreements for each of several partners, in one statement. */
export function listAgreementsOfPartners(
  db: Kysely<DB>,
  partnerCodes: readonly string[],
  filter: AgreementFilter,
  key: SortKey<AgreementRow>,
  window: PageWindow,
): Promise<AgreementRow[]> {
  const query = filtered(db, filter).select(columns).where('agreements.partnerCode', 'in', partnerCodes);
  return partitionedPage(db, query, sql.ref('agreements.partner_code'), key, window).execute() as Promise<
    AgreementRow[]
  >;
}

export function countAgreementsOfPartners(db: Kysely<DB>, partnerCodes: readonly string[], filter: AgreementFilter) {
  return filtered(db, filter)
    .select(['agreements.partnerCode', (eb) => eb.fn.countAll<number>().as('count')])
    .where('agreements.partnerCode', 'in', partnerCodes)
    .groupBy('agreements.partnerCode')
    .execute();
}

export function findAgreementsByIds(db: Kysely<DB>, ids: readonly number[]): Promise<AgreementRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('agreements').select(columns).where('agreements.id', 'in', ids).execute() as Promise<
    AgreementRow[]
  >;
}

export function findAgreementForUpdate(db: Kysely<DB>, id: number): Promise<AgreementRow | undefined> {
  return db
    .selectFrom('agreements')
    .select(columns)
    .where('agreements.id', '=', id)
    .forUpdate()
    .executeTakeFirst() as Promise<AgreementRow | undefined>;
}

export function insertAgreement(db: Kysely<DB>, row: NewAgreementRow): Promise<AgreementRow> {
  return db.insertInto('agreements').values(row).returning(columns).executeTakeFirstOrThrow() as Promise<AgreementRow>;
}

/** Bumps the version; the caller has locked the row and checked the expected version. */
export function updateAgreement(db: Kysely<DB>, id: number, patch: AgreementUpdate): Promise<AgreementRow> {
  return db
    .updateTable('agreements')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirstOrThrow() as Promise<AgreementRow>;
}
