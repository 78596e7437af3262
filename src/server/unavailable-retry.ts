/**
 * Reads that run on a server's own schedule, not a client's request (a subscription's execution of
 * an event, a live query's run after a change), run again when the database was only unavailable
 * for a moment: a pool that could not hand out a connection in time on an overloaded machine, a
 * connection cut by a restart. A client's own request gets SERVICE_UNAVAILABLE and retries it
 * itself; a subscriber cannot ask for an event again, so the server does, a few times over a few
 * seconds, before it delivers the error. Only reads run here, so running one again changes nothing.
 */
import type { ExecutionResult } from 'graphql';
import { isUnavailable } from './mask-error';

/** Waits before each further attempt: about 4 s in all, longer than a pool's wait under load. */
export const RETRY_DELAYS_MS = [50, 200, 500, 1000, 2000] as const;

type MaybePromise<T> = T | Promise<T>;

/** Whether any error of the result is the database being unavailable. */
function failedUnavailable(result: ExecutionResult): boolean {
  return result.errors?.some((error) => isUnavailable(error.originalError ?? error)) ?? false;
}

/**
 * `run`'s result, run again after each of RETRY_DELAYS_MS while it fails only for want of the
 * database; its last result otherwise. A result that needed no wait is returned as it came
 * (synchronously when it came so), so the common case costs one check of `errors`.
 */
export function retryWhileUnavailable<R extends ExecutionResult>(
  run: () => MaybePromise<R>,
  delays: readonly number[] = RETRY_DELAYS_MS,
): MaybePromise<R> {
  const again = async (result: R): Promise<R> => {
    for (const delay of delays) {
      if (!failedUnavailable(result)) return result;
      await new Promise((resolve) => setTimeout(resolve, delay));
      result = await run();
    }
    return result;
  };
  const first = run();
  if (first instanceof Promise) return first.then((result) => (failedUnavailable(result) ? again(result) : result));
  return failedUnavailable(first) ? again(first) : first;
}
