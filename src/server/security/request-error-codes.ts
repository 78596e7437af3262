import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { mapSingleResults } from './single-results';

/**
 * Errors raised before execution starts (variables that do not fit their types, an ambiguous
 * operation) carry no code from graphql-js; give them one a client can branch on.
 */
export function useRequestErrorCodes(): Plugin {
  return mapSingleResults((result) => {
    if ('data' in result || !result.errors?.some((error) => !error.extensions?.code)) return result;
    return { ...result, errors: result.errors.map(withCode) };
  });
}

function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: {
      ...error.extensions,
      code: error.message.startsWith('Variable "$') ? 'BAD_USER_INPUT' : 'BAD_REQUEST',
    },
  });
}
