/**
 * GraphQL over HTTP: the graphql-http audit against the real server, then a table of malformed,
 * forged and oversized requests, each a real request through yoga.fetch with the status and error
 * code it must get. None of them may write anything.
 */
import { type ClientRequest, request as httpRequest } from 'node:http';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { databaseSnapshot } from '../support/committed';
import { expectNoLeak } from '../support/errors';
import { CSRF_HEADER, type HttpRequest, JSON_HEADERS, send } from '../support/http';

const MAX_BODY_BYTES = 4096;

let t: TestApp;
let url: string;
let before: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
  url = `${await t.listen()}/graphql`;
  before = await databaseSnapshot(t);
});
afterAll(async () => {
  // Nothing any case in this file sent may have written a row.
  expect(await databaseSnapshot(t)).toEqual(before);
  await t.close();
});

describe('graphql-http server audit (GraphQL over HTTP spec)', () => {
  // A client that is not a browser: every request carries the CSRF header, as documented.
  const fetchFn: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      headers: { ...Object.fromEntries(new Headers(init?.headers)), 'x-graphql-yoga-csrf': '1' },
    });
  for (const audit of serverAudits({ url: () => url, fetchFn })) {
    if (audit.name.startsWith('MAY')) continue;
    it(audit.name, async () => {
      const result = await audit.fn();
      const reason = result.status === 'ok' ? '' : `${result.reason}: ${await result.response.text()}`;
      expect(result.status, reason).toBe('ok');
    });
  }
});

const q = (query: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query, ...extra });
const search = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
const STATS = '{ stats { totals { partners } } }';
const MUTATION = 'mutation { createPartner(input: { code: "XQ", kind: STATE, name: "Nowhere" }) { __typename } }';
const csrf = CSRF_HEADER;

interface Case {
  name: string;
  request: HttpRequest;
  status: number;
  code?: string;
}

const invalidUtf8 = new Uint8Array(
  Buffer.concat([
    Buffer.from('{"query":"{ agreements(filter: { search: \\"'),
    Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
    Buffer.from('\\" }) { totalCount } }"}'),
  ]),
);

const cases: Case[] = [
  // Methods
  {
    name: 'mutation over GET',
    request: { method: 'GET', search: search({ query: MUTATION }), headers: csrf },
    status: 405,
  },
  // A GET needs no CSRF header (it cannot write): a mutation over GET is refused all the same.
  {
    name: 'mutation over GET without a CSRF header, cross-site',
    request: { method: 'GET', search: search({ query: MUTATION }), headers: { origin: 'https://evil.example' } },
    status: 405,
  },
  { name: 'PUT', request: { method: 'PUT', body: q(STATS) }, status: 405 },
  { name: 'DELETE', request: { method: 'DELETE', headers: csrf }, status: 405 },
  { name: 'PATCH', request: { method: 'PATCH', body: q(STATS) }, status: 405 },
  // CSRF: what a browser sends cross-site without a preflight
  {
    name: 'POST text/plain mutation, cross-site',
    request: { headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: q(MUTATION) },
    status: 403,
    code: 'CSRF_PREVENTED',
  },
  {
    name: 'POST text/plain',
    request: { headers: { 'content-type': 'text/plain' }, body: q(STATS) },
    status: 403,
    code: 'CSRF_PREVENTED',
  },
  {
    name: 'POST form-urlencoded',
    request: {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent(STATS)}`,
    },
    status: 403,
    code: 'CSRF_PREVENTED',
  },
  {
    name: 'POST form-urlencoded mutation',
    request: {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent(MUTATION)}`,
    },
    status: 403,
    code: 'CSRF_PREVENTED',
  },
  {
    name: 'POST multipart/form-data',
    request: {
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${q(MUTATION)}\r\n--x--\r\n`,
    },
    status: 403,
    code: 'CSRF_PREVENTED',
  },
  {
    name: 'POST without a content type',
    request: { headers: {}, body: q(STATS) },
    status: 403,
    code: 'CSRF_PREVENTED',
  },
  {
    name: 'GET query without a CSRF header (urql sends queries so)',
    request: { method: 'GET', search: search({ query: STATS }), headers: { accept: 'application/json' } },
    status: 200,
  },
  {
    name: 'GET query with the CSRF header',
    request: { method: 'GET', search: search({ query: STATS }), headers: csrf },
    status: 200,
  },
  // Content types
  {
    name: 'multipart with the CSRF header (uploads are off)',
    request: {
      headers: { ...csrf, 'content-type': 'multipart/form-data; boundary=x' },
      body: `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${q(STATS)}\r\n--x--\r\n`,
    },
    status: 415,
  },
  {
    name: 'text/plain with the CSRF header',
    request: { headers: { ...csrf, 'content-type': 'text/plain' }, body: q(STATS) },
    status: 415,
  },
  {
    name: 'application/xml',
    request: { headers: { 'content-type': 'application/xml' }, body: '<query/>' },
    status: 415,
  },
  {
    name: 'Accept: text/html only',
    request: { headers: { 'content-type': 'application/json', accept: 'text/html' }, body: q(STATS) },
    status: 406,
  },
  // Bodies
  {
    name: 'invalid JSON',
    request: { body: '{"query": "{ stats { totals { partners } } }"' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'empty body', request: { body: '' }, status: 400 },
  { name: 'JSON null', request: { body: 'null' }, status: 400 },
  { name: 'JSON string', request: { body: '"{ stats { totals { partners } } }"' }, status: 400 },
  { name: 'JSON number', request: { body: '42' }, status: 400 },
  { name: 'batch of two operations', request: { body: `[${q(STATS)},${q(STATS)}]` }, status: 400, code: 'BAD_REQUEST' },
  { name: 'batch of one operation', request: { body: `[${q(STATS)}]` }, status: 400, code: 'BAD_REQUEST' },
  { name: 'query is a number', request: { body: '{"query": 1}' }, status: 400, code: 'BAD_REQUEST' },
  {
    name: 'query is an object',
    request: { body: '{"query": {"kind": "Document"}}' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'query is an array', request: { body: `{"query": ["${STATS}"]}` }, status: 400, code: 'BAD_REQUEST' },
  { name: 'query is missing', request: { body: '{"variables": {}}' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'query is null', request: { body: '{"query": null}' }, status: 400, code: 'BAD_REQUEST' },
  {
    name: 'variables is a string',
    request: { body: q(STATS, { variables: '{"a":1}' }) },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'variables is an array',
    request: { body: q(STATS, { variables: [1, 2] }) },
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'variables is a number', request: { body: q(STATS, { variables: 7 }) }, status: 400, code: 'BAD_REQUEST' },
  {
    name: 'operationName is a number',
    request: { body: q(STATS, { operationName: 5 }) },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'operationName is an object',
    request: { body: q(STATS, { operationName: { a: 1 } }) },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'extensions is a string',
    request: { body: q(STATS, { extensions: 'x' }) },
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'unknown top-level key', request: { body: q(STATS, { queryId: 'x' }) }, status: 400, code: 'BAD_REQUEST' },
  { name: 'invalid UTF-8 in the body', request: { body: invalidUtf8 }, status: 400, code: 'BAD_REQUEST' },
  {
    name: 'invalid UTF-8 in the query string',
    request: { method: 'GET', search: `?query=%7B%20__typename%20%FF%FE%20%7D`, headers: csrf },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'body over MAX_BODY_BYTES',
    request: { body: q(STATS, { variables: { pad: 'x'.repeat(MAX_BODY_BYTES) } }) },
    status: 413,
    code: 'REQUEST_ENTITY_TOO_LARGE',
  },
  // Documents
  {
    name: 'syntax error',
    request: { body: q('{ stats { totals { partners } }') },
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'lone NUL character in the document',
    request: { body: q('{ stats \u0000 }') },
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  { name: 'unknown field', request: { body: q('{ secrets }') }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  {
    name: 'unknown operationName',
    request: { body: q('query A { stats { totals { partners } } }', { operationName: 'B' }) },
    status: 400,
  },
  {
    name: 'two operations, no operationName',
    request: { body: q('query A { __typename } query B { __typename }') },
    status: 400,
  },
  { name: 'empty document', request: { body: q('') }, status: 400 },
  { name: 'only a fragment', request: { body: q('fragment F on Query { __typename }') }, status: 400 },
  {
    name: 'subscription asking for JSON, not a stream',
    request: { body: q('subscription { agreementStatusChanged { cursor } }') },
    status: 406,
  },
];

describe('malformed and forged HTTP requests', () => {
  it.each(cases)('$name → $status', async ({ request, status, code }) => {
    const answer = await send(t, { headers: JSON_HEADERS, ...request });
    expect(answer.status, answer.text).toBe(status);
    expectNoLeak(answer.text);
    if (status >= 400) {
      if (answer.json) expect(answer.json.data, answer.text).toBeUndefined();
      if (code)
        expect(
          answer.json?.errors?.map((error) => error.extensions?.code),
          answer.text,
        ).toContain(code);
    }
  });

  it('a body over the limit behind a smaller Content-Length is refused with 413', async () => {
    // Node's HTTP parser would end such a body at the declared length; yoga.fetch in process does not.
    const body = q(STATS, { variables: { pad: 'x'.repeat(MAX_BODY_BYTES) } });
    const answer = await send(t, { headers: { ...JSON_HEADERS, 'content-length': '100' }, body });
    expect(answer.status, answer.text).toBe(413);
  });

  it('a streamed body over the limit (no Content-Length) is refused with 413', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 1_000_000) return controller.close();
        sent += 1024;
        controller.enqueue(new Uint8Array(1024).fill(32));
      },
    });
    const response = await t.app.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: JSON_HEADERS,
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expectNoLeak(await response.text());
    expect(sent).toBeLessThan(1_000_000);
  });

  it('a chunked upload over the limit on a real socket is cut off, not buffered', async () => {
    // 10 MB offered as fast as the socket takes it. The server answers 413 once past the limit;
    // a client that keeps writing after that is cut off by Node (400 or a reset). Either way the
    // upload stops far short of 10 MB: the server did not read, let alone buffer, the rest.
    let written = 0;
    const outcome = await rawPost(url, {}, (request) => {
      const pump = () => {
        while (written < 10_000_000 && !request.destroyed) {
          written += 16_384;
          if (!request.write(Buffer.alloc(16_384, 32))) return void request.once('drain', pump);
        }
      };
      pump();
    }).then(
      (answer) => String(answer.status),
      (error: NodeJS.ErrnoException) => error.code ?? error.message,
    );
    expect(['413', '400', 'ECONNRESET', 'EPIPE']).toContain(outcome);
    expect(written).toBeLessThan(10_000_000);
    // Still serving; asked over a fresh connection so a pooled keep-alive socket cannot interfere.
    const after = await rawPost(url, {}, (request) => request.end(q(STATS)));
    expect(after.status).toBe(200);
  });

  it('a declared Content-Length over the limit is refused before the body is read', async () => {
    // Claims 10 MB and sends none of it: the answer comes without waiting for the body.
    const answer = await rawPost(url, { 'content-length': String(10_000_000) }, (request) => request.flushHeaders());
    expect(answer.status, answer.text).toBe(413);
  });
});

/** A POST over a fresh connection, its body written by `write`, answered with status and text. */
function rawPost(
  target: string,
  headers: Record<string, string>,
  write: (request: ClientRequest) => void,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      target,
      { method: 'POST', agent: false, headers: { ...JSON_HEADERS, ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, text });
          request.destroy();
        });
      },
    );
    request.on('error', reject);
    write(request);
  });
}
