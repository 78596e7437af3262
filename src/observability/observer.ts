/**
 * What the service reports about the operations it serves, and to whom: the metrics, the request
 * log and the traces each implement the parts of OperationsObserver they need, and
 * observability.ts calls them from the transports.
 */
import type { GraphQLError } from 'graphql';
import type { LogEvent } from '../events/event-topics';
import type { OperationInfo } from './operation';

export type Transport = 'http' | 'sse' | 'ws';

/** One HTTP request to the GraphQL endpoint. */
export interface RequestRecord {
  readonly requestId: string;
  readonly clientName: string | undefined;
  /** performance.now() when it arrived. */
  readonly startedAt: number;
  /** Known once the document is parsed. */
  operation: OperationInfo | undefined;
  /** The errors of a single (not streamed) result. */
  errors: readonly GraphQLError[] | undefined;
}

/** One running subscription, over either transport. */
export interface SubscriptionRecord {
  readonly operation: OperationInfo;
  readonly transport: 'sse' | 'ws';
  readonly requestId: string | undefined;
  readonly clientName: string | undefined;
  readonly startedAt: number;
  /** This instance's dispatched position when it started: later events are live, earlier ones a replay. */
  readonly livePosition: number;
  deliveries: number;
  /**
   * The event now being delivered, as the subscription takes it from the bus, and when
   * (performance.now(); taken only while tracing, whose delivery span starts there).
   */
  event: LogEvent | undefined;
  eventTakenAt: number | undefined;
}

export interface OperationsObserver {
  requestEnded?(request: RequestRecord, status: number, durationMs: number): void;
  /** A query or mutation over graphql-ws ended: its result sent, or its `error` message. */
  socketOperationEnded?(operation: RequestRecord, durationMs: number): void;
  /** Errors sent to a client other than in an HTTP response (graphql-ws messages). */
  operationErrors?(errors: readonly GraphQLError[], operation: OperationInfo | undefined, transport: Transport): void;
  subscriptionStarted?(subscription: SubscriptionRecord): void;
  subscriptionEnded?(subscription: SubscriptionRecord, durationMs: number): void;
  /** The event's frame was written to the subscriber's connection (`writtenAt`: performance.now()). */
  delivered?(subscription: SubscriptionRecord, event: LogEvent, writtenAt: number): void;
  /** A WebSocket closed. */
  socketClosed?(code: number): void;
  /** Refused before any operation ran (a WebSocket upgrade over the per-address cap). */
  refused?(rule: string, transport: Transport): void;
}
