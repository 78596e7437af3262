/**
 * Production mode (NODE_ENV=production, so INTROSPECTION=false): the schema cannot be read through
 * introspection, and no error message names a field, argument, type or enum value the client did
 * not write ("Did you mean ..."), over HTTP and WebSocket. In development the suggestions stay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { expectNoLeak } from '../support/errors';
import { post } from '../support/http';
import { RawSocket } from '../support/raw-socket';

interface Probe {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

// Each of these gets a suggestion from graphql-js when suggestions are on.
const probes: Probe[] = [
  { name: 'misspelt root field', query: '{ agreementz { totalCount } }' },
  { name: 'misspelt nested field', query: '{ partner(code: "GB") { nmae } }' },
  { name: 'misspelt argument', query: '{ agreements(frist: 2) { totalCount } }' },
  { name: 'misspelt enum literal', query: '{ agreements(filter: { status: [SIGNEDD] }) { totalCount } }' },
  {
    name: 'misspelt enum in a variable',
    query: 'query($s: [AgreementStatus!]) { agreements(filter: { status: $s }) { totalCount } }',
    variables: { s: ['SIGND'] },
  },
  { name: 'misspelt input field literal', query: '{ agreements(filter: { statuss: [SIGNED] }) { totalCount } }' },
  {
    name: 'misspelt input field in a variable',
    query: 'query($f: AgreementFilter) { agreements(filter: $f) { totalCount } }',
    variables: { f: { serach: 'x' } },
  },
  { name: 'misspelt type in a variable definition', query: 'query($s: AgreementStatu) { agreements { totalCount } }' },
  { name: 'misspelt type condition', query: '{ node(id: "x") { ... on Agreemnt { id } } }' },
  { name: 'misspelt mutation', query: 'mutation { createAgreemnt { __typename } }' },
];

const SUGGESTION = /Did you mean|\bagreements?\b.*\bor\b|SIGNED"|"name"|"status"|"search"|AgreementStatus"/;

describe('production', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    baseUrl = await t.listen();
  });
  afterAll(() => t.close());

  it('runs with introspection off', () => {
    expect(t.config.introspection).toBe(false);
  });

  it.each(probes)('HTTP, no suggestion: $name', async ({ query, variables }) => {
    const answer = await post(t, query, variables);
    expect(answer.status).toBe(400);
    expect(answer.json?.errors?.length, answer.text).toBeGreaterThan(0);
    expect(answer.text).not.toMatch(SUGGESTION);
    expectNoLeak(answer.text);
  });

  it.each(probes)('WebSocket, no suggestion: $name', async ({ query, variables }) => {
    const socket = await RawSocket.open(baseUrl);
    await socket.init();
    socket.subscribe('1', query, variables);
    const message = await socket.next();
    expect(['error', 'next']).toContain(message.type);
    expect(JSON.stringify(message)).not.toMatch(SUGGESTION);
    socket.close();
  });

  const introspection = [
    '{ __schema { types { name } } }',
    '{ __type(name: "Agreement") { fields { name } } }',
    'query { a: __schema { queryType { name } } }',
    '{ ...F } fragment F on Query { __schema { mutationType { fields { name } } } }',
  ];

  it.each(introspection)('HTTP introspection refused: %s', async (query) => {
    const answer = await post(t, query);
    expect(answer.status).toBe(400);
    expect(answer.json?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.json?.data).toBeUndefined();
  });

  it.each(introspection)('WebSocket introspection refused: %s', async (query) => {
    const socket = await RawSocket.open(baseUrl);
    await socket.init();
    socket.subscribe('1', query);
    const message = await socket.next();
    expect(message.type).toBe('error');
    socket.close();
  });

  it('__typename still works', async () => {
    const answer = await post(t, '{ __typename }');
    expect(answer.json?.data).toEqual({ __typename: 'Query' });
  });
});

describe('development (control)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'test' });
  });
  afterAll(() => t.close());

  it('suggests, because introspection is on anyway', async () => {
    const answer = await post(t, '{ agreementz { totalCount } }');
    expect(answer.text).toMatch(/Did you mean/);
  });
});
