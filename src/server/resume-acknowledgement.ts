import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context';

/**
 * The first result of every subscription carries `extensions.resumedAfter`: the cursor the server
 * replays after (the later of `after` and Last-Event-ID) or, with neither, the position it went
 * live at. A client checks it against the cursor it meant to resume from, and one that started
 * without a cursor can keep it as its `after` until events bring newer ones. Over graphql-ws and
 * SSE alike.
 */
export function useResumeAcknowledgement(): Plugin<GraphQLContext> {
  return {
    onSubscribe: ({ args }) => ({
      onSubscribeResult: () => ({
        onNext: ({ result, setResult }) => {
          // In the context, not here: the WebSocket fan-out (ws-fanout.ts) may send the first result.
          const start = args.contextValue.subscriptionStart;
          const resumedAfter = start?.resumedAfter;
          if (start?.acknowledged || resumedAfter === undefined) return;
          start.acknowledged = true;
          // A new object: shared subscription execution hands the same result to other subscribers.
          setResult({ ...result, extensions: { ...result.extensions, resumedAfter } });
        },
      }),
    }),
  };
}
