/**
 * Live queries held through the faults: `query @live` over graphql-ws and SSE, each selecting
 * `cursor` so every result says which log position it reflects. After any disconnect a client
 * asks again on the next instance that is up (a live query has no `after`: its first result is
 * the whole answer). At the end, once the writer has stopped, each one's last result must reflect
 * the log's last change it reads and equal a fresh (not live) query.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { sseFrames } from '../../tests/support/subscriptions';
import { sleep } from '../lib/processes';
import type { Instance } from './instances';

export interface LiveShape {
  name: string;
  /** The selection, without the operation keyword: `query @live` and a plain query share it. */
  selection: string;
}

export const LIVE_SHAPES: LiveShape[] = [
  { name: 'stats', selection: '{ cursor stats { byStatus { status count } totals { agreements partners } } }' },
  {
    name: 'signed agreements',
    selection:
      '{ cursor agreements(filter: { status: [SIGNED] }, first: 20, orderBy: { field: ID, direction: DESC }) { totalCount edges { node { id status version } } } }',
  },
  {
    name: 'stalled agreements',
    selection:
      '{ cursor agreements(filter: { status: [STALLED] }, first: 20, orderBy: { field: ID, direction: DESC }) { totalCount edges { node { id status version } } } }',
  },
];

interface LiveResult {
  cursor: number;
  data: Record<string, unknown>;
  arrivedAt: number;
}

export class LiveQueryClient {
  readonly results: LiveResult[] = [];
  /** Results that carried errors (a re-run during a database outage answers SERVICE_UNAVAILABLE). */
  readonly errors: { at: number; text: string }[] = [];
  connections = 0;
  disconnects = 0;
  private stopped = false;
  private close: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    readonly id: number,
    readonly transport: 'ws' | 'sse',
    readonly shape: LiveShape,
    private readonly instances: () => Instance[],
  ) {}

  get last(): LiveResult | undefined {
    return this.results.at(-1);
  }

  start(): this {
    this.loop = this.run();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.close?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let attempt = this.id;
    while (!this.stopped) {
      const up = this.instances().filter((instance) => instance.up);
      const instance = up[attempt++ % Math.max(1, up.length)];
      if (instance) {
        try {
          await (this.transport === 'ws' ? this.overWs(instance) : this.overSse(instance));
        } catch {
          this.disconnects++;
        }
      }
      if (!this.stopped) await sleep(200 + (this.id % 10) * 50);
    }
  }

  private record(result: { data?: Record<string, unknown> | null; errors?: readonly unknown[] }): void {
    if (result.errors?.length) this.errors.push({ at: Date.now(), text: JSON.stringify(result.errors).slice(0, 300) });
    else if (result.data) {
      const { cursor, ...data } = result.data;
      this.results.push({ cursor: Number(cursor), data, arrivedAt: Date.now() });
    }
  }

  private overWs(instance: Instance): Promise<void> {
    return new Promise<void>((resolve) => {
      const client = createClient({
        url: instance.wsUrl,
        webSocketImpl: WebSocket, // Node 20 has no global WebSocket
        retryAttempts: 0,
        lazy: true,
        on: { connected: () => this.connections++ },
      });
      const done = () => {
        this.close = undefined;
        void client.dispose();
        resolve();
      };
      this.close = done;
      client.subscribe<Record<string, unknown>>(
        { query: `query @live ${this.shape.selection}` },
        { next: (result) => this.record(result), error: done, complete: done },
      );
    });
  }

  private async overSse(instance: Instance): Promise<void> {
    const abort = new AbortController();
    this.close = () => abort.abort();
    try {
      const response = await fetch(`${instance.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: `query @live ${this.shape.selection}` }),
        signal: abort.signal,
      });
      if (!response.ok || !response.body) throw new Error(`SSE: ${response.status}`);
      this.connections++;
      for await (const frame of sseFrames(response.body)) {
        if (frame.event === 'complete' || this.stopped) return;
        if (frame.event === 'next' && frame.data !== undefined) this.record(JSON.parse(frame.data));
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    } finally {
      this.close = undefined;
    }
  }
}

/** A plain query of the same selection, for the comparison at the end. */
export async function freshResult(
  instance: Instance,
  shape: LiveShape,
): Promise<{ cursor: number; data: Record<string, unknown> }> {
  const response = await fetch(`${instance.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `query ${shape.selection}` }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`fresh ${shape.name}: ${JSON.stringify(body).slice(0, 300)}`);
  const { cursor, ...data } = body.data;
  return { cursor: Number(cursor), data };
}
