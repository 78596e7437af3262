import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/**
 * Hooks that rewrite every single result, of execute and of subscribe (a subscription refused
 * before it starts answers with one); streamed results pass through untouched.
 */
export function mapSingleResults(map: (result: ExecutionResult) => ExecutionResult): Plugin {
  const mapResult = ({ result, setResult }: { result: unknown; setResult(result: ExecutionResult): void }) => {
    if (!isAsyncIterable(result)) setResult(map(result as ExecutionResult));
  };
  // The same hooks for every operation, nothing made per request (envelop keeps a subscription's
  // as long as it runs).
  const executeHooks = { onExecuteDone: mapResult };
  const subscribeHooks = { onSubscribeResult: mapResult };
  return {
    onExecute: () => executeHooks,
    onSubscribe: () => subscribeHooks,
  };
}
