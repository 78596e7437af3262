/**
 * Guards server/sse-event-ids.ts: it gives each SSE event an `id:` line (the event's cursor, which
 * an EventSource sends back as Last-Event-ID) through a `stringify` function on the result, which
 * graphql-yoga's SSE result processor uses instead of JSON.stringify when present. Not documented.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
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

/**
 * Guards server/json-fast-path.ts, which reads a JSON POST's body itself and, when yoga must answer
 * after all, hands the request over with the body already read: @whatwg-node/server takes such a
 * body from `req.body` (as from a body parser), which only its source documents.
 */
it(`${installed('@whatwg-node/server')} answers a Node request whose body was read before, from req.body`, async () => {
  const yoga = createYoga({ schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }), logging: false });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      (req as { body?: unknown }).body = Buffer.concat(chunks);
      void yoga(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(
      await response.json(),
      `${installed('@whatwg-node/server')} no longer reads req.body; server/json-fast-path.ts cannot hand requests over`,
    ).toEqual({ data: { __typename: 'Query' } });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

/**
 * Guards server/shared-subscription-execution.ts, whose plugin answers `onSubscribe` with the
 * subscription itself (setResultAndStopExecution) so that yoga's own subscription hooks, its error
 * masking and its AbortError guard, do not wrap every subscription in two more iterators: that
 * holds only while yoga lists those hooks after the user's plugins, which it does not document.
 */
it(`${installed('graphql-yoga')} lists its own subscription hooks after the user's plugins`, async () => {
  const stream = {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: async () => ({ done: true as const, value: undefined }),
  };
  const answer: Plugin = { onSubscribe: ({ setResultAndStopExecution }) => setResultAndStopExecution(stream) };
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { ok: Boolean } type Subscription { ticked: Boolean }' }),
    plugins: [answer],
    logging: false,
  });
  const { schema, subscribe, contextFactory } = yoga.getEnveloped({});
  const result = await subscribe({
    schema,
    document: parse('subscription { ticked }'),
    contextValue: await contextFactory(),
  });
  expect(
    result,
    `${installed('graphql-yoga')} wraps a subscription after the user's plugins answered it; its masking or AbortError hook now runs before them, and every idle subscription holds its wrappers again`,
  ).toBe(stream);
});
