/**
 * The JSON fast path (src/server/json-fast-path.ts) answers as yoga does: each request below goes,
 * byte for byte, to an app with the fast path and to one without it (JSON_FAST_PATH=false), each
 * on a real port and its own copy of the seeded database, and the two answers must match in
 * status, body and every header a client reads. The requests cover what the fast path answers
 * itself (successes, with each Accept it negotiates, CORS and gzip) and what it must leave or hand
 * to yoga (errors of every kind, other media types, bodies it does not take).
 */
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsApp } from '../ops/support';
import { bearer, globalId, startTestApp, type TestApp } from '../support/app';

const ENV = { CORS_ORIGINS: 'https://allowed.example' };

let fast: TestApp;
let slow: TestApp;
let fastUrl: string;
let slowUrl: string;
beforeAll(async () => {
  [fast, slow] = await Promise.all([startTestApp(ENV), startTestApp({ ...ENV, JSON_FAST_PATH: 'false' })]);
  [fastUrl, slowUrl] = await Promise.all([fast.listen(), slow.listen()]);
});
afterAll(() => Promise.all([fast?.close(), slow?.close()]));

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw request: exactly these headers (and Content-Length for a body), on a connection of its own. */
function send(base: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const all = bytes ? { 'content-length': String(bytes.byteLength), ...headers } : headers;
    const req = httpRequest(`${base}${path}`, { method: 'POST', headers: all, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        const gzipped = response.headers['content-encoding'] === 'gzip';
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: (gzipped ? gunzipSync(raw) : raw).toString('utf8'),
        });
      });
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/** What a client reads of an answer (x-request-id differs per request: only its presence counts). */
function readable(answer: Answer) {
  const { headers } = answer;
  const picked: Record<string, unknown> = { status: answer.status, body: answer.body };
  for (const name of [
    'content-type',
    'content-encoding',
    'vary',
    'access-control-allow-origin',
    'access-control-allow-credentials',
    'access-control-expose-headers',
    'retry-after',
  ]) {
    picked[name] = headers[name];
  }
  picked['x-request-id'] = headers['x-request-id'] !== undefined;
  return picked;
}

const json = { 'content-type': 'application/json' };
const small = JSON.stringify({ query: '{ partner(code: "GB") { code name } }' });
const large = JSON.stringify({ query: '{ agreements(first: 30) { nodes { id title partner { name } } } }' });

interface Case {
  name: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  path?: string;
}

const cases: Case[] = [
  { name: 'a success, no Accept', headers: json, body: small },
  { name: 'a success, Accept */*', headers: { ...json, accept: '*/*' }, body: small },
  { name: 'a success, Accept application/json', headers: { ...json, accept: 'application/json' }, body: small },
  {
    name: 'a success, Accept GraphQL response JSON first',
    headers: { ...json, accept: 'application/graphql-response+json, application/json;q=0.9' },
    body: small,
  },
  {
    name: 'a success, JSON preferred by quality',
    headers: { ...json, accept: 'application/graphql-response+json;q=0.5, application/json' },
    body: small,
  },
  { name: 'a success, Accept text/event-stream', headers: { ...json, accept: 'text/event-stream' }, body: small },
  { name: 'a success, Accept text/html', headers: { ...json, accept: 'text/html' }, body: small },
  {
    name: 'a success with variables and an operation name',
    headers: json,
    body: JSON.stringify({
      query: 'query One($id: ID!) { agreement(id: $id) { id title partner { code } } } query Two { __typename }',
      variables: { id: globalId('Agreement', 1) },
      operationName: 'One',
    }),
  },
  {
    name: 'a success, charset in the content type',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: small,
  },
  { name: 'a large success, gzip accepted', headers: { ...json, 'accept-encoding': 'gzip, deflate, br' }, body: large },
  { name: 'a small success, gzip accepted', headers: { ...json, 'accept-encoding': 'gzip' }, body: small },
  { name: 'a large success, gzip refused', headers: { ...json, 'accept-encoding': 'gzip;q=0, br' }, body: large },
  { name: 'from an allowed origin', headers: { ...json, origin: 'https://allowed.example' }, body: small },
  { name: 'from another origin', headers: { ...json, origin: 'https://other.example' }, body: small },
  {
    name: 'a field error',
    headers: json,
    body: JSON.stringify({ query: '{ agreement(id: "nonsense") { id } }' }),
  },
  {
    name: 'a field error, GraphQL response JSON',
    headers: { ...json, accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: '{ agreement(id: "nonsense") { id } }' }),
  },
  { name: 'a validation error', headers: json, body: JSON.stringify({ query: '{ nope }' }) },
  {
    name: 'a validation error, GraphQL response JSON',
    headers: { ...json, accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: '{ nope }' }),
  },
  { name: 'a syntax error', headers: json, body: JSON.stringify({ query: '{ partner(' }) },
  {
    name: 'variables of the wrong type',
    headers: json,
    body: JSON.stringify({ query: 'query($n: Int) { agreements(first: $n) { totalCount } }', variables: { n: 'x' } }),
  },
  {
    name: 'an unknown operation name',
    headers: json,
    body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
  },
  { name: 'a mutation without a token', headers: json, body: JSON.stringify({ query: 'mutation { __typename }' }) },
  {
    name: 'a write refused without a token',
    headers: json,
    body: JSON.stringify({
      query: `mutation { updateAgreement(input: { id: "${globalId('Agreement', 1)}", expectedVersion: 1, notes: "x" }) { agreement { id } } }`,
    }),
  },
  {
    name: 'a subscription over a JSON POST',
    headers: json,
    body: JSON.stringify({ query: 'subscription { __typename }' }),
  },
  {
    name: 'a live query over a JSON POST',
    headers: { ...json, accept: 'application/json' },
    body: JSON.stringify({ query: 'query @live { partner(code: "GB") { name } }' }),
  },
  { name: 'no query', headers: json, body: JSON.stringify({ variables: {} }) },
  { name: 'an empty query', headers: json, body: JSON.stringify({ query: '' }) },
  { name: 'a query that is not a string', headers: json, body: JSON.stringify({ query: 42 }) },
  {
    name: 'variables that are a list',
    headers: json,
    body: JSON.stringify({ query: '{ __typename }', variables: [] }),
  },
  { name: 'an unknown parameter', headers: json, body: JSON.stringify({ query: '{ __typename }', foo: 1 }) },
  {
    name: 'extensions',
    headers: json,
    body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } } }),
  },
  { name: 'a batch', headers: json, body: JSON.stringify([{ query: '{ __typename }' }]) },
  { name: 'a JSON null', headers: json, body: 'null' },
  { name: 'not JSON', headers: json, body: '{"query": ' },
  { name: 'not UTF-8', headers: json, body: Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]) },
  {
    name: 'a body over the limit',
    headers: json,
    body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(200_000)}` }),
  },
  { name: 'a text/plain body', headers: { 'content-type': 'text/plain' }, body: small },
  { name: 'a latin-1 JSON body', headers: { 'content-type': 'application/json; charset=latin1' }, body: small },
  { name: 'another path', headers: json, body: small, path: '/graphql/' },
  { name: 'a query string', headers: json, body: small, path: '/graphql?x=1' },
];

describe('the JSON fast path answers as yoga does', () => {
  it.each(cases)('$name', async ({ headers, body, path = '/graphql' }) => {
    const [viaFast, viaYoga] = await Promise.all([
      send(fastUrl, path, headers, body),
      send(slowUrl, path, headers, body),
    ]);
    expect(readable(viaFast)).toEqual(readable(viaYoga));
  });

  it('takes the common request itself (so the comparisons above compare two paths)', async () => {
    // Yoga's answers carry its capitalised Content-Type header name; the fast path's do not.
    const raw = (base: string) =>
      new Promise<string[]>((resolve, reject) => {
        const req = httpRequest(
          `${base}/graphql`,
          { method: 'POST', headers: { ...json, 'content-length': String(Buffer.byteLength(small)) }, agent: false },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.rawHeaders.filter((_, i) => i % 2 === 0)));
          },
        );
        req.on('error', reject);
        req.end(small);
      });
    expect(await raw(fastUrl)).toContain('content-type');
    expect(await raw(slowUrl)).toContain('Content-Type');
  });
});

describe('what the fast path answers itself, and what it hands over', () => {
  const id = globalId('Agreement', 2);
  const read = async () => {
    const answer = await send(
      fastUrl,
      '/graphql',
      json,
      JSON.stringify({ query: `{ agreement(id: "${id}") { version notes } }` }),
    );
    return JSON.parse(answer.body).data.agreement as { version: number; notes: string };
  };
  const edit = (notes: string, version: number, alias = 'edit') =>
    `${alias}: updateAgreement(input: { id: "${id}", expectedVersion: ${version}, notes: "${notes}" }) {
      __typename ... on AgreementPayload { agreement { version notes } } ... on Error { message } }`;

  it('runs once when the fast path answers it', async () => {
    const before = await read();
    const answer = await send(
      fastUrl,
      '/graphql',
      { ...json, ...(await bearer('editor')) },
      JSON.stringify({ query: `mutation { ${edit('fast path', before.version)} }` }),
    );
    expect(JSON.parse(answer.body)).toEqual({
      data: {
        edit: { __typename: 'AgreementPayload', agreement: { version: before.version + 1, notes: 'fast path' } },
      },
    });
    expect(await read()).toEqual({ version: before.version + 1, notes: 'fast path' });
  });

  it('a request yoga answers after the fast path ran it: executed once, counted once, its request id kept', async () => {
    const t = await startOpsApp();
    try {
      const base = t.base;
      const failing = { operationName: 'HandedOver', operationType: 'query' };
      const before = await t.scrape();
      // A field error: the fast path runs the operation, and yoga answers with its result.
      const answer = await send(
        base,
        '/graphql',
        { ...json, 'x-request-id': 'handed-over-1' },
        JSON.stringify({ query: 'query HandedOver { agreement(id: "nonsense") { id } }' }),
      );
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(answer.headers['x-request-id']).toBe('handed-over-1');
      const after = await t.scrape();
      const moved = (name: string, labels: Record<string, string>) =>
        after.count(name, labels) - before.count(name, labels);
      for (const phase of ['parse', 'validate', 'execute']) {
        expect(moved(`graphql_envelop_phase_${phase}`, failing), phase).toBe(1);
      }
      expect(moved('ua_http_request_duration_seconds', { operation_name: 'HandedOver', status: '200' })).toBe(1);
      const errors = { code: 'BAD_USER_INPUT', operation_type: 'query' };
      expect(after.value('ua_graphql_errors_total', errors) - before.value('ua_graphql_errors_total', errors)).toBe(1);
    } finally {
      await t.close();
    }
  });
});
