/**
 * Arguments a client controls, as data: wrong types, unknown enum values, out-of-range integers,
 * impossible dates, bad page sizes, forged cursors and IDs, and SQL metacharacters in every string
 * the API reads. Each must get a 4xx or a typed GraphQL error with no stack trace or database
 * message, and none may write anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, globalId, startTestApp, type TestApp } from '../support/app';
import { databaseSnapshot } from '../support/committed';
import { expectNoLeak, expectRefusal } from '../support/errors';
import { type HttpAnswer, post } from '../support/http';

let t: TestApp;
let editor: Record<string, string>;
let before: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  editor = await bearer('editor');
  before = await databaseSnapshot(t);
});
afterAll(() => t.close());

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOTAL = '{ totalCount }';

interface InputCase {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Codes any of which is acceptable; a bare 4xx without a code is not. */
  codes: readonly string[];
  /** Sent with an editor token (mutations). */
  write?: boolean;
}

const VALIDATION = 'GRAPHQL_VALIDATION_FAILED';
const INPUT = 'BAD_USER_INPUT';

const typed: InputCase[] = [
  // Unknown enum values
  { name: 'enum literal', query: `{ agreements(filter: { status: [DONE] }) ${TOTAL} }`, codes: [VALIDATION] },
  {
    name: 'enum variable',
    query: `query($s: [AgreementStatus!]) { agreements(filter: { status: $s }) ${TOTAL} }`,
    variables: { s: ['DONE'] },
    codes: [INPUT],
  },
  {
    name: 'enum given as a string literal',
    query: `{ agreements(filter: { status: ["SIGNED"] }) ${TOTAL} }`,
    codes: [VALIDATION],
  },
  {
    name: 'enum variable in lower case',
    query: `query($k: PartnerKind) { partners(filter: { kind: $k }) ${TOTAL} }`,
    variables: { k: 'state' },
    codes: [INPUT],
  },
  {
    name: 'order field unknown',
    query: `query($o: AgreementOrder) { agreements(orderBy: $o) ${TOTAL} }`,
    variables: { o: { field: 'PASSWORD' } },
    codes: [INPUT],
  },
  // Integers
  { name: 'first = 2^31 literal', query: `{ agreements(first: 2147483648) ${TOTAL} }`, codes: [VALIDATION] },
  {
    name: 'first = 2^31 variable',
    query: `query($n: Int) { agreements(first: $n) ${TOTAL} }`,
    variables: { n: 2 ** 31 },
    codes: [INPUT],
  },
  {
    name: 'first = -2^31 - 1 variable',
    query: `query($n: Int) { agreements(first: $n) ${TOTAL} }`,
    variables: { n: -(2 ** 31) - 1 },
    codes: [INPUT],
  },
  {
    name: 'first = 1e100',
    query: `query($n: Int) { agreements(first: $n) ${TOTAL} }`,
    variables: { n: 1e100 },
    codes: [INPUT],
  },
  {
    name: 'first = 1.5',
    query: `query($n: Int) { agreements(first: $n) ${TOTAL} }`,
    variables: { n: 1.5 },
    codes: [INPUT],
  },
  {
    name: 'first = "10"',
    query: `query($n: Int) { agreements(first: $n) ${TOTAL} }`,
    variables: { n: '10' },
    codes: [INPUT],
  },
  {
    name: 'first = true',
    query: `query($n: Int) { agreements(first: $n) ${TOTAL} }`,
    variables: { n: true },
    codes: [INPUT],
  },
  {
    name: 'expectedVersion = 2^53',
    query:
      'mutation($v: Int!) { transitionAgreement(input: { id: "QWdyZWVtZW50OjE=", expectedVersion: $v, to: STALLED }) { __typename } }',
    variables: { v: 2 ** 53 },
    codes: [INPUT],
    write: true,
  },
  // Page sizes
  { name: 'first = -1', query: `{ agreements(first: -1) ${TOTAL} }`, codes: [INPUT] },
  { name: 'last = -5', query: `{ partners(last: -5) ${TOTAL} }`, codes: [INPUT] },
  { name: 'first = 101 (over MAX_PAGE_SIZE)', query: `{ partners(first: 101) ${TOTAL} }`, codes: [INPUT] },
  { name: 'first = 2^31 - 1', query: `{ timeline(first: 2147483647) ${TOTAL} }`, codes: [INPUT] },
  {
    name: 'nested first = 1000',
    query: `{ partners(first: 2) { edges { node { agreements(first: 1000) ${TOTAL} } } } }`,
    codes: [INPUT],
  },
  { name: 'first and last together', query: `{ agreements(first: 2, last: 2) ${TOTAL} }`, codes: [INPUT] },
  // Dates
  ...[
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '0000-00-00',
    '2024-1-1',
    '2024-02-29T00:00:00Z',
    '99999-01-01',
    '',
    'yesterday',
    '2024-06-31',
  ].map(
    (date): InputCase => ({
      name: `date "${date}"`,
      query: `query($d: Date) { agreements(filter: { signedFrom: $d }) ${TOTAL} }`,
      variables: { d: date },
      codes: [INPUT],
    }),
  ),
  {
    name: 'date literal 2024-02-30',
    query: `{ timeline(filter: { from: "2024-02-30" }) ${TOTAL} }`,
    codes: [VALIDATION],
  },
  {
    name: 'date as a number',
    query: `query($d: Date) { timeline(filter: { to: $d }) ${TOTAL} }`,
    variables: { d: 20240101 },
    codes: [INPUT],
  },
  {
    name: 'impossible date in a mutation',
    query:
      'mutation($d: Date!) { addTimelineEvent(input: { kind: STATEMENT, title: "x", occurredOn: $d, sources: ["https://example.org"] }) { __typename } }',
    variables: { d: '2025-02-29' },
    codes: [INPUT],
    write: true,
  },
  // Wrong JSON types for inputs
  {
    name: 'filter is a string',
    query: `query($f: AgreementFilter) { agreements(filter: $f) ${TOTAL} }`,
    variables: { f: 'status=SIGNED' },
    codes: [INPUT],
  },
  {
    name: 'filter has an unknown field',
    query: `query($f: AgreementFilter) { agreements(filter: $f) ${TOTAL} }`,
    variables: { f: { status: ['SIGNED'], isAdmin: true } },
    codes: [INPUT],
  },
  {
    name: 'list given an object',
    query: `query($s: [AgreementStatus!]) { agreements(filter: { status: $s }) ${TOTAL} }`,
    variables: { s: { 0: 'SIGNED' } },
    codes: [INPUT],
  },
  {
    name: 'non-null variable missing',
    query: 'query($id: ID!) { agreement(id: $id) { id } }',
    variables: {},
    codes: [INPUT],
  },
  {
    name: 'non-null variable null',
    query: 'query($id: ID!) { agreement(id: $id) { id } }',
    variables: { id: null },
    codes: [INPUT],
  },
  {
    name: 'ID as an object',
    query: 'query($id: ID!) { agreement(id: $id) { id } }',
    variables: { id: { $ne: null } },
    codes: [INPUT],
  },
  {
    name: 'URL with javascript:',
    query:
      'mutation($u: URL!) { createPartner(input: { code: "XQ", kind: STATE, name: "x", sources: [$u] }) { __typename } }',
    variables: { u: 'javascript:alert(1)' },
    codes: [INPUT],
    write: true,
  },
  {
    name: 'country code in lower case',
    query: 'query($c: CountryCode!) { partner(code: $c) { name } }',
    variables: { c: 'gb' },
    codes: [INPUT],
  },
  {
    name: 'unknown partner code in a filter',
    query: `{ agreements(filter: { partnerCode: ["QQ"] }) ${TOTAL} }`,
    codes: [INPUT],
  },
  // Forged cursors
  { name: 'cursor: not base64', query: `{ agreements(first: 2, after: "!!!") ${TOTAL} }`, codes: [INPUT] },
  {
    name: 'cursor: base64 of text',
    query: `{ agreements(first: 2, after: "${Buffer.from('hello').toString('base64url')}") ${TOTAL} }`,
    codes: [INPUT],
  },
  {
    name: 'cursor: another ordering',
    query: `{ agreements(first: 2, after: "${b64url(['agreement:TITLE:asc', 'A', 1])}") ${TOTAL} }`,
    codes: [INPUT],
  },
  {
    name: 'cursor: from the partners list',
    query: `{ agreements(first: 2, before: "${b64url(['partner:CODE:asc', 'GB', 'GB'])}") ${TOTAL} }`,
    codes: [INPUT],
  },
  {
    name: 'cursor: key of the wrong type',
    query: `{ agreements(first: 2, after: "${b64url(['agreement:ID:asc', 'abc', 1])}") ${TOTAL} }`,
    codes: [INPUT],
  },
  {
    name: 'cursor: an object for the id',
    query: `{ agreements(first: 2, after: "${b64url(['agreement:ID:asc', 1, { $gt: 0 }])}") ${TOTAL} }`,
    codes: [INPUT],
  },
  {
    name: 'cursor: 10 kB key',
    query: 'query($c: String) { partners(first: 2, after: $c) { totalCount } }',
    variables: { c: b64url(['partner:CODE:asc', 'x'.repeat(10_000), 'GB']) },
    codes: [INPUT],
  },
  {
    name: 'cursor: bad date key',
    query: `{ agreements(first: 2, orderBy: { field: SIGNED_ON }, after: "${b64url(['agreement:SIGNED_ON:asc', '2024-02-30', 1])}") ${TOTAL} }`,
    codes: [INPUT],
  },
  {
    name: 'cursor: bad timeline date',
    query: `{ timeline(first: 2, after: "${b64url(['timeline:DATE:asc', '2024-13-45', 1])}") ${TOTAL} }`,
    codes: [INPUT],
  },
  // Forged global IDs
  {
    name: 'ID of a partner where an agreement is expected',
    query: `{ agreement(id: "${globalId('Partner', 'GB')}") { id } }`,
    codes: [INPUT, 'NOT_FOUND'],
  },
  {
    name: 'ID of a timeline event for an agreement',
    query: `{ agreement(id: "${globalId('TimelineEvent', 1)}") { id } }`,
    codes: [INPUT, 'NOT_FOUND'],
  },
  { name: 'agreement ID "abc"', query: `{ agreement(id: "${globalId('Agreement', 'abc')}") { id } }`, codes: [INPUT] },
  { name: 'agreement ID 0', query: `{ agreement(id: "${globalId('Agreement', 0)}") { id } }`, codes: [INPUT] },
  { name: 'agreement ID -1', query: `{ agreement(id: "${globalId('Agreement', -1)}") { id } }`, codes: [INPUT] },
  { name: 'agreement ID 2^31', query: `{ agreement(id: "${globalId('Agreement', 2 ** 31)}") { id } }`, codes: [INPUT] },
  { name: 'agreement ID 1e3', query: `{ agreement(id: "${globalId('Agreement', '1e3')}") { id } }`, codes: [INPUT] },
  { name: 'ID that is not base64', query: '{ agreement(id: "Agreement:1") { id } }', codes: [INPUT] },
  {
    name: 'ID with a NUL after the type',
    query: `{ node(id: "${globalId('Partner', 'G\u0000B')}") { id } }`,
    codes: [INPUT],
  },
  {
    name: 'timeline filter with a partner ID',
    query: `{ timeline(filter: { agreementId: "${globalId('Partner', 'GB')}" }) ${TOTAL} }`,
    codes: [INPUT, 'NOT_FOUND'],
  },
  {
    name: 'transition with a partner ID',
    query: `mutation { transitionAgreement(input: { id: "${globalId('Partner', 'GB')}", expectedVersion: 1, to: SIGNED }) { __typename } }`,
    codes: [INPUT, 'NOT_FOUND'],
    write: true,
  },
  // Strings PostgreSQL cannot hold
  {
    name: 'NUL in a search',
    query: `query($s: String) { agreements(filter: { search: $s }) ${TOTAL} }`,
    variables: { s: 'a\u0000b' },
    codes: [INPUT],
  },
  { name: 'NUL in a literal', query: `{ partners(filter: { search: "a\\u0000b" }) ${TOTAL} }`, codes: [INPUT] },
  {
    name: 'NUL in a mutation input',
    query: 'mutation($t: String!) { createAgreement(input: { partnerCode: "GB", title: $t }) { __typename } }',
    variables: { t: 'x\u0000y' },
    codes: [INPUT],
    write: true,
  },
  {
    name: 'search over 200 characters',
    query: `query($s: String) { agreements(filter: { search: $s }) ${TOTAL} }`,
    variables: { s: 'x'.repeat(201) },
    codes: [INPUT],
  },
  {
    name: 'partner search over 200 characters',
    query: `query($s: String) { partners(filter: { search: $s }) ${TOTAL} }`,
    variables: { s: '%'.repeat(5000) },
    codes: [INPUT],
  },
];

/** Answers that are typed GraphQL results rather than errors (mutation error unions) also count. */
function expectTypedRefusal(answer: HttpAnswer, codes: readonly string[]): void {
  expectNoLeak(answer.text);
  expect(answer.status, answer.text).toBeLessThan(500);
  const errors = answer.json?.errors;
  if (errors?.length) {
    expectRefusal(answer, codes);
    return;
  }
  // A mutation may answer with its error union instead (InvalidInputError, NotFoundError, ...).
  const payload = Object.values((answer.json?.data ?? {}) as Record<string, { __typename?: string } | null>)[0];
  expect(payload?.__typename, answer.text).toMatch(/Error$/);
}

describe('typed input errors', () => {
  it.each(typed)('$name', async ({ query, variables, codes, write }) => {
    const answer = await post(t, query, variables, write ? { headers: { ...editorHeaders(), ...editor } } : {});
    expectTypedRefusal(answer, codes);
  });
});

const editorHeaders = () => ({ 'content-type': 'application/json', accept: 'application/graphql-response+json' });

/** SQL and LIKE/tsquery metacharacters, quoting tricks, encodings. */
const METACHARACTERS = [
  "'",
  "''",
  "'; drop table agreements; --",
  "' or '1'='1",
  '" or 1=1 --',
  '%',
  '_',
  '%_%',
  '\\',
  '\\\\%',
  "E'\\x27'",
  '$1',
  '$$; select pg_sleep(10); $$',
  '/*',
  '*/ union select * from partners --',
  ':=',
  '!!!&|<->:*',
  '(((((',
  'a & ! b | c <-> d',
  '🇺🇦 Україна',
  '\u200b\ufeff',
  '\ud800',
];

const STRING_INPUTS: Array<{ name: string; query: string; wrap?: (value: string) => unknown }> = [
  {
    name: 'agreements filter.search',
    query: `query($v: String) { agreements(filter: { search: $v }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partners filter.search',
    query: `query($v: String) { partners(filter: { search: $v }) { totalCount edges { node { code } } } }`,
  },
  { name: 'agreements after', query: 'query($v: String) { agreements(first: 2, after: $v) { totalCount } }' },
  {
    name: 'agreements before (title order)',
    query: 'query($v: String) { agreements(last: 2, before: $v, orderBy: { field: TITLE }) { totalCount } }',
  },
  { name: 'partners after', query: 'query($v: String) { partners(first: 2, after: $v) { totalCount } }' },
  { name: 'timeline after', query: 'query($v: String) { timeline(first: 2, after: $v) { totalCount } }' },
  {
    name: 'partner agreements after',
    query: 'query($v: String) { partner(code: "GB") { agreements(first: 2, after: $v) { totalCount } } }',
  },
  {
    name: 'agreement timeline after',
    query:
      'query($v: String) { agreements(first: 1) { edges { node { timeline(first: 2, after: $v) { totalCount } } } } }',
  },
  { name: 'agreement(id:) raw', query: 'query($v: ID!) { agreement(id: $v) { id } }' },
  {
    name: 'agreement(id:) as a forged global ID',
    query: 'query($v: ID!) { agreement(id: $v) { id } }',
    wrap: (value) => globalId('Agreement', value),
  },
  {
    name: 'node(id:) as a partner global ID',
    query: 'query($v: ID!) { node(id: $v) { id } }',
    wrap: (value) => globalId('Partner', value),
  },
  {
    name: 'nodes(ids:)',
    query: 'query($v: [ID!]!) { nodes(ids: $v) { id } }',
    wrap: (value) => [value, globalId('Agreement', value), globalId('TimelineEvent', value)],
  },
  {
    name: 'timeline filter.agreementId',
    query: 'query($v: ID) { timeline(filter: { agreementId: $v }) { totalCount } }',
    wrap: (value) => globalId('Agreement', value),
  },
  { name: 'partner(code:)', query: 'query($v: CountryCode!) { partner(code: $v) { name } }' },
  {
    name: 'agreements filter.partnerCode',
    query: 'query($v: [CountryCode!]) { agreements(filter: { partnerCode: $v }) { totalCount } }',
    wrap: (value) => [value],
  },
  {
    name: 'agreements filter.signedFrom',
    query: 'query($v: Date) { agreements(filter: { signedFrom: $v }) { totalCount } }',
  },
  { name: 'timeline filter.to', query: 'query($v: Date) { timeline(filter: { to: $v }) { totalCount } }' },
];

describe('SQL metacharacters in every string the API reads', () => {
  for (const input of STRING_INPUTS) {
    it(input.name, async () => {
      for (const value of METACHARACTERS) {
        const answer = await post(t, input.query, { v: input.wrap ? input.wrap(value) : value });
        expectNoLeak(answer.text);
        expect(answer.status, answer.text).toBeLessThan(500);
        for (const error of answer.json?.errors ?? []) {
          expect(['BAD_USER_INPUT', 'NOT_FOUND'], `${JSON.stringify(value)}: ${answer.text}`).toContain(
            error.extensions?.code,
          );
        }
      }
    });
  }

  it('in mutation inputs refused for another reason, nothing is written', async () => {
    for (const value of METACHARACTERS) {
      const answer = await post(
        t,
        // GB exists already: the service refuses it after reading the name.
        'mutation($v: String!) { createPartner(input: { code: "GB", kind: STATE, name: $v, notes: $v }) { __typename } }',
        { v: value },
        { headers: { ...editorHeaders(), ...editor } },
      );
      expectTypedRefusal(answer, [INPUT]);
    }
  });

  it('nothing above wrote a row', async () => {
    expect(await databaseSnapshot(t)).toEqual(before);
  });

  it('a valid write stores metacharacters literally and every table is still there', async () => {
    const title = "Robert'); drop table agreements; -- % _ \\ $1";
    const created = await post(
      t,
      'mutation($t: String!) { createAgreement(input: { partnerCode: "GB", title: $t }) { ... on AgreementPayload { agreement { id title } } } }',
      { t: title },
      { headers: { ...editorHeaders(), ...editor } },
    );
    expect(created.json?.errors, created.text).toBeUndefined();
    const data = created.json?.data as { createAgreement: { agreement: { id: string; title: string } } };
    const agreement = data.createAgreement.agreement;
    expect(agreement.title).toBe(title);
    const found = await post(
      t,
      'query($s: String) { agreements(filter: { search: $s }) { edges { node { title } } } }',
      { s: 'Robert' },
    );
    expect(found.text).toContain('drop table agreements');
    const after = await databaseSnapshot(t);
    for (const table of Object.keys(before)) expect(after[table], table).toBeDefined();
  });
});
