/**
 * @apollo/client as a frontend uses it, against the service on a real port: normalised cache
 * across a list and node(id:), the transitionAgreement union with possibleTypes (selecting `from`
 * on both branches), and a GraphQLWsLink subscription that resumes gaplessly across a cut
 * network with the README's resuming graphql-ws client.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { graphql } from '../gql';
import { bearer, startTestApp, type TestApp } from '../support/app';
import { createAgreement } from '../support/factories';
import { TcpProxy } from '../support/tcp-proxy';
import { createResumingClient } from './resume-example';
import { acrossACut, CUT_TITLES, possibleTypes } from './support';

// GraphQLWsLink reads the global WebSocket (browsers and Node 22 have one; Node 20 does not).
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;

let t: TestApp;
let url: string;
let client: ApolloClient;
beforeAll(async () => {
  t = await startTestApp();
  url = await t.listen();
  const auth = await bearer('editor');
  client = new ApolloClient({
    link: new HttpLink({ uri: `${url}/graphql`, headers: auth }),
    cache: new InMemoryCache({ possibleTypes: possibleTypes() }),
  });
});
afterAll(async () => {
  client?.stop();
  await t?.close();
});

const LIST = graphql(`
  query ApolloList {
    agreements(first: 50, filter: { status: [NEGOTIATING] }) {
      edges { node { id title status version } }
    }
  }
`);

const NODE = graphql(`
  query ApolloNode($id: ID!) {
    node(id: $id) { id ... on Agreement { title status version signedOn } }
  }
`);

const TRANSITION = graphql(`
  mutation ApolloTransition($input: TransitionAgreementInput!) {
    transitionAgreement(input: $input) {
      __typename
      ... on AgreementStatusChange { from to cursor agreement { id status version signedOn } }
      ... on InvalidTransitionError { from to allowed }
      ... on Error { message code }
    }
  }
`);

describe('cache normalisation', () => {
  it('an agreement read in a list and via node(id:) is one cache entry, which a mutation result updates', async () => {
    const created = await createAgreement(t.execute, 'FR', 'Apollo cache');
    const list = await client.query({ query: LIST, fetchPolicy: 'network-only' });
    const edge = list.data?.agreements.edges.find(({ node }) => node.id === created.id);
    expect(edge?.node).toMatchObject({ __typename: 'Agreement', status: 'NEGOTIATING', version: 1 });

    const viaNode = await client.query({ query: NODE, variables: { id: created.id }, fetchPolicy: 'network-only' });
    expect(viaNode.data?.node).toMatchObject({ __typename: 'Agreement', id: created.id, title: 'Apollo cache' });
    const key = client.cache.identify({ __typename: 'Agreement', id: created.id });
    expect(Object.keys(client.cache.extract() as object).filter((entry) => entry === key)).toHaveLength(1);

    const signed = await client.mutate({
      mutation: TRANSITION,
      variables: { input: { id: created.id, to: 'SIGNED', expectedVersion: 1, effectiveDate: '2025-06-01' } },
    });
    expect(signed.data?.transitionAgreement).toMatchObject({
      __typename: 'AgreementStatusChange',
      from: 'NEGOTIATING',
    });
    // The list, read from the cache alone, shows what the mutation returned.
    const cached = client.readQuery({ query: LIST });
    const again = cached?.agreements.edges.find(({ node }) => node.id === created.id);
    expect(again?.node).toMatchObject({ status: 'SIGNED', version: 2 });
  });
});

describe('the union mutation with possibleTypes', () => {
  it('selects `from` on AgreementStatusChange and InvalidTransitionError alike', async () => {
    const created = await createAgreement(t.execute, 'DE', 'Apollo union');
    const input = { id: created.id, to: 'SIGNED' as const, expectedVersion: 1, effectiveDate: '2025-06-01' };
    const first = await client.mutate({ mutation: TRANSITION, variables: { input } });
    expect(first.data?.transitionAgreement).toMatchObject({
      __typename: 'AgreementStatusChange',
      from: 'NEGOTIATING',
      to: 'SIGNED',
    });
    const refused = await client.mutate({
      mutation: TRANSITION,
      variables: { input: { ...input, to: 'ABANDONED' as const, expectedVersion: 2 } },
    });
    expect(refused.data?.transitionAgreement).toEqual({
      __typename: 'InvalidTransitionError',
      from: 'SIGNED',
      to: 'ABANDONED',
      allowed: [],
      message: expect.any(String),
      code: 'INVALID_TRANSITION',
    });
  });
});

describe('GraphQLWsLink', () => {
  const SIGNINGS = graphql(`
    subscription ApolloSignings($after: String) {
      agreementSigned(after: $after) { cursor agreement { id title } }
    }
  `);

  it('receives signings and resumes across a cut network without a gap or a duplicate', async () => {
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(url).port) });
    const ws = createResumingClient({
      url: `ws://127.0.0.1:${proxy.port}/graphql`,
      webSocketImpl: WebSocket, // Node 20 has no global WebSocket
      retryWait: () => new Promise((r) => setTimeout(r, 50)),
    });
    const live = new ApolloClient({
      link: ApolloLink.split(
        ({ query }) => {
          const definition = getMainDefinition(query);
          return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
        },
        new GraphQLWsLink(ws),
        new HttpLink({ uri: `${url}/graphql` }),
      ),
      cache: new InMemoryCache({ possibleTypes: possibleTypes() }),
    });
    const titles: Array<string | null> = [];
    const subscription = live.subscribe({ query: SIGNINGS }).subscribe({
      next: ({ data }) => data && titles.push(data.agreementSigned.agreement.title),
    });
    try {
      await acrossACut(t, proxy, () => titles);
      expect(titles).toEqual(CUT_TITLES);
    } finally {
      subscription.unsubscribe();
      await ws.dispose();
      live.stop();
      await proxy.close();
    }
  });
});
