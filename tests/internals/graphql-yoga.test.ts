/**
 * Guards server/sse-event-ids.ts: it gives each SSE event an `id:` line (the event's cursor, which
 * an EventSource sends back as Last-Event-ID) through a `stringify` function on the result, which
 * graphql-yoga's SSE result processor uses instead of JSON.stringify when present. Not documented.
 */
import { createSchema, createYoga } from 'graphql-yoga';
import { expect, it } from 'vitest';
import { useSseEventIds } from '../../src/server/sse-event-ids';
import { installed } from './installed';

it(`${installed('graphql-yoga')} writes an SSE event with the result's own stringify`, async () => {
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { ok: Boolean } type Subscription { ticked: Tick! } type Tick { cursor: String! }',
      resolvers: {
        Subscription: {
          ticked: {
            subscribe: async function* () {
              yield { ticked: { cursor: '41' } };
            },
          },
        },
      },
    }),
    plugins: [useSseEventIds()],
    logging: false,
  });
  const response = await yoga.fetch('http://test/graphql?query=subscription{ticked{cursor}}', {
    headers: { accept: 'text/event-stream' },
  });
  const body = await response.text();
  expect(
    body,
    `${installed('graphql-yoga')} no longer frames an SSE event with result.stringify; server/sse-event-ids.ts needs another way to send id: lines`,
  ).toContain('data: {"data":{"ticked":{"cursor":"41"}}}\nid: 41\n');
});
