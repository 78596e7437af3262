/**
 * Nested connections (Partner.agreements, Agreement.timeline): the schema batches the parents of
 * one level with the dataloader plugin (`t.loadable`), one statement reads every parent's page
 * (keyset.ts lateralPages), and here its rows become one connection per parent.
 */
import { type Connection, toConnection } from './connection';
import type { SortKey } from './keyset';
import type { PageWindow } from './page-window';

/** Rows of several parents, grouped by parent in the order of `keys` (what a DataLoader returns). */
export function groupBy<K, Row>(keys: readonly K[], rows: readonly Row[], keyOf: (row: Row) => K): Row[][] {
  const groups = new Map<K, Row[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

/**
 * One connection per parent from the rows of one statement (each parent's in page order). Each
 * total is the one the rows carry when the statement counted them; else the first totalCount read
 * counts every parent's rows in one statement (`counts`), shared by all.
 */
export function nestedConnections<K, Row>(
  parents: readonly K[],
  rows: readonly Row[],
  parentOf: (row: Row) => K,
  key: SortKey<NoInfer<Row>>,
  window: PageWindow,
  counts: () => Promise<ReadonlyMap<K, number>>,
): Connection<Row>[] {
  let counted: Promise<ReadonlyMap<K, number>> | undefined;
  return groupBy(parents, rows, parentOf).map((group, index) => {
    const total = window.count ? knownTotal(group, window) : undefined;
    return toConnection(
      group,
      key,
      window,
      total === undefined
        ? async () => (await (counted ??= counts())).get(parents[index]!) ?? 0
        : () => Promise.resolve(total),
    );
  });
}

/**
 * A parent's total without counting apart: the one its rows carry when the statement counted
 * (keyset.ts lateralPages); 0 for an empty page from the start of the order (no cursor, a size
 * above 0), since nothing matched. Else undefined: an empty page past a cursor says nothing.
 */
function knownTotal(group: readonly unknown[], window: PageWindow): number | undefined {
  if (group.length > 0) {
    const total = (group[0] as { totalCount?: unknown }).totalCount;
    return total == null ? undefined : Number(total);
  }
  return window.after === undefined && window.before === undefined && window.limit > 0 ? 0 : undefined;
}
