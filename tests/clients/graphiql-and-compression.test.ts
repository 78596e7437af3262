/**
 * What a browser pays to open GraphiQL and read results: gzip for HTML and JSON above a threshold
 * (never for event streams), GraphiQL's 9 MB page sent compressed once and then revalidated with
 * a 304, and opened on example tabs that validate against the schema.
 */
import { gunzipSync } from 'node:zlib';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema';
import { COMPRESS_MIN_BYTES } from '../../src/server/compression';
import { GRAPHIQL_OPTIONS } from '../../src/server/graphiql';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await startTestApp();
  url = await t.listen();
});
afterAll(() => t?.close());

/** Bytes as they cross the wire: undici's fetch would inflate them, so read the raw socket body. */
async function wire(path: string, headers: Record<string, string>) {
  const { request } = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      // A connection of its own: a kept-alive one that the server closes as idle just as it is
      // reused (its keep-alive timeout) resets the request (ECONNRESET, seen once in CI).
      request(`${url}${path}`, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('GraphiQL', () => {
  const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-encoding': 'gzip, deflate, br' };

  it('is sent gzipped (under 3 MB instead of 9), then revalidated with a 304', async () => {
    const first = await wire('/graphql', browser);
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['cache-control']).toBe('no-cache');
    const html = gunzipSync(first.body);
    console.info(`GraphiQL: ${html.byteLength} bytes, ${first.body.byteLength} over the wire gzipped`);
    expect(html.byteLength).toBeGreaterThan(5_000_000);
    expect(first.body.byteLength).toBeLessThan(3_000_000);
    expect(html.toString()).toContain('<title>Ukraine security agreements</title>');

    const etag = String(first.headers.etag);
    const again = await wire('/graphql', { ...browser, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);

    const plain = await wire('/graphql', { accept: 'text/html' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.byteLength).toBe(html.byteLength);
  });

  it('opens on the dashboard query, a signing and a subscription, each valid against the schema', () => {
    const tabs = GRAPHIQL_OPTIONS.defaultTabs ?? [];
    expect(tabs.map((tab) => parse(tab.query ?? '').definitions[0]?.kind)).toHaveLength(3);
    expect(tabs.map((tab) => /^(query|mutation|subscription)/m.exec(tab.query ?? '')?.[1])).toEqual([
      'query',
      'mutation',
      'subscription',
    ]);
    for (const tab of tabs) expect(validate(schema, parse(tab.query ?? ''))).toEqual([]);
  });

  it('is not served with GRAPHIQL=false (the default in production)', async () => {
    const off = await startTestApp({ GRAPHIQL: 'false' });
    try {
      const response = await off.endpoint({ method: 'GET', headers: { accept: 'text/html' } });
      expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
      expect(await response.text()).not.toContain('GraphiQL');
    } finally {
      await off.close();
    }
  });

  it('the dashboard query tab runs', async () => {
    const result = await t.execute(GRAPHIQL_OPTIONS.defaultTabs?.[0]?.query ?? '');
    expect(result.errors).toBeUndefined();
  });
});

describe('compression', () => {
  const json = { 'accept-encoding': 'gzip', 'x-graphql-yoga-csrf': '1' };
  const query = (q: string) => `/graphql?${new URLSearchParams({ query: q })}`;

  it('a JSON result above the threshold is gzipped; a small one is not', async () => {
    const big = await wire(query('{ agreements(first: 50) { edges { node { title reference } } } }'), json);
    expect(big.headers['content-encoding']).toBe('gzip');
    const text = gunzipSync(big.body).toString();
    expect(text.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    expect(JSON.parse(text).data.agreements.edges).toHaveLength(33);
    expect(big.body.byteLength).toBeLessThan(text.length / 2);

    const small = await wire(query('{ __typename }'), json);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toContain('Accept-Encoding');
    expect(JSON.parse(small.body.toString())).toEqual({ data: { __typename: 'Query' } });
  });

  it('the dashboard page is gzipped', async () => {
    const page = await wire('/', { 'accept-encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(page.body).toString()).toContain('<html');
  });

  it('an SSE stream is never compressed (a compressor would hold its events back)', async () => {
    const controller = new AbortController();
    const response = await fetch(`${url}${query('subscription { agreementSigned { cursor } }')}`, {
      headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip' },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('content-encoding') ?? 'none').toBe('none');
    controller.abort();
    await response.body?.cancel().catch(() => {});
  });
});
