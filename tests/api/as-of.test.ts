/**
 * Any past date (issue 11 §3): the status history of every agreement, and `asOf` on agreement(s),
 * partner(s) and stats, against the dates of the seed data (data/security-agreements.json,
 * data/status-changes.json); a past-dated transition made through the API; bad dates.
 */
import type { VariablesOf } from '@graphql-typed-document-node/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../src/seed/seed';
import { graphql } from '../gql';
import { bearer, globalId, startTestApp, type TestApp } from '../support/app';
import { expectClientError, expectOk } from '../support/errors';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const StatsAsOf = graphql(`
  query StatsAsOf($asOf: Date) {
    stats(asOf: $asOf) {
      totals { partners agreements countedInOfficialList }
      byStatus { status count }
      byMembership { membership partners signed }
      signingsByMonth { month count }
    }
  }
`);

async function stats(asOf: string | null) {
  const result = await t.execute(StatsAsOf, { asOf });
  expectOk(result);
  return result.data!.stats;
}

const signed = async (asOf: string) => (await stats(asOf)).byStatus.find((row) => row.status === 'SIGNED')!.count;

const AgreementsAsOf = graphql(`
  query AgreementsAsOf(
    $asOf: Date
    $filter: AgreementFilter
    $orderBy: AgreementOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    agreements(asOf: $asOf, filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        node {
          id reference status signedOn
          expectedSigningWindow { from to label statedOn sources }
          partner { code }
        }
      }
    }
  }
`);

async function agreements(variables: VariablesOf<typeof AgreementsAsOf>) {
  const result = await t.execute(AgreementsAsOf, { first: 100, ...variables });
  expectOk(result);
  return result.data!.agreements;
}

const referencesOf = (connection: { edges: Array<{ node: { reference: string | null } }> }) =>
  connection.edges.map((edge) => edge.node.reference);

describe('stats as of a date', () => {
  it.each([
    ['2024-01-11', 0],
    ['2024-01-12', 1], // the United Kingdom
    ['2024-03-01', 7],
    ['2024-04-20', 9], // the day of the statement on the US, Norway, Sweden and a Baltic state
    ['2024-06-30', 20],
  ])('counts the agreements signed by the end of %s: %i', async (asOf, count) => {
    expect(await signed(asOf)).toBe(count);
  });

  it('counts what was on record on 20 April 2024, group by group', async () => {
    expect(await stats('2024-04-20')).toEqual({
      // The G7 members and the EU since the G7 declaration; Norway, Portugal by their named
      // starts; Sweden, Estonia, Lithuania first known on the day; the nine signatories.
      totals: { partners: 17, agreements: 17, countedInOfficialList: 17 },
      byStatus: [
        { status: 'NEGOTIATING', count: 8 },
        { status: 'STALLED', count: 0 },
        { status: 'SIGNED', count: 9 },
        { status: 'ABANDONED', count: 0 },
      ],
      byMembership: [
        { membership: 'BALTIC', partners: 3, signed: 1 },
        { membership: 'EU', partners: 11, signed: 7 },
        { membership: 'G7', partners: 7, signed: 5 },
        { membership: 'NATO', partners: 15, signed: 9 },
        { membership: 'NORDIC', partners: 4, signed: 2 },
      ],
      signingsByMonth: [
        { month: '2024-01', count: 1 },
        { month: '2024-02', count: 5 },
        { month: '2024-03', count: 1 },
        { month: '2024-04', count: 2 },
      ],
    });
  });

  it('counts nothing before anything was on record', async () => {
    expect(await stats('2023-07-11')).toEqual({
      totals: { partners: 0, agreements: 0, countedInOfficialList: 0 },
      byStatus: ['NEGOTIATING', 'STALLED', 'SIGNED', 'ABANDONED'].map((status) => ({ status, count: 0 })),
      byMembership: [],
      signingsByMonth: [],
    });
  });

  it('answers for today as without a date', async () => {
    expect(await stats(day(0))).toEqual(await stats(null));
  });
});

describe('agreements as of a date', () => {
  it('on 20 April 2024: nine signed, and the US, Norway, Sweden, Estonia and Lithuania expected', async () => {
    const signedThen = await agreements({ asOf: '2024-04-20', filter: { status: ['SIGNED'] } });
    expect(signedThen.totalCount).toBe(9);
    expect(referencesOf(signedThen)).toEqual([
      'UA-GB-2024',
      'UA-DE-2024',
      'UA-FR-2024',
      'UA-DK-2024',
      'UA-IT-2024',
      'UA-CA-2024',
      'UA-NL-2024',
      'UA-FI-2024',
      'UA-LV-2024',
    ]);

    const negotiating = await agreements({ asOf: '2024-04-20', filter: { status: ['NEGOTIATING'] } });
    const expected = negotiating.edges.filter((edge) => edge.node.expectedSigningWindow);
    expect(expected.map((edge) => [edge.node.partner.code, edge.node.expectedSigningWindow])).toEqual([
      ['SE', mayJune],
      ['NO', mayJune],
      ['US', mayJune],
      ['EE', april],
      ['LT', april],
    ]);
    // Negotiating too, with no window named: the G7's Japan and the EU, and Portugal.
    expect(negotiating.totalCount).toBe(8);
    expect(negotiating.edges.every((edge) => edge.node.status === 'NEGOTIATING' && edge.node.signedOn === null)).toBe(
      true,
    );
  });

  it('shows a window only once it was named and while it had not passed', async () => {
    const windowOf = async (asOf: string, partnerCode: string) =>
      (await agreements({ asOf, filter: { partnerCode: [partnerCode], status: ['NEGOTIATING'] } })).edges[0]?.node
        .expectedSigningWindow;
    expect(await windowOf('2024-04-19', 'US')).toBeNull(); // not named yet
    expect(await windowOf('2024-04-30', 'EE')).toEqual(april);
    expect(await windowOf('2024-05-01', 'EE')).toBeNull(); // April passed, Estonia unsigned
    expect(await windowOf('2024-06-12', 'US')).toEqual(mayJune);
  });

  it('gives status and signedOn as of the day, and leaves out what was not on record', async () => {
    const before = await agreements({ asOf: '2024-05-30', filter: { partnerCode: ['SE', 'IS'] } });
    expect(before.edges.map((edge) => [edge.node.reference, edge.node.status, edge.node.signedOn])).toEqual([
      ['UA-SE-2024', 'NEGOTIATING', null], // Iceland: no source before its signing
    ]);
    const after = await agreements({ asOf: '2024-05-31', filter: { partnerCode: ['SE', 'IS'] } });
    expect(after.edges.map((edge) => [edge.node.reference, edge.node.status, edge.node.signedOn])).toEqual([
      ['UA-SE-2024', 'SIGNED', '2024-05-31'],
      ['UA-IS-2024', 'SIGNED', '2024-05-31'],
    ]);
  });

  it('applies every filter to the state of the day', async () => {
    // Signed in a range: only what was signed by the day counts.
    const signedLate = await agreements({
      asOf: '2024-03-01',
      filter: { signedFrom: '2024-02-20', signedTo: '2024-12-31' },
    });
    expect(referencesOf(signedLate)).toEqual(['UA-DK-2024', 'UA-IT-2024', 'UA-CA-2024', 'UA-NL-2024']);
    // A membership: Nordic partners on record on 20 April 2024 (Iceland was not yet).
    const nordic = await agreements({ asOf: '2024-04-20', filter: { membership: 'NORDIC' } });
    expect(nordic.edges.map((edge) => [edge.node.partner.code, edge.node.status])).toEqual([
      ['DK', 'SIGNED'],
      ['FI', 'SIGNED'],
      ['SE', 'NEGOTIATING'],
      ['NO', 'NEGOTIATING'],
    ]);
    expect(nordic.totalCount).toBe(4);
    // Words: the place of the British signing, on record (negotiating) since the G7 declaration.
    const mariinskyi = await agreements({ asOf: '2024-01-11', filter: { search: 'Mariinskyi' } });
    expect(mariinskyi.edges.map((edge) => [edge.node.reference, edge.node.status])).toEqual([
      ['UA-GB-2024', 'NEGOTIATING'],
    ]);
    expect((await agreements({ asOf: '2023-07-11', filter: { search: 'Mariinskyi' } })).totalCount).toBe(0);
  });

  it('pages through the state of the day, forward and backward, ordered by its signing dates', async () => {
    const variables = {
      asOf: '2024-06-30',
      filter: { status: ['SIGNED' as const] },
      orderBy: { field: 'SIGNED_ON' as const, direction: 'DESC' as const },
    };
    const whole = await agreements(variables);
    expect(whole.totalCount).toBe(20);
    const dates = whole.edges.map((edge) => edge.node.signedOn!);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toBe('2024-06-27');

    const forward: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const connection = await agreements({ ...variables, first: 6, after });
      expect(connection.totalCount).toBe(20);
      forward.push(...connection.edges.map((edge) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(forward).toEqual(whole.edges.map((edge) => edge.node.id));

    const lastPage = await agreements({ ...variables, first: undefined, last: 3 });
    expect(lastPage.edges.map((edge) => edge.node.id)).toEqual(forward.slice(-3));
    const beforeIt = await agreements({
      ...variables,
      first: undefined,
      last: 3,
      before: lastPage.pageInfo.startCursor,
    });
    expect(beforeIt.edges.map((edge) => edge.node.id)).toEqual(forward.slice(-6, -3));
    expect(beforeIt.pageInfo.hasPreviousPage).toBe(true);
  });
});

const mayJune = {
  from: '2024-05-01',
  to: '2024-06-30',
  label: 'May–June 2024',
  statedOn: '2024-04-20',
  sources: expect.arrayContaining(['https://www.pravda.com.ua/eng/news/2024/04/20/7452154/']),
};
const april = { ...mayJune, from: '2024-04-01', to: '2024-04-30', label: 'April 2024 ("one of the Baltic countries")' };

const AgreementAsOf = graphql(`
  query AgreementAsOf($id: ID!, $asOf: Date) {
    agreement(id: $id, asOf: $asOf) {
      reference status signedOn
      partner { code agreements { totalCount edges { node { reference status } } } }
      statusHistory { status effectiveDate cursor inferred sources }
    }
  }
`);

async function agreementIdOf(reference: string): Promise<number> {
  const { rows } = await sql<{ id: number }>`select id from agreements where reference = ${reference}`.execute(
    t.db.database.db,
  );
  return rows[0]!.id;
}

async function agreementAsOf(reference: string, asOf: string | null) {
  const result = await t.execute(AgreementAsOf, { id: globalId('Agreement', await agreementIdOf(reference)), asOf });
  expectOk(result);
  return result.data!.agreement;
}

describe('one agreement, one partner, as of a date', () => {
  it('is null before the agreement was on record', async () => {
    expect(await agreementAsOf('UA-SE-2024', '2024-04-19')).toBeNull();
    expect(await agreementAsOf('UA-SE-2024', '2024-04-20')).toMatchObject({ status: 'NEGOTIATING', signedOn: null });
  });

  it("lists the partner's agreements as of the same day, and its history up to it", async () => {
    const us = await agreementAsOf('UA-US-2024', '2024-06-12');
    expect(us).toMatchObject({
      status: 'NEGOTIATING',
      signedOn: null,
      // The 2025 guarantees document was not yet on record.
      partner: {
        code: 'US',
        agreements: { totalCount: 1, edges: [{ node: { reference: 'UA-US-2024', status: 'NEGOTIATING' } }] },
      },
    });
    expect(us!.statusHistory.map((record) => [record.status, record.effectiveDate])).toEqual([
      ['NEGOTIATING', '2023-07-12'],
    ]);
    // The same day however deep: a partner loaded for an agreement of a partner read as of it.
    const deep = await t.execute(
      graphql(`
        query DeepAsOf($asOf: Date) {
          partner(code: "US", asOf: $asOf) {
            agreements { edges { node { status partner { agreements { totalCount edges { node { status } } } } } } }
          }
        }
      `),
      { asOf: '2024-06-12' },
    );
    expectOk(deep);
    expect(deep.data!.partner!.agreements.edges).toEqual([
      {
        node: {
          status: 'NEGOTIATING',
          partner: { agreements: { totalCount: 1, edges: [{ node: { status: 'NEGOTIATING' } }] } },
        },
      },
    ]);
  });

  it('finds a partner only once one of its agreements is on record', async () => {
    const PartnerAsOf = graphql(`
      query PartnerAsOf($code: CountryCode!, $asOf: Date) {
        partner(code: $code, asOf: $asOf) { code agreements { edges { node { status signedOn } } } }
        partners(asOf: $asOf, first: 100) { totalCount edges { node { code } } }
      }
    `);
    const before = await t.execute(PartnerAsOf, { code: 'SE', asOf: '2024-04-19' });
    expectOk(before);
    expect(before.data!.partner).toBeNull();
    expect(before.data!.partners.edges.map((edge) => edge.node.code)).not.toContain('SE');

    const after = await t.execute(PartnerAsOf, { code: 'SE', asOf: '2024-05-31' });
    expectOk(after);
    expect(after.data!.partner).toEqual({
      code: 'SE',
      agreements: { edges: [{ node: { status: 'SIGNED', signedOn: '2024-05-31' } }] },
    });

    const g7Day = await t.execute(PartnerAsOf, { code: 'GB', asOf: '2023-07-12' });
    expectOk(g7Day);
    expect(g7Day.data!.partners.totalCount).toBe(8);
    expect(g7Day.data!.partners.edges.map((edge) => edge.node.code)).toEqual([
      'CA',
      'DE',
      'EU',
      'FR',
      'GB',
      'IT',
      'JP',
      'US',
    ]);
  });
});

describe('statusHistory', () => {
  const Histories = graphql(`
    query Histories {
      agreements(first: 100) {
        edges { node { reference status signedOn statusHistory { status effectiveDate cursor inferred sources } } }
      }
    }
  `);

  it('gives every seeded agreement the history its sources support, ending in its status', async () => {
    const result = await t.execute(Histories, {});
    expectOk(result);
    const byReference = new Map(result.data!.agreements.edges.map(({ node }) => [node.reference, node]));
    for (const node of byReference.values()) {
      const history = node.statusHistory;
      expect(history.length, node.reference!).toBeGreaterThan(0);
      expect(history.at(-1)!.status, node.reference!).toBe(node.status);
      const dates = history.map((record) => record.effectiveDate);
      expect(dates, node.reference!).toEqual([...dates].sort());
      if (node.signedOn) expect(history.at(-1)!.effectiveDate).toBe(node.signedOn);
      for (const record of history) {
        expect(record.cursor).toBeNull();
        expect(record.sources.length, `${node.reference} ${record.status}`).toBeGreaterThan(0);
      }
    }
    // A negotiation start named by a source: the G7 declaration, then the signing.
    expect(byReference.get('UA-GB-2024')!.statusHistory).toEqual([
      {
        status: 'NEGOTIATING',
        effectiveDate: '2023-07-12',
        cursor: null,
        inferred: false,
        sources: expect.arrayContaining(['https://pravda.com.ua/eng/news/2023/07/12/7411019']),
      },
      {
        status: 'SIGNED',
        effectiveDate: '2024-01-12',
        cursor: null,
        inferred: false,
        sources: expect.arrayContaining(['https://www.pravda.com.ua/eng/news/2024/01/12/7436957/']),
      },
    ]);
    // Only the first known state: Sweden in Zelensky's statement of 20 April 2024.
    expect(byReference.get('UA-SE-2024')!.statusHistory.map((record) => [record.status, record.inferred])).toEqual([
      ['NEGOTIATING', true],
      ['SIGNED', false],
    ]);
    // Named in the agreement notes: talks with Norway formally opened on 26 February 2024.
    expect(byReference.get('UA-NO-2024')!.statusHistory[0]).toMatchObject({
      effectiveDate: '2024-02-26',
      inferred: false,
      sources: ['https://unn.ua/en/news/ukraine-starts-negotiations-with-norway-on-a-security-agreement'],
    });
    // Bulgaria: talks, then the signing that did not take place.
    expect(byReference.get('UA-BG-NEG')!.statusHistory.map((record) => [record.status, record.effectiveDate])).toEqual([
      ['NEGOTIATING', '2024-10-25'],
      ['STALLED', '2024-12-19'],
    ]);
    // Nothing dates Iceland's talks: its history starts with its signing.
    expect(byReference.get('UA-IS-2024')!.statusHistory.map((record) => record.status)).toEqual(['SIGNED']);
  });

  it('is not added to again when the seed runs again', async () => {
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from agreement_status_history`.execute(t.db.database.db))
        .rows[0]!.n;
    const before = await count();
    await seed(t.db.database.db);
    expect(await count()).toBe(before);
  });
});

const Transition = graphql(`
  mutation HistoryTransition($input: TransitionAgreementInput!) {
    transitionAgreement(input: $input) {
      __typename
      ... on AgreementStatusChange { cursor agreement { version } }
      ... on InvalidInputError { field message }
    }
  }
`);

const CreateForHistory = graphql(`
  mutation CreateForHistory($input: CreateAgreementInput!) {
    createAgreement(input: $input) {
      ... on AgreementPayload { agreement { id version statusHistory { status effectiveDate inferred cursor } } }
    }
  }
`);

describe('a transition made through the API with a past effective date', () => {
  it('records a history row with its cursor, which answers for the days after it', async () => {
    const id = globalId('Agreement', await agreementIdOf('UA-MK-NEG'));
    const version = (await t.execute<any>(`{ agreement(id: "${id}") { version } }`)).data.agreement.version;
    const result = await t.execute(
      Transition,
      {
        input: {
          id,
          to: 'STALLED',
          expectedVersion: version,
          effectiveDate: '2025-02-01',
          sources: ['https://example.org/mk-stalled'],
        },
      },
      await bearer('editor'),
    );
    expectOk(result);
    const change = result.data!.transitionAgreement;
    expect(change.__typename).toBe('AgreementStatusChange');

    const now = await agreementAsOf('UA-MK-NEG', null);
    expect(now!.statusHistory).toEqual([
      expect.objectContaining({ status: 'NEGOTIATING', effectiveDate: '2024-06-29', cursor: null, inferred: true }),
      {
        status: 'STALLED',
        effectiveDate: '2025-02-01',
        cursor: change.__typename === 'AgreementStatusChange' ? change.cursor : 'missing',
        inferred: false,
        sources: ['https://example.org/mk-stalled'],
      },
    ]);
    expect(await agreementAsOf('UA-MK-NEG', '2025-01-31')).toMatchObject({ status: 'NEGOTIATING' });
    expect(await agreementAsOf('UA-MK-NEG', '2025-02-01')).toMatchObject({ status: 'STALLED' });
    const stalledThen = await agreements({ asOf: '2025-02-01', filter: { status: ['STALLED'] } });
    expect(referencesOf(stalledThen)).toEqual(['UA-BG-NEG', 'UA-MK-NEG']);
    expect(await stats(day(0))).toEqual(await stats(null));
  });

  it('refuses a date before a dated change already recorded, and changes nothing', async () => {
    const id = globalId('Agreement', await agreementIdOf('UA-ME-NEG'));
    const before = await agreementAsOf('UA-ME-NEG', null);
    const result = await t.execute(
      Transition,
      { input: { id, to: 'SIGNED', expectedVersion: 1, effectiveDate: '2024-08-29' } },
      await bearer('editor'),
    );
    expectOk(result);
    expect(result.data!.transitionAgreement).toEqual({
      __typename: 'InvalidInputError',
      field: 'effectiveDate',
      message: 'effectiveDate: 2024-08-29 is before 2024-08-30, when the agreement became NEGOTIATING',
    });
    expect(await agreementAsOf('UA-ME-NEG', null)).toEqual(before);
  });

  it('moves the first known state of an agreement recorded today back to the change', async () => {
    const created = await t.execute(
      CreateForHistory,
      { input: { partnerCode: 'MK', title: 'History test agreement', sources: ['https://example.org/created'] } },
      await bearer('editor'),
    );
    expectOk(created);
    const agreement = (created.data!.createAgreement as { agreement: any }).agreement;
    expect(agreement.statusHistory).toEqual([
      { status: 'NEGOTIATING', effectiveDate: day(0), inferred: true, cursor: null },
    ]);

    const signing = await t.execute(
      Transition,
      { input: { id: agreement.id, to: 'SIGNED', expectedVersion: 1, effectiveDate: '2024-03-15' } },
      await bearer('editor'),
    );
    expectOk(signing);
    expect(signing.data!.transitionAgreement.__typename).toBe('AgreementStatusChange');
    const history = await t.execute<any>(
      `query ($id: ID!) { agreement(id: $id) { statusHistory { status effectiveDate inferred } } }`,
      { id: agreement.id },
    );
    expect(history.data.agreement.statusHistory).toEqual([
      { status: 'NEGOTIATING', effectiveDate: '2024-03-15', inferred: true },
      { status: 'SIGNED', effectiveDate: '2024-03-15', inferred: false },
    ]);
    expect(await signed('2024-03-14')).toBe(7);
    expect(await signed('2024-03-15')).toBe(8);
  });

  it('records nothing when the transition fails inside its transaction', async () => {
    const created = await t.execute(
      CreateForHistory,
      { input: { partnerCode: 'ME', title: 'History rollback test' } },
      await bearer('editor'),
    );
    const agreement = (created.data!.createAgreement as { agreement: any }).agreement;
    // Passes the service's checks; the timeline event's CHECK (no event before independence) fails.
    const failed = await t.execute(
      Transition,
      { input: { id: agreement.id, to: 'STALLED', expectedVersion: 1, effectiveDate: '1990-01-01' } },
      await bearer('editor'),
    );
    expect(failed.data!.transitionAgreement.__typename).toBe('InvalidInputError');
    const history = await t.execute<any>(
      `query ($id: ID!) { agreement(id: $id) { version statusHistory { status effectiveDate } } }`,
      {
        id: agreement.id,
      },
    );
    expect(history.data.agreement).toEqual({
      version: 1,
      statusHistory: [{ status: 'NEGOTIATING', effectiveDate: day(0) }],
    });
  });
});

describe('bad dates', () => {
  it('refuses a day that has not ended, in every field that takes asOf', async () => {
    const tomorrow = day(1);
    for (const query of [
      `{ stats(asOf: "${tomorrow}") { totals { agreements } } }`,
      `{ agreements(asOf: "${tomorrow}") { totalCount } }`,
      `{ partners(asOf: "${tomorrow}") { totalCount } }`,
      `{ partner(code: "GB", asOf: "${tomorrow}") { code } }`,
      `{ agreement(id: "${globalId('Agreement', 1)}", asOf: "${tomorrow}") { id } }`,
    ]) {
      const result = await t.execute(query);
      expectClientError(result, { code: 'BAD_USER_INPUT', message: /^asOf: .* is in the future/ });
    }
    expectOk(await t.execute(`{ stats(asOf: "${day(0)}") { totals { agreements } } }`));
  });

  it.each([
    ['2024-02-30', /Date is not a real date/],
    ['2024-4-20', /Date must be a calendar date YYYY-MM-DD/],
    ['20 April 2024', /Date must be a calendar date YYYY-MM-DD/],
    ['99999-01-01', /Date must be a calendar date YYYY-MM-DD/],
  ])('refuses %s as a date, written in the query or passed as a variable', async (asOf, message) => {
    expectClientError(await t.execute(`{ stats(asOf: "${asOf}") { totals { agreements } } }`), {
      code: 'GRAPHQL_VALIDATION_FAILED',
      message,
      status: 400,
    });
    expectClientError(await t.execute(StatsAsOf, { asOf }), { code: 'BAD_USER_INPUT', message, status: 400 });
  });

  it('refuses a number as a date', async () => {
    expectClientError(await t.execute(StatsAsOf, { asOf: 20240420 as unknown as string }), {
      code: 'BAD_USER_INPUT',
      message: /Date must be a string/,
      status: 400,
    });
  });

  it('answers a day before anything was recorded with nothing', async () => {
    const early = await agreements({ asOf: '1991-08-24' });
    expect(early.totalCount).toBe(0);
    expect(early.edges).toEqual([]);
  });
});
