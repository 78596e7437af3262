/**
 * Waiting for a condition, never for a fixed time: `waitFor` polls a check until it holds;
 * `Changes` lets the code that changes a state wake whoever waits on it (no polling at all).
 */
import type { App } from '../../src/app';
import { latestSequence } from '../../src/events/event-log.repository';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface WaitOptions {
  /** 10 s unless given: generous, as the machine is shared; a check that holds returns at once. */
  timeoutMs?: number;
  /** What was awaited, or the state worth seeing, for the failure message. */
  describe?: string | (() => string);
}

/**
 * Calls `check` until it returns a truthy value, and returns that value. It is called again after
 * 5 ms, backing off to 50 ms, so a quick condition is seen quickly and a slow one costs little; a
 * check that throws counts as not yet (its last error is shown if time runs out).
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeoutMs = 10_000 } = options;
  const deadline = performance.now() + timeoutMs;
  let intervalMs = 5;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (performance.now() > deadline) {
      const detail =
        typeof options.describe === 'function'
          ? options.describe()
          : (options.describe ?? (lastError instanceof Error ? lastError.message : ''));
      throw new Error(`condition not met within ${timeoutMs} ms${detail ? `: ${detail}` : ''}`);
    }
    await sleep(intervalMs);
    intervalMs = Math.min(intervalMs * 2, 50);
  }
}

/** A state that changes now and then: its owner calls `notify()`, a waiter sleeps in `until()`. */
export class Changes {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    for (const wake of this.waiters) wake();
  }

  /** Resolves once `ready()` holds (checked now and at each notify); rejects with `describe()` after `timeoutMs`. */
  async until(ready: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!ready()) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(describe());
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }
}

/**
 * Waits until the app's event bus has exactly `count` subscribers: a subscription without `after`
 * only sees what commits after it is registered, so a test must not write before that.
 */
export async function untilSubscribers(app: App, count: number, timeoutMs = 5_000): Promise<void> {
  await waitFor(() => app.services.events.subscriberCount === count, {
    timeoutMs,
    describe: () => `expected ${count} subscriber(s), have ${app.services.events.subscriberCount}`,
  });
}

/**
 * Waits until the app's event bus has dispatched every event committed so far: a live query opened
 * after it is re-run by nothing the test wrote before (creating its agreements, say).
 */
export async function untilDispatched(app: App, timeoutMs = 5_000): Promise<void> {
  const head = await latestSequence(app.database.db);
  await waitFor(() => app.services.events.position >= head, {
    timeoutMs,
    describe: () => `dispatched up to ${app.services.events.position}, the log's head is ${head}`,
  });
}
