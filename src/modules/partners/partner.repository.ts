import { type Kysely, type QueryCreator, sql } from 'kysely';
import type { Membership } from '../../db/enums';
import { projector } from '../../db/projection';
import { statement } from '../../db/statement';
import type { DB, NewPartnerRow, PartnerRow, PartnerUpdate } from '../../db/types';
import { countRows } from '../../pagination/connection';
import { applyKeyset, type SortKey } from '../../pagination/keyset';
import { pageStatement } from '../../pagination/page-statement';
import type { PageWindow } from '../../pagination/page-window';
import { tablesAsOf } from '../history/history.repository';

export interface PartnerFilter {
  kind?: PartnerRow['kind'] | null | undefined;
  membership?: Membership | null | undefined;
  search?: string | null | undefined;
}

export type PartnerOrderField = 'CODE' | 'NAME';

// The key expressions match the indexes in the first migration.
const keys = {
  CODE: { expression: sql.ref('partners.code'), value: (row: PartnerRow) => row.code },
  NAME: { expression: sql.ref('partners.name'), value: (row: PartnerRow) => row.name },
} satisfies Record<PartnerOrderField, Pick<SortKey<PartnerRow>, 'expression' | 'value'>>;

export function partnerSortKey(field: PartnerOrderField, direction: 'asc' | 'desc'): SortKey<PartnerRow> {
  return {
    name: `partner:${field}:${direction}`,
    ...keys[field],
    id: sql.ref('partners.code'),
    keyType: 'text',
    idType: 'text',
    direction,
    idOf: (row) => row.code,
  };
}

/** `db` may be the tables as of a date (history.repository.ts): only the partners on record then. */
export function filtered(db: QueryCreator<DB>, filter: PartnerFilter) {
  let query = db.selectFrom('partners');
  if (filter.kind) query = query.where('partners.kind', '=', filter.kind);
  if (filter.membership) query = query.where(sql<boolean>`partners.memberships @> array[${filter.membership}]::text[]`);
  if (filter.search) {
    query = query.where(sql<boolean>`partners.name ilike ${`%${escapeLike(filter.search)}%`} escape '\\'`);
  }
  return query;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Every column of a partner row. */
export const partnerColumns = [
  'partners.code',
  'partners.name',
  'partners.kind',
  'partners.memberships',
  'partners.membershipsAsOf',
  'partners.confidence',
  'partners.notes',
  'partners.sources',
  'partners.createdAt',
  'partners.updatedAt',
] as const;

/** What a listed partner always carries: its code and every sort key. */
const KEY_PROPERTIES = ['code', 'name'];
/** The columns of a listed partner for the properties a query reads. */
export const selected = projector(partnerColumns, KEY_PROPERTIES);

/** A page of partners; with `properties`, rows hold those (and the keys) only. */
export function listPartners(
  db: Kysely<DB>,
  filter: PartnerFilter,
  key: SortKey<PartnerRow>,
  window: PageWindow,
  properties?: readonly string[],
  asOf?: string,
): Promise<PartnerRow[]> {
  return partnersPage(db, window, { filter, key, properties, values: asOf === undefined ? undefined : { asOf } });
}

const partnersPage = pageStatement<PartnerRow, PartnerFilter, PartnerRow>(
  (db, page, _parents, { filter, key, properties }, args) =>
    applyKeyset(
      filtered(tablesAsOf(db, args.asOf, { partners: true }), filter).select(selected(properties)),
      key,
      page,
    ),
);

export function countPartners(db: Kysely<DB>, filter: PartnerFilter, asOf?: string): Promise<number> {
  return countRows(filtered(tablesAsOf(db, asOf, { partners: true }), filter));
}

// Shaped by whether a date is given: the Partner loader runs on every request and keeps its one statement.
const partnersByCodes = statement<{ codes: readonly string[]; asOf?: string }, PartnerRow, boolean | undefined>(
  (db: Kysely<DB>, arg, asOf) =>
    tablesAsOf(db, asOf ? arg('asOf') : undefined, { partners: true })
      .selectFrom('partners')
      .select(partnerColumns)
      .where('partners.code', '=', sql<string>`any(${arg('codes')}::text[])`),
  (asOf) => (asOf ? 'asOf' : ''),
);

/** With `asOf`, only the partners on record then. */
export function findPartnersByCodes(db: Kysely<DB>, codes: readonly string[], asOf?: string): Promise<PartnerRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return partnersByCodes(db, { codes, asOf }, asOf !== undefined);
}

export function insertPartner(db: Kysely<DB>, row: NewPartnerRow): Promise<PartnerRow> {
  return db.insertInto('partners').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updatePartner(db: Kysely<DB>, code: string, patch: PartnerUpdate): Promise<PartnerRow | undefined> {
  return db
    .updateTable('partners')
    .set({ ...patch, updatedAt: new Date() })
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirst();
}
