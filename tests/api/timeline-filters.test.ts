/** Query.timeline filters: from, to, kind, partnerCode, agreementId. */
import type { VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { globalId, startTestApp, type TestApp } from '../support/app';
import { expectClientError, expectOk } from '../support/errors';

let t: TestApp;
let agreementIds: Map<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  const result = await t.execute(AgreementIds, {});
  agreementIds = new Map(result.data!.agreements.edges.map((edge) => [edge.node.reference!, edge.node.id]));
});
afterAll(() => t.close());

const AgreementIds = graphql(`
  query TimelineFilterAgreementIds {
    agreements(first: 100) { edges { node { id reference } } }
  }
`);

const FilteredTimeline = graphql(`
  query FilteredTimeline($filter: TimelineFilter) {
    timeline(first: 100, filter: $filter) {
      totalCount
      edges { node { reference occurredOn datePrecision dateText kind } }
    }
  }
`);

async function references(filter: VariablesOf<typeof FilteredTimeline>['filter']) {
  const result = await t.execute(FilteredTimeline, { filter });
  expectOk(result);
  const { totalCount, edges } = result.data!.timeline;
  expect(edges).toHaveLength(totalCount);
  return edges.map((edge) => edge.node.reference);
}

describe('from / to', () => {
  it('includes both ends', async () => {
    expect(await references({ from: '2024-06-13', to: '2024-06-13' })).toEqual([
      'EV-2024-06-13-17SIGNED',
      'EV-2024-06-13-SIGN-JP',
      'EV-2024-06-13-SIGN-US',
    ]);
  });

  it('is open-ended on either side', async () => {
    expect(await references({ to: '2023-12-31' })).toEqual(['EV-2023-07-12-G7']);
    expect(await references({ from: '2025-12-01' })).toEqual(['EV-2025-12-22-US-SG', 'EV-2025-12-28-US-SG']);
  });

  it('finds a month-precision event on the first of its month', async () => {
    const result = await t.execute(FilteredTimeline, { filter: { from: '2025-11-01', to: '2025-11-30' } });
    expectOk(result);
    expect(result.data!.timeline.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        reference: 'EV-2025-11-MOD-28',
        occurredOn: '2025-11-01',
        datePrecision: 'MONTH',
        kind: 'STATEMENT',
      }),
    ]);
    expect(result.data!.timeline.edges[0]!.node.dateText).toMatch(/November 2025/);
  });

  it('rejects from after to, and impossible dates', async () => {
    expectClientError(await t.execute(FilteredTimeline, { filter: { from: '2024-07-01', to: '2024-06-01' } }), {
      code: 'BAD_USER_INPUT',
      message: /^filter\.from: 2024-07-01 is after 2024-06-01$/,
    });
    expectClientError(await t.execute(FilteredTimeline, { filter: { to: '2024-04-31' } }), {
      message: /Date is not a real date: "2024-04-31"/,
      status: 400,
    });
  });
});

describe('kind', () => {
  it('matches one or several kinds', async () => {
    expect(await references({ kind: ['FRAMEWORK'] })).toEqual([
      'EV-2023-07-12-G7',
      'EV-2024-01-08-DELEGATION',
      'EV-2024-07-11-COMPACT',
    ]);
    expect(await references({ kind: ['RELATED'] })).toEqual(['EV-2024-08-14-UK100-TALKS', 'EV-2025-01-16-UK100']);
    expect(await references({ kind: ['SIGNING'] })).toHaveLength(29);
    expect(await references({ kind: ['STATEMENT', 'NEGOTIATION'] })).toHaveLength(13);
    expect(await references({ kind: ['STATUS_CHANGE'] })).toEqual([]);
  });
});

describe('partnerCode', () => {
  it('matches events involving any of the partners', async () => {
    expect(await references({ partnerCode: ['BG'] })).toEqual(['EV-2024-10-25-BG', 'EV-2024-12-19-BG-ABORT']);
    const us = await references({ partnerCode: ['US'] });
    expect(us).toHaveLength(9);
    expect(us[0]).toBe('EV-2023-07-12-G7');
    expect(us).toContain('EV-2024-07-11-COMPACT');
    // An event naming both partners is listed once.
    expect(await references({ partnerCode: ['US', 'JP'] })).toHaveLength(10);
  });

  it('rejects an unknown code', async () => {
    expectClientError(await t.execute(FilteredTimeline, { filter: { partnerCode: ['XK'] } }), {
      code: 'BAD_USER_INPUT',
      message: /^filter\.partnerCode: unknown partner code XK$/,
    });
  });
});

describe('agreementId', () => {
  it('matches the events of one agreement, by its global ID', async () => {
    expect(await references({ agreementId: agreementIds.get('UA-US-2024')! })).toEqual([
      'EV-2024-04-20-BRAZIL',
      'EV-2024-06-12-US-ANNOUNCE',
      'EV-2024-06-13-SIGN-US',
    ]);
    expect(await references({ agreementId: agreementIds.get('UA-ME-NEG')! })).toEqual(['EV-2024-08-30-ME']);
  });

  it('rejects the global ID of another type, and a garbage ID', async () => {
    expectClientError(await t.execute(FilteredTimeline, { filter: { agreementId: globalId('Partner', 'US') } }), {
      code: 'BAD_USER_INPUT',
      message: /is not of type: Agreement/,
    });
    expectClientError(await t.execute(FilteredTimeline, { filter: { agreementId: 'not-an-id' } }), {
      code: 'BAD_USER_INPUT',
      message: /"not-an-id" is not a valid ID/,
    });
    expectClientError(await t.execute(FilteredTimeline, { filter: { agreementId: globalId('Agreement', 'x1') } }), {
      code: 'BAD_USER_INPUT',
      message: /is not a valid ID/,
    });
  });

  it('answers an empty list for an agreement that does not exist', async () => {
    expect(await references({ agreementId: globalId('Agreement', 999_999) })).toEqual([]);
  });
});

describe('combined filters', () => {
  it('ANDs them', async () => {
    expect(await references({ kind: ['SIGNING'], partnerCode: ['US'] })).toEqual(['EV-2024-06-13-SIGN-US']);
    expect(
      await references({ kind: ['SIGNING'], from: '2024-05-31', to: '2024-05-31', partnerCode: ['NO', 'SE', 'DK'] }),
    ).toEqual(['EV-2024-05-31-SIGN-NO', 'EV-2024-05-31-SIGN-SE']);
    expect(await references({ agreementId: agreementIds.get('UA-GB-2024')!, kind: ['RELATED'] })).toEqual([
      'EV-2024-08-14-UK100-TALKS',
    ]);
  });
});
