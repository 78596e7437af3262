/** Query.stats against the seed data, each figure checked against data/security-agreements.json. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../gql';
import { startTestApp, type TestApp } from '../support/app';
import { expectOk } from '../support/errors';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const dataset = JSON.parse(readFileSync(new URL('../../data/security-agreements.json', import.meta.url), 'utf8')) as {
  agreements: Array<{ signing_date: string | null }>;
};

const Stats = graphql(`
  query Stats {
    stats {
      totals { partners agreements countedInOfficialList }
      byStatus { status count }
      byMembership { membership partners signed }
      signingsByMonth { month count }
    }
  }
`);

const TotalsOnly = graphql(`
  query StatsTotalsOnly {
    stats { totals { agreements } }
  }
`);

it('counts 32 partners, 33 agreements, 28 in the official list', async () => {
  const result = await t.execute(Stats, {});
  expectOk(result);
  expect(result.data!.stats.totals).toEqual({ partners: 32, agreements: 33, countedInOfficialList: 28 });
});

it('counts by status: 29 signed (Croatia included), 1 stalled (Bulgaria), 3 negotiating', async () => {
  const result = await t.execute(Stats, {});
  expect(result.data!.stats.byStatus).toEqual([
    { status: 'NEGOTIATING', count: 3 },
    { status: 'STALLED', count: 1 },
    { status: 'SIGNED', count: 29 },
    { status: 'ABANDONED', count: 0 },
  ]);
});

it('counts partners and signed agreements per group', async () => {
  const result = await t.execute(Stats, {});
  expect(result.data!.stats.byMembership).toEqual([
    { membership: 'BALTIC', partners: 3, signed: 3 },
    // Bulgaria did not sign; Croatia did.
    { membership: 'EU', partners: 22, signed: 21 },
    { membership: 'G7', partners: 7, signed: 7 },
    // Bulgaria, Montenegro and North Macedonia have not signed.
    { membership: 'NATO', partners: 29, signed: 26 },
    { membership: 'NORDIC', partners: 5, signed: 5 },
  ]);
});

it('counts signings by month: five in February 2024, six in May 2024', async () => {
  const result = await t.execute(Stats, {});
  const months = result.data!.stats.signingsByMonth;
  expect(months).toEqual([
    { month: '2024-01', count: 1 },
    { month: '2024-02', count: 5 },
    { month: '2024-03', count: 1 },
    { month: '2024-04', count: 2 },
    { month: '2024-05', count: 6 },
    { month: '2024-06', count: 5 },
    { month: '2024-07', count: 5 },
    { month: '2024-09', count: 1 },
    { month: '2024-10', count: 2 },
    { month: '2025-01', count: 1 },
  ]);
  // The same figures straight from the dataset.
  const fromData = new Map<string, number>();
  for (const { signing_date } of dataset.agreements) {
    if (signing_date) fromData.set(signing_date.slice(0, 7), (fromData.get(signing_date.slice(0, 7)) ?? 0) + 1);
  }
  expect(Object.fromEntries(months.map(({ month, count }) => [month, count]))).toEqual(Object.fromEntries(fromData));
  expect(months.reduce((sum, { count }) => sum + count, 0)).toBe(29);
});

it('answers only the fields selected', async () => {
  const result = await t.execute(TotalsOnly, {});
  expectOk(result);
  expect(result.data).toEqual({ stats: { totals: { agreements: 33 } } });
});
