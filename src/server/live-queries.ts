/**
 * `query @live { ... }` (the @n1ru4l/graphql-live-query convention): the first result, then a new
 * one whenever a committed change touches what the query read.
 *
 * - What a query read: its root fields (`Query.stats`, `Query.agreements`...; a field that looks
 *   one object up by `id`, `ids` or `code` stands for those objects instead), and every object
 *   whose global `id` the result holds (`Agreement:12`, `Partner:PL`). The composition root feeds
 *   `invalidate` with the resources each event of the log touches, in log order, on every instance.
 * - Identical live queries (operationKey: document, operation name, role, variables) share one
 *   execution per change, whatever the number of clients.
 * - A query re-runs at most once per `throttleMs` (the first change at once, the rest of a burst
 *   in one run at the end of the window), and never twice at the same time; a client that reads
 *   slowly gets only the newest result.
 * Each run gets a fresh copy of the context (fresh loaders, so nothing is read from a cache of
 * the previous run) and goes through the executor below this plugin (the JIT, and the snapshot
 * when the query selects `cursor`, which then tells exactly which log position a result reflects).
 */
import { isLiveQueryOperationDefinitionNode } from '@n1ru4l/graphql-live-query';
import {
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  valueFromASTUntyped,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { operationKey } from './shared-subscription-execution';
import { retryWhileUnavailable } from './unavailable-retry';

type Run = () => Promise<ExecutionResult>;

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** Arguments that name the objects a root field looks up, and how to name their resources. */
const LOOKUP_ARGUMENTS: Record<string, (value: unknown, field: string) => string[]> = {
  id: (value) => globalResources([value]),
  ids: (value) => globalResources(Array.isArray(value) ? value : []),
  code: (value, field) => [`${field[0]!.toUpperCase()}${field.slice(1)}:${String(value)}`],
};

/** `Agreement:12` from the global ID base64("Agreement:12"); anything else names nothing. */
function globalResources(values: readonly unknown[]): string[] {
  return values.flatMap((value) => {
    if (typeof value !== 'string') return [];
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return /^[A-Z][A-Za-z]*:[^\s]+$/.test(decoded) ? [decoded] : [];
  });
}

function rootResources(operation: OperationDefinitionNode, variables: Record<string, unknown>): string[] {
  return operation.selectionSet.selections.flatMap((selection) => {
    if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) return [];
    const field = selection.name.value;
    const lookup = selection.arguments?.find((argument) => argument.name.value in LOOKUP_ARGUMENTS);
    if (!lookup) return [`Query.${field}`];
    return LOOKUP_ARGUMENTS[lookup.name.value]!(valueFromASTUntyped(lookup.value, variables), field);
  });
}

/** Every global `id` in the result, as resources. */
function resultResources(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) resultResources(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'id') for (const resource of globalResources([item])) into.add(resource);
      else resultResources(item, into);
    }
  }
}

class LiveResult implements AsyncIterableIterator<ExecutionResult> {
  private latest: ExecutionResult | undefined;
  private waiting: ((step: IteratorResult<ExecutionResult>) => void) | undefined;
  private done = false;

  constructor(private readonly leave: (subscriber: LiveResult) => void) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  push(result: ExecutionResult): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: result, done: false });
    } else {
      this.latest = result; // a slow reader skips to the newest result
    }
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.done) return { value: undefined, done: true };
    const latest = this.latest;
    if (latest) {
      this.latest = undefined;
      return { value: latest, done: false };
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    if (!this.done) {
      this.done = true;
      this.leave(this);
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    }
    return { value: undefined, done: true };
  }
}

/** One distinct live query and the clients that share its runs. */
class LiveQuery {
  readonly subscribers = new Set<LiveResult>();
  resources: ReadonlySet<string>;
  private latest: ExecutionResult | undefined;
  private running = false;
  private again = false;
  private lastRunAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly hub: LiveQueries,
    private readonly run: Run,
    private readonly roots: readonly string[],
  ) {
    this.resources = new Set(roots);
  }

  join(subscriber: LiveResult): void {
    this.subscribers.add(subscriber);
    if (this.latest && !this.again && !this.timer) subscriber.push(this.latest);
    else if (!this.running && !this.timer) void this.execute();
  }

  /** A change touched what this query read: run again now, or at the end of the throttle window. */
  invalidate(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    const wait = this.lastRunAt + this.hub.throttleMs - performance.now();
    if (wait <= 0) void this.execute();
    else this.timer = setTimeout(() => void this.execute(), wait);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async execute(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    this.again = false;
    this.lastRunAt = performance.now();
    let result: ExecutionResult;
    try {
      result = await this.run();
    } catch (error) {
      // Masked by yoga like any other failure; the query stays live and runs on the next change.
      result = { errors: [new GraphQLError('Unexpected error.', { originalError: asError(error) })] };
    }
    this.hub.executions++;
    const resources = new Set(this.roots);
    resultResources(result.data, resources);
    this.resources = resources;
    this.latest = result;
    for (const subscriber of this.subscribers) subscriber.push(result);
    this.running = false;
    if (this.again && this.subscribers.size) this.invalidate();
  }
}

export class LiveQueries {
  private readonly queries = new Map<string, LiveQuery>();
  /** Executions of live queries since start (tests and metrics read it). */
  executions = 0;

  constructor(readonly throttleMs: number) {}

  /** Distinct live queries running. */
  get count(): number {
    return this.queries.size;
  }

  /** Clients holding a live query open (several may share one). */
  get clients(): number {
    let clients = 0;
    for (const query of this.queries.values()) clients += query.subscribers.size;
    return clients;
  }

  /** A committed change touched these resources (`Agreement:12`, `Query.stats`...). */
  invalidate(resources: readonly string[]): void {
    for (const query of this.queries.values()) {
      if (resources.some((resource) => query.resources.has(resource))) query.invalidate();
    }
  }

  /** @internal */
  subscribe(key: string, run: Run, roots: readonly string[]): AsyncIterableIterator<ExecutionResult> {
    let query = this.queries.get(key);
    if (!query) this.queries.set(key, (query = new LiveQuery(this, run, roots)));
    const shared = query;
    const subscriber = new LiveResult((leaving) => {
      shared.subscribers.delete(leaving);
      if (shared.subscribers.size === 0 && this.queries.get(key) === shared) {
        shared.stop();
        this.queries.delete(key);
      }
    });
    shared.join(subscriber);
    return subscriber;
  }
}

/** The operation `args` runs, when it is a live query (`@live`, unless `if: false`). */
export const liveOperation = (args: Pick<ExecutionArgs, 'document' | 'operationName' | 'variableValues'>) => {
  const operation = getOperationAST(args.document, args.operationName);
  return operation && isLiveQueryOperationDefinitionNode(operation, args.variableValues) ? operation : undefined;
};

export function useLiveQueries(live: LiveQueries): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = liveOperation(args);
      if (!operation) return;
      const roots = rootResources(operation, args.variableValues ?? {});
      setExecuteFn((executionArgs) =>
        live.subscribe(
          operationKey(executionArgs),
          () =>
            retryWhileUnavailable(async () => {
              // A fresh context per run: the loaders of the previous run would answer from their cache.
              const contextValue = { ...(executionArgs.contextValue as object) };
              const result = await executeFn({ ...executionArgs, contextValue });
              if (isAsyncIterable(result)) throw new Error('a live query cannot also stream');
              return result;
            }),
          roots,
        ),
      );
    },
  };
}
