/**
 * `nodes` on every connection is a shortcut for `edges { node }`: the same rows in the same order,
 * read by the same SQL (same statements, same columns). Each query is written once with a `$$`
 * where the connection's selection goes, and run both ways under the alias `page`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { expectOk } from '../support/errors';

let t: TestApp;
const statements: string[] = [];
beforeAll(async () => {
  t = await startTestApp({}, { onQuery: (sql) => statements.push(sql) });
});
afterAll(() => t.close());

/** Runs a query and returns its data with the statements it sent (the event bus's own reads left out). */
async function run(query: string) {
  statements.length = 0;
  const result = await t.execute(query);
  expectOk(result);
  return { data: result.data, sql: statements.filter((statement) => !statement.includes('"event_log"')) };
}

/** The answer to the `page: edges { node }` spelling, rewritten as `page: nodes` would give it. */
function asNodes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asNodes);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) =>
      key === 'page' ? [key, (field as Array<{ node: unknown }>).map((edge) => edge.node)] : [key, asNodes(field)],
    ),
  );
}

const AGREEMENT = 'id reference title status signedOn partner { code name }';
const EVENT = 'id occurredOn kind title partners { code }';

const cases: Array<{ name: string; query: string; fields: string }> = [
  {
    name: 'Query.agreements, filtered and ordered, with totalCount and page info',
    query:
      '{ agreements(first: 7, filter: { status: SIGNED }, orderBy: { field: SIGNED_ON, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor } $$ } }',
    fields: AGREEMENT,
  },
  {
    name: 'Query.agreements, backward',
    query: '{ agreements(last: 4) { pageInfo { hasPreviousPage } $$ } }',
    fields: 'title',
  },
  {
    name: 'Query.agreements as of a day',
    query: '{ agreements(asOf: "2024-04-20", first: 12) { totalCount $$ } }',
    fields: 'reference status signedOn',
  },
  {
    name: 'Query.partners',
    query: '{ partners(first: 10, filter: { membership: EU }) { pageInfo { hasNextPage } $$ } }',
    fields: 'code name memberships',
  },
  {
    name: 'Query.timeline',
    query:
      '{ timeline(first: 10, filter: { kind: [SIGNING, STATEMENT] }, orderBy: { direction: DESC }) { totalCount $$ } }',
    fields: EVENT,
  },
  {
    name: 'Partner.agreements under one partner',
    query: '{ partner(code: "US") { agreements(first: 2) { totalCount pageInfo { hasNextPage } $$ } } }',
    fields: AGREEMENT,
  },
  {
    name: 'Partner.agreements under a page of partners, as of a day',
    query:
      '{ partners(asOf: "2024-06-30", first: 8) { edges { node { code agreements(first: 2, status: [SIGNED]) { totalCount $$ } } } } }',
    fields: 'reference signedOn',
  },
  {
    name: 'Agreement.timeline under a page of agreements',
    query:
      '{ agreements(first: 6) { edges { node { reference timeline(first: 3, orderBy: { direction: DESC }) { pageInfo { hasNextPage } $$ } } } } }',
    fields: EVENT,
  },
  {
    name: 'both levels at once',
    query: '{ partners(first: 5) { $$ } }',
    fields:
      'code agreements(first: 3) { totalCount edges { node { reference timeline(first: 2) { edges { node { title } } } } } }',
  },
];

for (const { name, query, fields } of cases) {
  it(`${name}: nodes gives the nodes of edges, with the same statements`, async () => {
    const viaEdges = await run(query.replace('$$', `page: edges { node { ${fields} } }`));
    const viaNodes = await run(query.replace('$$', `page: nodes { ${fields} }`));
    expect(viaNodes.data).toEqual(asNodes(viaEdges.data));
    expect(JSON.stringify(viaNodes.data)).toMatch(/"page":\[\{/); // the comparison is not between empty pages
    // The same statements; on a pool (PostgreSQL) the count and the next level may run in either order.
    expect(viaNodes.sql.toSorted()).toEqual(viaEdges.sql.toSorted());
  });
}

it('reads only the columns asked for under nodes, as under edges', async () => {
  const { sql } = await run('{ agreements(first: 3) { nodes { place } } }');
  expect(sql).toHaveLength(1);
  expect(sql[0]).toMatch(/"place"/);
  expect(sql[0]).not.toMatch(/"notes"|"areas_detail"/);
});

it('reads the union of what edges and nodes ask for when a query selects both', async () => {
  const both = await run('{ agreements(first: 3) { edges { cursor node { place } } nodes { reference } } }');
  const one = await run('{ agreements(first: 3) { edges { cursor node { place reference } } } }');
  expect(both.sql.toSorted()).toEqual(one.sql.toSorted());
  const data = both.data as {
    agreements: { edges: Array<{ node: { place: string | null } }>; nodes: Array<{ reference: string }> };
  };
  expect(data.agreements.nodes).toHaveLength(3);
});
