/**
 * The request log: one `info` line per GraphQL request over HTTP and per query or mutation over
 * graphql-ws, and one when a subscription starts and when it ends, each with what an on-call
 * engineer filters by (request id, operation, client, status, error codes, duration).
 */
import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { OperationsObserver, RequestRecord, SubscriptionRecord } from './observer';

/** Kept when a client or proxy sends one; anything else (too long, odd characters) is replaced. */
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;
const CLIENT_NAME = /^[\w .:@/+=-]{1,100}$/;

// A made id is this process's random prefix and a counter: unique across instances and restarts,
// and cheaper than a UUID per request.
const PROCESS_PREFIX = randomUUID().slice(0, 8);
let made = 0;

export function requestIdOf(header: string | null | undefined): string {
  return header && REQUEST_ID.test(header) ? header : `${PROCESS_PREFIX}-${(++made).toString(36)}`;
}

/** graphql-client-name, else apollographql-client-name (Apollo's), when printable and short. */
export function clientNameOf(get: (name: string) => string | null | undefined): string | undefined {
  const name = get('graphql-client-name') ?? get('apollographql-client-name');
  return name && CLIENT_NAME.test(name) ? name : undefined;
}

/** The active trace, to find a logged request in the tracing backend. */
function traceId(): string | undefined {
  return trace.getActiveSpan()?.spanContext().traceId;
}

export class RequestLog implements OperationsObserver {
  constructor(private readonly logger: Logger) {}

  requestEnded(request: RequestRecord, status: number, durationMs: number): void {
    const codes = request.errors?.map((error) => error.extensions?.code ?? 'NONE');
    this.logger.info(
      {
        requestId: request.requestId,
        operationName: request.operation?.name,
        operationType: request.operation?.type,
        status,
        durationMs: Math.round(durationMs * 10) / 10,
        errorCodes: codes?.length ? [...new Set(codes)] : undefined,
        clientName: request.clientName,
        traceId: traceId(),
      },
      'graphql request',
    );
  }

  /** The same line as over HTTP, with `transport: "ws"` and no status (a socket has none per operation). */
  socketOperationEnded(operation: RequestRecord, durationMs: number): void {
    const codes = operation.errors?.map((error) => error.extensions?.code ?? 'NONE');
    this.logger.info(
      {
        requestId: operation.requestId,
        operationName: operation.operation?.name,
        operationType: operation.operation?.type,
        transport: 'ws',
        durationMs: Math.round(durationMs * 10) / 10,
        errorCodes: codes?.length ? [...new Set(codes)] : undefined,
        clientName: operation.clientName,
      },
      'graphql request',
    );
  }

  subscriptionStarted(subscription: SubscriptionRecord): void {
    this.logger.info(this.fields(subscription), 'subscription started');
  }

  subscriptionEnded(subscription: SubscriptionRecord, durationMs: number): void {
    this.logger.info(
      { ...this.fields(subscription), durationMs: Math.round(durationMs), deliveries: subscription.deliveries },
      'subscription ended',
    );
  }

  private fields(subscription: SubscriptionRecord) {
    return {
      requestId: subscription.requestId,
      operationName: subscription.operation.name,
      field: subscription.operation.rootField,
      transport: subscription.transport,
      clientName: subscription.clientName,
    };
  }
}
