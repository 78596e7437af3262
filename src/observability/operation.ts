/**
 * What metrics, logs and traces say about an operation: its name, type and root field, worked out
 * once per parsed document (yoga caches documents per query text) and operation name.
 */
import { type DocumentNode, getOperationAST, Kind, parse } from 'graphql';

export type OperationType = 'query' | 'mutation' | 'subscription';

export interface OperationInfo {
  /** The operation's own name (never the client's `operationName` unless the document has it). */
  readonly name: string | undefined;
  /** undefined: the document names no single operation to run (validation will refuse it). */
  readonly type: OperationType | undefined;
  /** The first root field: for a subscription, the one it subscribes to. */
  readonly rootField: string | undefined;
}

const NONE: OperationInfo = Object.freeze({ name: undefined, type: undefined, rootField: undefined });

/** Per document, the info per requested operation name ('' for none). */
const infoOf = new WeakMap<DocumentNode, Map<string, OperationInfo>>();
/** A client could pair one document with endless operation names: past this, compute each time. */
const MAX_NAMES_PER_DOCUMENT = 8;

export function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationInfo {
  const key = operationName ?? '';
  let byName = infoOf.get(document);
  let info = byName?.get(key);
  if (info) return info;
  const operation = getOperationAST(document, operationName);
  const first = operation?.selectionSet.selections[0];
  info = operation
    ? Object.freeze({
        name: operation.name?.value,
        type: operation.operation as OperationType,
        rootField: first?.kind === Kind.FIELD ? first.name.value : undefined,
      })
    : NONE;
  if (!byName) infoOf.set(document, (byName = new Map()));
  if (byName.size < MAX_NAMES_PER_DOCUMENT) byName.set(key, info);
  return info;
}

/**
 * Operation names as metric label values: every name allowed up front (the persisted operations),
 * then the first `cap` other names seen; anything after that, and any name too long to be a
 * sensible label, is counted as "other". So random operation names cannot grow memory or the scrape.
 */
export class OperationNames {
  static readonly OTHER = 'other';
  static readonly ANONYMOUS = 'anonymous';
  private static readonly MAX_LENGTH = 100;
  private readonly known = new Set<string>();
  private seen = 0;

  constructor(
    private readonly cap: number,
    allowed: Iterable<string> = [],
  ) {
    for (const name of allowed) this.known.add(name);
  }

  label(name: string | undefined): string {
    if (name === undefined) return OperationNames.ANONYMOUS;
    if (this.known.has(name)) return name;
    if (this.seen >= this.cap || name.length > OperationNames.MAX_LENGTH) return OperationNames.OTHER;
    this.seen++;
    this.known.add(name);
    return name;
  }
}

/** The operation names in a set of documents (the persisted-operations manifest). */
export function operationNamesIn(documents: Iterable<string>): string[] {
  const names: string[] = [];
  for (const text of documents) {
    let document: DocumentNode;
    try {
      document = parse(text, { noLocation: true });
    } catch {
      continue; // refused when it is run
    }
    for (const definition of document.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.push(definition.name.value);
    }
  }
  return names;
}
