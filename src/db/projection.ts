/**
 * Lists select only the columns a query reads (see schema/selection.ts). Columns are qualified
 * ("agreements.title"); wanted names are row properties ("title").
 */

import { type AliasedRawBuilder, sql } from 'kysely';

/**
 * Picks, for the wanted properties, the columns of `all` that hold them plus `keys` (ids, parents:
 * what the repository itself reads) and `sortedBy` (the property the page's sort key reads); all
 * columns when nothing is named, or when a name is neither a column nor one of `joined`
 * (properties a repository fills by a join).
 */
export function projector<Column extends string>(
  all: readonly Column[],
  keys: readonly string[],
  joined: readonly string[] = [],
): (wanted: readonly string[] | undefined, sortedBy?: string) => readonly Column[] {
  const property = (column: string) => column.slice(column.indexOf('.') + 1);
  const names = new Set(all.map(property));
  // Per wanted list: selections cache theirs per parsed document, so each is worked out once.
  const picked = new WeakMap<readonly string[], Map<string, readonly Column[]>>();
  return (wanted, sortedBy = '') => {
    if (!wanted) return all;
    let bySortKey = picked.get(wanted);
    if (!bySortKey) picked.set(wanted, (bySortKey = new Map()));
    let columns = bySortKey.get(sortedBy);
    if (!columns) {
      const needed = new Set([...wanted, ...keys, sortedBy].filter((name) => name && !joined.includes(name)));
      columns = [...needed].every((name) => names.has(name))
        ? all.filter((column) => needed.has(property(column)))
        : all;
      bySortKey.set(sortedBy, columns);
    }
    return columns;
  };
}

/** The prefix of a parent's columns in the rows of its page (pagination/keyset.ts lateralPages). */
export const PARENT_PREFIX = 'parent$';

const prefixed = new Map<string, WeakMap<readonly string[], AliasedRawBuilder<unknown, string>[]>>();

/** These columns, named `<prefix><property>`, to come back beside the columns of other rows. */
export function asPrefixedColumns(columns: readonly string[], prefix: string): AliasedRawBuilder<unknown, string>[] {
  let byColumns = prefixed.get(prefix);
  if (!byColumns) prefixed.set(prefix, (byColumns = new WeakMap()));
  let aliased = byColumns.get(columns);
  if (!aliased) {
    aliased = columns.map((column) => sql.ref(column).as(`${prefix}${column.slice(column.indexOf('.') + 1)}`));
    byColumns.set(columns, aliased);
  }
  return aliased;
}

/** These columns, named `parent$<property>`, to come back beside the columns of a page. */
export function asParentColumns(columns: readonly string[]): AliasedRawBuilder<unknown, string>[] {
  return asPrefixedColumns(columns, PARENT_PREFIX);
}

/**
 * The parent carried by the rows of its page (asParentColumns), and the page's rows (none when the
 * page is empty: its one row's page columns, the id among them, are null); undefined when there is
 * no parent. The rows keep the parent's columns too: they are never read, and copying every row to
 * drop them would cost more.
 */
export function parentOfPage<Parent, Row extends { id: unknown }>(
  rows: readonly Row[],
): { parent: Parent; rows: Row[] } | undefined {
  const first = rows[0];
  if (!first) return undefined;
  return { parent: parentColumns<Parent>(first), rows: first.id === null ? [] : [...rows] };
}

/** The parent's columns (asParentColumns) of a row, as the parent's row. */
export function parentColumns<Parent>(row: object): Parent {
  return prefixedColumns<Parent>(row, PARENT_PREFIX);
}

/** The columns of a row named with `prefix` (asPrefixedColumns), as a row of their own. */
export function prefixedColumns<Row>(row: object, prefix: string): Row {
  const found: Record<string, unknown> = {};
  for (const name in row) {
    if (name.startsWith(prefix)) found[name.slice(prefix.length)] = (row as Record<string, unknown>)[name];
  }
  return found as Row;
}
