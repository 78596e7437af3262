/**
 * Two kinds of field whose Pothos resolvers cost time on every object but do nothing the schema
 * needs, given plain resolvers once the schema is built. Under graphql-jit a field without a
 * resolver is read inline; one with a resolver gets a call and a fresh resolve-info object.
 *
 * - A connection edge's `node`: the dataloader plugin wraps every field that returns a loadable
 *   type, to load the value when it is an ID. Edges here always hold the row itself (pagination/connection.ts),
 *   so the wrapper never loads anything: the edge's `node` property is the answer.
 * - A connection's `edges` and `pageInfo`: the relay plugin's resolvers read those properties,
 *   once per connection, which for nested connections is once per parent.
 * - A Node's `id`: the relay plugin's resolver is async (a promise per object) only to allow an
 *   async `id.resolve`; ours are synchronous, so the same global ID is encoded right away, with
 *   btoa where the text is ASCII (twice as fast as the Buffer Pothos goes through; same base64).
 *
 * Fields or types with auth scopes keep their resolvers (none have any today).
 *
 * Both read what Pothos keeps in a type's and a field's `extensions.pothosOptions` (the options
 * given to the builder), which is not documented API: when it is missing, this refuses to build the
 * schema rather than strip resolvers it cannot vet (tests/internals/pothos.test.ts names the change).
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';

interface PothosOptions {
  authScopes?: unknown;
  id?: { resolve?: GraphQLFieldResolver<unknown, unknown> };
}

function options(holder: { name: string; extensions: unknown }): PothosOptions {
  const found = (holder.extensions as { pothosOptions?: PothosOptions } | null | undefined)?.pothosOptions;
  if (typeof found !== 'object' || found === null) {
    throw new Error(
      `@pothos/core no longer keeps the builder's options in extensions.pothosOptions (missing on ${holder.name}); schema/direct-resolvers.ts reads them`,
    );
  }
  return found;
}

const scoped = (holder: { name: string; extensions: unknown }) => options(holder).authScopes !== undefined;

/**
 * encodeGlobalID's answer: btoa takes Latin-1 text only, and Pothos encodes UTF-8 (the same bytes
 * for printable ASCII, which every id of ours is; anything else goes the long way).
 */
function globalId(typename: string, id: string): string {
  const text = `${typename}:${id}`;
  return /^[ -~]*$/.test(text) ? btoa(text) : encodeGlobalID(typename, id);
}

export function withDirectResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || scoped(type)) continue;
    const fields = type.getFields();
    const node: GraphQLField<unknown, unknown> | undefined = fields.node;
    if (type.name.endsWith('Edge') && fields.cursor && node && !scoped(node)) node.resolve = undefined;
    if (type.name.endsWith('Connection') && fields.edges && fields.pageInfo) {
      for (const field of [fields.edges, fields.pageInfo]) if (!scoped(field)) field.resolve = undefined;
    }

    const id = fields.id;
    if (!id || !type.getInterfaces().some((face) => face.name === 'Node')) continue;
    const key = options(type).id?.resolve;
    if (typeof key !== 'function') {
      throw new Error(
        `@pothos/plugin-relay no longer keeps a Node's id resolver at extensions.pothosOptions.id.resolve (missing on ${type.name}); schema/direct-resolvers.ts calls it`,
      );
    }
    if (scoped(id)) continue;
    const typename = type.name;
    id.resolve = (parent, args, context, info) => {
      const value = key(parent, args, context, info);
      if (value instanceof Promise) return value.then((resolved) => globalId(typename, String(resolved)));
      return globalId(typename, String(value));
    };
  }
  return schema;
}
