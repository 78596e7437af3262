/**
 * An abuse run against the real server: a few thousand hostile HTTP requests, hundreds of
 * misbehaving WebSockets and abandoned SSE streams, with production limits. Afterwards the server
 * still answers, holds no subscriber, has written nothing, and its memory is back near where it
 * started. The numbers are printed for the record.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { databaseSnapshot } from '../support/committed';
import { JSON_HEADERS } from '../support/http';
import { RawSocket } from '../support/raw-socket';
import { untilSubscribers } from '../support/wait';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const HTTP_REQUESTS = 1500;
const SOCKETS = 300;
const STREAMS = 100;

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await startTestApp({
    MAX_SOCKETS_PER_ADDRESS: '50',
    WS_CONNECTION_INIT_TIMEOUT_MS: '200',
    WS_KEEPALIVE_MS: '500',
  });
  url = await t.listen();
});
afterAll(() => t.close());

const deep = `{ ${'partners(first: 1) { edges { node { agreements(first: 1) { edges { node { partner { '.repeat(3)}name${' } } } } } } }'.repeat(3)} }`;
const hostileBodies: Array<{ headers: Record<string, string>; body: string | Uint8Array<ArrayBuffer> }> = [
  { headers: JSON_HEADERS, body: '{"query": ' },
  { headers: JSON_HEADERS, body: JSON.stringify({ query: deep }) },
  { headers: JSON_HEADERS, body: JSON.stringify({ query: `{ ${'__typename '.repeat(3000)} }` }) },
  {
    headers: JSON_HEADERS,
    body: JSON.stringify({
      query: '{ agreements(first: 100) { edges { node { timeline(first: 100) { edges { node { title } } } } } } }',
    }),
  },
  {
    headers: JSON_HEADERS,
    body: JSON.stringify({
      query: 'query($s: String) { agreements(filter: { search: $s }) { totalCount } }',
      variables: { s: "'; drop table agreements; --" },
    }),
  },
  {
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: '{ partner(code: "GB") { ...A } } fragment A on Partner { name ...A }' }),
  },
  {
    headers: JSON_HEADERS,
    body: JSON.stringify({
      query: 'mutation { createPartner(input: { code: "XQ", kind: STATE, name: "x" }) { __typename } }',
    }),
  },
  {
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: '{ stats { totals { partners } } }', variables: { pad: 'x'.repeat(150_000) } }),
  },
  { headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) },
  { headers: JSON_HEADERS, body: `[${JSON.stringify({ query: '{ __typename }' })}]` },
  { headers: JSON_HEADERS, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) },
];

function memory(label: string) {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  console.log(`[hostile abuse run] ${label}: rss ${mb(rss)} MB, heapUsed ${mb(heapUsed)} MB`);
  return { rss, heapUsed };
}

async function hostileHttp(requests = HTTP_REQUESTS): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  for (let i = 0; i < requests; i += 20) {
    const batch = Array.from({ length: 20 }, (_, j) => hostileBodies[(i + j) % hostileBodies.length]!);
    const responses = await Promise.all(
      batch.map(({ headers, body }) => fetch(`${url}/graphql`, { method: 'POST', headers, body })),
    );
    for (const response of responses) {
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      await response.arrayBuffer();
    }
  }
  return statuses;
}

async function hostileSockets(): Promise<void> {
  const misbehave: Array<(socket: RawSocket) => void> = [
    (s) => s.send('not json'),
    (s) => s.send({ type: 'connection_init' }),
    (s) => {
      s.send({ type: 'connection_init' });
      s.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { agreementStatusChanged { cursor } }' } });
      s.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { agreementStatusChanged { cursor } }' } });
    },
    (s) => {
      s.send({ type: 'connection_init' });
      s.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { timelineEventAdded { cursor } }' } });
      setTimeout(() => s.ws.terminate(), 20);
    },
    () => {}, // never sends connection_init
    (s) => s.send({ type: 'ping', payload: { pad: 'x'.repeat(200_000) } }),
  ];
  for (let i = 0; i < SOCKETS; i += 25) {
    const sockets = await Promise.all(Array.from({ length: 25 }, () => RawSocket.open(url)));
    for (const [j, socket] of sockets.entries()) misbehave[(i + j) % misbehave.length]!(socket);
    await Promise.all(
      sockets.map(async (socket) => {
        await Promise.race([socket.closed, new Promise((resolve) => setTimeout(resolve, 300))]);
        socket.ws.terminate();
        await socket.closed;
      }),
    );
  }
}

async function abandonedStreams(): Promise<void> {
  for (let i = 0; i < STREAMS; i += 25) {
    const controllers = Array.from({ length: 25 }, () => new AbortController());
    await Promise.all(
      controllers.map((controller) =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ query: 'subscription { agreementStatusChanged { cursor } }' }),
          signal: controller.signal,
        }),
      ),
    );
    for (const controller of controllers) controller.abort();
    await untilSubscribers(t.app, 0);
  }
}

it('survives an abuse run with bounded memory, nothing written and nothing left behind', async () => {
  const database = await databaseSnapshot(t);
  // A first, smaller round warms caches and JIT, so the comparison measures growth, not warm-up.
  await hostileHttp(HTTP_REQUESTS / 3);
  const before = memory('before');

  const started = performance.now();
  const statuses = await hostileHttp();
  await hostileSockets();
  await abandonedStreams();
  await hostileHttp();
  const seconds = Math.round((performance.now() - started) / 100) / 10;

  await untilSubscribers(t.app, 0);
  const after = memory('after');
  console.log(
    `[hostile abuse run] ${2 * HTTP_REQUESTS} HTTP requests, ${SOCKETS} sockets, ${STREAMS} streams in ${seconds} s; statuses ${JSON.stringify(statuses)}; ` +
      `heapUsed ${after.heapUsed > before.heapUsed ? '+' : ''}${Math.round((after.heapUsed - before.heapUsed) / 1024 / 1024)} MB`,
  );

  expect(
    Object.keys(statuses).every((status) => Number(status) < 500),
    JSON.stringify(statuses),
  ).toBe(true);
  expect(after.heapUsed - before.heapUsed).toBeLessThan(30 * 1024 * 1024);
  expect(await databaseSnapshot(t)).toEqual(database);
  const healthy = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: '{ stats { totals { partners } } }' }),
  });
  expect(healthy.status).toBe(200);
}, 180_000);
