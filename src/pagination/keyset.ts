/**
 * Keyset SQL: a page is the rows after (or before) a position in the order (sort key, id), taken
 * off an index on the same expressions. No OFFSET: a page costs the same however deep it is.
 */
import { type Expression, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { CursorKind, KeyValue } from './cursor';

export interface SortKey<Row> extends CursorKind {
  /** The SQL of the key; it must match an index together with the id. */
  readonly expression: RawBuilder<unknown> | Expression<unknown>;
  readonly id: RawBuilder<unknown> | Expression<unknown>;
  readonly direction: 'asc' | 'desc';
  /** The row property `value` reads, where it is not one every listed row carries anyway. */
  readonly property?: string;
  value(row: Row): KeyValue;
  idOf(row: Row): KeyValue;
}

/**
 * A page as its query sees it: the values may be statement arguments (see page-statement.ts), so
 * one compiled statement serves every page of the same shape.
 */
export interface PageSql {
  /** Rows to fetch: the page size, plus one when the window probes for another page. */
  readonly fetch: number | RawBuilder<number>;
  readonly backward: boolean;
  /** Whether to count the rows across pages as well (see connection.ts totalColumn). */
  readonly count: boolean;
  readonly after: PositionSql | undefined;
  readonly before: PositionSql | undefined;
}

/**
 * The parents of lateral pages as a statement sees them: one key, or an array of keys. One key is
 * its own SQL (not a one-element array): PostgreSQL cannot know an array argument's length, so it
 * re-plans an unnest() on every execution rather than keep the prepared statement's generic plan,
 * which costs more than running it; for one key the generic plan is as good and is kept.
 */
export type ParentsSql<Parent> = { readonly one: RawBuilder<Parent> } | { readonly all: RawBuilder<readonly Parent[]> };

export interface PositionSql {
  key: KeyValue | RawBuilder<KeyValue>;
  id: KeyValue | RawBuilder<KeyValue>;
}

function compare(key: SortKey<never>, position: PositionSql, side: 'after' | 'before') {
  const forward = (key.direction === 'asc') === (side === 'after');
  return sql<boolean>`(${key.expression}, ${key.id}) ${sql.raw(forward ? '>' : '<')} (${position.key}, ${position.id})`;
}

function keysetConditions(key: SortKey<never>, page: PageSql): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [];
  if (page.after) conditions.push(compare(key, page.after, 'after'));
  if (page.before) conditions.push(compare(key, page.before, 'before'));
  return conditions;
}

/**
 * ORDER BY for this page: the sort key's direction, reversed when paging backward; over `columns`
 * when given (the key as a subquery's columns carry it), else over the key's own SQL.
 */
function keysetOrder(
  key: SortKey<never>,
  page: Pick<PageSql, 'backward'>,
  columns: Pick<SortKey<never>, 'expression' | 'id'> = key,
): RawBuilder<unknown> {
  const ascending = (key.direction === 'asc') !== page.backward;
  const dir = sql.raw(ascending ? 'asc' : 'desc');
  return sql`${columns.expression} ${dir}, ${columns.id} ${dir}`;
}

/** Adds keyset conditions, order and limit. */
export function applyKeyset<QB extends SelectQueryBuilder<any, any, any>>(
  query: QB,
  key: SortKey<never>,
  page: PageSql,
): QB {
  let q = query;
  for (const condition of keysetConditions(key, page)) q = q.where(condition) as QB;
  return q.orderBy(keysetOrder(key, page)).limit(page.fetch) as QB;
}

/**
 * One page per parent in a single statement: for each parent key, a LATERAL subquery takes that
 * parent's first `page.fetch` rows in keyset order, so with an index on (parent, sort key, id)
 * each parent costs one short index range however many rows it has. `select(parent)` must select
 * the columns and restrict to the parent, given as an expression.
 * Rows come back in page order within each parent; each carries its key and id (`pageKey`,
 * `pageId`: see keyedPage).
 */
export function lateralPages<Row, Parent extends KeyValue>(
  parents: ParentsSql<Parent>,
  parentType: 'integer' | 'text',
  select: (parent: RawBuilder<Parent>) => SelectQueryBuilder<any, any, any>,
  key: SortKey<never>,
  page: PageSql,
  parentRow?: (parent: RawBuilder<Parent>) => SelectQueryBuilder<any, any, any>,
  below?: PageBelow,
): RawBuilder<Row> {
  const parent = sql.ref<Parent>('parent.key');
  const type = sql.raw(parentType);
  const parentKeys =
    'one' in parents
      ? sql`(values (${parents.one}::${type})) as parent(key)`
      : sql`unnest(${parents.all}::${type}[]) as parent(key)`;
  const inner = keyedPage(select(parent), key, page, 'page');
  // Rows of several parents interleave; each parent's stay in its page's order.
  const order = keyedOrder(key, page, 'paged', 'page');
  // When the query may read totalCount, each parent's total rides on the rows of its page (see
  // nested.ts), counted once per parent: not a statement of its own for every parent's total.
  const counted = page.count
    ? sql`cross join lateral (${select(parent)
        .clearSelect()
        .select(sql<number>`count(*)`.as('totalCount'))}) as counted`
    : sql``;
  const total = page.count ? sql`, counted.total_count` : sql``;
  if (!parentRow) {
    return sql<Row>`select paged.*${total} from ${parentKeys}
    cross join lateral (${inner}) as paged ${counted} order by ${order}`;
  }
  // With `parentRow` (the parent's own columns, named apart from the page's), every row carries
  // its parent too; a parent that does not exist has no row, one with an empty page has one whose
  // page columns are null.
  if (!below) {
    return sql<Row>`select parent_row.*, paged.*${total} from ${parentKeys}
    cross join lateral (${parentRow(parent)}) as parent_row
    left join lateral (${inner}) as paged on true ${counted} order by ${order}`;
  }
  // With `below` as well, a row per row of the page below each row of the page, which repeats.
  return sql<Row>`select parent_row.*, paged.*, below_page.* from ${parentKeys}
    cross join lateral (${parentRow(parent)}) as parent_row
    left join lateral (${inner}) as paged on true
    left join lateral (${below.query}) as below_page on true
    order by ${order}, ${below.order('below_page')}`;
}

/**
 * A page below each row of lateralPages' page: a query over `paged` (the row of the page), with
 * its columns named apart from the page's, and the ORDER BY of its rows joined as `alias`.
 */
export interface PageBelow {
  readonly query: RawBuilder<unknown> | SelectQueryBuilder<any, any, any>;
  order(alias: string): RawBuilder<unknown>;
}

/**
 * A keyset page whose rows carry their key and id, as `<name>Key` and `<name>Id` (`name` one
 * lowercase word), so that a statement that joins it can keep its order (keyedOrder) and tell its
 * rows apart. Not numbered with row_number(): a window over every page costs PostgreSQL more than
 * sorting the joined rows (pgbench: a quarter more CPU for one partner's page of 20; the
 * three-level statement of partners, agreements and events 2.8 ms per request against 1.7).
 */
export function keyedPage<QB extends SelectQueryBuilder<any, any, any>>(
  query: QB,
  key: SortKey<never>,
  page: PageSql,
  name: string,
): QB {
  return applyKeyset(
    query.select([sql`${key.expression}`.as(`${name}Key`), sql`${key.id}`.as(`${name}Id`)]) as QB,
    key,
    page,
  );
}

/** ORDER BY for the rows of keyedPage(…, name) joined as `alias`: that page's order. */
export function keyedOrder(
  key: SortKey<never>,
  page: Pick<PageSql, 'backward'>,
  alias: string,
  name: string,
): RawBuilder<unknown> {
  return keysetOrder(key, page, { expression: sql.ref(`${alias}.${name}_key`), id: sql.ref(`${alias}.${name}_id`) });
}
