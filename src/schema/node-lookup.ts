/**
 * `node(id:)` read as the type's own root field reads it (Query.agreement, Query.partner): only the
 * columns the query selects, with the relations and first page that field joins in the same
 * statement. Without this, node(id:) goes through the type's loader (every column) and each
 * relation below it sends a statement of its own. `nodes(ids:)` keeps the loader: it batches.
 */
import { brandWithType } from '@pothos/core';
import {
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** Reads one object by its parsed ID as if `info` were its type's root field; undefined: none. */
export type NodeLookup = (id: never, context: never, info: GraphQLResolveInfo) => Promise<object | undefined>;

const lookups = new Map<string, NodeLookup>();

export function registerNodeLookup<Id, Context>(
  typeName: string,
  lookup: (id: Id, context: Context, info: GraphQLResolveInfo) => Promise<object | undefined>,
): void {
  lookups.set(typeName, lookup as NodeLookup);
}

/**
 * The object `node(id:)` names, read by its type's registered lookup, or undefined when the type
 * registered none (then the loader reads it). The object is branded with its type, as the loader's
 * are, for the Node interface to resolve.
 */
export function lookUpNode(
  id: { typename: string; id: unknown },
  context: unknown,
  info: GraphQLResolveInfo,
): Promise<object | null> | undefined {
  const lookup = lookups.get(id.typename);
  const type = info.schema.getType(id.typename);
  if (!lookup || !isObjectType(type) || info.fieldNodes.length !== 1) return undefined;
  const typed: GraphQLResolveInfo = {
    ...info,
    returnType: type,
    fieldNodes: [narrowed(info.fieldNodes[0]!, type, info)],
  };
  return lookup(id.id as never, context as never, typed).then((found) => {
    if (!found) return null;
    // By name, as the relay plugin brands what its loaders return (its typing asks for a type ref).
    brandWithType(found, id.typename as never);
    return found;
  });
}

// Per field node and type: the selection caches (selection.ts, page-window.ts) key on the node.
const narrowedNodes = new WeakMap<FieldNode, Map<string, FieldNode>>();

/**
 * The node field with only the selections that apply to `type`: fragments on another type (or on
 * an interface it does not implement) would otherwise count as asked of this one.
 */
function narrowed(node: FieldNode, type: GraphQLObjectType, info: GraphQLResolveInfo): FieldNode {
  let byType = narrowedNodes.get(node);
  if (!byType) narrowedNodes.set(node, (byType = new Map()));
  let found = byType.get(type.name);
  if (!found) {
    const applies = (condition: string | undefined) =>
      condition === undefined ||
      condition === type.name ||
      type.getInterfaces().some((implemented) => implemented.name === condition);
    const keep = (set: SelectionSetNode | undefined): SelectionSetNode | undefined =>
      set && {
        ...set,
        selections: set.selections.flatMap((selection): SelectionNode[] => {
          if (selection.kind === Kind.FIELD) return [selection];
          if (selection.kind === Kind.INLINE_FRAGMENT) {
            if (!applies(selection.typeCondition?.name.value)) return [];
            return [{ ...selection, selectionSet: keep(selection.selectionSet)! }];
          }
          const fragment = info.fragments[selection.name.value];
          return fragment && applies(fragment.typeCondition.name.value) ? [selection] : [];
        }),
      };
    found = { ...node, selectionSet: keep(node.selectionSet) };
    byType.set(type.name, found);
  }
  return found;
}
