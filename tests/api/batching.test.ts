/**
 * No N+1: the SQL statements a nested query sends do not grow with the page size, because every
 * nested field is loaded for the whole page at once. Statements are counted at the Kysely
 * instance (DatabaseOptions.onQuery), the same way on both backends.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../gql';
import type { PartnersWithPagesQueryVariables } from '../gql/graphql';
import { bearer, globalId, startTestApp, type TestApp } from '../support/app';
import { backend } from '../support/database';
import { expectClientError, expectOk } from '../support/errors';

let t: TestApp;
const statements: string[] = [];
beforeAll(async () => {
  // The three-level queries at the end ask every page size by variable, each counted at the largest it may be.
  t = await startTestApp({ MAX_QUERY_COST: '1000000' }, { onQuery: (sql) => statements.push(sql) });
});
afterAll(() => t.close());

/** A statement that only counts (a total read apart from its page), not a page that counts too. */
const countsApart = /^\s*select [^()]*count\(\*\)/;

/** Runs one operation and returns its result with the statements it sent (the event bus's own reads left out). */
async function counted<R extends { status: number }>(run: () => Promise<R>) {
  statements.length = 0;
  const result = await run();
  return { result, sql: statements.filter((statement) => !statement.includes('"event_log"')) };
}

const NestedAgreements = graphql(`
  query NestedAgreements($first: Int!) {
    agreements(first: $first) {
      edges {
        node {
          reference
          partner { name }
          timeline(first: 5) { edges { node { title partners { code } } } }
        }
      }
    }
  }
`);

const NestedWithCounts = graphql(`
  query NestedWithCounts($first: Int!) {
    agreements(first: $first) {
      totalCount
      edges {
        node {
          partner { name agreements(first: 2) { totalCount edges { node { reference } } } }
          timeline(first: 5) { totalCount edges { node { title agreements { reference } partners { code } } } }
        }
      }
    }
  }
`);

const NestedPartners = graphql(`
  query NestedPartners($first: Int!) {
    partners(first: $first) {
      edges { node { code agreements(first: 3) { edges { node { reference timeline(first: 2) { edges { node { title } } } } } } } }
    }
  }
`);

it('sends as many statements for 30 agreements as for 5, with partner, timeline and event partners', async () => {
  const small = await counted(() => t.execute(NestedAgreements, { first: 5 }));
  const large = await counted(() => t.execute(NestedAgreements, { first: 30 }));
  expectOk(small.result);
  expectOk(large.result);
  expect(small.result.data!.agreements.edges).toHaveLength(5);
  expect(large.result.data!.agreements.edges).toHaveLength(30);
  // The data is all there: the US 2024 agreement with its partner and three events.
  const us = large.result.data!.agreements.edges.find((edge) => edge.node.reference === 'UA-US-2024')!.node;
  expect(us.partner.name).toBe('United States');
  expect(us.timeline.edges.map((edge) => edge.node.partners.map((partner) => partner.code))).toEqual([
    ['EE', 'LT', 'NO', 'SE', 'US'],
    ['US'],
    ['US'],
  ]);

  expect(large.sql.length, large.sql.join('\n---\n')).toBe(small.sql.length);
  // One: the page of agreements with their partners joined, and their timelines with each event's partners.
  expect(large.sql.length, large.sql.join('\n---\n')).toBe(1);
});

it('stays flat with counts and deeper nesting', async () => {
  const small = await counted(() => t.execute(NestedWithCounts, { first: 5 }));
  const large = await counted(() => t.execute(NestedWithCounts, { first: 30 }));
  expectOk(small.result);
  expectOk(large.result);
  expect(large.result.data!.agreements.totalCount).toBe(33);
  expect(large.sql.length, large.sql.join('\n---\n')).toBe(small.sql.length);
  expect(large.sql.length).toBeLessThanOrEqual(10);
});

it('stays flat from partners down through agreements to timelines', async () => {
  const small = await counted(() => t.execute(NestedPartners, { first: 5 }));
  const large = await counted(() => t.execute(NestedPartners, { first: 32 }));
  expectOk(small.result);
  expectOk(large.result);
  expect(large.result.data!.partners.edges).toHaveLength(32);
  const us = large.result.data!.partners.edges.find((edge) => edge.node.code === 'US')!.node;
  expect(us.agreements.edges.map((edge) => edge.node.reference)).toEqual(['UA-US-2024', 'UA-US-2025-SG']);
  expect(large.sql.length, large.sql.join('\n---\n')).toBe(small.sql.length);
  // The partners with their agreements and the agreements' timelines (see the test at the end).
  expect(large.sql.length).toBe(1);
});

// bench/queries.ts Q1 and Q2, as the benchmark sends them.
const BenchDashboard = graphql(`
  query BenchDashboard {
    agreements(first: 50, orderBy: { field: ID, direction: ASC }) {
      edges { node {
        id title status signedOn
        partner { code name }
        timeline(first: 5, orderBy: { field: DATE, direction: DESC }) { edges { node { id title occurredOn kind } } }
      } }
    }
  }
`);

const BenchPartnerOverview = graphql(`
  query BenchPartnerOverview {
    partners(first: 20, orderBy: { field: CODE, direction: ASC }) {
      edges { node { code name agreements(first: 10) { edges { node { id title status signedOn } } } } }
    }
  }
`);

it("answers the bench's Q1 and Q2 in one statement each: agreements with their timelines, partners with their agreements", async () => {
  const q1 = await counted(() => t.execute(BenchDashboard));
  const q2 = await counted(() => t.execute(BenchPartnerOverview));
  expectOk(q1.result);
  expectOk(q2.result);
  expect(q1.result.data!.agreements.edges).toHaveLength(33);
  expect(q2.result.data!.partners.edges).toHaveLength(20);
  expect(q1.sql.length, q1.sql.join('\n---\n')).toBe(1);
  expect(q2.sql.length, q2.sql.join('\n---\n')).toBe(1);
});

it('counts statements for real: the hook sees the SQL', async () => {
  const { sql } = await counted(() => t.execute(NestedAgreements, { first: 1 }));
  expect(sql.some((statement) => /from "agreements"/.test(statement))).toBe(true);
  expect(sql.some((statement) => /join "partners"/.test(statement))).toBe(true);
});

// bench/queries.ts Q8: the ids of an event's agreements are in the link table.
const EventsWithAgreementIds = graphql(`
  query EventsWithAgreementIds {
    timeline(first: 50, orderBy: { direction: DESC }) { edges { node { id agreements { id } } } }
  }
`);

const EventsWithAgreementTitles = graphql(`
  query EventsWithAgreementTitles {
    timeline(first: 50, orderBy: { direction: DESC }) { edges { node { id agreements { id title } } } }
  }
`);

it("reads a page of events with their agreements' ids in one statement, and agreement rows only for the columns asked", async () => {
  const ids = await counted(() => t.execute(EventsWithAgreementIds));
  const titles = await counted(() => t.execute(EventsWithAgreementTitles));
  expectOk(ids.result);
  expectOk(titles.result);
  // The ids ride along with the page, off the link table: no agreement row is read.
  expect(ids.sql.length, ids.sql.join('\n---\n')).toBe(1);
  expect(ids.sql[0]).toMatch(/timeline_event_agreements/);
  expect(ids.sql[0]).not.toMatch(/"agreements"/);
  expect(titles.sql.length, titles.sql.join('\n---\n')).toBe(2);
  expect(titles.sql[1]).toMatch(/"agreements"\."title"/);
  expect(titles.sql[1]).not.toMatch(/"agreements"\."notes"/);
  const agreementIds = (result: typeof ids.result | typeof titles.result) =>
    result.data!.timeline.edges.map((edge) => edge.node.agreements.map((agreement) => agreement.id));
  expect(agreementIds(ids.result)).toEqual(agreementIds(titles.result));
  expect(agreementIds(ids.result).flat().length).toBeGreaterThan(0);
});

// bench/queries.ts Q5: a filtered list with its total and each agreement's partner.
const FilteredWithTotal = graphql(`
  query FilteredWithTotal($codes: [CountryCode!], $first: Int) {
    agreements(filter: { partnerCode: $codes }, first: $first) {
      totalCount
      edges { node { reference partner { name } } }
    }
  }
`);

it('answers a filtered page with its total and partners in one statement, the total counted across pages', async () => {
  const page = await counted(() => t.execute(FilteredWithTotal, { codes: ['US', 'GB'], first: 5 }));
  expectOk(page.result);
  expect(page.result.data!.agreements.totalCount).toBe(3);
  expect(page.result.data!.agreements.edges.map((edge) => edge.node.reference)).toEqual([
    'UA-GB-2024',
    'UA-US-2024',
    'UA-US-2025-SG',
  ]);
  // The rows show both partners exist: no statement checks the codes, and the total rides along.
  expect(page.sql.length, page.sql.join('\n---\n')).toBe(1);

  // A page too short to show every partner named: the one it does not show is looked up.
  const short = await counted(() => t.execute(FilteredWithTotal, { codes: ['US', 'GB'], first: 1 }));
  expectOk(short.result);
  expect(short.result.data!.agreements.totalCount).toBe(3);
  expect(short.sql.length, short.sql.join('\n---\n')).toBe(2);

  // An empty page cannot carry the total: it is counted on its own.
  const empty = await counted(() => t.execute(FilteredWithTotal, { codes: ['US', 'GB'], first: 0 }));
  expectOk(empty.result);
  expect(empty.result.data!.agreements).toEqual({ totalCount: 3, edges: [] });

  // An unknown code is still an error, although the page was read.
  const unknown = await t.execute(FilteredWithTotal, { codes: ['US', 'ZZ'], first: 5 });
  expectClientError(unknown, { code: 'BAD_USER_INPUT', message: /^filter\.partnerCode: unknown partner code ZZ$/ });
});

// bench/queries.ts Q9: an agreement's events, each with its partners.
const AgreementEventPartners = graphql(`
  query AgreementEventPartners($id: ID!) {
    agreement(id: $id) {
      title
      timeline(first: 5, orderBy: { direction: DESC }) {
        edges { node { title occurredOn partners { code name memberships membershipsAsOf sources } } }
      }
    }
  }
`);

const EventPartnersByNode = graphql(`
  query EventPartnersByNode($id: ID!) {
    node(id: $id) { ... on TimelineEvent { partners { code name memberships membershipsAsOf sources } } }
  }
`);

it('reads an agreement with its events and their partners in one statement, only the columns asked', async () => {
  const us = await t.execute(
    graphql(`query FirstUsAgreement { agreements(filter: { partnerCode: ["US"] }, first: 1) { nodes { id } } }`),
  );
  expectOk(us);
  const id = us.data!.agreements.nodes[0]!.id;

  const embedded = await counted(() => t.execute(AgreementEventPartners, { id }));
  expectOk(embedded.result);
  // The agreement with its page of events, each with its partners: one statement.
  expect(embedded.sql.length, embedded.sql.join('\n---\n')).toBe(1);
  expect(embedded.sql[0]).not.toMatch(/"agreements"\."notes"/);
  expect(embedded.sql[0]).toMatch(/json_agg/);
  expect(embedded.sql[0]).not.toMatch(/"partners"\."notes"/);
  expect(embedded.sql[0], 'one agreement is one key (see the partner with its page below)').not.toMatch(/unnest\(/);

  const events = embedded.result.data!.agreement!.timeline.edges;
  expect(events.map((edge) => edge.node.partners.length).every((length) => length > 0)).toBe(true);
  // Arrays stay arrays through JSON (the answers are compared with the loader's below).
  const first = events[0]!.node.partners[0]!;
  expect(Array.isArray(first.memberships)).toBe(true);
  expect(Array.isArray(first.sources)).toBe(true);

  // An event read alone (not through a list) gets its partners from the loader, the same ones.
  const eventIds = await t.execute(
    graphql(
      `query LatestEventOf($id: ID!) { agreement(id: $id) { timeline(first: 1, orderBy: { direction: DESC }) { nodes { id } } } }`,
    ),
    { id },
  );
  expectOk(eventIds);
  const byNode = await counted(() =>
    t.execute(EventPartnersByNode, { id: eventIds.data!.agreement!.timeline.nodes[0]!.id }),
  );
  expectOk(byNode.result);
  expect(byNode.result.data!.node).toEqual({ partners: events[0]!.node.partners });
  expect(byNode.sql.length, byNode.sql.join('\n---\n')).toBe(2);
  expect(byNode.sql[1]).toMatch(/"partners"\."memberships_as_of"/);
  expect(byNode.sql[1]).not.toMatch(/"partners"\."notes"/);
});

const TimelineWithPartners = graphql(`
  query TimelineWithPartners($first: Int!) {
    timeline(first: $first, orderBy: { direction: DESC }) { edges { node { title partners { code name } } } }
  }
`);

it('lists events with their partners in one statement, however long the page', async () => {
  const small = await counted(() => t.execute(TimelineWithPartners, { first: 3 }));
  const large = await counted(() => t.execute(TimelineWithPartners, { first: 40 }));
  expectOk(small.result);
  expectOk(large.result);
  expect(large.result.data!.timeline.edges.length).toBeGreaterThan(3);
  expect(small.sql.length, small.sql.join('\n---\n')).toBe(1);
  expect(large.sql.length, large.sql.join('\n---\n')).toBe(1);
});

// bench/queries.ts Q7: a partner by code with a page of its agreements.
const PartnerWithPage = graphql(`
  query PartnerWithPage($code: CountryCode!, $first: Int, $status: [AgreementStatus!]) {
    partner(code: $code) {
      name
      agreements(first: $first, status: $status) {
        totalCount
        pageInfo { hasNextPage }
        edges { node { reference status } }
      }
    }
  }
`);

const PartnerWithTwoPages = graphql(`
  query PartnerWithTwoPages($code: CountryCode!) {
    partner(code: $code) {
      name
      signed: agreements(status: [SIGNED]) { edges { node { reference } } }
      all: agreements(first: 1) { pageInfo { hasNextPage } edges { node { reference } } }
    }
  }
`);

it('reads a partner with its page of agreements in one statement, as the loader would answer', async () => {
  const page = await counted(() => t.execute(PartnerWithPage, { code: 'US', first: 1 }));
  expectOk(page.result);
  expect(page.result.data!.partner).toEqual({
    name: 'United States',
    agreements: {
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      edges: [{ node: { reference: 'UA-US-2024', status: 'SIGNED' } }],
    },
  });
  // The partner, its page and the total asked for, together.
  expect(page.sql.length, page.sql.join('\n---\n')).toBe(1);
  expect(page.sql[0]).toMatch(/"partners"\."name" as "parent\$name"/);
  expect(page.sql[0]).not.toMatch(/"partners"\."notes"/);
  // One parent is one key, not an array to unnest: PostgreSQL re-plans an unnest() of an array
  // argument on every run instead of keeping the prepared statement's plan (keyset.ts ParentsSql).
  expect(page.sql[0]).not.toMatch(/unnest\(/);

  // An empty page still has its partner; an unknown partner is null.
  const empty = await counted(() => t.execute(PartnerWithPage, { code: 'US', status: ['ABANDONED'] }));
  expectOk(empty.result);
  expect(empty.result.data!.partner).toEqual({
    name: 'United States',
    agreements: { totalCount: 0, pageInfo: { hasNextPage: false }, edges: [] },
  });
  const none = await counted(() => t.execute(PartnerWithPage, { code: 'ZZ' }));
  expectOk(none.result);
  expect(none.result.data!.partner).toBeNull();
  expect(none.sql.length).toBe(1);

  // Arguments the page refuses are the page's error, at its path, as without the join.
  const refused = await t.execute(PartnerWithPage, { code: 'US', first: 100_000 });
  expect((refused.errors?.[0] as { path?: unknown } | undefined)?.path).toEqual(['partner', 'agreements']);
  expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(refused.data?.partner).toBeNull();

  // Two pages under one partner: each is loaded on its own, with the same answers.
  const two = await t.execute(PartnerWithTwoPages, { code: 'US' });
  expectOk(two);
  expect(two.data!.partner).toEqual({
    name: 'United States',
    signed: { edges: [{ node: { reference: 'UA-US-2024' } }] },
    all: { pageInfo: { hasNextPage: true }, edges: [{ node: { reference: 'UA-US-2024' } }] },
  });
});

const PartnersWithPages = graphql(`
  query PartnersWithPages($first: Int, $last: Int, $after: String, $inner: Int, $innerLast: Int, $status: [AgreementStatus!]) {
    partners(first: $first, last: $last, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { node {
        code
        agreements(first: $inner, last: $innerLast, status: $status) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage }
          edges { cursor node { reference } }
        }
      } }
    }
  }
`);

// Two places asking for agreements: both loaded as before, the reference for the answers above.
const PartnersWithLoadedPages = graphql(`
  query PartnersWithLoadedPages($first: Int, $last: Int, $after: String, $inner: Int, $innerLast: Int, $status: [AgreementStatus!]) {
    partners(first: $first, last: $last, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { node {
        code
        agreements(first: $inner, last: $innerLast, status: $status) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage }
          edges { cursor node { reference } }
        }
        again: agreements(first: 1) { totalCount }
      } }
    }
  }
`);

it('reads a page of partners with their agreements in one statement, answering as the loader does', async () => {
  const cases: PartnersWithPagesQueryVariables[] = [
    { first: 5, inner: 1 },
    { first: 40, inner: 2, status: ['SIGNED'] },
    { first: 3, innerLast: 1 },
    { last: 4, inner: 3 },
    { first: 10, inner: 0 },
    { first: 6, status: ['ABANDONED'] },
  ];
  for (const variables of cases) {
    const joined = await counted(() => t.execute(PartnersWithPages, variables));
    const loaded = await t.execute(PartnersWithLoadedPages, variables);
    expectOk(joined.result);
    expectOk(loaded);
    const { edges, ...rest } = loaded.data!.partners;
    expect(joined.result.data!.partners, JSON.stringify(variables)).toEqual({
      ...rest,
      edges: edges.map(({ node: { again: _again, ...node } }) => ({ node })),
    });
    // The page with every partner's agreements and both totals asked for.
    expect(joined.sql.length, joined.sql.join('\n---\n')).toBe(1);
  }
  // A later page of partners, after the cursor of the first.
  const first = await t.execute(PartnersWithPages, { first: 2, inner: 1 });
  expectOk(first);
  const after = first.data!.partners.pageInfo.endCursor;
  const next = await t.execute(PartnersWithPages, { first: 2, after, inner: 1 });
  const nextLoaded = await t.execute(PartnersWithLoadedPages, { first: 2, after, inner: 1 });
  expectOk(next);
  expectOk(nextLoaded);
  expect(next.data!.partners.edges.map((edge) => edge.node.code)).toEqual(
    nextLoaded.data!.partners.edges.map((edge) => edge.node.code),
  );
  expect(next.data!.partners.edges[0]!.node.code).not.toBe(first.data!.partners.edges[0]!.node.code);
});

// bench/queries.ts Q6: three levels, every page read with the partners' page in one statement.
const PartnersAgreementsTimelines = graphql(`
  query PartnersAgreementsTimelines(
    $first: Int, $inner: Int, $innerLast: Int, $status: [AgreementStatus!],
    $events: Int, $eventsLast: Int, $after: String, $direction: OrderDirection
  ) {
    partners(first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        code name
        agreements(first: $inner, last: $innerLast, status: $status) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node {
            id title
            timeline(first: $events, last: $eventsLast, after: $after, orderBy: { direction: $direction }) {
              totalCount
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              nodes { id title occurredOn partners { code name } }
            }
          } }
        }
      } }
    }
  }
`);

// (`nodes` keeps the query within the depth limit.) A second timeline below each agreement: the timelines are loaded as before, the reference for the answers above.
const PartnersAgreementsLoadedTimelines = graphql(`
  query PartnersAgreementsLoadedTimelines(
    $first: Int, $inner: Int, $innerLast: Int, $status: [AgreementStatus!],
    $events: Int, $eventsLast: Int, $after: String, $direction: OrderDirection
  ) {
    partners(first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        code name
        agreements(first: $inner, last: $innerLast, status: $status) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node {
            id title
            timeline(first: $events, last: $eventsLast, after: $after, orderBy: { direction: $direction }) {
              totalCount
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              nodes { id title occurredOn partners { code name } }
            }
            again: timeline(first: 1) { totalCount }
          } }
        }
      } }
    }
  }
`);

const BenchThreeLevels = graphql(`
  query BenchThreeLevels {
    partners(first: 10, orderBy: { field: CODE, direction: ASC }) {
      edges { node {
        code name
        agreements(first: 5) {
          edges { node { id title timeline(first: 3, orderBy: { direction: DESC }) { edges { node { id title occurredOn } } } } }
        }
      } }
    }
  }
`);

it('reads partners, their agreements and each agreement’s timeline in one statement, answering as the loader does', async () => {
  const bench = await counted(() => t.execute(BenchThreeLevels));
  expectOk(bench.result);
  expect(bench.sql.length, bench.sql.join('\n---\n')).toBe(1);
  // Only the columns asked, of each level.
  expect(bench.sql[0]).toMatch(/"timeline_events"\."title" as "event\$title"/);
  expect(bench.sql[0]).not.toMatch(/"timeline_events"\."description"/);
  expect(bench.sql[0]).not.toMatch(/"agreements"\."notes"/);
  const timelines = bench.result.data!.partners.edges.flatMap((edge) =>
    edge.node.agreements.edges.map((agreement) => agreement.node.timeline.edges.length),
  );
  expect(timelines.some((length) => length > 0)).toBe(true);

  const cases = [
    { first: 10, inner: 2, events: 2, direction: 'DESC' as const },
    { first: 40, inner: 2, events: 1 },
    { first: 5, innerLast: 1, eventsLast: 2 },
    { first: 40, inner: 2, status: ['SIGNED' as const], eventsLast: 1, direction: 'DESC' as const },
    { first: 6, inner: 2, events: 0 },
    { first: 6, inner: 3, status: ['ABANDONED' as const], events: 3 },
  ];
  for (const variables of cases) {
    const joined = await counted(() => t.execute(PartnersAgreementsTimelines, variables));
    const loaded = await counted(() => t.execute(PartnersAgreementsLoadedTimelines, variables));
    expect(joined.result.errors, JSON.stringify(variables)).toBeUndefined();
    expectOk(joined.result);
    expectOk(loaded.result);
    const { edges, ...rest } = loaded.result.data!.partners;
    expect(joined.result.data!.partners, JSON.stringify(variables)).toEqual({
      ...rest,
      edges: edges.map(({ cursor, node: { agreements, ...partner } }) => ({
        cursor,
        node: {
          ...partner,
          agreements: {
            ...agreements,
            edges: agreements.edges.map(({ cursor, node: { again: _again, ...agreement } }) => ({
              cursor,
              node: agreement,
            })),
          },
        },
      })),
    });
    // The three levels in one statement; the others count the totals asked for (of the levels with rows).
    const pages = (sql: string[]) => sql.filter((statement) => !countsApart.test(statement));
    expect(pages(joined.sql), joined.sql.join('\n---\n')).toHaveLength(1);
    // Loaded: the partners with their agreements, then each of the two timelines (if any agreement is listed).
    const listed = edges.some((edge) => edge.node.agreements.edges.length > 0);
    expect(pages(loaded.sql), loaded.sql.join('\n---\n')).toHaveLength(listed ? 3 : 1);
  }

  // A cursor on the timelines: they are loaded, with the same answers.
  const first = await t.execute(PartnersAgreementsTimelines, { first: 40, inner: 2, events: 1 });
  expectOk(first);
  const after = first
    .data!.partners.edges.flatMap((edge) => edge.node.agreements.edges)
    .find((edge) => edge.node.timeline.pageInfo.hasNextPage)!.node.timeline.pageInfo.endCursor;
  const paged = await counted(() => t.execute(PartnersAgreementsTimelines, { first: 40, inner: 2, events: 1, after }));
  const pagedLoaded = await t.execute(PartnersAgreementsLoadedTimelines, { first: 40, inner: 2, events: 1, after });
  expectOk(paged.result);
  expectOk(pagedLoaded);
  expect(paged.sql.filter((statement) => !countsApart.test(statement))).toHaveLength(2);
  expect(
    paged.result.data!.partners.edges.map((edge) => edge.node.agreements.edges.map((a) => a.node.timeline)),
  ).toEqual(pagedLoaded.data!.partners.edges.map((edge) => edge.node.agreements.edges.map((a) => a.node.timeline)));

  // Arguments the timeline refuses are its error, at its path, as without the join.
  const refused = await t.execute(PartnersAgreementsTimelines, { first: 2, inner: 1, events: 100_000 });
  expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect((refused.errors?.[0] as { path?: unknown[] } | undefined)?.path?.at(-1)).toBe('timeline');
});

const PartnerAgreementsTimelines = graphql(`
  query PartnerAgreementsTimelines($code: CountryCode!, $inner: Int, $events: Int, $direction: OrderDirection) {
    partner(code: $code) {
      name
      agreements(first: $inner) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node {
          id title
          timeline(first: $events, orderBy: { direction: $direction }) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id title occurredOn partners { code name } } }
          }
        } }
      }
    }
  }
`);

// A second timeline below each agreement: the timelines are loaded as before, the reference.
const PartnerAgreementsLoadedTimelines = graphql(`
  query PartnerAgreementsLoadedTimelines($code: CountryCode!, $inner: Int, $events: Int, $direction: OrderDirection) {
    partner(code: $code) {
      name
      agreements(first: $inner) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node {
          id title
          timeline(first: $events, orderBy: { direction: $direction }) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id title occurredOn partners { code name } } }
          }
          again: timeline(first: 1) { totalCount }
        } }
      }
    }
  }
`);

it('reads a partner, its agreements and each one’s timeline in one statement, answering as the loader does', async () => {
  const cases = [
    { code: 'US', inner: 2, events: 2, direction: 'DESC' as const },
    { code: 'US', inner: 1, events: 0 },
    { code: 'GB', events: 3 },
    { code: 'ZZ', events: 3 },
  ];
  for (const variables of cases) {
    const joined = await counted(() => t.execute(PartnerAgreementsTimelines, variables));
    const loaded = await counted(() => t.execute(PartnerAgreementsLoadedTimelines, variables));
    expectOk(joined.result);
    expectOk(loaded.result);
    const partner = loaded.result.data!.partner;
    expect(joined.result.data!.partner, JSON.stringify(variables)).toEqual(
      partner && {
        ...partner,
        agreements: {
          ...partner.agreements,
          edges: partner.agreements.edges.map(({ cursor, node: { again: _again, ...node } }) => ({ cursor, node })),
        },
      },
    );
    const pages = (sql: string[]) => sql.filter((statement) => !countsApart.test(statement));
    expect(pages(joined.sql), joined.sql.join('\n---\n')).toHaveLength(1);
    expect(pages(loaded.sql), loaded.sql.join('\n---\n')).toHaveLength(partner ? 3 : 1);
  }
  const us = await t.execute(PartnerAgreementsTimelines, { code: 'US', inner: 2, events: 2 });
  expectOk(us);
  expect(us.data!.partner!.agreements.edges.every((edge) => edge.node.timeline.edges.length > 0)).toBe(true);
});

const PartnerTotals = graphql(`
  query PartnerTotals($status: [AgreementStatus!]) {
    partners(first: 40) { totalCount nodes { code agreements(status: $status) { totalCount } } }
  }
`);

const AgreementTimelineTotals = graphql(`
  query AgreementTimelineTotals($after: String) {
    agreements(first: 40) { nodes { id timeline(first: 1, after: $after) { totalCount pageInfo { endCursor } } } }
  }
`);

const OneAgreementTimelineTotal = graphql(`
  query OneAgreementTimelineTotal($id: ID!) { agreement(id: $id) { timeline(first: 1) { totalCount } } }
`);

it('counts nested connections in the statement that reads their pages, totals as the database counts them', async () => {
  const db = t.app.database.db;
  const byPartner = new Map(
    (
      await db
        .selectFrom('agreements')
        .select(['partnerCode', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('partnerCode')
        .execute()
    ).map((row) => [row.partnerCode, Number(row.n)]),
  );
  const partnerCount = Number(
    (
      await db
        .selectFrom('partners')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

  const partners = await counted(() => t.execute(PartnerTotals, {}));
  expectOk(partners.result);
  expect(partners.sql.length, partners.sql.join('\n---\n')).toBe(1);
  expect(partners.result.data!.partners.totalCount).toBe(partnerCount);
  for (const { code, agreements } of partners.result.data!.partners.nodes) {
    expect(agreements.totalCount, code).toBe(byPartner.get(code) ?? 0);
  }
  // Empty pages from the start: nothing matched, so 0, with no statement more.
  const none = await counted(() => t.execute(PartnerTotals, { status: ['ABANDONED'] }));
  expectOk(none.result);
  expect(none.sql.length).toBe(1);
  expect(none.result.data!.partners.nodes.every((node) => node.agreements.totalCount === 0)).toBe(true);

  // Through the loader: the list, then every timeline page with its total in one more.
  const byAgreement = new Map(
    (
      await db
        .selectFrom('timelineEventAgreements')
        .select(['agreementId', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('agreementId')
        .execute()
    ).map((row) => [row.agreementId, Number(row.n)]),
  );
  const timelines = await counted(() => t.execute(AgreementTimelineTotals, {}));
  expectOk(timelines.result);
  expect(timelines.sql.length, timelines.sql.join('\n---\n')).toBe(2);
  const nodes = timelines.result.data!.agreements.nodes;
  const rowIdOf = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);
  for (const node of nodes) expect(node.timeline.totalCount, node.id).toBe(byAgreement.get(rowIdOf(node.id)) ?? 0);

  // Past the end of a page there is no row to carry the total: it is counted on its own, still right.
  const single = nodes.find((node) => node.timeline.totalCount === 1)!;
  const past = await counted(() => t.execute(AgreementTimelineTotals, { after: single.timeline.pageInfo.endCursor }));
  expectOk(past.result);
  expect(past.sql.length).toBe(3);
  const again = past.result.data!.agreements.nodes.find((node) => node.id === single.id)!;
  expect(again.timeline).toEqual({ totalCount: 1, pageInfo: { endCursor: null } });

  const busiest = nodes.reduce((a, b) => (b.timeline.totalCount > a.timeline.totalCount ? b : a));
  const one = await counted(() => t.execute(OneAgreementTimelineTotal, { id: busiest.id }));
  expectOk(one.result);
  expect(one.sql.length).toBe(1);
  expect(one.result.data!.agreement!.timeline.totalCount).toBe(busiest.timeline.totalCount);
});

it('an edit returns only the columns its answer reads, and those its event carries', async () => {
  const id = globalId('Agreement', 3);
  const before = await t.execute(`query ($id: ID!) { agreement(id: $id) { version } }`, { id });
  const version = (before.data as { agreement: { version: number } }).agreement.version;
  statements.length = 0;
  const answer = await t.execute(
    `mutation ($id: ID!, $version: Int!) {
      updateAgreement(input: { id: $id, expectedVersion: $version, notes: "projected" }) {
        __typename ... on AgreementPayload { agreement { notes version } } ... on Error { message }
      }
    }`,
    { id, version },
    await bearer('editor'),
  );
  expect(answer.data).toEqual({
    updateAgreement: { __typename: 'AgreementPayload', agreement: { notes: 'projected', version: version + 1 } },
  });
  const edit = statements.find((statement) => statement.includes('update "agreements"'));
  const returning = edit?.slice(edit.indexOf(' returning '), edit.indexOf('), ', edit.indexOf(' returning ')));
  expect(returning, edit).toMatch(/"agreements"\."notes"/);
  // The event's payload (the partner and the version) comes from the row the edit returns.
  expect(returning).toMatch(
    /"agreements"\."partner_code".*"agreements"\."version"|"agreements"\."version".*"agreements"\."partner_code"/,
  );
  expect(returning).not.toMatch(/"agreements"\."sources"|"agreements"\."areas_detail"/);
});

// bench/queries.ts Q1: a page of agreements, each with its partner and its latest events.
const agreementsWithTimelines = (again: boolean) => `
  query AgreementsWithTimelines(
    $first: Int, $last: Int, $after: String, $status: [AgreementStatus!], $events: Int, $eventsLast: Int,
    $direction: OrderDirection, $order: AgreementOrderField!
  ) {
    agreements(first: $first, last: $last, after: $after, filter: { status: $status }, orderBy: { field: $order }) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node {
        id title status signedOn
        partner { code name }
        timeline(first: $events, last: $eventsLast, orderBy: { direction: $direction }) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { id title occurredOn kind partners { code } } }
        }
        ${again ? 'again: timeline(first: 1) { totalCount }' : ''}
      } }
    }
  }
`;

it('reads a page of agreements, their partners and each one’s timeline in one statement, answering as the loader does', async () => {
  const bench = await counted(() =>
    t.execute(`{
      agreements(first: 50, orderBy: { field: ID, direction: ASC }) {
        edges { node {
          id title status signedOn
          partner { code name }
          timeline(first: 5, orderBy: { field: DATE, direction: DESC }) { edges { node { id title occurredOn kind } } }
        } }
      }
    }`),
  );
  expectOk(bench.result);
  expect(bench.sql.length, bench.sql.join('\n---\n')).toBe(1);
  expect(bench.sql[0]).toMatch(/"timeline_events"\."title" as "event\$title"/);
  expect(bench.sql[0]).not.toMatch(/"agreements"\."notes"|"timeline_events"\."description"/);
  const data = bench.result.data as { agreements: { edges: { node: { timeline: { edges: unknown[] } } }[] } };
  expect(data.agreements.edges.some((edge) => edge.node.timeline.edges.length > 0)).toBe(true);

  const { data: first } = await t.execute(agreementsWithTimelines(false), { first: 3, order: 'ID' });
  const after = (first as { agreements: { pageInfo: { endCursor: string } } }).agreements.pageInfo.endCursor;
  const cases = [
    { first: 50, events: 5, direction: 'DESC' },
    { first: 4, after, events: 2 },
    { last: 3, eventsLast: 2 },
    { first: 10, status: ['SIGNED'], eventsLast: 1, direction: 'DESC', order: 'SIGNED_ON' },
    { first: 6, events: 0 },
    { first: 5, status: ['ABANDONED'], events: 3 },
  ].map((variables) => ({ order: 'ID', ...variables }));
  for (const variables of cases) {
    const joined = await counted(() => t.execute(agreementsWithTimelines(false), variables));
    const loaded = await counted(() => t.execute(agreementsWithTimelines(true), variables));
    expectOk(joined.result);
    expectOk(loaded.result);
    // The pages and their events in the first statement (the totals asked are counted apart).
    expect(joined.sql[0], JSON.stringify(variables)).toMatch(/left join lateral/);
    expect(loaded.sql[0], JSON.stringify(variables)).not.toMatch(/left join lateral/);
    const strip = (result: typeof loaded.result) => {
      const list = (result.data as { agreements: { edges: { node: Record<string, unknown> }[] } }).agreements;
      return { ...list, edges: list.edges.map(({ node: { again: _, ...node }, ...edge }) => ({ ...edge, node })) };
    };
    expect(strip(joined.result), JSON.stringify(variables)).toEqual(strip(loaded.result));
  }
});

it.runIf(backend === 'postgres')(
  'runs its statements without PostgreSQL’s JIT, which would compile anew on every execution',
  async () => {
    const { rows } = await sql<{ jit: string }>`show jit`.execute(t.app.database.db);
    expect(rows[0]?.jit).toBe('off');
  },
);
