/**
 * The schema builder: plugins, scalars and shared options. It defines no types; each module's
 * *.schema.ts adds its own, and src/schema.ts imports them all and builds the schema.
 */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { GraphQLContext } from '../context';
import { ForbiddenError, InvalidInputError, UnauthenticatedError } from '../errors';
import { lookUpNode } from './node-lookup';
import { CountryCodeScalar, DateScalar, DateTimeScalar, UrlScalar } from './scalars';

/** The types that implement Node; any other typename in an ID is a forgery. */
const NODE_TYPES = new Set(['Partner', 'Agreement', 'TimelineEvent']);

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  AuthScopes: { editor: boolean; admin: boolean };
  Connection: { totalCount: () => Promise<number> };
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    URL: { Input: string; Output: string };
    CountryCode: { Input: string; Output: string };
    ID: { Input: string; Output: string | number };
  };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      editor: context.viewer.role === 'editor' || context.viewer.role === 'admin',
      admin: context.viewer.role === 'admin',
    }),
    unauthorizedError: (_parent, context) =>
      context.viewer.role === 'anonymous'
        ? new UnauthenticatedError(
            context.viewer.problem ?? 'this operation needs a bearer token with the editor or admin role',
          )
        : new ForbiddenError(`the role "${context.viewer.role}" may not perform this operation`),
  },
  errors: {
    defaultTypes: [],
    // Mutation results are `union CreateAgreementResult = AgreementPayload | NotFoundError | ...`.
    directResult: true,
    defaultUnionOptions: {
      name: ({ fieldName }) => `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Result`,
    },
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // `nodes` beside `edges` on every connection (as PostGraphile has it): the same rows without
    // per-row cursors. The projection (selection.ts nodeColumns) reads both, so it costs nothing more.
    nodesOnConnection: {
      description:
        'The nodes of this page, in the order of `edges`: ask for this instead of `edges { node }` when you need no ' +
        'per-row cursor (pageInfo still has the cursors of the page ends).',
    },
    // Descriptions of what the plugin generates, for the docs a client reads in GraphiQL.
    nodeTypeOptions: { description: 'An object with a global ID, which `node(id:)` and `nodes(ids:)` fetch again.' },
    idFieldOptions: {
      description: 'Global ID, opaque: pass it to `node(id:)`, `nodes(ids:)` or an argument that takes this type’s ID.',
    },
    nodeQueryOptions: {
      description:
        'The object with this global ID, of any type; null when it no longer exists. A malformed ID is BAD_USER_INPUT.',
      args: { id: { description: 'A global ID, as read from an `id` field.' } },
      // As the type's own root field reads it where it registered how (node-lookup.ts); else its loader.
      resolve: (_root, args, context, info, resolveNode) => lookUpNode(args.id, context, info) ?? resolveNode(args.id),
    },
    nodesQueryOptions: {
      description:
        'The objects with these global IDs, in the order given (null for any that no longer exists), loaded in one batch per type.',
      args: { ids: { description: 'Global IDs, as read from `id` fields; types may be mixed.' } },
    },
    pageInfoTypeOptions: {
      description: 'Where a page sits in the whole list, and the cursors to fetch its neighbours.',
    },
    pageInfoFieldOptions: { description: 'Cursors and whether more pages exist, to fetch the next or previous page.' },
    hasNextPageFieldOptions: {
      description:
        'Whether items follow this page: exact when paging with `first`; with `last`, true when `before` was given.',
    },
    hasPreviousPageFieldOptions: {
      description:
        'Whether items precede this page: exact when paging with `last`; with `first`, true when `after` was given.',
    },
    startCursorFieldOptions: {
      description:
        'Cursor of the first item of the page; pass it as `before` with `last` for the previous page. Null on an empty page.',
    },
    endCursorFieldOptions: {
      description:
        'Cursor of the last item of the page; pass it as `after` with `first` for the next page. Null on an empty page.',
    },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor, in the requested order.' },
    nodeFieldOptions: { description: 'The item itself.' },
    cursorFieldOptions: {
      description:
        'Opaque position of this item in this ordering: pass it as `after` or `before` (valid only with the same orderBy).',
    },
    firstArgOptions: {
      description:
        'Page forward: at most this many items, from the start or after `after` (0 to 100, the server’s MAX_PAGE_SIZE; 20 when ' +
        'neither first nor last is given). Not with last.',
    },
    afterArgOptions: {
      description: 'Page forward from here: the items after this cursor (an edge’s cursor or pageInfo.endCursor).',
    },
    lastArgOptions: {
      description:
        'Page backward: at most this many items, the last ones (before `before` if given; 0 to 100). Not with first.',
    },
    beforeArgOptions: { description: 'Page backward from here: the items before this cursor (pageInfo.startCursor).' },
    decodeGlobalID: (globalID) => {
      const decoded = Buffer.from(globalID, 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      // Control characters (U+0000 above all, which PostgreSQL text cannot hold) are never in an ID.
      if (
        separator <= 0 ||
        Buffer.from(decoded).toString('base64') !== globalID ||
        [...decoded].some((char) => char < ' ')
      ) {
        throw new InvalidInputError('id', `"${globalID.slice(0, 64)}" is not a valid ID`);
      }
      const typename = decoded.slice(0, separator);
      if (!NODE_TYPES.has(typename)) {
        throw new InvalidInputError(
          'id',
          `"${globalID.slice(0, 64)}" is not the ID of a Partner, Agreement or TimelineEvent`,
        );
      }
      return { typename, id: decoded.slice(separator + 1) };
    },
  },
});

builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeScalar);
builder.addScalarType('URL', UrlScalar);
builder.addScalarType('CountryCode', CountryCodeScalar);

export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;
