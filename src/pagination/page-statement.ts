/**
 * Keyset page queries as prepared statements: compiled once per shape, run with each page's values.
 */
import { type Compilable, type Kysely, type RawBuilder, sql } from 'kysely';
import { statement } from '../db/statement';
import type { KeyValue } from './cursor';
import type { PageSql, ParentsSql, SortKey } from './keyset';
import type { PageWindow } from './page-window';

type PageValues = {
  fetch: number;
  afterKey: KeyValue | undefined;
  afterId: KeyValue | undefined;
  beforeKey: KeyValue | undefined;
  beforeId: KeyValue | undefined;
  /** All parents, or (when there is one) `parent`: see keyset.ts ParentsSql. */
  parents: readonly KeyValue[];
  parent: KeyValue;
  /** The shape's values, as `value:<name>`. */
  [value: `value:${string}`]: KeyValue;
};

/**
 * A raw query compiles against a database; a query builder knows its own. They are told apart by
 * RawBuilder's `isRawBuilder` marker: checked when this module loads, since without it a raw query
 * would be compiled with no database.
 */
function compilable<Row>(db: Kysely<any>, query: Compilable<Row> | RawBuilder<Row>): Compilable<Row> {
  return 'isRawBuilder' in query ? { compile: () => query.compile(db) } : query;
}

if (!('isRawBuilder' in sql`select 1`)) {
  throw new Error(
    'kysely: RawBuilder no longer has isRawBuilder, which pagination/page-statement.ts tells it apart by',
  );
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
  /**
   * For pages by parent: the properties read of the parent, which each row then carries too (see
   * keyset.ts lateralPages and parentOfPage), so a parent and its page take one statement; null
   * reads all of them.
   */
  readonly parentProperties?: readonly string[] | null | undefined;
}

/** Longer shapes (a filter listing many values) are compiled each time rather than kept. */
const MAX_SHAPE_KEY = 1000;

function shapeKey(
  { filter, key, properties, joinedProperties, values, parentProperties }: PageShape<unknown, never>,
  window: PageWindow,
  oneParent: boolean,
): string | undefined {
  const name = [
    key.name,
    properties?.join(',') ?? '*',
    joinedProperties?.join(',') ?? '*',
    parentProperties === undefined ? '' : `parent:${parentProperties?.join(',') ?? '*'}`,
    JSON.stringify(filter),
    values ? Object.keys(values).join(',') : '',
    `${window.backward ? 'last' : 'first'}${window.after ? ',after' : ''}${window.before ? ',before' : ''}`,
    window.count ? 'count' : '',
    oneParent ? 'one' : '',
  ].join('\u0000');
  return name.length <= MAX_SHAPE_KEY ? name : undefined;
}

/**
 * A keyset page query compiled once per shape, then run with each page's values: list queries
 * run on every request, and building, transforming and compiling one costs more server CPU than
 * its round trip (see db/statement.ts). The shape (filter values included) and the window's
 * direction and cursors given pick the compiled statement; the cursor positions, the page size,
 * the parents (for lateralPages: one parent, or an array of them) and the shape's `values` are its
 * arguments, which `build` gets as such (`values` as `args`, by name).
 */
export function pageStatement<Row, Filter, Keyed>(
  build: (
    db: Kysely<any>,
    page: PageSql,
    parents: ParentsSql<KeyValue>,
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
  const run = statement<PageValues, Row, { window: PageWindow; shape: Shape; oneParent: boolean }>(
    (db, arg, { window, shape, oneParent }) =>
      compilable(
        db,
        build(
          db,
          {
            fetch: arg('fetch'),
            backward: window.backward,
            count: window.count,
            after: window.after && { key: arg('afterKey'), id: arg('afterId') },
            before: window.before && { key: arg('beforeKey'), id: arg('beforeId') },
          } as PageSql,
          oneParent ? { one: arg('parent') } : { all: arg('parents') },
          shape,
          Object.fromEntries(Object.keys(shape.values ?? {}).map((name) => [name, arg(`value:${name}`)])),
        ),
      ),
    ({ window, shape, oneParent }) => shapeKey(shape as PageShape<unknown, never>, window, oneParent),
  );
  return (db, window, shape, parents = []) => {
    const oneParent = parents.length === 1;
    return run(
      db,
      {
        fetch: window.limit + (window.probe ? 1 : 0),
        afterKey: window.after?.key,
        afterId: window.after?.id,
        beforeKey: window.before?.key,
        beforeId: window.before?.id,
        parents,
        parent: parents[0]!,
        ...(shape.values &&
          Object.fromEntries(Object.entries(shape.values).map(([name, value]) => [`value:${name}`, value]))),
      },
      { window, shape, oneParent },
    );
  };
}
