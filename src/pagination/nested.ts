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
 * One connection per parent from the rows of one statement (each parent's in page order). The
 * first totalCount read counts every parent's rows in one statement (`counts`), shared by all.
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
  return groupBy(parents, rows, parentOf).map((group, index) =>
    toConnection(group, key, window, async () => (await (counted ??= counts())).get(parents[index]!) ?? 0),
  );
}
