import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { LimitsConfig } from '../../config';
import { type ClientLimits, WEBSOCKET_TRANSPORT } from './client-limits';

/**
 * At most MAX_SOCKETS_PER_ADDRESS subscriptions over HTTP (SSE) open at once per client address; a
 * slot is held until the stream ends. WebSocket operations are capped per socket by ws-server.ts.
 * Listed after the operation guards: a subscription they refuse never takes a slot.
 */
export function useStreamCaps(limits: LimitsConfig, clients: ClientLimits): Plugin {
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const context = args.contextValue as { transport?: unknown; req?: unknown };
      if (context.transport === WEBSOCKET_TRANSPORT) return;
      const address = clients.addressOf(context);
      if (!clients.streams.tryAcquire(address)) {
        return setResultAndStopExecution({
          errors: [
            new GraphQLError(`at most ${limits.maxSocketsPerAddress} event streams may be open from one address`, {
              extensions: { code: 'TOO_MANY_STREAMS', http: { status: 429 } },
            }),
          ],
        });
      }
      let released = false;
      const release = () => {
        if (!released) clients.streams.release(address);
        released = true;
      };
      return {
        onSubscribeResult: ({ result }) => {
          if (!isAsyncIterable(result)) return release();
          return { onEnd: release };
        },
        onSubscribeError: release,
      };
    },
  };
}
