// A graphql-ws client whose subscriptions resume where they left off after any reconnect: give it
// to Apollo's GraphQLWsLink, urql's subscriptionExchange, or use it as it is.
import { type ClientOptions, createClient } from 'graphql-ws';

export function createResumingClient(options: ClientOptions) {
  const cursors = new Map<string, string>(); // subscription id -> last cursor (or resume point) seen
  return createClient({
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true, // a network error too, not only a close (graphql-ws's default)
    ...options,
    on: {
      ...options.on,
      message(message) {
        options.on?.message?.(message);
        if (message.type === 'complete') cursors.delete(message.id);
        if (message.type !== 'next') return;
        const field = Object.values(message.payload.data ?? {})[0] as { cursor?: string } | undefined;
        const cursor = field?.cursor ?? message.payload.extensions?.resumedAfter;
        if (typeof cursor === 'string') cursors.set(message.id, cursor);
      },
    },
    // graphql-ws sends the same subscribe message again on every reconnect: put the last cursor in.
    jsonMessageReplacer(key, value) {
      if (key !== 'payload' || this.type !== 'subscribe' || !cursors.has(this.id)) return value;
      return { ...value, variables: { ...value.variables, after: cursors.get(this.id) } };
    },
  });
}
