/**
 * Relay connections from the rows of one keyset query: edges, page info and a lazy total.
 */
import { type AliasedRawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { encodeCursor } from './cursor';
import type { SortKey } from './keyset';
import type { PageWindow } from './page-window';

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Page<Node> {
  edges: Edge<Node>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export type Connection<Node> = Page<Node> & { totalCount: () => Promise<number> };

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

/** The total behind totalCount: the rows a list's filtered query matches, across pages. */
export async function countRows(query: SelectQueryBuilder<any, any, object>): Promise<number> {
  const row = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The total behind totalCount as a column beside each row of a page (an uncorrelated subquery, run
 * once), so that a page and its total take one statement; `query` is the list's filtered query.
 */
export function totalColumn(query: SelectQueryBuilder<any, any, object>): AliasedRawBuilder<number, 'totalCount'> {
  return sql<number>`(${query.select((eb) => eb.fn.countAll<number>().as('count'))})`.as('totalCount');
}

/**
 * The count for toConnection: the total the page's statement read (totalColumn), or `count` when
 * it did not, or the page is empty and so could not carry it.
 */
export function pageTotal(rows: readonly object[], count: () => Promise<number>): () => Promise<number> {
  const total = (rows[0] as { totalCount?: unknown } | undefined)?.totalCount;
  return total === undefined ? count : () => Promise.resolve(Number(total));
}
