/** orderBy on agreements (SIGNED_ON, TITLE, ID), partners (NAME, CODE) and the timeline (DATE). */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { startTestApp, type TestApp } from '../support/app';
import { expectOk } from '../support/errors';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const dataset = JSON.parse(readFileSync(new URL('../../data/security-agreements.json', import.meta.url), 'utf8')) as {
  partners: Array<{ code: string; name: string }>;
  agreements: Array<{ id: string }>;
};

const OrderedAgreements = graphql(`
  query OrderedAgreements($orderBy: AgreementOrder) {
    agreements(first: 100, orderBy: $orderBy) { edges { node { reference signedOn title } } }
  }
`);

const OrderedPartners = graphql(`
  query OrderedPartners($orderBy: PartnerOrder) {
    partners(first: 100, orderBy: $orderBy) { edges { node { code name } } }
  }
`);

const OrderedTimeline = graphql(`
  query OrderedTimeline($orderBy: TimelineOrder) {
    timeline(first: 100, orderBy: $orderBy) { edges { node { reference occurredOn } } }
  }
`);

async function agreements(orderBy: { field: 'ID' | 'SIGNED_ON' | 'TITLE'; direction?: 'ASC' | 'DESC' }) {
  const result = await t.execute(OrderedAgreements, { orderBy });
  expectOk(result);
  return result.data!.agreements.edges.map((edge) => edge.node);
}

describe('agreements', () => {
  it('orders by ID (creation order, the seed order) by default, and DESC reverses it', async () => {
    const result = await t.execute(OrderedAgreements, {});
    const byDefault = result.data!.agreements.edges.map((edge) => edge.node.reference);
    expect(byDefault).toEqual(dataset.agreements.map((agreement) => agreement.id));
    const descending = (await agreements({ field: 'ID', direction: 'DESC' })).map((node) => node.reference);
    expect(descending).toEqual([...byDefault].reverse());
  });

  it('orders by SIGNED_ON ascending, ties by creation, with the four unsigned last', async () => {
    const nodes = await agreements({ field: 'SIGNED_ON' });
    expect(nodes.slice(0, 4).map((node) => [node.reference, node.signedOn])).toEqual([
      ['UA-GB-2024', '2024-01-12'],
      ['UA-DE-2024', '2024-02-16'],
      ['UA-FR-2024', '2024-02-16'],
      ['UA-DK-2024', '2024-02-23'],
    ]);
    expect(nodes.slice(-5).map((node) => [node.reference, node.signedOn])).toEqual([
      ['UA-AL-2025', '2025-01-21'],
      ['UA-BG-NEG', null],
      ['UA-ME-NEG', null],
      ['UA-MK-NEG', null],
      ['UA-US-2025-SG', null],
    ]);
    const dates = nodes.slice(0, 29).map((node) => node.signedOn!);
    expect(dates).toEqual([...dates].sort());
  });

  it('orders by SIGNED_ON descending as the exact reverse, the unsigned first', async () => {
    const ascending = (await agreements({ field: 'SIGNED_ON' })).map((node) => node.reference);
    const descending = (await agreements({ field: 'SIGNED_ON', direction: 'DESC' })).map((node) => node.reference);
    expect(descending).toEqual([...ascending].reverse());
    expect(descending.slice(0, 5)).toEqual(['UA-US-2025-SG', 'UA-MK-NEG', 'UA-ME-NEG', 'UA-BG-NEG', 'UA-AL-2025']);
  });

  it('orders by TITLE, the two without a title first', async () => {
    const nodes = await agreements({ field: 'TITLE' });
    expect(nodes.slice(0, 4).map((node) => node.reference)).toEqual([
      'UA-ME-NEG',
      'UA-MK-NEG',
      'UA-FR-2024',
      'UA-JP-2024',
    ]);
    expect(nodes.slice(-3).map((node) => node.reference)).toEqual(['UA-US-2025-SG', 'UA-EU-2024', 'UA-US-2024']);
    const descending = (await agreements({ field: 'TITLE', direction: 'DESC' })).map((node) => node.reference);
    expect(descending).toEqual(nodes.map((node) => node.reference).reverse());
  });
});

describe('partners', () => {
  it('orders by CODE by default', async () => {
    const result = await t.execute(OrderedPartners, {});
    expectOk(result);
    const codes = result.data!.partners.edges.map((edge) => edge.node.code);
    expect(codes).toEqual(dataset.partners.map((partner) => partner.code).sort());
  });

  it('orders by NAME both ways', async () => {
    const byName = [...dataset.partners].sort((a, b) => (a.name < b.name ? -1 : 1)).map((partner) => partner.name);
    const ascending = await t.execute(OrderedPartners, { orderBy: { field: 'NAME' } });
    expect(ascending.data!.partners.edges.map((edge) => edge.node.name)).toEqual(byName);
    expect(byName.slice(0, 3)).toEqual(['Albania', 'Belgium', 'Bulgaria']);
    const descending = await t.execute(OrderedPartners, { orderBy: { field: 'NAME', direction: 'DESC' } });
    expect(descending.data!.partners.edges.map((edge) => edge.node.name)).toEqual([...byName].reverse());
  });
});

describe('timeline', () => {
  it('orders by date ascending by default and descending on request', async () => {
    const ascending = await t.execute(OrderedTimeline, {});
    expectOk(ascending);
    const events = ascending.data!.timeline.edges.map((edge) => edge.node);
    expect(events).toHaveLength(47);
    expect(events[0]!.reference).toBe('EV-2023-07-12-G7');
    const dates = events.map((event) => event.occurredOn);
    expect(dates).toEqual([...dates].sort());

    const descending = await t.execute(OrderedTimeline, { orderBy: { direction: 'DESC' } });
    const references = descending.data!.timeline.edges.map((edge) => edge.node.reference);
    expect(references).toEqual(events.map((event) => event.reference).reverse());
    expect(references[0]).toBe('EV-2025-12-28-US-SG');
  });
});
