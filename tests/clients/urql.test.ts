/**
 * urql with its default options (queries as GET, so CSRF prevention must let reads through) and
 * subscriptions over graphql-ws and over SSE (the graphql-sse client), each acknowledging where it
 * started (extensions.resumedAfter on the first result).
 */
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { graphql } from '../gql';
import { bearer, startTestApp, type TestApp } from '../support/app';
import { createAgreement, sign } from '../support/factories';
import { untilSubscribers, waitFor } from '../support/wait';

let t: TestApp;
let url: string;
const methods: string[] = [];
beforeAll(async () => {
  t = await startTestApp();
  url = await t.listen();
});
afterAll(() => t?.close());

/** urql's defaults; fetch only records the method each request used. */
const urql = (forward?: Parameters<typeof subscriptionExchange>[0]['forwardSubscription']) =>
  new Client({
    url: `${url}/graphql`,
    fetch: (input, init) => {
      methods.push(init?.method ?? 'GET');
      return fetch(input, init);
    },
    exchanges: [
      cacheExchange,
      fetchExchange,
      ...(forward ? [subscriptionExchange({ forwardSubscription: forward })] : []),
    ],
  });

const STATS = graphql(`
  query UrqlStats { stats { totals { partners agreements } } }
`);

const CREATE = graphql(`
  mutation UrqlCreate($input: CreateAgreementInput!) {
    createAgreement(input: $input) {
      __typename
      ... on AgreementPayload { agreement { id status version } }
      ... on Error { message code }
    }
  }
`);

const SIGNINGS = graphql(`
  subscription UrqlSignings($after: String) {
    agreementSigned(after: $after) { cursor agreement { id title } }
  }
`);

describe('urql, default options', () => {
  it('a query goes as GET without a CSRF header, and is answered', async () => {
    methods.length = 0;
    const result = await urql().query(STATS, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.stats.totals.partners).toBeGreaterThan(30);
    expect(methods).toEqual(['GET']);
  });

  it('a mutation goes as a JSON POST', async () => {
    methods.length = 0;
    const result = await urql()
      .mutation(
        CREATE,
        { input: { partnerCode: 'IT', title: 'urql mutation' } },
        { fetchOptions: { headers: await bearer('editor') } },
      )
      .toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.createAgreement).toMatchObject({
      __typename: 'AgreementPayload',
      agreement: { status: 'NEGOTIATING', version: 1 },
    });
    expect(methods).toEqual(['POST']);
  });

  it.each(['graphql-ws', 'graphql-sse'])(
    'a subscription over %s receives signings, acknowledging where it started',
    async (transport) => {
      const ws = createWsClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket });
      const sse = createSseClient({ url: `${url}/graphql` });
      const client = urql((request) => ({
        subscribe: (sink) => ({
          unsubscribe:
            transport === 'graphql-ws'
              ? ws.subscribe({ ...request, query: request.query ?? '' }, sink)
              : sse.subscribe({ ...request, query: request.query ?? '' }, sink),
        }),
      }));
      const results: Array<{ title?: string | null; cursor?: string | null; resumedAfter?: unknown }> = [];
      const { unsubscribe } = client.subscription(SIGNINGS, {}).subscribe((result) => {
        results.push({
          title: result.data?.agreementSigned.agreement.title,
          cursor: result.data?.agreementSigned.cursor,
          resumedAfter: result.extensions?.resumedAfter,
        });
      });
      try {
        await untilSubscribers(t.app, 1);
        const position = String(t.app.services.events.position);
        const first = await sign(t.execute, (await createAgreement(t.execute, 'ES', `urql ${transport} 1`)).id);
        const second = await sign(t.execute, (await createAgreement(t.execute, 'ES', `urql ${transport} 2`)).id);
        await waitFor(() => results.length === 2, { describe: () => JSON.stringify(results) });
        expect(results.map(({ title, cursor }) => ({ title, cursor }))).toEqual([
          { title: `urql ${transport} 1`, cursor: first.cursor },
          { title: `urql ${transport} 2`, cursor: second.cursor },
        ]);
        // On the first result (urql then carries extensions over to the later ones).
        expect(results[0]?.resumedAfter).toBe(position);
      } finally {
        unsubscribe();
        await ws.dispose();
        sse.dispose();
        // Gone from the server before the next case counts its own subscriber.
        await untilSubscribers(t.app, 0);
      }
    },
  );
});
