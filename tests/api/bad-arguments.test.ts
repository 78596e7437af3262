/**
 * Bad arguments are answered with a clear message and a code, never a crash, a stack trace or SQL.
 * Per GraphQL over HTTP: variables that cannot be coerced are a request error, 400; a document
 * that fails validation is 400 for `application/graphql-response+json` and 200 for legacy
 * `application/json`; an error found while executing (unknown code, from > to) is 200 with data null.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { expectClientError, expectNoInternals } from '../support/errors';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const legacyJson = { accept: 'application/json' };

// Plain strings on purpose: typed documents would not let these wrong variables compile.
const AgreementsFirst = 'query ($first: Int) { agreements(first: $first) { totalCount } }';
const AgreementsFilter = 'query ($filter: AgreementFilter) { agreements(filter: $filter) { totalCount } }';

describe('wrong variable types', () => {
  it.each([
    [
      'a string for Int',
      AgreementsFirst,
      { first: 'five' },
      /^Variable "\$first" got invalid value "five"; Int cannot represent non-integer value: "five"$/,
    ],
    ['a float for Int', AgreementsFirst, { first: 2.5 }, /Int cannot represent non-integer value: 2\.5/],
    [
      'an Int past 32 bits',
      AgreementsFirst,
      { first: 2 ** 31 },
      /Int cannot represent non 32-bit signed integer value/,
    ],
    [
      'an object for a list',
      AgreementsFilter,
      { filter: { status: { SIGNED: true } } },
      /Variable "\$filter" got invalid value/,
    ],
    ['a number for a Date', AgreementsFilter, { filter: { signedFrom: 20240101 } }, /Date must be a string/],
    [
      'a number for a Boolean',
      AgreementsFilter,
      { filter: { countedInOfficialList: 1 } },
      /Boolean cannot represent a non boolean value: 1/,
    ],
    [
      'an unknown input field',
      AgreementsFilter,
      { filter: { colour: 'red' } },
      /Field "colour" is not defined by type "AgreementFilter"/,
    ],
  ])('rejects %s with 400, whatever the client accepts', async (_name, query, variables, message) => {
    for (const headers of [{}, legacyJson]) {
      const result = await t.execute(query, variables, headers);
      expectClientError(result, { message, status: 400 });
      expect(result.data).toBeUndefined();
    }
  });

  it('rejects a literal of the wrong type as a validation error: 400, or 200 for legacy JSON', async () => {
    const query = '{ agreements(first: "five") { totalCount } }';
    const expected = { code: 'GRAPHQL_VALIDATION_FAILED', message: /^Int cannot represent non-integer value: "five"$/ };
    expectClientError(await t.execute(query), { ...expected, status: 400 });
    expectClientError(await t.execute(query, {}, legacyJson), { ...expected, status: 200 });
  });
});

describe('unknown enum values', () => {
  it('rejects a literal, naming the enum', async () => {
    expectClientError(await t.execute('{ agreements(filter: { status: [DONE] }) { totalCount } }'), {
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /^Value "DONE" does not exist in "AgreementStatus" enum\.$/,
      status: 400,
    });
    expectClientError(await t.execute('{ partners(orderBy: { field: POPULATION }) { totalCount } }'), {
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /^Value "POPULATION" does not exist in "PartnerOrderField" enum\.$/,
      status: 400,
    });
  });

  it('rejects a variable, naming the enum and where in the input it is', async () => {
    expectClientError(await t.execute(AgreementsFilter, { filter: { status: ['SIGNED', 'signed'] } }), {
      message:
        /^Variable "\$filter" got invalid value "signed" at "filter\.status\[1\]"; Value "signed" does not exist in "AgreementStatus" enum\./,
      status: 400,
    });
    expectClientError(await t.execute(AgreementsFilter, { filter: { area: 'SPACE' } }), {
      message: /Value "SPACE" does not exist in "AgreementArea" enum/,
      status: 400,
    });
  });
});

describe('invalid dates', () => {
  it.each(['2024-02-30', '2024-13-01', '2024-00-10', '2023-02-29', '24-06-13', '2024/06/13', 'yesterday', ''])(
    'rejects %j as a Date',
    async (date) => {
      const result = await t.execute(AgreementsFilter, { filter: { signedFrom: date } });
      expectClientError(result, {
        message:
          /^Variable "\$filter" got invalid value .*; Date (is not a real date|must be a calendar date YYYY-MM-DD)/,
        status: 400,
      });
    },
  );

  it('rejects an invalid date literal before any resolver runs', async () => {
    expectClientError(await t.execute('{ timeline(filter: { from: "2024-02-30" }) { totalCount } }'), {
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /^Date is not a real date: "2024-02-30"$/,
      status: 400,
    });
  });
});

describe('unknown codes and inconsistent arguments', () => {
  it('rejects unknown partner codes by name, at 200 with data null', async () => {
    const result = await t.execute(AgreementsFilter, { filter: { partnerCode: ['XK', 'US', 'QQ'] } });
    expectClientError(result, {
      code: 'BAD_USER_INPUT',
      message: /^filter\.partnerCode: unknown partner code XK, QQ$/,
    });
    expect(result.data).toBeNull();
  });

  it('rejects a range that ends before it starts', async () => {
    expectClientError(
      await t.execute(AgreementsFilter, { filter: { signedFrom: '2025-01-01', signedTo: '2024-01-01' } }),
      {
        code: 'BAD_USER_INPUT',
        message: /^filter\.signedFrom: 2025-01-01 is after 2024-01-01$/,
      },
    );
  });

  it('rejects unknown arguments and fields', async () => {
    expectClientError(await t.execute('{ agreements(colour: RED) { totalCount } }'), {
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /^Unknown argument "colour" on field "Query\.agreements"\.$/,
      status: 400,
    });
    expectClientError(await t.execute('{ agreements { totalCount secret } }'), {
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /^Cannot query field "secret" on type "AgreementConnection"\./,
      status: 400,
    });
  });

  it('rejects a missing required argument', async () => {
    expectClientError(await t.execute('{ partner { name } }'), {
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /^Field "partner" argument "code" of type "CountryCode!" is required, but it was not provided\.$/,
      status: 400,
    });
  });
});

describe('nothing internal leaks', () => {
  it('answers every kind of bad request without a stack trace or SQL', async () => {
    const requests: Array<[string, Record<string, unknown>?]> = [
      ['{ agreements(first: 1000) { totalCount } }'],
      ['{ agreements(first: 1, last: 1) { totalCount } }'],
      ['{ agreements(after: "eyJ4IjoxfQ") { totalCount } }'],
      ['{ node(id: "QWdyZWVtZW50Om5vcGU=") { id } }'],
      ['{ agreement(id: "UGFydG5lcjpVUw==") { id } }'],
      [AgreementsFilter, { filter: { search: "'; drop table agreements; --" } }],
      [AgreementsFilter, { filter: { search: 'x\u0000' } }],
      [`{ agreements(filter: { search: "${'a'.repeat(300)}" }) { totalCount } }`],
      ['{ agreements(first: 1 { totalCount } }'],
      ['query Q { a: stats { totals { partners } } } query Q { b: stats { totals { partners } } }'],
    ];
    for (const [query, variables] of requests) {
      const result = await t.execute(query, variables);
      expect([200, 400], query).toContain(result.status);
      expectNoInternals(result);
      for (const error of result.errors ?? []) {
        expect(error.message, query).not.toBe('Unexpected error.');
        expect(error.extensions?.code, query).not.toBe('INTERNAL_SERVER_ERROR');
      }
    }
  });
});
