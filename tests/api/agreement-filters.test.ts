/**
 * Every filter of Query.agreements, alone and combined, against facts of the seed data
 * (data/security-agreements.REPORT.md), and the mistakes a client can make with each.
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

const FilteredAgreements = graphql(`
  query FilteredAgreements($filter: AgreementFilter) {
    agreements(first: 100, filter: $filter) {
      totalCount
      edges { node { reference status signedOn countedInOfficialList classificationDisputed partner { code } } }
    }
  }
`);

async function references(filter: VariablesOf<typeof FilteredAgreements>['filter']) {
  const result = await t.execute(FilteredAgreements, { filter });
  expectOk(result);
  const { totalCount, edges } = result.data!.agreements;
  expect(edges).toHaveLength(totalCount);
  return edges.map((edge) => edge.node.reference);
}

it('returns all 33 agreements without a filter, and with an empty one', async () => {
  expect(await references(undefined)).toHaveLength(33);
  expect(await references({})).toHaveLength(33);
});

describe('status', () => {
  it('matches one status', async () => {
    expect(await references({ status: ['STALLED'] })).toEqual(['UA-BG-NEG']);
    expect(await references({ status: ['NEGOTIATING'] })).toEqual(['UA-ME-NEG', 'UA-MK-NEG', 'UA-US-2025-SG']);
    expect(await references({ status: ['SIGNED'] })).toHaveLength(29);
    expect(await references({ status: ['ABANDONED'] })).toEqual([]);
  });

  it('matches any of several statuses', async () => {
    expect(await references({ status: ['STALLED', 'NEGOTIATING'] })).toEqual([
      'UA-BG-NEG',
      'UA-ME-NEG',
      'UA-MK-NEG',
      'UA-US-2025-SG',
    ]);
  });

  it('treats an empty list as no filter', async () => {
    expect(await references({ status: [] })).toHaveLength(33);
  });
});

describe('partnerCode', () => {
  it('matches one or several partners; the US has two agreements', async () => {
    expect(await references({ partnerCode: ['US'] })).toEqual(['UA-US-2024', 'UA-US-2025-SG']);
    expect(await references({ partnerCode: ['GB', 'EU'] })).toEqual(['UA-GB-2024', 'UA-EU-2024']);
  });

  it('answers a long list the same, though a filter that long is not kept as a compiled statement', async () => {
    // 400 entries make the statement's shape name longer than pagination/page-statement.ts keeps.
    const long = Array.from({ length: 200 }, () => ['US', 'GB']).flat();
    expect(await references({ partnerCode: long })).toEqual(['UA-GB-2024', 'UA-US-2024', 'UA-US-2025-SG']);
    expect(await references({ partnerCode: long })).toEqual(['UA-GB-2024', 'UA-US-2024', 'UA-US-2025-SG']);
  });

  it('rejects a code no partner has, naming it', async () => {
    const result = await t.execute(FilteredAgreements, { filter: { partnerCode: ['US', 'ZZ'] } });
    expectClientError(result, { code: 'BAD_USER_INPUT', message: /^filter\.partnerCode: unknown partner code ZZ$/ });
    expect(result.data).toBeNull();
  });

  it('rejects a code that is not two capital letters before running anything', async () => {
    const result = await t.execute(FilteredAgreements, { filter: { partnerCode: ['us'] } });
    expectClientError(result, { message: /CountryCode must be two capital letters.*"us"/, status: 400 });
  });
});

describe('area', () => {
  it('matches agreements covering the area', async () => {
    expect(await references({ area: 'CHILDREN_RETURN' })).toEqual([
      'UA-CA-2024',
      'UA-PT-2024',
      'UA-LU-2024',
      'UA-IE-2024',
    ]);
    expect(await references({ area: 'VETERANS' })).toEqual(['UA-CA-2024', 'UA-HR-2024']);
    expect(await references({ area: 'CBRN' })).toEqual(['UA-PT-2024', 'UA-LT-2024']);
    expect(await references({ area: 'CYBER' })).toHaveLength(16);
  });
});

describe('membership', () => {
  it('matches agreements with partners in the group at signing', async () => {
    expect(await references({ membership: 'NORDIC' })).toEqual([
      'UA-DK-2024',
      'UA-FI-2024',
      'UA-SE-2024',
      'UA-IS-2024',
      'UA-NO-2024',
    ]);
    expect(await references({ membership: 'BALTIC' })).toEqual(['UA-LV-2024', 'UA-EE-2024', 'UA-LT-2024']);
    // All seven G7 states, the US twice.
    expect(await references({ membership: 'G7' })).toEqual([
      'UA-GB-2024',
      'UA-DE-2024',
      'UA-FR-2024',
      'UA-IT-2024',
      'UA-CA-2024',
      'UA-JP-2024',
      'UA-US-2024',
      'UA-US-2025-SG',
    ]);
  });

  it('never matches the EU itself, which has no memberships', async () => {
    for (const membership of ['NATO', 'EU', 'G7', 'NORDIC', 'BALTIC'] as const) {
      expect(await references({ membership })).not.toContain('UA-EU-2024');
    }
  });
});

describe('signedFrom / signedTo', () => {
  it('matches the five signings of February 2024', async () => {
    expect(await references({ signedFrom: '2024-02-01', signedTo: '2024-02-29' })).toEqual([
      'UA-DE-2024',
      'UA-FR-2024',
      'UA-DK-2024',
      'UA-IT-2024',
      'UA-CA-2024',
    ]);
  });

  it('includes both ends: the three Nordic signings of 31 May 2024', async () => {
    expect(await references({ signedFrom: '2024-05-31', signedTo: '2024-05-31' })).toEqual([
      'UA-SE-2024',
      'UA-IS-2024',
      'UA-NO-2024',
    ]);
  });

  it('is open-ended on either side and leaves out agreements not signed', async () => {
    expect(await references({ signedFrom: '2025-01-01' })).toEqual(['UA-AL-2025']);
    expect(await references({ signedTo: '2024-01-31' })).toEqual(['UA-GB-2024']);
    const signed = await references({ signedFrom: '2023-07-12' });
    expect(signed).toHaveLength(29);
    expect(signed).not.toContain('UA-BG-NEG');
  });

  it('rejects signedFrom after signedTo', async () => {
    const result = await t.execute(FilteredAgreements, {
      filter: { signedFrom: '2024-07-01', signedTo: '2024-06-01' },
    });
    expectClientError(result, {
      code: 'BAD_USER_INPUT',
      message: /^filter\.signedFrom: 2024-07-01 is after 2024-06-01$/,
    });
  });

  it.each([
    ['2024-02-30', /Date is not a real date: "2024-02-30"/],
    ['2023-02-29', /Date is not a real date: "2023-02-29"/],
    ['2024-1-5', /Date must be a calendar date YYYY-MM-DD: "2024-1-5"/],
    ['2024-06-13T00:00:00Z', /Date must be a calendar date YYYY-MM-DD/],
  ])('rejects %s as a validation error before anything runs', async (date, message) => {
    for (const filter of [{ signedFrom: date }, { signedTo: date }]) {
      const result = await t.execute(FilteredAgreements, { filter });
      expectClientError(result, { message, status: 400 });
      expect(result.data).toBeUndefined();
    }
  });

  it('accepts 29 February in a leap year', async () => {
    expect(await references({ signedFrom: '2024-02-29', signedTo: '2024-03-01' })).toEqual(['UA-NL-2024']);
  });
});

describe('search', () => {
  it('finds words in the place and notes', async () => {
    expect(await references({ search: 'Blenheim' })).toEqual(['UA-CZ-2024', 'UA-SI-2024']);
    expect(await references({ search: 'Stockholm' })).toEqual(['UA-SE-2024', 'UA-IS-2024', 'UA-NO-2024']);
    expect(await references({ search: 'kharkiv' })).toEqual(['UA-NL-2024']);
  });

  it('supports web search syntax: exclusion with a minus', async () => {
    expect(await references({ search: 'Stockholm -Iceland' })).toEqual(['UA-SE-2024', 'UA-NO-2024']);
  });

  it.each([
    `'; drop table agreements; --`,
    `" OR 1=1 --`,
    `%' or '1'='1`,
    `\\'); delete from partners; --`,
    `!:*&|()<->`,
  ])('treats SQL metacharacters as text: %s', async (search) => {
    expect(await references({ search })).toEqual([]);
    expect(await references({})).toHaveLength(33); // the table is still there
  });

  it('rejects a search longer than 200 characters, or blank, or holding a NUL', async () => {
    expectClientError(await t.execute(FilteredAgreements, { filter: { search: 'x'.repeat(201) } }), {
      code: 'BAD_USER_INPUT',
      message: /^filter\.search: is longer than 200 characters$/,
    });
    expectClientError(await t.execute(FilteredAgreements, { filter: { search: '   ' } }), {
      code: 'BAD_USER_INPUT',
      message: /^filter\.search: must not be blank$/,
    });
    expectClientError(await t.execute(FilteredAgreements, { filter: { search: 'Kyiv\u0000' } }), {
      code: 'BAD_USER_INPUT',
      message: /NUL character/,
      status: 400,
    });
  });
});

describe('countedInOfficialList', () => {
  it('reproduces the official count of 28 and the five outside it', async () => {
    expect(await references({ countedInOfficialList: true })).toHaveLength(28);
    expect(await references({ countedInOfficialList: false })).toEqual([
      'UA-HR-2024',
      'UA-BG-NEG',
      'UA-ME-NEG',
      'UA-MK-NEG',
      'UA-US-2025-SG',
    ]);
  });
});

describe('combined filters', () => {
  it('ANDs them: the one signed agreement outside the official list is Croatia, disputed', async () => {
    const result = await t.execute(FilteredAgreements, {
      filter: { status: ['SIGNED'], countedInOfficialList: false },
    });
    expectOk(result);
    expect(result.data!.agreements.edges.map((edge) => edge.node)).toEqual([
      {
        reference: 'UA-HR-2024',
        status: 'SIGNED',
        signedOn: '2024-10-09',
        countedInOfficialList: false,
        classificationDisputed: true,
        partner: { code: 'HR' },
      },
    ]);
  });

  it('ANDs membership, area and dates', async () => {
    expect(
      await references({ membership: 'NATO', area: 'MARITIME', signedFrom: '2024-05-01', signedTo: '2024-05-31' }),
    ).toEqual(['UA-ES-2024', 'UA-BE-2024', 'UA-PT-2024', 'UA-SE-2024', 'UA-NO-2024']);
    expect(await references({ partnerCode: ['US'], status: ['SIGNED'] })).toEqual(['UA-US-2024']);
    expect(await references({ partnerCode: ['BG'], search: 'Stockholm' })).toEqual([]);
  });
});
