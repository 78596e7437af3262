/**
 * Guards the speed layer's hold on Pothos internals: what the builder keeps in a type's and a
 * field's `extensions` (not documented API). schema/selection.ts reads `pothosExposedField` to
 * select only the columns a query reads; schema/direct-resolvers.ts reads `pothosOptions` (auth
 * scopes, a Node's id resolver) to replace resolvers that cost time on every object. Each test
 * names the package and what it no longer does; the startup checks refuse a schema without them.
 */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema';
import { withDirectResolvers } from '../../src/schema/direct-resolvers';
import { checkExposedFieldMarks } from '../../src/schema/selection';
import { installed } from './installed';

interface Row {
  id: number;
  title: string;
}

/** A small schema built the way src/schema/builder.ts builds ours. */
function buildSample() {
  const builder = new SchemaBuilder<{ AuthScopes: { editor: boolean }; DefaultFieldNullability: false }>({
    plugins: [ScopeAuthPlugin, RelayPlugin, DataloaderPlugin],
    defaultFieldNullability: false,
    scopeAuth: { authScopes: () => ({ editor: true }) },
  });
  const resolveId = (row: Row) => row.id;
  const Item = builder.loadableNode('Item', {
    id: { resolve: resolveId },
    load: async (ids: number[]) => ids.map((id) => ({ id, title: `item ${id}` })),
    fields: (t) => ({
      title: t.exposeString('title'),
      secret: t.string({ authScopes: { editor: true }, resolve: () => 'secret' }),
    }),
  });
  builder.queryType({
    fields: (t) => ({
      items: t.connection({ type: Item, resolve: () => ({ edges: [], pageInfo: {} as never }) }),
    }),
  });
  return { schema: builder.toSchema(), resolveId };
}

const extensionsOf = (holder: { extensions: unknown }) => holder.extensions as Record<string, any>;

describe(`${installed('@pothos/core')} with ${installed('@pothos/plugin-relay')}`, () => {
  const sample = buildSample();
  const item = sample.schema.getType('Item') as GraphQLObjectType;

  it('marks a field made by t.expose* with the property it exposes (extensions.pothosExposedField)', () => {
    expect(
      extensionsOf(item.getFields().title!).pothosExposedField,
      `${installed('@pothos/core')} no longer sets extensions.pothosExposedField on t.exposeString('title'); schema/selection.ts needs it`,
    ).toBe('title');
  });

  it("keeps the builder's options on every type and field (extensions.pothosOptions), auth scopes included", () => {
    expect(
      typeof extensionsOf(item).pothosOptions,
      `${installed('@pothos/core')} no longer keeps a type's options in extensions.pothosOptions; schema/direct-resolvers.ts reads them`,
    ).toBe('object');
    expect(
      extensionsOf(item.getFields().secret!).pothosOptions?.authScopes,
      `${installed('@pothos/core')} no longer keeps a field's authScopes in extensions.pothosOptions; schema/direct-resolvers.ts must see them to keep scoped resolvers`,
    ).toEqual({ editor: true });
  });

  it("keeps a Node's id resolver at extensions.pothosOptions.id.resolve", () => {
    expect(
      extensionsOf(item).pothosOptions?.id?.resolve,
      `${installed('@pothos/plugin-relay')} no longer keeps a Node's id.resolve in extensions.pothosOptions; schema/direct-resolvers.ts calls it`,
    ).toBe(sample.resolveId);
  });
});

describe('the startup checks', () => {
  const plain = buildSchema('type Query { title: String, node: Thing } type Thing { id: ID! }');

  it('refuse a schema whose exposed fields carry no mark', () => {
    expect(() => checkExposedFieldMarks(plain)).toThrow(/@pothos\/core no longer marks exposed fields/);
  });

  it('refuse a schema whose types carry no Pothos options', () => {
    expect(() => withDirectResolvers(plain)).toThrow(/@pothos\/core no longer keeps the builder's options/);
  });

  it('pass on our schema, and the direct resolvers are in place', () => {
    const agreement = schema.getType('Agreement') as GraphQLObjectType;
    const edge = schema.getType('AgreementEdge') as GraphQLObjectType;
    expect(edge.getFields().node!.resolve, 'an edge node is read as a property').toBeUndefined();
    const connection = (schema.getType('AgreementConnection') as GraphQLObjectType).getFields();
    expect(connection.edges!.resolve, "a connection's edges are read as a property").toBeUndefined();
    expect(connection.pageInfo!.resolve, "a connection's pageInfo is read as a property").toBeUndefined();
    const id = agreement.getFields().id!.resolve!({ id: 7 }, {}, {}, {} as never);
    expect(id, "a Node's id is encoded synchronously").toBe(Buffer.from('Agreement:7').toString('base64'));
    const partner = (schema.getType('Partner') as GraphQLObjectType).getFields().id!.resolve!;
    // Codes are ASCII; were one not, it would still be encoded as Pothos encodes it (UTF-8).
    for (const code of ['GB', 'É1']) {
      expect(partner({ code }, {}, {}, {} as never)).toBe(Buffer.from(`Partner:${code}`).toString('base64'));
    }
  });
});
