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
import {
  type FieldNode,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  getArgumentValues,
  getNamedType,
  isObjectType,
} from 'graphql';
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
  /** What a connection below the page's nodes asks, as for registerListWithPages. */
  below: unknown,
) => Promise<ParentAndPage | undefined>;

/** A parent, its page, and with `below`, the page below each node of its page. */
type ParentAndPage = { parent: object; page: unknown; pagesBelow?: ReadonlyMap<object, unknown> };

// Type name → connection field name → how to read a parent with that field's page.
const registry = new Map<string, Map<string, ParentWithPage>>();

export function registerParentWithPage<Key, Context, Below = never>(
  typeName: string,
  fieldName: string,
  read: (
    key: Key,
    args: Record<string, unknown>,
    info: GraphQLResolveInfo,
    context: Context,
    rootInfo: GraphQLResolveInfo,
    below: Below | undefined,
  ) => Promise<ParentAndPage | undefined>,
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
  let result: ParentAndPage | undefined;
  let below: ReturnType<typeof fieldBelow<PagesRequest>>;
  try {
    const args = getArgumentValues(field, node, info.variableValues);
    const fieldInfo: GraphQLResolveInfo = {
      ...info,
      fieldName: field.name,
      fieldNodes: [node],
      returnType: field.type,
      parentType: type,
    };
    below = fieldBelow(fieldInfo, belowRegistry);
    const request = below?.read(below.args, below.info, context as never);
    result = await read(key as never, args, fieldInfo, context as never, info, request);
  } catch {
    // Arguments the connection refuses (a page too large, a bad cursor): its own resolver says so,
    // at its own path, as it would without this.
    return lookup();
  }
  if (!result) return undefined;
  (result.parent as WithPages)[PAGES] = new Map([[node, result.page]]);
  attachBelow(below, result.pagesBelow);
  return result.parent as Row;
}

/** The pages read below the nodes of a page, each attached to its node for the field `below` found. */
function attachBelow(below: { node: FieldNode } | undefined, pages: ReadonlyMap<object, unknown> | undefined): void {
  if (!below || !pages) return;
  for (const [node, page] of pages) (node as WithPages)[PAGES] = new Map([[below.node, page]]);
}

/**
 * What a connection below the nodes of another asks of each node's page (its arguments and
 * selection, read as its resolver would), for the statement that reads the pages above to read
 * those too; undefined when they must be loaded as usual. See registerPagesBelow.
 */
type PagesRequest = (args: Record<string, unknown>, info: GraphQLResolveInfo, context: never) => unknown;

const belowRegistry = new Map<string, Map<string, PagesRequest>>();

/**
 * A connection (`fieldName` of `typeName`) whose pages a list read with its own pages
 * (registerListWithPages) can read too, one level further down: `request` says what its pages
 * are, as the connection's loader would be asked; the list's reader gets it as `below`.
 */
export function registerPagesBelow<Args, Context, Request>(
  typeName: string,
  fieldName: string,
  request: (args: Args, info: GraphQLResolveInfo, context: Context) => Request | undefined,
): void {
  let fields = belowRegistry.get(typeName);
  if (!fields) belowRegistry.set(typeName, (fields = new Map()));
  fields.set(fieldName, request as unknown as PagesRequest);
}

/** A page of parents read with each one's page (and, asked, the pages below those). */
interface ListPages<Parent> {
  list: { edges: readonly { node: Parent }[] };
  pageOf: (parent: Parent) => unknown;
  /** With `below`: the page below each node of the parents' pages. */
  pagesBelow?: ReadonlyMap<object, unknown>;
}

/** A page of parents with each one's page, or undefined when the pages must be loaded as usual. */
export type ListWithPages = (
  rootArgs: never,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
  context: never,
  rootInfo: GraphQLResolveInfo,
  below: unknown,
) => Promise<ListPages<never> | undefined>;

const listRegistry = new Map<string, Map<string, ListWithPages>>();

/**
 * Like registerParentWithPage, for a root connection of `typeName` and the connection below its
 * nodes; `below`, when the query asks for a connection registered with registerPagesBelow under the
 * nodes of those pages, is what that connection asks (its reader then returns `pagesBelow`).
 */
export function registerListWithPages<RootArgs, Context, Parent, Below = never>(
  typeName: string,
  fieldName: string,
  read: (
    rootArgs: RootArgs,
    args: Record<string, unknown>,
    info: GraphQLResolveInfo,
    context: Context,
    rootInfo: GraphQLResolveInfo,
    below: Below | undefined,
  ) => Promise<ListPages<Parent> | undefined>,
): void {
  let fields = listRegistry.get(typeName);
  if (!fields) listRegistry.set(typeName, (fields = new Map()));
  fields.set(fieldName, read as unknown as ListWithPages);
}

/** The fields asked of a connection's nodes, through `edges { node }` and `nodes`. */
function nodeFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): FieldNode[] {
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

/** The node type of a connection type, if it is one. */
function nodeType(connection: GraphQLOutputType) {
  const type = getNamedType(connection);
  const nodes = isObjectType(type) ? type.getFields().nodes : undefined;
  const node = nodes && getNamedType(nodes.type);
  return node && isObjectType(node) ? node : undefined;
}

/**
 * The one field of `registry` asked of the nodes of the connection at `info` (else undefined), with
 * its arguments and the info its own resolver would get.
 */
function fieldBelow<Reader>(info: GraphQLResolveInfo, registry: Map<string, Map<string, Reader>>) {
  const type = nodeType(info.returnType);
  const readers = type && registry.get(type.name);
  if (!readers || info.fieldNodes.length !== 1) return undefined;
  const nodes = nodeFields(info).filter((node) => readers.has(node.name.value));
  // Two places asking for connections (aliases, other arguments) load as usual.
  if (nodes.length !== 1) return undefined;
  const node = nodes[0]!;
  const field = type.getFields()[node.name.value]!;
  const fieldInfo: GraphQLResolveInfo = {
    ...info,
    fieldName: field.name,
    fieldNodes: [node],
    returnType: field.type,
    parentType: type,
  };
  // Throws for arguments the field refuses.
  const args = getArgumentValues(field, node, info.variableValues);
  return { node, args, info: fieldInfo, read: readers.get(node.name.value)! };
}

/**
 * The connection at the root field being resolved (`info`), its nodes read with the page of the
 * connection below each when one can be (as parentWithPage does for one object), and with the pages
 * one level further down where a registered connection is asked there too; else `list()`.
 */
export async function listWithPages<List extends { edges: readonly { node: object }[] }>(
  rootArgs: unknown,
  info: GraphQLResolveInfo,
  context: unknown,
  list: () => Promise<List>,
): Promise<List> {
  let result: Awaited<ReturnType<ListWithPages>>;
  let found: ReturnType<typeof fieldBelow<ListWithPages>>;
  let below: ReturnType<typeof fieldBelow<PagesRequest>>;
  try {
    found = fieldBelow(info, listRegistry);
    if (!found) return list();
    below = fieldBelow(found.info, belowRegistry);
    const request = below?.read(below.args, below.info, context as never);
    result = await found.read(rootArgs as never, found.args, found.info, context as never, info, request);
  } catch {
    // As in parentWithPage: arguments refused are refused again, each at its own path.
    return list();
  }
  if (!result) return list();
  for (const edge of result.list.edges) {
    (edge.node as WithPages)[PAGES] = new Map([[found.node, result.pageOf(edge.node as never)]]);
  }
  attachBelow(below, result.pagesBelow);
  return result.list as List;
}
