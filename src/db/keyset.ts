/**
 * Relay cursor pagination on a keyset (sort key, id), in one place for every connection.
 * Cursors are opaque base64url of [ordering, key, id]; a cursor from another ordering, or one
 * that was tampered with, is rejected as invalid input rather than silently misread.
 */
import { type Expression, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { InvalidInputError } from '../errors';

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export type KeyValue = string | number;

/** The SQL type of a key or id, so that a decoded cursor is checked before it reaches SQL. */
export type KeyType = 'integer' | 'date' | 'text';

export interface SortKey<Row> {
  /** Names the ordering inside cursors, e.g. "agreement:SIGNED_ON:ASC". */
  readonly name: string;
  /** The SQL of the key; it must match an index together with the id. */
  readonly expression: RawBuilder<unknown> | Expression<unknown>;
  readonly id: RawBuilder<unknown> | Expression<unknown>;
  readonly direction: 'asc' | 'desc';
  readonly keyType: KeyType;
  readonly idType: KeyType;
  value(row: Row): KeyValue;
  idOf(row: Row): KeyValue;
}

interface Position {
  key: KeyValue;
  id: KeyValue;
}

export interface PageWindow {
  readonly limit: number;
  readonly backward: boolean;
  readonly after: Position | undefined;
  readonly before: Position | undefined;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Page<Node> {
  edges: Edge<Node>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export function encodeCursor(ordering: string, key: KeyValue, id: KeyValue): string {
  return Buffer.from(JSON.stringify([ordering, key, id])).toString('base64url');
}

function isCalendarDate(value: string): boolean {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  return !!date && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// A cursor that decodes but holds a value its column cannot take (a word for an integer id,
// 2024-02-30 for a date, a NUL in text) would fail inside the database; reject it here instead.
const isKeyOfType: Record<KeyType, (value: unknown) => boolean> = {
  integer: (value) => Number.isSafeInteger(value) && Math.abs(value as number) <= 2_147_483_647,
  date: (value) => typeof value === 'string' && (value === 'infinity' || isCalendarDate(value)),
  text: (value) => typeof value === 'string' && value.length <= 500 && !value.includes('\u0000'),
};

function decodeCursor(argument: string, cursor: string, key: SortKey<never>): Position {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    Array.isArray(decoded) &&
    decoded.length === 3 &&
    decoded[0] === key.name &&
    isKeyOfType[key.keyType](decoded[1]) &&
    isKeyOfType[key.idType](decoded[2])
  ) {
    return { key: decoded[1], id: decoded[2] };
  }
  throw new InvalidInputError(argument, 'is not a valid cursor for this list and ordering');
}

export function pageWindow(args: PageArgs, key: SortKey<never>, maxPageSize: number, defaultPageSize = 20): PageWindow {
  const { first, last } = args;
  if (first != null && last != null) throw new InvalidInputError('first', 'cannot be combined with last');
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > maxPageSize)) {
      throw new InvalidInputError(name, `must be between 0 and ${maxPageSize}`);
    }
  }
  return {
    limit: first ?? last ?? Math.min(defaultPageSize, maxPageSize),
    backward: last != null,
    after: args.after != null ? decodeCursor('after', args.after, key) : undefined,
    before: args.before != null ? decodeCursor('before', args.before, key) : undefined,
  };
}

function compare(key: SortKey<never>, position: Position, side: 'after' | 'before') {
  const forward = (key.direction === 'asc') === (side === 'after');
  return sql<boolean>`(${key.expression}, ${key.id}) ${sql.raw(forward ? '>' : '<')} (${position.key}, ${position.id})`;
}

/** The keyset conditions alone (for batched nested connections, which order inside a window function). */
export function keysetConditions(key: SortKey<never>, window: PageWindow): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [];
  if (window.after) conditions.push(compare(key, window.after, 'after'));
  if (window.before) conditions.push(compare(key, window.before, 'before'));
  return conditions;
}

/** ORDER BY for this page: the sort key's direction, reversed when paging backward. */
export function keysetOrder(key: SortKey<never>, window: PageWindow): RawBuilder<unknown> {
  const ascending = (key.direction === 'asc') !== window.backward;
  const dir = sql.raw(ascending ? 'asc' : 'desc');
  return sql`${key.expression} ${dir}, ${key.id} ${dir}`;
}

/** Adds keyset conditions, order and limit (one extra row tells whether another page exists). */
export function applyKeyset<QB extends SelectQueryBuilder<any, any, any>>(
  query: QB,
  key: SortKey<never>,
  window: PageWindow,
): QB {
  let q = query;
  for (const condition of keysetConditions(key, window)) q = q.where(condition) as QB;
  return q.orderBy(keysetOrder(key, window)).limit(window.limit + 1) as QB;
}

/** An edge whose cursor is encoded when read: most queries never ask for cursors. */
class KeysetEdge<Row> implements Edge<Row> {
  constructor(
    readonly node: Row,
    private readonly key: SortKey<Row>,
  ) {}

  get cursor(): string {
    return encodeCursor(this.key.name, this.key.value(this.node), this.key.idOf(this.node));
  }
}

/** Page info whose cursors, too, are encoded only when read. */
class KeysetPageInfo<Row> {
  constructor(
    private readonly edges: readonly KeysetEdge<Row>[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges.at(-1)?.cursor ?? null;
  }
}

/** Turns the rows of one keyset query (in query order, possibly limit + 1 of them) into a page. */
export function toPage<Row>(rows: readonly Row[], key: SortKey<Row>, window: PageWindow): Page<Row> {
  const more = rows.length > window.limit;
  const slice = rows.slice(0, window.limit);
  if (window.backward) slice.reverse();
  const edges = slice.map((node) => new KeysetEdge(node, key));
  return {
    edges,
    pageInfo: new KeysetPageInfo(
      edges,
      window.backward ? window.before !== undefined : more,
      window.backward ? more : window.after !== undefined,
    ),
  };
}

export type Connection<Node> = Page<Node> & { totalCount: () => Promise<number> };

/** A page plus a lazy total: the count query runs only when a client selects totalCount. */
export function toConnection<Row>(
  rows: readonly Row[],
  key: SortKey<Row>,
  window: PageWindow,
  count: () => Promise<number>,
): Connection<Row> {
  let total: Promise<number> | undefined;
  return { ...toPage(rows, key, window), totalCount: () => (total ??= count()) };
}

/**
 * One page per parent in a single statement: for each parent key, a LATERAL subquery takes that
 * parent's first limit + 1 rows in keyset order, so with an index on (parent, sort key, id) each
 * parent costs one short index range however many rows it has. `page(parent)` must select the
 * columns and restrict to the parent, given as an expression. Rows come back in page order
 * within each parent (`pageRow` numbers them).
 */
export function lateralPages<Row, Parent extends KeyValue>(
  parents: readonly Parent[],
  parentType: 'integer' | 'text',
  page: (parent: RawBuilder<Parent>) => SelectQueryBuilder<any, any, any>,
  key: SortKey<never>,
  window: PageWindow,
): RawBuilder<Row & { pageRow: number }> {
  let inner = page(sql.ref<Parent>('parent.key')).select(
    sql<number>`row_number() over (order by ${keysetOrder(key, window)})`.as('pageRow'),
  );
  for (const condition of keysetConditions(key, window)) inner = inner.where(condition);
  inner = inner.orderBy(keysetOrder(key, window)).limit(window.limit + 1);
  return sql<
    Row & { pageRow: number }
  >`select paged.* from unnest(${[...parents]}::${sql.raw(parentType)}[]) as parent(key)
    cross join lateral (${inner}) as paged order by paged.page_row`;
}
