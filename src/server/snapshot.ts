/**
 * A query that selects the root field `cursor` runs all its fields inside one read-only REPEATABLE
 * READ transaction, so the cursor and every figure beside it describe the same moment, on pooled
 * PostgreSQL as on PGlite. Other operations pay one cached lookup per document and nothing else.
 *
 * The transaction itself is opened by the composition root (app.ts), which alone knows how to bind
 * the services to it; this plugin only decides which operations need one and runs them inside it.
 */
import { type DocumentNode, getOperationAST, Kind, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context';

/** Runs `run` with a context whose services all read one snapshot; resolves once it has ended. */
export type SnapshotRunner = <R>(context: GraphQLContext, run: (context: GraphQLContext) => Promise<R>) => Promise<R>;

export const SNAPSHOT_FIELD = 'cursor';

/** Whether the operation is a query selecting `cursor` at its root (through fragments too). */
export function selectsSnapshot(document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'query') return false;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition.selectionSet] as const] : [],
    ),
  );
  const seen = new Set<string>();
  const selects = (set: SelectionSetNode): boolean =>
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === SNAPSHOT_FIELD;
      if (selection.kind === Kind.INLINE_FRAGMENT) return selects(selection.selectionSet);
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) return false;
      seen.add(name);
      return selects(fragment);
    });
  return selects(operation.selectionSet);
}

export function useSnapshots(inSnapshot: SnapshotRunner): Plugin<GraphQLContext> {
  // Per parsed document (yoga caches those per query text) and operation name.
  const cache = new WeakMap<DocumentNode, Map<string, boolean>>();
  const needsSnapshot = (document: DocumentNode, operationName: string | null | undefined) => {
    let byOperation = cache.get(document);
    if (!byOperation) cache.set(document, (byOperation = new Map()));
    let needs = byOperation.get(operationName ?? '');
    if (needs === undefined) byOperation.set(operationName ?? '', (needs = selectsSnapshot(document, operationName)));
    return needs;
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (!needsSnapshot(args.document, args.operationName)) return;
      setExecuteFn((executionArgs) =>
        inSnapshot(args.contextValue, async (contextValue) => await executeFn({ ...executionArgs, contextValue })),
      );
    },
  };
}
