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
      description: 'The nodes of this page, in the same order as `edges`: use it when you need no per-row cursor.',
    },
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
