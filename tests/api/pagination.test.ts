/**
 * Relay cursor pagination on every root list: forward and backward give the same rows, the page
 * size is capped, and a cursor that is forged, tampered with or from another list or ordering is
 * a BAD_USER_INPUT error, never a database error.
 */

import type { VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { startTestApp, type TestApp } from '../support/app';
import { expectClientError, expectOk } from '../support/errors';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const PartnersPage = graphql(`
  query PaginationPartners($first: Int, $after: String, $last: Int, $before: String, $orderBy: PartnerOrder) {
    partners(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
      totalCount
      edges { cursor node { code } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

const AgreementsPage = graphql(`
  query PaginationAgreements(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $orderBy: AgreementOrder
    $filter: AgreementFilter
  ) {
    agreements(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {
      totalCount
      edges { cursor node { reference signedOn } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

/** The same list read without its sort keys (neither signedOn nor title). */
const LeanAgreementsPage = graphql(`
  query PaginationLeanAgreements($first: Int, $after: String, $last: Int, $before: String, $orderBy: AgreementOrder) {
    agreements(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
      totalCount
      edges { node { reference } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

const LeanPartnerAgreements = graphql(`
  query PaginationLeanPartnerAgreements($first: Int, $after: String) {
    partner(code: "US") {
      agreements(first: $first, after: $after, orderBy: { field: SIGNED_ON, direction: DESC }) {
        edges { node { reference } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

const TimelinePage = graphql(`
  query PaginationTimeline($first: Int, $after: String, $last: Int, $before: String) {
    timeline(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { reference } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

/** Walks a list forward with `first`, then backward with `last`, returning both orders. */
async function walk(
  page: (args: { first?: number; after?: string | null; last?: number; before?: string | null }) => Promise<{
    keys: string[];
    totalCount: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor?: string | null;
      endCursor?: string | null;
    };
  }>,
  size: number,
) {
  const forward: string[] = [];
  const totals = new Set<number>();
  let after: string | null | undefined = null;
  for (let pages = 0; pages < 50; pages++) {
    const result = await page({ first: size, after });
    totals.add(result.totalCount);
    expect(result.pageInfo.hasPreviousPage).toBe(after !== null);
    forward.push(...result.keys);
    if (!result.pageInfo.hasNextPage) break;
    after = result.pageInfo.endCursor;
  }
  const backward: string[] = [];
  let before: string | null | undefined = null;
  for (let pages = 0; pages < 50; pages++) {
    const result = await page({ last: size, before });
    totals.add(result.totalCount);
    expect(result.pageInfo.hasNextPage).toBe(before !== null);
    backward.unshift(...result.keys);
    if (!result.pageInfo.hasPreviousPage) break;
    before = result.pageInfo.startCursor;
  }
  return { forward, backward, totals: [...totals] };
}

async function agreementsPage(variables: VariablesOf<typeof AgreementsPage>) {
  const result = await t.execute(AgreementsPage, variables);
  expectOk(result);
  return result.data!.agreements;
}

describe('partners', () => {
  it('pages forward and backward over all 32 seeded partners in code order', async () => {
    const { forward, backward, totals } = await walk(async (args) => {
      const result = await t.execute(PartnersPage, args);
      expectOk(result);
      const { edges, totalCount, pageInfo } = result.data!.partners;
      return { keys: edges.map((edge) => edge.node.code), totalCount, pageInfo };
    }, 10);
    expect(forward).toHaveLength(32);
    expect(forward.slice(0, 3)).toEqual(['AL', 'BE', 'BG']);
    expect(forward.at(-1)).toBe('US');
    expect([...forward].sort()).toEqual(forward);
    expect(backward).toEqual(forward);
    expect(totals).toEqual([32]);
  });

  it('pages by NAME with cursors that carry the name', async () => {
    const { forward, backward } = await walk(async (args) => {
      const result = await t.execute(PartnersPage, { ...args, orderBy: { field: 'NAME' } });
      expectOk(result);
      const { edges, totalCount, pageInfo } = result.data!.partners;
      return { keys: edges.map((edge) => edge.node.code), totalCount, pageInfo };
    }, 7);
    expect(forward.slice(0, 5)).toEqual(['AL', 'BE', 'BG', 'CA', 'HR']); // Albania, Belgium, Bulgaria, Canada, Croatia
    expect(forward.slice(-2)).toEqual(['GB', 'US']); // United Kingdom, United States
    expect(backward).toEqual(forward);
  });
});

describe('agreements', () => {
  it('pages forward and backward by ID and by SIGNED_ON, where dates tie and unsigned ones sort as infinity', async () => {
    for (const orderBy of [
      { field: 'ID' },
      { field: 'SIGNED_ON' },
      { field: 'SIGNED_ON', direction: 'DESC' },
      { field: 'TITLE' },
    ] as const) {
      const all = (await agreementsPage({ first: 100, orderBy })).edges.map((edge) => edge.node.reference!);
      expect(all).toHaveLength(33);
      const { forward, backward, totals } = await walk(async (args) => {
        const page = await agreementsPage({ ...args, orderBy });
        return {
          keys: page.edges.map((edge) => edge.node.reference!),
          totalCount: page.totalCount,
          pageInfo: page.pageInfo,
        };
      }, 4);
      expect(forward, JSON.stringify(orderBy)).toEqual(all);
      expect(backward, JSON.stringify(orderBy)).toEqual(all);
      expect(totals).toEqual([33]);
    }
  });

  it('pages by a key the query does not read: each listed row carries its sort key for its cursor', async () => {
    for (const orderBy of [
      { field: 'SIGNED_ON' },
      { field: 'SIGNED_ON', direction: 'DESC' },
      { field: 'TITLE' },
    ] as const) {
      const all = (await agreementsPage({ first: 100, orderBy })).edges.map((edge) => edge.node.reference!);
      const { forward, backward } = await walk(async (args) => {
        const result = await t.execute(LeanAgreementsPage, { ...args, orderBy });
        expectOk(result);
        const { edges, totalCount, pageInfo } = result.data!.agreements;
        return { keys: edges.map((edge) => edge.node.reference!), totalCount, pageInfo };
      }, 4);
      expect(forward, JSON.stringify(orderBy)).toEqual(all);
      expect(backward, JSON.stringify(orderBy)).toEqual(all);
    }
    // A partner's page (the United States has two agreements, 2023 and 2024) read one row at a
    // time, newest first, by a cursor from a row that did not read signedOn.
    const page = async (after?: string | null) => {
      const result = await t.execute(LeanPartnerAgreements, { first: 1, after });
      expectOk(result);
      return result.data!.partner!.agreements;
    };
    const first = await page();
    const second = await page(first.pageInfo.endCursor);
    const reference = await agreementsPage({
      first: 2,
      filter: { partnerCode: ['US'] },
      orderBy: { field: 'SIGNED_ON', direction: 'DESC' },
    });
    expect([...first.edges, ...second.edges].map((edge) => edge.node.reference)).toEqual(
      reference.edges.map((edge) => edge.node.reference),
    );
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('keeps totalCount for the filter on every page, and pages within the filter', async () => {
    const filter = { signedFrom: '2024-05-01', signedTo: '2024-06-30' }; // 6 in May, 5 in June
    const first = await agreementsPage({ first: 5, filter, orderBy: { field: 'SIGNED_ON' } });
    expect(first.totalCount).toBe(11);
    expect(first.edges.map((edge) => edge.node.reference)).toEqual([
      'UA-ES-2024',
      'UA-BE-2024',
      'UA-PT-2024',
      'UA-SE-2024',
      'UA-IS-2024',
    ]);
    const second = await agreementsPage({
      first: 5,
      after: first.pageInfo.endCursor,
      filter,
      orderBy: { field: 'SIGNED_ON' },
    });
    expect(second.totalCount).toBe(11);
    expect(second.edges.map((edge) => edge.node.reference)).toEqual([
      'UA-NO-2024',
      'UA-JP-2024',
      'UA-US-2024',
      'UA-EU-2024',
      'UA-EE-2024',
    ]);
    const last = await agreementsPage({
      first: 5,
      after: second.pageInfo.endCursor,
      filter,
      orderBy: { field: 'SIGNED_ON' },
    });
    expect(last.edges.map((edge) => edge.node.reference)).toEqual(['UA-LT-2024']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('returns the rows strictly between `after` and `before`', async () => {
    const all = (await agreementsPage({ first: 100 })).edges;
    const window = await agreementsPage({ first: 100, after: all[4]!.cursor, before: all[9]!.cursor });
    expect(window.edges.map((edge) => edge.node.reference)).toEqual(all.slice(5, 9).map((edge) => edge.node.reference));
    expect(window.edges.map((edge) => edge.node.reference)).toEqual([
      'UA-CA-2024',
      'UA-NL-2024',
      'UA-FI-2024',
      'UA-LV-2024',
    ]);
  });

  it('gives 20 by default, allows exactly 100 and an empty page of 0', async () => {
    const byDefault = await agreementsPage({});
    expect(byDefault.edges).toHaveLength(20);
    expect(byDefault.pageInfo.hasNextPage).toBe(true);

    const max = await agreementsPage({ first: 100 });
    expect(max.edges).toHaveLength(33);
    expect(max.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });

    const none = await agreementsPage({ first: 0 });
    expect(none.edges).toEqual([]);
    expect(none.totalCount).toBe(33);
    expect(none.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null, endCursor: null });
  });
});

describe('timeline', () => {
  it('pages forward and backward over all 47 events in date order', async () => {
    const { forward, backward, totals } = await walk(async (args) => {
      const result = await t.execute(TimelinePage, args);
      expectOk(result);
      const { edges, totalCount, pageInfo } = result.data!.timeline;
      return { keys: edges.map((edge) => edge.node.reference!), totalCount, pageInfo };
    }, 10);
    expect(forward).toHaveLength(47);
    expect(forward[0]).toBe('EV-2023-07-12-G7');
    expect(forward.at(-1)).toBe('EV-2025-12-28-US-SG');
    expect(backward).toEqual(forward);
    expect(totals).toEqual([47]);
  });
});

describe('page size and argument errors', () => {
  it.each([
    ['first: 101', { first: 101 }, /^first: must be between 0 and 100$/],
    ['last: 101', { last: 101 }, /^last: must be between 0 and 100$/],
    ['first: -1', { first: -1 }, /^first: must be between 0 and 100$/],
    ['last: -5', { last: -5 }, /^last: must be between 0 and 100$/],
    ['first and last together', { first: 2, last: 2 }, /^first: cannot be combined with last$/],
  ])('rejects %s on every list', async (_name, args, message) => {
    const lists = [
      () => t.execute(PartnersPage, args),
      () => t.execute(AgreementsPage, args),
      () => t.execute(TimelinePage, args),
    ];
    for (const list of lists) {
      const result = await list();
      expectClientError(result, { code: 'BAD_USER_INPUT', message });
      expect(result.data).toBeNull();
    }
  });
});

describe('cursors', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  // Each names the ordering it is used with, so only the broken part can be what is rejected.
  it.each([
    ['not base64 JSON at all', 'ID', 'not-a-cursor'],
    ['JSON of the wrong shape', 'ID', encode({ id: 1 })],
    ['an unknown ordering', 'ID', encode(['agreement:COLOUR:asc', 'red', 1])],
    ['a word where the key is an integer', 'ID', encode(['agreement:ID:asc', 'abc', 1])],
    ['an id past the integer range', 'ID', encode(['agreement:ID:asc', 1, 2 ** 40])],
    ['an impossible date as the key', 'SIGNED_ON', encode(['agreement:SIGNED_ON:asc', '2024-02-30', 1])],
    ['a word as the date key', 'SIGNED_ON', encode(['agreement:SIGNED_ON:asc', 'yesterday', 1])],
    ['SQL as the id', 'SIGNED_ON', encode(['agreement:SIGNED_ON:asc', '2024-02-16', '1; drop table agreements'])],
    ['a NUL in a text key', 'TITLE', encode(['agreement:TITLE:asc', 'a\u0000b', 1])],
  ] as const)('rejects a forged cursor: %s', async (_name, field, cursor) => {
    for (const args of [
      { first: 2, after: cursor },
      { last: 2, before: cursor },
    ]) {
      const result = await t.execute(AgreementsPage, { ...args, orderBy: { field } });
      expectClientError(result, {
        code: 'BAD_USER_INPUT',
        message: /^(after|before): is not a valid cursor for this list and ordering$/,
      });
    }
    expect((await agreementsPage({ first: 0 })).totalCount).toBe(33);
  });

  it('accepts a hand-made cursor that is valid, so the rejections above are about the values', async () => {
    const page = await agreementsPage({
      first: 2,
      orderBy: { field: 'SIGNED_ON' },
      after: encode(['agreement:SIGNED_ON:asc', '2024-02-16', 3]),
    });
    expect(page.edges.map((edge) => edge.node.reference)).toEqual(['UA-DK-2024', 'UA-IT-2024']);
  });

  it('rejects a cursor from another ordering of the same list', async () => {
    const bySignedOn = await agreementsPage({ first: 3, orderBy: { field: 'SIGNED_ON' } });
    const cursor = bySignedOn.pageInfo.endCursor!;
    // The same cursor works for the ordering it came from...
    const next = await agreementsPage({ first: 1, after: cursor, orderBy: { field: 'SIGNED_ON' } });
    expect(next.edges.map((edge) => edge.node.reference)).toEqual(['UA-DK-2024']);
    // ...and nowhere else: another field, the other direction.
    for (const orderBy of [{ field: 'TITLE' }, { field: 'ID' }, { field: 'SIGNED_ON', direction: 'DESC' }] as const) {
      const result = await t.execute(AgreementsPage, { first: 2, after: cursor, orderBy });
      expectClientError(result, {
        code: 'BAD_USER_INPUT',
        message: /^after: is not a valid cursor for this list and ordering$/,
      });
    }
  });

  it('rejects a cursor from another list', async () => {
    const partners = await t.execute(PartnersPage, { first: 1 });
    const partnerCursor = partners.data!.partners.pageInfo.endCursor!;
    const timeline = await t.execute(TimelinePage, { first: 1 });
    const timelineCursor = timeline.data!.timeline.pageInfo.endCursor!;

    expectClientError(await t.execute(AgreementsPage, { first: 2, after: partnerCursor }), {
      code: 'BAD_USER_INPUT',
      message: /^after: is not a valid cursor/,
    });
    expectClientError(await t.execute(TimelinePage, { last: 2, before: partnerCursor }), {
      code: 'BAD_USER_INPUT',
      message: /^before: is not a valid cursor/,
    });
    expectClientError(await t.execute(PartnersPage, { first: 2, after: timelineCursor }), {
      code: 'BAD_USER_INPUT',
      message: /^after: is not a valid cursor/,
    });
  });
});

const PageInfoInPart = graphql(`
  query PageInfoInPart {
    agreements(first: 100) {
      edges {
        node {
          reference
          lean: timeline(first: 1) { edges { node { reference } } }
          probed: timeline(first: 1) { pageInfo { ...HasNext } edges { node { reference } } }
          all: timeline(first: 100) { totalCount }
        }
      }
    }
    lastTwo: agreements(last: 2) { pageInfo { hasPreviousPage } edges { node { reference } } }
  }
  fragment HasNext on PageInfo { hasNextPage }
`);

// The row past a page is fetched only when hasNextPage or hasPreviousPage may be read; the same
// field without them, beside it in one query, is batched apart and still gives the same page.
describe('pageInfo asked for in part', () => {
  it('answers hasNextPage through a fragment beside a lean alias of the same nested list', async () => {
    const result = await t.execute(PageInfoInPart, {});
    expectOk(result);
    const agreements = result.data!.agreements.edges.map((edge) => edge.node);
    expect(agreements).toHaveLength(33);
    for (const agreement of agreements) {
      expect(agreement.lean.edges, agreement.reference!).toEqual(agreement.probed.edges);
      expect(agreement.probed.pageInfo.hasNextPage, agreement.reference!).toBe(agreement.all.totalCount > 1);
    }
    // Both answers occur, so neither could pass by a constant.
    expect(new Set(agreements.map((agreement) => agreement.probed.pageInfo.hasNextPage))).toEqual(
      new Set([true, false]),
    );
    expect(result.data!.lastTwo.edges).toHaveLength(2);
    expect(result.data!.lastTwo.pageInfo.hasPreviousPage).toBe(true);
  });
});
