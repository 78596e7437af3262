/**
 * PERSISTED_OPERATIONS_ONLY=true: only documents in the manifest run, named by the SHA-256 of their
 * text in `extensions.persistedQuery`; any document sent as text is refused, over HTTP and
 * WebSocket alike. The manifest is checked at start: an entry whose key is not its document's hash
 * stops the server.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config';
import { PersistedOperations, sha256 } from '../../src/server/security/persisted-operations';
import { startTestApp, type TestApp } from '../support/app';
import { expectNoLeak } from '../support/errors';
import { CSRF_HEADER, send } from '../support/http';
import { RawSocket } from '../support/raw-socket';

const STATS = 'query Stats { stats { totals { partners } } }';
const PARTNER = 'query Partner($code: CountryCode!) { partner(code: $code) { name } }';
const SIGNINGS = 'subscription Signings { agreementSigned { cursor } }';
const CREATE = 'mutation Create { createPartner(input: { code: "XQ", kind: STATE, name: "Nowhere" }) { __typename } }';
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

let dir: string;
let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'persisted-'));
  const file = path.join(dir, 'manifest.json');
  writeFileSync(
    file,
    JSON.stringify(Object.fromEntries([STATS, PARTNER, SIGNINGS, CREATE].map((query) => [sha256(query), query]))),
  );
  t = await startTestApp({ PERSISTED_OPERATIONS_ONLY: 'true', PERSISTED_OPERATIONS_FILE: file });
  baseUrl = await t.listen();
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const cases = [
  { name: 'a known operation runs', body: { extensions: persisted(STATS) }, status: 200 },
  {
    name: 'a known operation with variables runs',
    body: { extensions: persisted(PARTNER), variables: { code: 'GB' } },
    status: 200,
  },
  { name: 'a document as text is refused', body: { query: STATS }, status: 400, code: 'PERSISTED_QUERY_ONLY' },
  {
    name: 'text and hash together are refused',
    body: { query: '{ __typename }', extensions: persisted(STATS) },
    status: 400,
    code: 'PERSISTED_QUERY_ONLY',
  },
  {
    name: 'an unknown hash is refused',
    body: { extensions: persisted('{ __typename }') },
    status: 400,
    code: 'PERSISTED_QUERY_NOT_FOUND',
  },
  {
    name: 'a hash of the wrong type is refused',
    body: { extensions: { persistedQuery: { version: 1, sha256Hash: 42 } } },
    status: 400,
    code: 'PERSISTED_QUERY_ID_REQUIRED',
  },
  {
    name: 'another protocol version is refused',
    body: { extensions: { persistedQuery: { version: 2, sha256Hash: sha256(STATS) } } },
    status: 400,
    code: 'PERSISTED_QUERY_ID_REQUIRED',
  },
  { name: 'neither text nor hash is refused', body: {}, status: 400, code: 'PERSISTED_QUERY_ID_REQUIRED' },
];

describe('HTTP', () => {
  it.each(cases)('$name', async ({ body, status, code }) => {
    const answer = await send(t, { body: JSON.stringify(body) });
    expect(answer.status, answer.text).toBe(status);
    expectNoLeak(answer.text);
    if (code) expect(answer.json?.errors?.[0]?.extensions?.code).toBe(code);
    else expect(answer.json?.errors, answer.text).toBeUndefined();
  });

  it('a known operation runs over GET, with or without a CSRF header', async () => {
    const search = `?${new URLSearchParams({ extensions: JSON.stringify(persisted(STATS)) })}`;
    for (const headers of [CSRF_HEADER, {}]) {
      const answer = await send(t, { method: 'GET', search, headers });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.json?.data).toEqual({ stats: { totals: { partners: expect.any(Number) } } });
    }
  });

  it('a known mutation named over GET is refused (405) and writes nothing', async () => {
    const search = `?${new URLSearchParams({ extensions: JSON.stringify(persisted(CREATE)) })}`;
    for (const headers of [CSRF_HEADER, {}, CSRF_HEADER]) {
      const answer = await send(t, { method: 'GET', search, headers });
      expect(answer.status, answer.text).toBe(405);
    }
    const partner = await send(t, {
      body: JSON.stringify({ extensions: persisted(PARTNER), variables: { code: 'XQ' } }),
    });
    expect(partner.json?.data, partner.text).toEqual({ partner: null });
  });
});

describe('WebSocket', () => {
  it('runs known operations and refuses the rest, with the socket left open', async () => {
    const socket = await RawSocket.open(baseUrl);
    await socket.init();
    socket.send({ id: '1', type: 'subscribe', payload: { query: '', extensions: persisted(STATS) } });
    expect((await socket.next()).payload.data.stats.totals.partners).toBeGreaterThan(0);
    expect((await socket.next()).type).toBe('complete');

    socket.subscribe('2', STATS);
    const refused = await socket.next();
    expect(refused.type).toBe('error');
    expect(refused.payload[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');

    socket.send({
      id: '3',
      type: 'subscribe',
      payload: { query: '', extensions: persisted('subscription { agreementStatusChanged { cursor } }') },
    });
    expect((await socket.next()).payload[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    socket.send({ id: '4', type: 'subscribe', payload: { query: '', extensions: persisted(SIGNINGS) } });
    await expect.poll(() => t.app.services.events.subscriberCount).toBe(1);
    socket.close();
    await expect.poll(() => t.app.services.events.subscriberCount).toBe(0);
  });
});

describe('the manifest', () => {
  it('refuses to start with an entry that is not its document hash', () => {
    expect(() => PersistedOperations.fromManifest({ [sha256(STATS)]: PARTNER })).toThrow(ConfigError);
    expect(() => PersistedOperations.fromManifest([STATS])).toThrow(ConfigError);
  });

  it('refuses to start without a readable manifest', () => {
    expect(() => PersistedOperations.fromFile(path.join(dir, 'missing.json'))).toThrow(ConfigError);
  });

  it.runIf(existsSync('persisted-operations.json'))('the committed manifest is valid', () => {
    expect(PersistedOperations.fromFile('persisted-operations.json').size).toBeGreaterThan(0);
  });
});
