import { PothosValidationError } from '@pothos/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import type { Logger } from 'pino';
import { AppError } from '../errors';

// Connection-level failures: the database is restarting or unreachable. Nothing was written
// (a transaction that lost its connection is rolled back), so the client may retry.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08001',
  '08003',
]);

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
    message,
  );
}

// By name rather than instanceof, as yoga does: a second copy of graphql must not unmask errors.
const isGraphQLError = (error: unknown): error is GraphQLError =>
  error instanceof Error && error.name === 'GraphQLError';

/**
 * What a client may see of an error: its own mistakes in full, with a code to branch on;
 * an unavailable database as a retryable SERVICE_UNAVAILABLE; everything else masked and logged.
 */
export function maskError(error: unknown, message: string, logger: Logger): Error {
  const graphQLError = isGraphQLError(error) ? error : undefined;
  const original = graphQLError?.originalError ?? error;
  const located = { nodes: graphQLError?.nodes, path: graphQLError?.path };
  if (original instanceof AppError) {
    // Returned unchanged when already coded, so yoga does not log a client's mistake as an error.
    return graphQLError?.extensions?.code === original.code
      ? graphQLError
      : new GraphQLError(original.message, { ...located, extensions: { code: original.code } });
  }
  if (original instanceof PothosValidationError) {
    return new GraphQLError(original.message, { ...located, extensions: { code: 'BAD_USER_INPUT' } });
  }
  if (isUnavailable(original)) {
    logger.warn({ err: (original as Error).message }, 'database unavailable');
    return new GraphQLError('the database is unavailable; try again shortly', {
      ...located,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  }
  // Yoga logs the original of every error this masks.
  return yogaMaskError(error, message, false);
}

/**
 * As sent over HTTP: yoga's internal extensions, `http` (status, headers) and `unexpected` (set
 * on what it masked), are not for the client.
 */
export function formatWireError(error: GraphQLError | GraphQLFormattedError): GraphQLFormattedError {
  const formatted = error instanceof GraphQLError ? error.toJSON() : error;
  if (!formatted.extensions || !('http' in formatted.extensions || 'unexpected' in formatted.extensions)) {
    return formatted;
  }
  const { http: _http, unexpected: _unexpected, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
