/**
 * CORS: only listed origins may read answers, with credentials; `*` lets any other origin read
 * without them; the default (no CORS_ORIGINS) lets the local dev servers in outside production
 * and nothing else. Same-origin pages need no CORS header at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { startTestApp, type TestApp } from '../support/app';
import { JSON_HEADERS, send } from '../support/http';

const STATS = JSON.stringify({ query: '{ stats { totals { partners } } }' });

let byDefault: TestApp;
let listed: TestApp;
beforeAll(async () => {
  [byDefault, listed] = await Promise.all([startTestApp(), startTestApp({ CORS_ORIGINS: 'https://app.example, *' })]);
});
afterAll(async () => {
  await Promise.all([byDefault?.close(), listed?.close()]);
});

const fromOrigin = (t: TestApp, origin: string) => send(t, { headers: { ...JSON_HEADERS, origin }, body: STATS });

const preflight = (t: TestApp, origin: string) =>
  send(t, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });

describe('default (development and test): the local dev servers', () => {
  it.each(['http://localhost:5173', 'http://127.0.0.1:3000', 'http://localhost'])(
    '%s may read, with credentials',
    async (origin) => {
      const answer = await fromOrigin(byDefault, origin);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
      expect(answer.headers.get('vary')).toContain('Origin');
    },
  );

  it.each(['https://evil.example', 'http://localhost.evil.example', 'http://localhost:1234.evil.example', 'null'])(
    '%s gets no CORS header (the browser hides the answer)',
    async (origin) => {
      const answer = await fromOrigin(byDefault, origin);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
      const pre = await preflight(byDefault, origin);
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(pre.headers.get('access-control-allow-methods')).toBeNull();
    },
  );

  it('a preflight from a local dev server is answered with the methods and the headers asked for', async () => {
    const answer = await preflight(byDefault, 'http://localhost:5173');
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(answer.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('a request without an Origin (same-origin GET, curl, a server) gets no CORS header', async () => {
    const answer = await send(byDefault, { body: STATS });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS_ORIGINS=https://app.example,*', () => {
  it('the listed origin reads with credentials', async () => {
    const answer = await fromOrigin(listed, 'https://app.example');
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('any other origin reads without credentials, and the local dev servers are no longer special', async () => {
    for (const origin of ['https://other.example', 'http://localhost:5173']) {
      const answer = await fromOrigin(listed, origin);
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
      const pre = await preflight(listed, origin);
      expect(pre.headers.get('access-control-allow-origin')).toBe('*');
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});

describe('CORS_ORIGINS is parsed once, at start', () => {
  it('production allows no other origin by default', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).cors).toEqual({ origins: [], anyOrigin: false });
    expect(loadConfig({ NODE_ENV: 'development' }).cors.origins).toEqual(['http://localhost:*', 'http://127.0.0.1:*']);
    expect(loadConfig({ CORS_ORIGINS: '' }).cors).toEqual({ origins: [], anyOrigin: false });
  });

  it.each([
    'https://app.example/',
    'https://app.example/path',
    'ftp://app.example',
    'app.example',
    'https://App.example',
    'https://app.example:443',
    'https://app.example:8080:*',
  ])('refuses %s', (value) => {
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(ConfigError);
  });
});
