/** Query.partners filters (kind, membership, search) and Query.partner(code:). */
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

const FilteredPartners = graphql(`
  query FilteredPartners($filter: PartnerFilter) {
    partners(first: 100, filter: $filter) {
      totalCount
      edges { node { code name kind memberships } }
    }
  }
`);

const PartnerByCode = graphql(`
  query PartnerByCode($code: CountryCode!) {
    partner(code: $code) { code name kind memberships membershipsAsOf }
  }
`);

async function codes(filter: VariablesOf<typeof FilteredPartners>['filter']) {
  const result = await t.execute(FilteredPartners, { filter });
  expectOk(result);
  const { totalCount, edges } = result.data!.partners;
  expect(edges).toHaveLength(totalCount);
  return edges.map((edge) => edge.node.code);
}

describe('kind', () => {
  it('separates the one organisation (the EU) from the 31 states', async () => {
    expect(await codes({ kind: 'ORGANISATION' })).toEqual(['EU']);
    const states = await codes({ kind: 'STATE' });
    expect(states).toHaveLength(31);
    expect(states).not.toContain('EU');
  });
});

describe('membership', () => {
  it('matches the groups at signing', async () => {
    expect(await codes({ membership: 'NORDIC' })).toEqual(['DK', 'FI', 'IS', 'NO', 'SE']);
    expect(await codes({ membership: 'BALTIC' })).toEqual(['EE', 'LT', 'LV']);
    expect(await codes({ membership: 'G7' })).toEqual(['CA', 'DE', 'FR', 'GB', 'IT', 'JP', 'US']);
    expect(await codes({ membership: 'EU' })).toHaveLength(22);
    const nato = await codes({ membership: 'NATO' });
    expect(nato).toHaveLength(29);
    // Sweden joined NATO on 2024-03-07, before it signed; Japan and Ireland are not members.
    expect(nato).toContain('SE');
    expect(nato).not.toContain('JP');
    expect(nato).not.toContain('IE');
  });

  it('combines with kind', async () => {
    expect(await codes({ kind: 'ORGANISATION', membership: 'EU' })).toEqual([]);
    expect(await codes({ kind: 'STATE', membership: 'BALTIC' })).toEqual(['EE', 'LT', 'LV']);
  });
});

describe('search', () => {
  it('is a case-insensitive substring of the name', async () => {
    expect(await codes({ search: 'united' })).toEqual(['GB', 'US']);
    expect(await codes({ search: 'LAND' })).toEqual(['FI', 'IE', 'IS', 'NL', 'PL']);
    expect(await codes({ search: 'macedonia' })).toEqual(['MK']);
  });

  it('treats LIKE wildcards and SQL as plain text', async () => {
    for (const search of ['%', '_', '\\', "'; drop table partners; --", 'Fin%land']) {
      expect(await codes({ search })).toEqual([]);
    }
    expect(await codes({})).toHaveLength(32);
  });

  it('combines with kind and membership', async () => {
    expect(await codes({ search: 'ia', membership: 'EU' })).toEqual(
      ['BG', 'CZ', 'EE', 'HR', 'LV', 'LT', 'RO', 'SI'].sort(),
    );
  });

  it('rejects a search longer than 200 characters or holding a NUL', async () => {
    expectClientError(await t.execute(FilteredPartners, { filter: { search: 'a'.repeat(201) } }), {
      code: 'BAD_USER_INPUT',
      message: /^filter\.search: is longer than 200 characters$/,
    });
    expectClientError(await t.execute(FilteredPartners, { filter: { search: 'a\u0000' } }), {
      code: 'BAD_USER_INPUT',
      message: /NUL character/,
      status: 400,
    });
  });
});

describe('partner(code:)', () => {
  it('finds a partner by its ISO code', async () => {
    const result = await t.execute(PartnerByCode, { code: 'SE' });
    expectOk(result);
    expect(result.data!.partner).toEqual({
      code: 'SE',
      name: 'Sweden',
      kind: 'STATE',
      memberships: ['NATO', 'EU', 'NORDIC'],
      membershipsAsOf: '2024-05-31',
    });
  });

  it('gives the EU no memberships', async () => {
    const result = await t.execute(PartnerByCode, { code: 'EU' });
    expect(result.data!.partner).toMatchObject({
      code: 'EU',
      name: 'European Union',
      kind: 'ORGANISATION',
      memberships: [],
    });
  });

  it('answers null, without an error, for a well-formed code no partner has', async () => {
    const result = await t.execute(PartnerByCode, { code: 'ZZ' });
    expectOk(result);
    expect(result.data!.partner).toBeNull();
  });

  it('rejects a malformed code as a validation error', async () => {
    for (const code of ['se', 'SWE', 'S', '12']) {
      expectClientError(await t.execute(PartnerByCode, { code }), {
        message: /CountryCode must be two capital letters \(ISO 3166-1 alpha-2\)/,
        status: 400,
      });
    }
  });
});
