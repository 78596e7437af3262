/**
 * No N+1: the SQL statements a nested query sends do not grow with the page size, because every
 * nested field is loaded for the whole page at once. Statements are counted at the Kysely
 * instance (DatabaseOptions.onQuery), the same way on both backends.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../gql';
import { startTestApp, type TestApp } from '../support/app';
import { expectOk } from '../support/errors';

let t: TestApp;
const statements: string[] = [];
beforeAll(async () => {
  t = await startTestApp({}, { onQuery: (sql) => statements.push(sql) });
});
afterAll(() => t.close());

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
  // One each: the page of agreements with their partners joined, their timelines, the events' partners.
  expect(large.sql.length, large.sql.join('\n---\n')).toBe(3);
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
  expect(large.sql.length).toBe(3);
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

it("answers the bench's Q1 and Q2 in two statements each: the outer page, then every nested page at once", async () => {
  const q1 = await counted(() => t.execute(BenchDashboard));
  const q2 = await counted(() => t.execute(BenchPartnerOverview));
  expectOk(q1.result);
  expectOk(q2.result);
  expect(q1.result.data!.agreements.edges).toHaveLength(33);
  expect(q2.result.data!.partners.edges).toHaveLength(20);
  expect(q1.sql.length, q1.sql.join('\n---\n')).toBe(2);
  expect(q2.sql.length, q2.sql.join('\n---\n')).toBe(2);
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

it("reads an event's agreement ids off the link table, and agreement rows only for the columns asked", async () => {
  const ids = await counted(() => t.execute(EventsWithAgreementIds));
  const titles = await counted(() => t.execute(EventsWithAgreementTitles));
  expectOk(ids.result);
  expectOk(titles.result);
  expect(ids.sql.length, ids.sql.join('\n---\n')).toBe(2);
  expect(ids.sql[1]).not.toMatch(/"agreements"/);
  expect(titles.sql[1]).toMatch(/"agreements"\."title"/);
  expect(titles.sql[1]).not.toMatch(/"agreements"\."notes"/);
  const agreementIds = (result: typeof ids.result | typeof titles.result) =>
    result.data!.timeline.edges.map((edge) => edge.node.agreements.map((agreement) => agreement.id));
  expect(agreementIds(ids.result)).toEqual(agreementIds(titles.result));
  expect(agreementIds(ids.result).flat().length).toBeGreaterThan(0);
});
