import type { Viewer } from './auth';
import type { LimitsConfig } from './config';
import type { SubscriptionStart } from './events/subscription.service';
import type { Services } from './services';

/** Built fresh for every operation (HTTP request or WebSocket subscribe), so loaders never leak. */
export interface GraphQLContext {
  readonly viewer: Viewer;
  readonly services: Services;
  readonly limits: LimitsConfig;
  /** SSE resume: the Last-Event-ID header; subscriptions resume after the later of it and `after`. */
  readonly lastEventId: string | null;
  /** Where this operation's subscription started, once it has (the resume acknowledgement). */
  readonly subscriptionStart: SubscriptionStart;
}
