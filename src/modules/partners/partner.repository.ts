import { type Kysely, sql } from 'kysely';
import type { Membership } from '../../db/enums';
import { projector } from '../../db/projection';
import { keyedStatement } from '../../db/statement';
import type { DB, NewPartnerRow, PartnerRow, PartnerUpdate } from '../../db/types';
import { countRows } from '../../pagination/connection';
import { applyKeyset, type SortKey } from '../../pagination/keyset';
import { pageStatement } from '../../pagination/page-statement';

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

function filtered(db: Kysely<DB>, filter: PartnerFilter) {
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
const selected = projector(partnerColumns, KEY_PROPERTIES);

/** A page of partners; with `properties`, rows hold those (and the keys) only. */
export const listPartners = pageStatement<PartnerRow, PartnerFilter, PartnerRow>(
  (db, page, _parents, { filter, key, properties }) =>
    applyKeyset(filtered(db, filter).select(selected(properties)), key, page),
);

export function countPartners(db: Kysely<DB>, filter: PartnerFilter): Promise<number> {
  return countRows(filtered(db, filter));
}

export const findPartnersByCodes = keyedStatement<string, PartnerRow>((db: Kysely<DB>, codes) =>
  db.selectFrom('partners').select(partnerColumns).where('partners.code', '=', sql<string>`any(${codes}::text[])`),
);

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
