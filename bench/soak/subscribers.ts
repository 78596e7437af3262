/**
 * Subscribers that behave as a careful client should: each keeps the cursor of the last event it
 * received and, after any disconnect, resumes on the next instance that is up, with `after`
 * (graphql-ws) or Last-Event-ID (SSE, as a browser EventSource does). Each records every event it
 * receives with its arrival time, for the checks against the log. Some are slow consumers for a
 * while (they stop reading). Each (re)connects to the instance holding the fewest subscribers, as
 * a least-connections balancer would send it: an instance restarted by a fault gets its share back
 * as subscribers move, rather than one instance gathering them all.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { sseFrames } from '../../tests/support/subscriptions';
import { sleep } from '../lib/processes';
import type { Instance } from './instances';

export interface LogRow {
  sequence: number;
  topic: 'AGREEMENT_STATUS_CHANGED' | 'TIMELINE_EVENT_ADDED';
  payload: { partnerCode?: string; partnerCodes?: string[]; from?: string; to?: string; kind?: string };
  /** ms since the epoch. */
  createdAt: number;
}

export interface SubscriptionKind {
  name: string;
  field: string;
  query: string;
  variables: Record<string, unknown>;
  /** The server's filter, restated: which log rows this subscriber must receive. */
  matches(row: LogRow): boolean;
}

/** Six subscriptions with and without filters, over the partners the writer uses. */
export function subscriptionKinds(partners: readonly string[]): SubscriptionKind[] {
  const [p0, p1, p2] = [partners[0]!, partners[1 % partners.length]!, partners[2 % partners.length]!];
  const changes = 'agreementStatusChanged(filter: $filter, after: $after) { cursor sequence }';
  const timeline = 'timelineEventAdded(filter: $filter, after: $after) { cursor sequence }';
  const status = (row: LogRow) => row.topic === 'AGREEMENT_STATUS_CHANGED';
  const added = (row: LogRow) => row.topic === 'TIMELINE_EVENT_ADDED';
  const changesQuery = `subscription($filter: AgreementStatusChangeFilter, $after: String) { ${changes} }`;
  const timelineQuery = `subscription($filter: TimelineEventAddedFilter, $after: String) { ${timeline} }`;
  return [
    { name: 'status changes', field: 'agreementStatusChanged', query: changesQuery, variables: {}, matches: status },
    {
      name: `status changes of ${p0}`,
      field: 'agreementStatusChanged',
      query: changesQuery,
      variables: { filter: { partnerCode: [p0] } },
      matches: (row) => status(row) && row.payload.partnerCode === p0,
    },
    {
      name: 'status changes from STALLED',
      field: 'agreementStatusChanged',
      query: changesQuery,
      variables: { filter: { from: ['STALLED'] } },
      matches: (row) => status(row) && row.payload.from === 'STALLED',
    },
    {
      name: `signings of ${p1}`,
      field: 'agreementSigned',
      query:
        'subscription($partnerCode: CountryCode, $after: String) { agreementSigned(partnerCode: $partnerCode, after: $after) { cursor sequence } }',
      variables: { partnerCode: p1 },
      matches: (row) =>
        status(row) &&
        row.payload.from === 'NEGOTIATING' &&
        row.payload.to === 'SIGNED' &&
        row.payload.partnerCode === p1,
    },
    { name: 'timeline', field: 'timelineEventAdded', query: timelineQuery, variables: {}, matches: added },
    {
      name: `NEGOTIATION events of ${p2}`,
      field: 'timelineEventAdded',
      query: timelineQuery,
      variables: { filter: { kind: ['NEGOTIATION'], partnerCode: [p2] } },
      matches: (row) => added(row) && row.payload.kind === 'NEGOTIATION' && !!row.payload.partnerCodes?.includes(p2),
    },
  ];
}

export interface Delivery {
  sequence: number;
  /** ms since the epoch. */
  arrivedAt: number;
}

/** Subscribers connected, or connecting, per instance (by name), across every Subscriber. */
const load = new Map<string, number>();

/** The up instance with the fewest subscribers; ties go round from `turn`. */
function leastLoaded(up: Instance[], turn: number): Instance | undefined {
  let best: Instance | undefined;
  for (let i = 0; i < up.length; i++) {
    const instance = up[(turn + i) % up.length]!;
    if (!best || (load.get(instance.name) ?? 0) < (load.get(best.name) ?? 0)) best = instance;
  }
  return best;
}

/** Subscribers per instance now (for the report). */
export const subscribersPerInstance = (): Record<string, number> => Object.fromEntries(load);

export class Subscriber {
  readonly received: Delivery[] = [];
  readonly errors: string[] = [];
  connections = 0;
  /** Transport failures (a killed instance, a cut proxy): expected, each followed by a resume. */
  disconnects = 0;
  private stopped = false;
  private pausedUntil = 0;
  private close: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private wsSocket: WebSocket | undefined;

  constructor(
    readonly id: number,
    readonly transport: 'ws' | 'sse',
    readonly kind: SubscriptionKind,
    private readonly startCursor: string,
    private readonly instances: () => Instance[],
  ) {}

  get cursor(): string {
    const last = this.received.at(-1);
    return last ? String(last.sequence) : this.startCursor;
  }

  get lastSequence(): number {
    return Number(this.cursor);
  }

  start(): this {
    this.loop = this.run();
    return this;
  }

  /** A slow consumer: stops reading for `ms` (the server's buffers fill; it may drop us). */
  pause(ms: number): void {
    this.pausedUntil = Date.now() + ms;
    this.wsSocket?.pause();
    setTimeout(() => this.wsSocket?.resume(), ms).unref();
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
      const instance = leastLoaded(up, attempt++);
      if (instance) {
        load.set(instance.name, (load.get(instance.name) ?? 0) + 1);
        try {
          await (this.transport === 'ws' ? this.overWs(instance) : this.overSse(instance));
        } catch {
          this.disconnects++;
        } finally {
          load.set(instance.name, (load.get(instance.name) ?? 0) - 1);
        }
      }
      if (!this.stopped) await sleep(200 + (this.id % 10) * 50);
    }
  }

  private record(data: Record<string, { sequence: number }> | undefined): void {
    const event = data?.[this.kind.field];
    if (event) this.received.push({ sequence: event.sequence, arrivedAt: Date.now() });
  }

  private overWs(instance: Instance): Promise<void> {
    return new Promise<void>((resolve) => {
      const self = this;
      // graphql-ws owns the socket; capture it so a slow consumer can stop reading from it.
      class Captured extends WebSocket {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          self.wsSocket = this;
          if (self.pausedUntil > Date.now()) this.pause();
        }
      }
      const client = createClient({
        url: instance.wsUrl,
        webSocketImpl: Captured,
        retryAttempts: 0,
        lazy: true,
        on: { connected: () => this.connections++ },
      });
      const done = () => {
        this.close = undefined;
        this.wsSocket = undefined;
        void client.dispose();
        resolve();
      };
      this.close = done;
      client.subscribe<Record<string, { sequence: number }>>(
        { query: this.kind.query, variables: { ...this.kind.variables, after: this.cursor } },
        {
          next: (result) => {
            if (result.errors?.length) this.errors.push(JSON.stringify(result.errors).slice(0, 300));
            else this.record(result.data ?? undefined);
          },
          error: done,
          complete: done,
        },
      );
    });
  }

  private async overSse(instance: Instance): Promise<void> {
    const abort = new AbortController();
    this.close = () => abort.abort();
    try {
      // The first request's `after` stays in the body, as an EventSource repeats its URL; the
      // header says how far it got.
      const response = await fetch(`${instance.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...(this.received.length ? { 'last-event-id': this.cursor } : {}),
        },
        body: JSON.stringify({
          query: this.kind.query,
          variables: { ...this.kind.variables, after: this.startCursor },
        }),
        signal: abort.signal,
      });
      if (!response.ok || !response.body) throw new Error(`SSE: ${response.status}`);
      this.connections++;
      for await (const frame of sseFrames(response.body)) {
        while (Date.now() < this.pausedUntil && !this.stopped)
          await sleep(Math.min(500, this.pausedUntil - Date.now()));
        if (frame.event === 'complete' || this.stopped) return;
        if (frame.event !== 'next' || frame.data === undefined) continue;
        const result = JSON.parse(frame.data) as { data?: Record<string, { sequence: number }>; errors?: unknown[] };
        if (result.errors?.length) this.errors.push(JSON.stringify(result.errors).slice(0, 300));
        else this.record(result.data);
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    } finally {
      this.close = undefined;
    }
  }
}
