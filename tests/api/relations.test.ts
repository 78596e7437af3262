/**
 * The object graph: Partner.agreements, Agreement.partner, Agreement.timeline,
 * TimelineEvent.partners and TimelineEvent.agreements, and sources on every object.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { startTestApp, type TestApp } from '../support/app';
import { expectClientError, expectOk } from '../support/errors';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const PartnerAgreements = graphql(`
  query PartnerAgreements(
    $code: CountryCode!
    $first: Int
    $after: String
    $status: [AgreementStatus!]
    $orderBy: AgreementOrder
  ) {
    partner(code: $code) {
      name
      agreements(first: $first, after: $after, status: $status, orderBy: $orderBy) {
        totalCount
        edges { cursor node { reference status partner { code } } }
        pageInfo { hasNextPage hasPreviousPage endCursor }
      }
    }
  }
`);

const AllPartnersAgreements = graphql(`
  query AllPartnersAgreements {
    partners(first: 100) {
      edges { node { code agreements(first: 1) { totalCount edges { node { reference } } } } }
    }
  }
`);

const AgreementWithTimeline = graphql(`
  query AgreementWithTimeline($filter: AgreementFilter, $first: Int, $after: String, $orderBy: TimelineOrder) {
    agreements(first: 100, filter: $filter) {
      edges {
        node {
          reference
          partner { code name kind }
          timeline(first: $first, after: $after, orderBy: $orderBy) {
            totalCount
            edges { cursor node { reference occurredOn } }
            pageInfo { hasNextPage hasPreviousPage endCursor }
          }
        }
      }
    }
  }
`);

const EventLinks = graphql(`
  query EventLinks($from: Date!, $to: Date!) {
    timeline(first: 100, filter: { from: $from, to: $to }) {
      edges { node { reference partners { code } agreements { reference partner { code } } } }
    }
  }
`);

const Sources = graphql(`
  query Sources {
    partners(first: 100) { edges { node { code sources } } }
    agreements(first: 100) { edges { node { reference sources } } }
    timeline(first: 100) { edges { node { reference sources } } }
  }
`);

describe('Partner.agreements', () => {
  it('lists the partner’s agreements: two for the US', async () => {
    const result = await t.execute(PartnerAgreements, { code: 'US' });
    expectOk(result);
    const { agreements } = result.data!.partner!;
    expect(agreements.totalCount).toBe(2);
    expect(agreements.edges.map((edge) => edge.node)).toEqual([
      { reference: 'UA-US-2024', status: 'SIGNED', partner: { code: 'US' } },
      { reference: 'UA-US-2025-SG', status: 'NEGOTIATING', partner: { code: 'US' } },
    ]);
  });

  it('filters by status and counts within the filter', async () => {
    const result = await t.execute(PartnerAgreements, { code: 'US', status: ['NEGOTIATING', 'STALLED'] });
    expect(result.data!.partner!.agreements.totalCount).toBe(1);
    expect(result.data!.partner!.agreements.edges.map((edge) => edge.node.reference)).toEqual(['UA-US-2025-SG']);
  });

  it('orders, and pages with cursors', async () => {
    const newestFirst = await t.execute(PartnerAgreements, {
      code: 'US',
      orderBy: { field: 'SIGNED_ON', direction: 'DESC' },
    });
    expect(newestFirst.data!.partner!.agreements.edges.map((edge) => edge.node.reference)).toEqual([
      'UA-US-2025-SG',
      'UA-US-2024',
    ]);

    const first = await t.execute(PartnerAgreements, { code: 'US', first: 1 });
    expect(first.data!.partner!.agreements.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await t.execute(PartnerAgreements, {
      code: 'US',
      first: 1,
      after: first.data!.partner!.agreements.pageInfo.endCursor,
    });
    expectOk(second);
    expect(second.data!.partner!.agreements.edges.map((edge) => edge.node.reference)).toEqual(['UA-US-2025-SG']);
    expect(second.data!.partner!.agreements.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('applies the page size cap and cursor checks here too', async () => {
    expectClientError(await t.execute(PartnerAgreements, { code: 'US', first: 101 }), {
      code: 'BAD_USER_INPUT',
      message: /^first: must be between 0 and 100$/,
    });
    expectClientError(await t.execute(PartnerAgreements, { code: 'US', first: 1, after: 'forged' }), {
      code: 'BAD_USER_INPUT',
      message: /^after: is not a valid cursor/,
    });
  });

  it('pages every partner at once, each with its own count', async () => {
    const result = await t.execute(AllPartnersAgreements, {});
    expectOk(result);
    const partners = result.data!.partners.edges.map((edge) => edge.node);
    expect(partners).toHaveLength(32);
    expect(partners.reduce((sum, partner) => sum + partner.agreements.totalCount, 0)).toBe(33);
    const byCode = new Map(partners.map((partner) => [partner.code, partner.agreements]));
    expect(byCode.get('US')).toEqual({ totalCount: 2, edges: [{ node: { reference: 'UA-US-2024' } }] });
    expect(byCode.get('ME')).toEqual({ totalCount: 1, edges: [{ node: { reference: 'UA-ME-NEG' } }] });
    expect(byCode.get('EU')!.edges[0]!.node.reference).toBe('UA-EU-2024');
  });
});

describe('Agreement.partner and Agreement.timeline', () => {
  it('links the US 2024 agreement to its partner and its three events in date order', async () => {
    const result = await t.execute(AgreementWithTimeline, { filter: { partnerCode: ['US'], status: ['SIGNED'] } });
    expectOk(result);
    const [agreement] = result.data!.agreements.edges.map((edge) => edge.node);
    expect(agreement!.partner).toEqual({ code: 'US', name: 'United States', kind: 'STATE' });
    expect(agreement!.timeline.totalCount).toBe(3);
    expect(agreement!.timeline.edges.map((edge) => [edge.node.reference, edge.node.occurredOn])).toEqual([
      ['EV-2024-04-20-BRAZIL', '2024-04-20'],
      ['EV-2024-06-12-US-ANNOUNCE', '2024-06-12'],
      ['EV-2024-06-13-SIGN-US', '2024-06-13'],
    ]);
  });

  it('pages the nested timeline, forward with a cursor and newest first', async () => {
    const filter = { partnerCode: ['US'], status: ['SIGNED' as const] };
    const first = await t.execute(AgreementWithTimeline, { filter, first: 2 });
    const timeline = first.data!.agreements.edges[0]!.node.timeline;
    expect(timeline.edges.map((edge) => edge.node.reference)).toEqual([
      'EV-2024-04-20-BRAZIL',
      'EV-2024-06-12-US-ANNOUNCE',
    ]);
    expect(timeline.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const rest = await t.execute(AgreementWithTimeline, { filter, first: 2, after: timeline.pageInfo.endCursor });
    expectOk(rest);
    const next = rest.data!.agreements.edges[0]!.node.timeline;
    expect(next.edges.map((edge) => edge.node.reference)).toEqual(['EV-2024-06-13-SIGN-US']);
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const newest = await t.execute(AgreementWithTimeline, { filter, first: 1, orderBy: { direction: 'DESC' } });
    expect(newest.data!.agreements.edges[0]!.node.timeline.edges.map((edge) => edge.node.reference)).toEqual([
      'EV-2024-06-13-SIGN-US',
    ]);
  });

  it('gives each agreement on a page its own timeline', async () => {
    const result = await t.execute(AgreementWithTimeline, { filter: { partnerCode: ['BG', 'GB', 'DE'] }, first: 5 });
    expectOk(result);
    const byReference = Object.fromEntries(
      result.data!.agreements.edges.map((edge) => [
        edge.node.reference,
        [edge.node.timeline.totalCount, edge.node.timeline.edges.map((event) => event.node.reference)],
      ]),
    );
    expect(byReference).toEqual({
      'UA-GB-2024': [2, ['EV-2024-01-12-SIGN-GB', 'EV-2024-08-14-UK100-TALKS']],
      'UA-DE-2024': [1, ['EV-2024-02-16-SIGN-DE']],
      'UA-BG-NEG': [2, ['EV-2024-10-25-BG', 'EV-2024-12-19-BG-ABORT']],
    });
  });
});

describe('TimelineEvent.partners and TimelineEvent.agreements', () => {
  it('links the Brazilian interview to the five partners and agreements it named', async () => {
    const result = await t.execute(EventLinks, { from: '2024-04-20', to: '2024-04-20' });
    expectOk(result);
    const [event] = result.data!.timeline.edges.map((edge) => edge.node);
    expect(event!.reference).toBe('EV-2024-04-20-BRAZIL');
    expect(event!.partners.map((partner) => partner.code)).toEqual(['EE', 'LT', 'NO', 'SE', 'US']);
    expect(event!.agreements).toEqual([
      { reference: 'UA-SE-2024', partner: { code: 'SE' } },
      { reference: 'UA-NO-2024', partner: { code: 'NO' } },
      { reference: 'UA-US-2024', partner: { code: 'US' } },
      { reference: 'UA-EE-2024', partner: { code: 'EE' } },
      { reference: 'UA-LT-2024', partner: { code: 'LT' } },
    ]);
  });

  it('lists the 23 signatories of the Ukraine Compact, and no agreement', async () => {
    const result = await t.execute(EventLinks, { from: '2024-07-11', to: '2024-07-11' });
    const compact = result
      .data!.timeline.edges.map((edge) => edge.node)
      .find((node) => node.reference === 'EV-2024-07-11-COMPACT')!;
    expect(compact.partners.map((partner) => partner.code)).toEqual(
      'BE,CA,DE,DK,EE,ES,EU,FI,FR,GB,IS,IT,JP,LT,LU,LV,NL,NO,PL,PT,RO,SE,US'.split(','),
    );
    expect(compact.agreements).toEqual([]);
  });

  it('gives an event with no links empty lists', async () => {
    const result = await t.execute(EventLinks, { from: '2024-01-08', to: '2024-01-08' });
    expect(result.data!.timeline.edges.map((edge) => edge.node)).toEqual([
      { reference: 'EV-2024-01-08-DELEGATION', partners: [], agreements: [] },
    ]);
  });
});

describe('sources', () => {
  it('are present, and absolute http(s) URLs, on every partner, agreement and timeline event', async () => {
    const result = await t.execute(Sources, {});
    expectOk(result);
    const all = [
      ...result.data!.partners.edges.map((edge) => [edge.node.code, edge.node.sources] as const),
      ...result.data!.agreements.edges.map((edge) => [edge.node.reference, edge.node.sources] as const),
      ...result.data!.timeline.edges.map((edge) => [edge.node.reference, edge.node.sources] as const),
    ];
    expect(all).toHaveLength(32 + 33 + 47);
    for (const [key, sources] of all) {
      expect(sources.length, `${key} has no sources`).toBeGreaterThan(0);
      for (const source of sources) expect(source, String(key)).toMatch(/^https?:\/\/[^\s/]+\.[^\s/]+/);
    }
  });
});
