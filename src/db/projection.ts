/**
 * Lists select only the columns a query reads (see schema/selection.ts). Columns are qualified
 * ("agreements.title"); wanted names are row properties ("title").
 */

/**
 * Picks, for the wanted properties, the columns of `all` that hold them plus `keys` (ids, parents,
 * sort keys: what the repository itself reads); all columns when nothing is named, or when a name
 * is neither a column nor one of `joined` (properties a repository fills by a join).
 */
export function projector<Column extends string>(
  all: readonly Column[],
  keys: readonly string[],
  joined: readonly string[] = [],
): (wanted: readonly string[] | undefined) => readonly Column[] {
  const property = (column: string) => column.slice(column.indexOf('.') + 1);
  const names = new Set(all.map(property));
  // Per wanted list: selections cache theirs per parsed document, so each is worked out once.
  const picked = new WeakMap<readonly string[], readonly Column[]>();
  return (wanted) => {
    if (!wanted) return all;
    let columns = picked.get(wanted);
    if (!columns) {
      const needed = new Set([...wanted, ...keys].filter((name) => !joined.includes(name)));
      columns = [...needed].every((name) => names.has(name))
        ? all.filter((column) => needed.has(property(column)))
        : all;
      picked.set(wanted, columns);
    }
    return columns;
  };
}
