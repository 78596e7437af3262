/**
 * Relay cursor pagination on a keyset (sort key, id), in one place for every connection.
 * Cursors are opaque base64url of [ordering, key, id]; a cursor from another ordering, or one
 * that was tampered with, is rejected as invalid input rather than silently misread.
 */
import { type Compilable, type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { InvalidInputError } from '../errors';
import { statement } from '../db/statement';

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  /**
   * Whether to fetch one row past the page, which tells whether another page exists (default
   * true). Only hasNextPage and hasPreviousPage read it; see pageArgs in schema/selection.ts.
   */
  probe?: boolean;
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
  /** One row more than `limit` is fetched, to learn whether another page exists. */
  readonly probe: boolean;
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
    probe: args.probe ?? true,
    backward: last != null,
    after: args.after != null ? decodeCursor('after', args.after, key) : undefined,
    before: args.before != null ? decodeCursor('before', args.before, key) : undefined,
  };
}

/**
 * A page as its query sees it: the values may be statement arguments (see pageStatement), so one
 * compiled statement serves every page of the same shape.
 */
export interface PageSql {
  /** Rows to fetch: the page size, plus one when the window probes for another page. */
  readonly fetch: number | RawBuilder<number>;
  readonly backward: boolean;
  readonly after: PositionSql | undefined;
  readonly before: PositionSql | undefined;
}

interface PositionSql {
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

/** ORDER BY for this page: the sort key's direction, reversed when paging backward. */
function keysetOrder(key: SortKey<never>, page: PageSql): RawBuilder<unknown> {
  const ascending = (key.direction === 'asc') !== page.backward;
  const dir = sql.raw(ascending ? 'asc' : 'desc');
  return sql`${key.expression} ${dir}, ${key.id} ${dir}`;
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
 * parent's first `page.fetch` rows in keyset order, so with an index on (parent, sort key, id)
 * each parent costs one short index range however many rows it has. `select(parent)` must select
 * the columns and restrict to the parent, given as an expression; `parents` is an array value.
 * Rows come back in page order within each parent (`pageRow` numbers them).
 */
export function lateralPages<Row, Parent extends KeyValue>(
  parents: RawBuilder<readonly Parent[]>,
  parentType: 'integer' | 'text',
  select: (parent: RawBuilder<Parent>) => SelectQueryBuilder<any, any, any>,
  key: SortKey<never>,
  page: PageSql,
): RawBuilder<Row & { pageRow: number }> {
  const inner = applyKeyset(
    select(sql.ref<Parent>('parent.key')).select(
      sql<number>`row_number() over (order by ${keysetOrder(key, page)})`.as('pageRow'),
    ),
    key,
    page,
  );
  return sql<Row & { pageRow: number }>`select paged.* from unnest(${parents}::${sql.raw(parentType)}[]) as parent(key)
    cross join lateral (${inner}) as paged order by paged.page_row`;
}

type PageValues = {
  fetch: number;
  afterKey: KeyValue | undefined;
  afterId: KeyValue | undefined;
  beforeKey: KeyValue | undefined;
  beforeId: KeyValue | undefined;
  parents: readonly KeyValue[];
  /** The shape's values, as `value:<name>`. */
  [value: `value:${string}`]: KeyValue;
};

/** A raw query compiles against a database; a query builder knows its own. */
function compilable<Row>(db: Kysely<any>, query: Compilable<Row> | RawBuilder<Row>): Compilable<Row> {
  return 'isRawBuilder' in query ? { compile: () => query.compile(db) } : query;
}

/** What, besides the page, shapes a list query's SQL. */
export interface PageShape<Filter, Row> {
  readonly filter: Filter;
  readonly key: SortKey<Row>;
  /** The properties a query reads (all when undefined). */
  readonly properties?: readonly string[] | undefined;
  /** The same, of a joined row (an agreement's partner). */
  readonly joinedProperties?: readonly string[] | undefined;
  /**
   * Values the statement takes as arguments (a date, say): which ones are given shapes its SQL,
   * their values do not, so one compiled statement serves them all.
   */
  readonly values?: Readonly<Record<string, KeyValue>> | undefined;
}

/** Longer shapes (a filter listing many values) are compiled each time rather than kept. */
const MAX_SHAPE_KEY = 1000;

function shapeKey(
  { filter, key, properties, joinedProperties, values }: PageShape<unknown, never>,
  window: PageWindow,
): string | undefined {
  const name = [
    key.name,
    properties?.join(',') ?? '*',
    joinedProperties?.join(',') ?? '*',
    JSON.stringify(filter),
    values ? Object.keys(values).join(',') : '',
    `${window.backward ? 'last' : 'first'}${window.after ? ',after' : ''}${window.before ? ',before' : ''}`,
  ].join('\u0000');
  return name.length <= MAX_SHAPE_KEY ? name : undefined;
}

/**
 * A keyset page query compiled once per shape, then run with each page's values: list queries
 * run on every request, and building, transforming and compiling one costs more server CPU than
 * its round trip (see statement.ts). The shape (filter values included) and the window's
 * direction and cursors given pick the compiled statement; the cursor positions, the page size,
 * the parents (for lateralPages) and the shape's `values` are its arguments, which `build` gets as
 * such (`values` as `args`, by name).
 */
export function pageStatement<Row, Filter, Keyed>(
  build: (
    db: Kysely<any>,
    page: PageSql,
    parents: RawBuilder<readonly KeyValue[]>,
    shape: PageShape<Filter, Keyed>,
    args: Readonly<Record<string, RawBuilder<KeyValue>>>,
  ) => Compilable<Row> | RawBuilder<Row>,
): (
  db: Kysely<any>,
  window: PageWindow,
  shape: PageShape<Filter, Keyed>,
  parents?: readonly KeyValue[],
) => Promise<Row[]> {
  type Shape = PageShape<Filter, Keyed>;
  const run = statement<PageValues, Row, { window: PageWindow; shape: Shape }>(
    (db, arg, { window, shape }) =>
      compilable(
        db,
        build(
          db,
          {
            fetch: arg('fetch'),
            backward: window.backward,
            after: window.after && { key: arg('afterKey'), id: arg('afterId') },
            before: window.before && { key: arg('beforeKey'), id: arg('beforeId') },
          } as PageSql,
          arg('parents'),
          shape,
          Object.fromEntries(Object.keys(shape.values ?? {}).map((name) => [name, arg(`value:${name}`)])),
        ),
      ),
    ({ window, shape }) => shapeKey(shape as PageShape<unknown, never>, window),
  );
  return (db, window, shape, parents = []) =>
    run(
      db,
      {
        fetch: window.limit + (window.probe ? 1 : 0),
        afterKey: window.after?.key,
        afterId: window.after?.id,
        beforeKey: window.before?.key,
        beforeId: window.before?.id,
        parents,
        ...(shape.values &&
          Object.fromEntries(Object.entries(shape.values).map(([name, value]) => [`value:${name}`, value]))),
      },
      { window, shape },
    );
}
