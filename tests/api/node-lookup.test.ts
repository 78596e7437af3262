/** Relay global IDs: node(id:), nodes(ids:), agreement(id:), and IDs of the wrong type or no type. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { globalId, startTestApp, type TestApp } from '../support/app';
import { expectClientError, expectOk } from '../support/errors';

let t: TestApp;
let ids: { usAgreement: string; signingUs: string; us: string };
const statements: string[] = [];
beforeAll(async () => {
  t = await startTestApp({}, { onQuery: (statement) => statements.push(statement) });
  const result = await t.execute(Ids, {});
  expectOk(result);
  ids = {
    usAgreement: result.data!.agreements.edges[0]!.node.id,
    signingUs: result.data!.timeline.edges[0]!.node.id,
    us: result.data!.partner!.id,
  };
});
afterAll(() => t.close());

const Ids = graphql(`
  query NodeLookupIds {
    agreements(first: 1, filter: { partnerCode: ["US"], status: [SIGNED] }) { edges { node { id } } }
    timeline(first: 1, filter: { partnerCode: ["US"], kind: [SIGNING] }) { edges { node { id } } }
    partner(code: "US") { id }
  }
`);

const NodeById = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Agreement { reference signedOn }
      ... on Partner { code name }
      ... on TimelineEvent { reference title }
    }
  }
`);

const NodesByIds = graphql(`
  query NodesByIds($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on Agreement { reference }
      ... on Partner { code }
      ... on TimelineEvent { reference }
    }
  }
`);

const AgreementById = graphql(`
  query AgreementById($id: ID!) {
    agreement(id: $id) { id reference title }
  }
`);

describe('global IDs', () => {
  it('are base64 of "Type:key", as Relay expects', () => {
    expect(ids.us).toBe(globalId('Partner', 'US'));
    expect(Buffer.from(ids.usAgreement, 'base64').toString()).toMatch(/^Agreement:\d+$/);
    expect(Buffer.from(ids.signingUs, 'base64').toString()).toMatch(/^TimelineEvent:\d+$/);
  });
});

describe('node(id:)', () => {
  it('loads an agreement', async () => {
    const result = await t.execute(NodeById, { id: ids.usAgreement });
    expectOk(result);
    expect(result.data!.node).toEqual({
      __typename: 'Agreement',
      id: ids.usAgreement,
      reference: 'UA-US-2024',
      signedOn: '2024-06-13',
    });
  });

  it('loads a partner', async () => {
    const result = await t.execute(NodeById, { id: globalId('Partner', 'US') });
    expectOk(result);
    expect(result.data!.node).toEqual({ __typename: 'Partner', id: ids.us, code: 'US', name: 'United States' });
  });

  it('loads a timeline event', async () => {
    const result = await t.execute(NodeById, { id: ids.signingUs });
    expectOk(result);
    expect(result.data!.node).toEqual({
      __typename: 'TimelineEvent',
      id: ids.signingUs,
      reference: 'EV-2024-06-13-SIGN-US',
      title: 'Signing: Ukraine – United States',
    });
  });

  it('answers null, without an error, for a well-formed ID that names nothing', async () => {
    for (const id of [globalId('Agreement', 999_999), globalId('Partner', 'ZZ'), globalId('TimelineEvent', 424_242)]) {
      const result = await t.execute(NodeById, { id });
      expectOk(result);
      expect(result.data!.node).toBeNull();
    }
  });

  it('rejects a garbage ID as BAD_USER_INPUT', async () => {
    for (const id of ['garbage!!', '', 'QWdyZWVtZW50', '12']) {
      const result = await t.execute(NodeById, { id });
      expectClientError(result, { code: 'BAD_USER_INPUT', message: /is not a valid ID/ });
      expect(result.data).toEqual({ node: null });
    }
  });

  it('rejects an ID whose key cannot be a row id as BAD_USER_INPUT, before any SQL', async () => {
    for (const id of [
      globalId('Agreement', 'abc'),
      globalId('Agreement', '-1'),
      globalId('TimelineEvent', '99999999999'),
    ]) {
      const result = await t.execute(NodeById, { id });
      expectClientError(result, { code: 'BAD_USER_INPUT', message: /^id: is not a valid ID/ });
    }
  });

  it('rejects an ID naming a type that is not a node, or no type at all', async () => {
    for (const typename of ['Person', 'Spaceship', 'Node']) {
      const result = await t.execute(NodeById, { id: globalId(typename, '1') });
      expectClientError(result, {
        code: 'BAD_USER_INPUT',
        message: /is not the ID of a Partner, Agreement or TimelineEvent/,
      });
    }
  });
});

const NodeAsRootField = graphql(`
  query NodeAsRootField($agreementId: ID!, $partnerId: ID!) {
    agreementNode: node(id: $agreementId) { ... on Agreement { id title partner { code name } } }
    agreement(id: $agreementId) { id title partner { code name } }
    partnerNode: node(id: $partnerId) { ... on Partner { name agreements(first: 2) { nodes { reference } } } }
    partner(code: "US") { name agreements(first: 2) { nodes { reference } } }
  }
`);

const NodeWithPartner = graphql(`
  query NodeWithPartner($id: ID!) {
    node(id: $id) {
      ... on Agreement { title partner { name } }
      ... on Partner { name memberships notes }
    }
  }
`);

describe('node(id:) reads as the root field of its type does', () => {
  it('answers as agreement(id:) and partner(code:) do', async () => {
    const result = await t.execute(NodeAsRootField, { agreementId: ids.usAgreement, partnerId: ids.us });
    expectOk(result);
    const { agreementNode, agreement, partnerNode, partner } = result.data!;
    expect(agreementNode).toEqual(agreement);
    expect(partnerNode).toEqual(partner);
    expect(partner!.agreements.nodes).toHaveLength(2);
  });

  it('reads an agreement with its partner in one statement, only the columns its own fragment asks', async () => {
    statements.length = 0;
    const result = await t.execute(NodeWithPartner, { id: ids.usAgreement });
    expectOk(result);
    expect(result.data!.node).toEqual({ title: expect.any(String), partner: { name: 'United States' } });
    expect(statements).toHaveLength(1);
    // The Partner fragment's fields are not the agreement's: its notes are not read.
    expect(statements[0]).not.toMatch(/"notes"/);
  });

  it('reads a partner with its first page of agreements in one statement', async () => {
    statements.length = 0;
    const result = await t.execute(NodeAsRootField, { agreementId: ids.usAgreement, partnerId: ids.us });
    expectOk(result);
    // Four root fields, each one statement: node(id:) sends no more than the root field beside it.
    expect(statements).toHaveLength(4);
  });
});

describe('nodes(ids:)', () => {
  it('loads nodes of every type in the order asked, null where nothing matches', async () => {
    const result = await t.execute(NodesByIds, {
      ids: [ids.signingUs, globalId('Partner', 'EU'), ids.usAgreement, globalId('Agreement', 999_999), ids.us],
    });
    expectOk(result);
    expect(result.data!.nodes).toEqual([
      { __typename: 'TimelineEvent', id: ids.signingUs, reference: 'EV-2024-06-13-SIGN-US' },
      { __typename: 'Partner', id: globalId('Partner', 'EU'), code: 'EU' },
      { __typename: 'Agreement', id: ids.usAgreement, reference: 'UA-US-2024' },
      null,
      { __typename: 'Partner', id: ids.us, code: 'US' },
    ]);
  });

  it('answers the same node twice when asked twice', async () => {
    const result = await t.execute(NodesByIds, { ids: [ids.usAgreement, ids.usAgreement] });
    expect(result.data!.nodes).toEqual([
      expect.objectContaining({ reference: 'UA-US-2024' }),
      expect.objectContaining({ reference: 'UA-US-2024' }),
    ]);
  });

  it('rejects the list when one ID is garbage', async () => {
    const result = await t.execute(NodesByIds, { ids: [ids.us, 'zz'] });
    expectClientError(result, { code: 'BAD_USER_INPUT', message: /"zz" is not a valid ID/ });
  });
});

describe('agreement(id:)', () => {
  it('loads an agreement by its global ID', async () => {
    const result = await t.execute(AgreementById, { id: ids.usAgreement });
    expectOk(result);
    expect(result.data!.agreement).toEqual({
      id: ids.usAgreement,
      reference: 'UA-US-2024',
      title: 'U.S.-Ukraine Bilateral Security Agreement',
    });
  });

  it('answers null for an agreement that does not exist', async () => {
    const result = await t.execute(AgreementById, { id: globalId('Agreement', 999_999) });
    expectOk(result);
    expect(result.data!.agreement).toBeNull();
  });

  it('rejects the global ID of a partner or an event with a clear error', async () => {
    for (const [id, type] of [
      [ids.us, 'Partner'],
      [ids.signingUs, 'TimelineEvent'],
    ] as const) {
      const result = await t.execute(AgreementById, { id });
      expectClientError(result, {
        code: 'BAD_USER_INPUT',
        message: new RegExp(`^ID: ${id} is not of type: Agreement$`),
      });
      expect(Buffer.from(id, 'base64').toString()).toMatch(new RegExp(`^${type}:`));
    }
  });

  it('rejects a garbage ID', async () => {
    expectClientError(await t.execute(AgreementById, { id: 'xyz' }), {
      code: 'BAD_USER_INPUT',
      message: /^id: "xyz" is not a valid ID$/,
    });
    expectClientError(await t.execute(AgreementById, { id: globalId('Agreement', '1.5') }), {
      code: 'BAD_USER_INPUT',
      message: /^id: is not a valid ID/,
    });
  });
});
