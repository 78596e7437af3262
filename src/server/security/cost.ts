/**
 * What an operation may cost: the number of objects it can return, each list counted at its size.
 *
 * - A scalar or enum field is free (it comes with its row); an object field costs 1 per parent.
 * - A connection (a field with `first`/`last` arguments) gives its list children (`edges`, `nodes`) the page
 *   size it asks for: `first`/`last` as a literal or a variable, else the server's default page
 *   size; a value that is not a number counts as the largest page a client may ask for.
 * - `nodes(ids:)` counts one object per id; any other list counts DEFAULT_LIST_SIZE items.
 * - Fragments are expanded (memoised, so a fragment spread a thousand times is walked once) and a
 *   cycle counts nothing: validation has already rejected it with NoFragmentCyclesRule.
 * - Introspection (`__schema`, `__type`) is free; it is disabled in production.
 *
 * So `agreements(first: 100) { edges { node { timeline(first: 100) { edges { node { title } } } } } }`
 * costs 1 + 100 × (1 + 1 + 1 + 100 × 2) = 20,301.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../../pagination/page-window';

/** Items assumed for a list without a size argument (a timeline event's partners, stats rows). */
export const DEFAULT_LIST_SIZE = 10;

export interface CostOptions {
  readonly maxPageSize: number;
}

// Costs that no variable entered, per parsed document (yoga caches those per query text), operation
// and page size limit: the same query asked again costs the same without a walk.
const fixedCosts = new WeakMap<DocumentNode, Map<string, number>>();

/** The cost of the operation that would run; of the dearest one when that cannot be told. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  options: CostOptions,
): number {
  let known = fixedCosts.get(document);
  const key = `${operationName ?? ''}\u0000${options.maxPageSize}`;
  const fixed = known?.get(key);
  if (fixed !== undefined) return fixed;
  const selected = getOperationAST(document, operationName);
  const operations = selected
    ? [selected]
    : document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  let cost = 0;
  let readsVariables = false;
  for (const operation of operations) {
    const walker = new CostWalker(schema, document, operation, variables ?? {}, options);
    cost = Math.max(cost, walker.total());
    readsVariables ||= walker.readsVariables;
  }
  if (!readsVariables) {
    if (!known) fixedCosts.set(document, (known = new Map()));
    known.set(key, cost);
  }
  return cost;
}

class CostWalker {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly fragmentCosts = new Map<string, number>();
  private readonly inProgress = new Set<string>();
  private readonly variableDefaults = new Map<string, ValueNode>();
  /** Whether a variable (or its absence) entered the cost. */
  readsVariables = false;

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly operation: OperationDefinitionNode,
    private readonly variables: Readonly<Record<string, unknown>>,
    private readonly options: CostOptions,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
    for (const definition of operation.variableDefinitions ?? ([] as VariableDefinitionNode[])) {
      if (definition.defaultValue) this.variableDefaults.set(definition.variable.name.value, definition.defaultValue);
    }
  }

  total(): number {
    const root = this.schema.getRootType(this.operation.operation);
    return root ? this.selectionCost(this.operation.selectionSet, root, DEFAULT_LIST_SIZE) : 0;
  }

  /** `listSize`: how many items a list-typed field directly in this selection set returns. */
  private selectionCost(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, listSize: number): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet || selection.name.value.startsWith('__')) continue;
        const field = fieldOf(parent, selection.name.value);
        if (!field) continue; // validation reports the unknown field
        const type = getNamedType(field.type);
        if (!isCompositeType(type)) continue;
        const items = isListType(getNullableType(field.type))
          ? this.listItems(field, selection.arguments ?? [], listSize)
          : 1;
        const childListSize = this.pageSize(field, selection.arguments ?? []);
        cost += items * (1 + this.selectionCost(selection.selectionSet, type, childListSize));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) cost += this.selectionCost(selection.selectionSet, type, listSize);
      } else {
        cost += this.fragmentCost(selection.name.value, listSize);
      }
    }
    return cost;
  }

  private fragmentCost(name: string, listSize: number): number {
    const key = `${name}\u0000${listSize}`;
    const known = this.fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    const type = fragment && this.schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !type || !isCompositeType(type) || this.inProgress.has(key)) return 0;
    this.inProgress.add(key);
    const cost = this.selectionCost(fragment.selectionSet, type, listSize);
    this.inProgress.delete(key);
    this.fragmentCosts.set(key, cost);
    return cost;
  }

  /** The list size a connection field hands to its `edges`; the default list size elsewhere. */
  private pageSize(
    field: GraphQLField<unknown, unknown>,
    args: readonly { name: { value: string }; value: ValueNode }[],
  ): number {
    if (!field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return DEFAULT_LIST_SIZE;
    const requested = args
      .filter((arg) => arg.name.value === 'first' || arg.name.value === 'last')
      .map((arg) => this.intValue(arg.value));
    if (requested.length === 0) return Math.min(DEFAULT_PAGE_SIZE, this.options.maxPageSize);
    return Math.max(...requested);
  }

  private listItems(
    field: GraphQLField<unknown, unknown>,
    args: readonly { name: { value: string }; value: ValueNode }[],
    listSize: number,
  ): number {
    if (field.name !== 'nodes') return listSize;
    const ids = args.find((arg) => arg.name.value === 'ids')?.value;
    if (!ids) return listSize;
    if (ids.kind === Kind.LIST) return ids.values.length;
    if (ids.kind === Kind.VARIABLE) {
      this.readsVariables = true;
      const value = this.variables[ids.name.value];
      return Array.isArray(value) ? value.length : this.options.maxPageSize;
    }
    return 1;
  }

  /** A page size argument, clamped to what the server would accept; unknown means the largest. */
  private intValue(node: ValueNode): number {
    let value: unknown;
    if (node.kind === Kind.NULL) value = null;
    else if (node.kind === Kind.INT) value = Number(node.value);
    else if (node.kind === Kind.VARIABLE) {
      this.readsVariables = true;
      const name = node.name.value;
      if (name in this.variables) value = this.variables[name];
      else {
        const fallback = this.variableDefaults.get(name);
        // Not sent and no default: the argument is absent and the default page size applies.
        value = fallback?.kind === Kind.INT ? Number(fallback.value) : fallback ? undefined : null;
      }
    }
    if (value === null) return Math.min(DEFAULT_PAGE_SIZE, this.options.maxPageSize);
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.options.maxPageSize;
    return Math.min(Math.max(Math.trunc(value), 0), this.options.maxPageSize);
  }
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}
