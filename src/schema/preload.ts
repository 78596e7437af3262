/**
 * A parent read with its first page: a root field that looks one object up (partner by code,
 * agreement by id) and the connection the query asks below it (Partner.agreements,
 * Agreement.timeline) in one statement, where the connection's loader would send a second.
 *
 * The module of the connection registers how to read a parent with its page (registerParentWithPage);
 * the root field asks parentWithPage, which reads the connection's arguments and selection off the
 * query as its own resolver would; the connection's resolver takes the page attached to the parent
 * (attachedPage) before it loads anything.
 */
import { type FieldNode, type GraphQLResolveInfo, getArgumentValues, getNamedType, isObjectType } from 'graphql';
import { subfields } from './selection';

/** A parent and its page, or undefined when there is no such parent. */
export type ParentWithPage = (
  key: never,
  args: Record<string, unknown>,
  /** As the connection field's own resolver would get it (its node, type, arguments). */
  info: GraphQLResolveInfo,
  context: never,
  /** The root field's. */
  rootInfo: GraphQLResolveInfo,
) => Promise<{ parent: object; page: unknown } | undefined>;

// Type name → connection field name → how to read a parent with that field's page.
const registry = new Map<string, Map<string, ParentWithPage>>();

export function registerParentWithPage<Key, Context>(
  typeName: string,
  fieldName: string,
  read: (
    key: Key,
    args: Record<string, unknown>,
    info: GraphQLResolveInfo,
    context: Context,
    rootInfo: GraphQLResolveInfo,
  ) => Promise<{ parent: object; page: unknown } | undefined>,
): void {
  let fields = registry.get(typeName);
  if (!fields) registry.set(typeName, (fields = new Map()));
  fields.set(fieldName, read as ParentWithPage);
}

const PAGES = Symbol('pages read with the parent');

type WithPages = { [PAGES]?: Map<FieldNode, unknown> };

/** The page read with this parent for the field being resolved, if there is one. */
export function attachedPage<Page>(parent: object, info: GraphQLResolveInfo): Page | undefined {
  return (parent as WithPages)[PAGES]?.get(info.fieldNodes[0]!) as Page | undefined;
}

/** The one field below the root field that a registered reader can read with it; else undefined. */
function pageField(info: GraphQLResolveInfo) {
  const type = getNamedType(info.returnType);
  const readers = registry.get(type.name);
  if (!readers || !isObjectType(type) || info.fieldNodes.length !== 1) return undefined;
  const nodes = subfields(info.fieldNodes, info.fragments).filter((node) => readers.has(node.name.value));
  // Two places asking for connections (aliases, other arguments) load as usual.
  if (nodes.length !== 1) return undefined;
  const node = nodes[0]!;
  const field = type.getFields()[node.name.value]!;
  return { node, field, type, read: readers.get(node.name.value)! };
}

/**
 * The object at the root field being resolved (`info`), read with the page of the connection below
 * it when one can be (see above); else `lookup()` reads it alone.
 */
export async function parentWithPage<Row extends object>(
  key: unknown,
  info: GraphQLResolveInfo,
  context: unknown,
  lookup: () => Promise<Row | undefined>,
): Promise<Row | undefined> {
  const found = pageField(info);
  if (!found) return lookup();
  const { node, field, type, read } = found;
  let result: { parent: object; page: unknown } | undefined;
  try {
    const args = getArgumentValues(field, node, info.variableValues);
    const fieldInfo: GraphQLResolveInfo = {
      ...info,
      fieldName: field.name,
      fieldNodes: [node],
      returnType: field.type,
      parentType: type,
    };
    result = await read(key as never, args, fieldInfo, context as never, info);
  } catch {
    // Arguments the connection refuses (a page too large, a bad cursor): its own resolver says so,
    // at its own path, as it would without this.
    return lookup();
  }
  if (!result) return undefined;
  (result.parent as WithPages)[PAGES] = new Map([[node, result.page]]);
  return result.parent as Row;
}

/** A page of parents with each one's page, or undefined when the pages must be loaded as usual. */
export type ListWithPages = (
  rootArgs: never,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
  context: never,
  rootInfo: GraphQLResolveInfo,
) => Promise<{ list: { edges: readonly { node: object }[] }; pageOf: (parent: never) => unknown } | undefined>;

const listRegistry = new Map<string, Map<string, ListWithPages>>();

/** Like registerParentWithPage, for a root connection of `typeName` and the connection below its nodes. */
export function registerListWithPages<RootArgs, Context, Parent>(
  typeName: string,
  fieldName: string,
  read: (
    rootArgs: RootArgs,
    args: Record<string, unknown>,
    info: GraphQLResolveInfo,
    context: Context,
    rootInfo: GraphQLResolveInfo,
  ) => Promise<{ list: { edges: readonly { node: Parent }[] }; pageOf: (parent: Parent) => unknown } | undefined>,
): void {
  let fields = listRegistry.get(typeName);
  if (!fields) listRegistry.set(typeName, (fields = new Map()));
  fields.set(fieldName, read as unknown as ListWithPages);
}

/** The fields asked of a connection's nodes, through `edges { node }` and `nodes`. */
function nodeFields(info: GraphQLResolveInfo): FieldNode[] {
  const fields = subfields(info.fieldNodes, info.fragments);
  const edges = subfields(
    fields.filter((node) => node.name.value === 'edges'),
    info.fragments,
  );
  return [
    ...subfields(
      edges.filter((node) => node.name.value === 'node'),
      info.fragments,
    ),
    ...subfields(
      fields.filter((node) => node.name.value === 'nodes'),
      info.fragments,
    ),
  ];
}

/**
 * The connection at the root field being resolved (`info`), its nodes read with the page of the
 * connection below each when one can be (as parentWithPage does for one object); else `list()`.
 */
export async function listWithPages<List extends { edges: readonly { node: object }[] }>(
  rootArgs: unknown,
  info: GraphQLResolveInfo,
  context: unknown,
  list: () => Promise<List>,
): Promise<List> {
  const connection = getNamedType(info.returnType);
  const nodesField = isObjectType(connection) ? connection.getFields().nodes : undefined;
  const type = nodesField && getNamedType(nodesField.type);
  const readers = type && listRegistry.get(type.name);
  if (!readers || !isObjectType(type) || info.fieldNodes.length !== 1) return list();
  const nodes = nodeFields(info).filter((node) => readers.has(node.name.value));
  if (nodes.length !== 1) return list();
  const node = nodes[0]!;
  const field = type.getFields()[node.name.value]!;
  let result: Awaited<ReturnType<ListWithPages>>;
  try {
    const args = getArgumentValues(field, node, info.variableValues);
    const fieldInfo: GraphQLResolveInfo = {
      ...info,
      fieldName: field.name,
      fieldNodes: [node],
      returnType: field.type,
      parentType: type,
    };
    result = await readers.get(node.name.value)!(rootArgs as never, args, fieldInfo, context as never, info);
  } catch {
    // As in parentWithPage: arguments refused are refused again, each at its own path.
    return list();
  }
  if (!result) return list();
  for (const edge of result.list.edges) {
    (edge.node as WithPages)[PAGES] = new Map([[node, result.pageOf(edge.node as never)]]);
  }
  return result.list as List;
}
