import type { Socket } from 'node:net';
import { type ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { LimitsConfig } from '../../config';
import { liveOperation } from '../live-queries';
import { subscriptionHooks } from '../shared-subscription-execution';
import { type ClientLimits, WEBSOCKET_TRANSPORT } from './client-limits';

/**
 * At most MAX_SOCKETS_PER_ADDRESS streams over HTTP (SSE) open at once per client address:
 * subscriptions, and live queries (an execute that streams, which onSubscribe never sees). A slot
 * is held until the stream ends. WebSocket operations are capped per socket by ws-server.ts.
 * Listed after the operation guards: an operation they refuse never takes a slot.
 *
 * A stream's connection is cut after SSE_MAX_STREAM_MS. SSE has no answer from the client to tell
 * a vanished one (no packet, ever again) or one that stopped reading (its window stays shut) from a
 * quiet one: the pings only fill buffers, which hold megabytes, and TCP gives up on a silent peer
 * only after ~15 minutes of retransmits (and never on one whose kernel keeps the window shut).
 * Cutting is safe for a live client: an unfinished SSE event is never dispatched, and it
 * reconnects with Last-Event-ID and resumes right after the last event it got.
 */
/** A stream's slot: its release, and what starts the clock on its connection once it streams. */
type Slot = (() => void) & { streaming: () => void };

export function useStreamCaps(limits: LimitsConfig, clients: ClientLimits): Plugin {
  /** Nothing over WebSocket; else the slot, or the answer when the address has none left. */
  const acquire = (contextValue: unknown): Slot | ExecutionResult | undefined => {
    const context = contextValue as { transport?: unknown; req?: { socket?: Socket } };
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
    let cut: NodeJS.Timeout | undefined;
    const release = () => {
      clearTimeout(cut);
      if (!released) clients.streams.release(address);
      released = true;
    };
    const socket = context.req?.socket;
    return Object.assign(release, {
      /** The result is a stream: its connection is cut after SSE_MAX_STREAM_MS unless it ends first. */
      streaming: () => {
        if (limits.sseMaxStreamMs <= 0 || !socket || released) return;
        // Spread over the last tenth: streams opened together (after a restart) are not all cut together.
        cut = setTimeout(() => socket.destroy(), limits.sseMaxStreamMs * (0.9 + 0.1 * Math.random()));
        cut.unref();
      },
    });
  };
  /** Released when the result is not a stream, or when the stream ends. */
  const releaseWith =
    (slot: Slot) =>
    ({ result }: { result: unknown }) => {
      if (!isAsyncIterable(result)) return slot();
      slot.streaming();
      return subscriptionHooks(result, { onEnd: slot });
    };

  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const slot = acquire(args.contextValue);
      if (slot === undefined) return;
      if (typeof slot !== 'function') return setResultAndStopExecution(slot);
      // A subscription that fails ends too (its end hooks run), which releases the slot.
      return { onSubscribeResult: releaseWith(slot) };
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
