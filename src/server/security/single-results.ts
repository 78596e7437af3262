import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/**
 * Hooks that rewrite every single result, of execute and of subscribe (a subscription refused
 * before it starts answers with one); streamed results pass through untouched.
 */
export function mapSingleResults(map: (result: ExecutionResult) => ExecutionResult): Plugin {
  // The same hooks for every operation: envelop keeps a subscription's hooks as long as it runs.
  const subscribeHooks = {
    onSubscribeResult: ({ result, setResult }: { result: unknown; setResult(result: ExecutionResult): void }) => {
      if (!isAsyncIterable(result)) setResult(map(result as ExecutionResult));
    },
  };
  return {
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!isAsyncIterable(result)) setResult(map(result));
      },
    }),
    onSubscribe: () => subscribeHooks,
  };
}
