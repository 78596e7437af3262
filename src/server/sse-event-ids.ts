import type { Plugin } from 'graphql-yoga';
import { subscriptionHooks } from './shared-subscription-execution';

/**
 * Gives each SSE event an `id:` line carrying the event's cursor, so an EventSource that
 * reconnects sends it back as Last-Event-ID and resumes right after it (see events/subscription.service.ts).
 * Yoga frames an SSE event as `data: <stringify(result)>`; a serializer that appends
 * `\nid: <cursor>` adds the field inside the same event.
 */
export function useSseEventIds(): Plugin {
  return {
    onSubscribe: ({ args }) => {
      // Only HTTP (SSE) operations have a Fetch request; WebSocket ones skip the per-event work.
      if ((args.contextValue as { request?: Request }).request === undefined) return;
      return {
        onSubscribeResult: ({ result: stream }) =>
          subscriptionHooks(stream, {
            onNext: ({ result, setResult }) => {
              const fields = Object.values(result.data ?? {}) as Array<{ cursor?: unknown } | null>;
              const cursor = fields[0]?.cursor;
              if (typeof cursor === 'string' && /^\d+$/.test(cursor)) {
                setResult({
                  ...result,
                  stringify: (value: unknown) => `${JSON.stringify(value)}\nid: ${cursor}`,
                } as typeof result);
              }
            },
          }),
      };
    },
  };
}
