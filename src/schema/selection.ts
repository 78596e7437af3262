/**
 * Which columns a list query must select: the fields a query asks of the objects it lists, mapped
 * to the row properties they read. A field exposing a property (`t.exposeString('title')`) reads
 * that property; any other field says what it reads with `extensions: reads('status', ...)`. A field
 * that says nothing could read anything, so asking for it selects every column.
 *
 * The property a field exposes is read from `extensions.pothosExposedField`, which Pothos sets but
 * does not document: checkExposedFieldMarks refuses to build a schema without it, since every list
 * would then select every column without a word (tests/internals/pothos.test.ts names the change).
 */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** Fails unless some field of the schema carries Pothos' mark of an exposed field. */
export function checkExposedFieldMarks(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (typeof (field.extensions as { pothosExposedField?: unknown }).pothosExposedField === 'string') return schema;
    }
  }
  throw new Error(
    '@pothos/core no longer marks exposed fields with extensions.pothosExposedField; schema/selection.ts reads it to select only the columns a query reads',
  );
}

/** Field extensions declaring the row properties a resolver reads. */
export function reads<Row>(...columns: Array<keyof Row & string>): { columns: readonly string[] } {
  return { columns };
}

// Per field node (documents are cached, so a query's nodes live as long as its cache entry).
const cache = new WeakMap<FieldNode, Map<string, readonly string[] | undefined>>();

/**
 * The row properties read below the resolving field at `path` (e.g. ['partner'] for the partner of
 * the agreement being resolved), or undefined when every column is needed. @skip and @include are
 * not evaluated: a field that may be asked for counts as asked for.
 */
export const selectedColumns = (info: GraphQLResolveInfo, path: readonly string[]) => columnsAt(info, [path]);

/**
 * The row properties read of a connection's nodes (and at `below` under each node), asked for
 * through `edges { node }` or the `nodes` shortcut: both read the same rows, so one projection
 * serves both.
 */
export const nodeColumns = (info: GraphQLResolveInfo, below: readonly string[] = []) =>
  columnsAt(info, [
    ['edges', 'node', ...below],
    ['nodes', ...below],
  ]);

/**
 * As selectedColumns, for a field whose type is a union (a mutation's result or its errors): the
 * properties read at `path` below its member type `member`, asked for through `... on <member>`.
 */
export const memberColumns = (info: GraphQLResolveInfo, member: string, path: readonly string[]) =>
  columnsAt(info, [path], member);

/** The union of the properties read at each path; undefined (every column) if any path needs all. */
function columnsAt(
  info: GraphQLResolveInfo,
  paths: readonly (readonly string[])[],
  member?: string,
): readonly string[] | undefined {
  const first = info.fieldNodes[0]!;
  let byPath = cache.get(first);
  if (!byPath) cache.set(first, (byPath = new Map()));
  const key = `${member ?? ''}:${paths.map((path) => path.join('.')).join('|')}`;
  if (!byPath.has(key)) {
    const columns = new Set<string>();
    let all = false;
    for (const path of paths) {
      const found = collectColumns(info, path, member);
      if (!found) all = true;
      else for (const column of found) columns.add(column);
    }
    byPath.set(key, all ? undefined : [...columns]);
  }
  return byPath.get(key);
}

function collectColumns(
  info: GraphQLResolveInfo,
  path: readonly string[],
  member?: string,
): readonly string[] | undefined {
  // A union's members' fields are all collected alike (fragments are flattened), then followed
  // along `path` from the member's type.
  let type = member === undefined ? getNamedType(info.returnType) : info.schema.getType(member);
  let fields = subfields(info.fieldNodes, info.fragments);
  for (const name of path) {
    const field: GraphQLField<unknown, unknown> | undefined = isObjectType(type) ? type.getFields()[name] : undefined;
    if (!field) return undefined;
    type = getNamedType(field.type);
    fields = subfields(
      fields.filter((node) => node.name.value === name),
      info.fragments,
    );
  }
  if (!isObjectType(type)) return undefined;
  const definitions = type.getFields();
  const columns = new Set<string>();
  for (const node of fields) {
    if (node.name.value === '__typename') continue;
    const extensions = definitions[node.name.value]?.extensions as
      | { pothosExposedField?: unknown; columns?: unknown }
      | undefined;
    if (typeof extensions?.pothosExposedField === 'string') columns.add(extensions.pothosExposedField);
    else if (Array.isArray(extensions?.columns)) for (const column of extensions.columns) columns.add(String(column));
    else return undefined;
  }
  return [...columns];
}

/** The fields selected under these field nodes, through inline fragments and fragment spreads. */
export function subfields(nodes: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const out: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) out.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return out;
}
