import { type ExecutionArgs, GraphQLError, getOperationAST } from 'graphql';
import type { LimitsConfig } from '../../config';
import { RateLimitedError } from '../../errors';
import type { ClientLimits } from './client-limits';

function rateLimited(seconds: number, what: string): GraphQLError {
  const original = new RateLimitedError(seconds);
  return new GraphQLError(`${what}: ${original.message}`, {
    originalError: original,
    extensions: {
      code: original.code,
      retryAfter: seconds,
      http: { status: 429, headers: { 'Retry-After': String(seconds) } },
    },
  });
}

/**
 * Per client address: the write limit for mutations, and the expensive-read limit for queries
 * costing EXPENSIVE_READ_COST or more. Each operation that passes takes a token.
 */
export function rateLimitRefusal(
  args: ExecutionArgs,
  cost: number,
  limits: LimitsConfig,
  clients: ClientLimits,
): GraphQLError | undefined {
  const operation = getOperationAST(args.document, args.operationName)?.operation;
  const context = args.contextValue as { req?: unknown };
  if (operation === 'mutation' && clients.writes.enabled) {
    const wait = clients.writes.take(clients.addressOf(context));
    if (wait)
      return rateLimited(wait, `at most ${limits.writeRateLimit} writes per ${limits.writeRateWindowMs / 1000} s`);
  }
  if (operation === 'query' && cost >= limits.expensiveReadCost && clients.expensiveReads.enabled) {
    const wait = clients.expensiveReads.take(clients.addressOf(context));
    if (wait) {
      return rateLimited(
        wait,
        `at most ${limits.expensiveReadRateLimit} queries costing ${limits.expensiveReadCost} or more per ${limits.expensiveReadRateWindowMs / 1000} s`,
      );
    }
  }
  return undefined;
}
