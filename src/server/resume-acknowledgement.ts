import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context';
import { subscriptionHooks } from './shared-subscription-execution';

interface ResultHook {
  args: ExecutionArgs;
  result: ExecutionResult;
  setResult(result: ExecutionResult): void;
}

/**
 * The first result of every subscription carries `extensions.resumedAfter`: the cursor the server
 * replays after (the later of `after` and Last-Event-ID) or, with neither, the position it went
 * live at. A client checks it against the cursor it meant to resume from, and one that started
 * without a cursor can keep it as its `after` until events bring newer ones. Over graphql-ws and
 * SSE alike.
 */
export function useResumeAcknowledgement(): Plugin<GraphQLContext> {
  // The same hooks for every subscription (the context comes with each call): nothing is kept per
  // subscription, which adds up with thousands of idle ones.
  const afterSubscribe = {
    onNext: ({ args, result, setResult }: ResultHook) => {
      // In the context, not here: the WebSocket fan-out (ws-fanout.ts) may send the first result.
      const start = (args.contextValue as GraphQLContext).subscriptionStart;
      const resumedAfter = start?.resumedAfter;
      if (start?.acknowledged || resumedAfter === undefined) return;
      start.acknowledged = true;
      // A new object: shared subscription execution hands the same result to other subscribers.
      setResult({ ...result, extensions: { ...result.extensions, resumedAfter } });
    },
  };
  const hooks = { onSubscribeResult: ({ result }: { result: unknown }) => subscriptionHooks(result, afterSubscribe) };
  return { onSubscribe: () => hooks };
}
