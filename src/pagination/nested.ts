import DataLoader from 'dataloader';
import type { GraphQLContext } from '../context';
import type { Connection, Page } from './keyset';

/**
 * A DataLoader shared by every parent in one operation that asks the same field with the same
 * arguments, so a nested list or connection costs one query per level, not one per parent.
 */
export function batchLoader<K, V>(
  context: GraphQLContext,
  key: string,
  load: (keys: readonly K[]) => Promise<readonly V[]>,
): DataLoader<K, V> {
  let loader = context.batches.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(load, { maxBatchSize: 1000 });
    context.batches.set(key, loader);
  }
  return loader;
}

/** Groups rows by a parent key, in the order of `keys` (what DataLoader expects back). */
export function groupBy<K, Row>(keys: readonly K[], rows: readonly Row[], keyOf: (row: Row) => K): Row[][] {
  const groups = new Map<K, Row[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

interface NestedBatch<K, Row> {
  readonly pages: DataLoader<K, Page<Row>>;
  readonly counts: DataLoader<K, number>;
}

/**
 * A connection under each object of a list (Agreement.timeline, Partner.agreements): every parent
 * that asks it with the same arguments (`key`) shares one page query and, when `totalCount` is
 * read, one count query.
 */
export function nestedConnection<K, Row>(
  context: GraphQLContext,
  key: string,
  parent: K,
  loadPages: (parents: readonly K[]) => Promise<readonly Page<Row>[]>,
  loadCounts: (parents: readonly K[]) => Promise<readonly number[]>,
): Promise<Connection<Row>> {
  let batch = context.batches.get(key) as NestedBatch<K, Row> | undefined;
  if (!batch) {
    batch = {
      pages: new DataLoader(loadPages, { maxBatchSize: 1000 }),
      counts: new DataLoader(loadCounts, { maxBatchSize: 1000 }),
    };
    context.batches.set(key, batch);
  }
  const { counts } = batch;
  return batch.pages.load(parent).then((page) => ({ ...page, totalCount: () => counts.load(parent) }));
}
