import type { ExecutionArgs, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { LimitsConfig } from '../../config';
import type { ClientLimits } from './client-limits';
import { operationCost } from './cost';
import { nulRefusal } from './nul-characters';
import { limitError } from './query-limits';
import { rateLimitRefusal } from './rate-limits';

/**
 * The rules that need the variables, run after validation, once per request (validation results
 * are cached per document, and the cost depends on the variables): NUL characters, the cost limit
 * for every operation, then the per-client rate limits, which read that same cost. One hook for
 * all of them, so the cost is worked out once.
 */
export function useOperationGuards(limits: LimitsConfig, clients: ClientLimits): Plugin {
  const refusal = (args: ExecutionArgs): GraphQLError | undefined => {
    const nul = nulRefusal(args);
    if (nul) return nul;
    const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues, limits);
    if (cost > limits.maxCost) {
      return limitError('maxCost', limits.maxCost, `Query cost limit of ${limits.maxCost} exceeded, found ${cost}.`);
    }
    return rateLimitRefusal(args, cost, limits, clients);
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
