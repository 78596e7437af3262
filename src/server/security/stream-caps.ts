import { type ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { LimitsConfig } from '../../config';
import { liveOperation } from '../live-queries';
import { type ClientLimits, WEBSOCKET_TRANSPORT } from './client-limits';

/**
 * At most MAX_SOCKETS_PER_ADDRESS streams over HTTP (SSE) open at once per client address:
 * subscriptions, and live queries (an execute that streams, which onSubscribe never sees). A slot
 * is held until the stream ends. WebSocket operations are capped per socket by ws-server.ts.
 * Listed after the operation guards: an operation they refuse never takes a slot.
 */
export function useStreamCaps(limits: LimitsConfig, clients: ClientLimits): Plugin {
  /** Nothing over WebSocket; else the slot's release, or the answer when the address has none left. */
  const acquire = (contextValue: unknown): (() => void) | ExecutionResult | undefined => {
    const context = contextValue as { transport?: unknown; req?: unknown };
    if (context.transport === WEBSOCKET_TRANSPORT) return undefined;
    const address = clients.addressOf(context);
    if (!clients.streams.tryAcquire(address)) {
      return {
        errors: [
          new GraphQLError(`at most ${limits.maxSocketsPerAddress} event streams may be open from one address`, {
            extensions: { code: 'TOO_MANY_STREAMS', http: { status: 429 } },
          }),
        ],
      };
    }
    let released = false;
    return () => {
      if (!released) clients.streams.release(address);
      released = true;
    };
  };
  /** Released when the result is not a stream, or when the stream ends. */
  const releaseWith =
    (release: () => void) =>
    ({ result }: { result: unknown }) => {
      if (!isAsyncIterable(result)) return release();
      return { onEnd: release };
    };

  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const slot = acquire(args.contextValue);
      if (slot === undefined) return;
      if (typeof slot !== 'function') return setResultAndStopExecution(slot);
      return { onSubscribeResult: releaseWith(slot), onSubscribeError: slot };
    },
    onExecute({ args, setResultAndStopExecution }) {
      // Checked before it runs: a refused live query costs no execution.
      if (!liveOperation(args)) return;
      const slot = acquire(args.contextValue);
      if (slot === undefined) return;
      if (typeof slot !== 'function') return setResultAndStopExecution(slot);
      return { onExecuteDone: releaseWith(slot) };
    },
  };
}
