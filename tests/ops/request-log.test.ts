/**
 * The request log (metrics off: it does not depend on them): one `info` line per GraphQL request
 * with its request id (kept from x-request-id, else made, and returned in the response), operation,
 * status, duration, error codes and client name; and a line when a subscription starts and ends.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { createAgreement, sign } from '../support/factories';
import { RawSocket } from '../support/raw-socket';
import { AgreementSigned, subscribeWs } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';

interface LogLine {
  msg: string;
  level: number;
  [field: string]: unknown;
}

const lines: LogLine[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  }),
);
const logged = (msg: string) => lines.filter((line) => line.msg === msg);

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp(LIVE_ENV, {}, { logger });
  base = await t.listen();
});
afterAll(() => t?.close());

const post = (query: string, headers: Record<string, string> = {}) =>
  t.app.yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

it('one info line per request, with the request id it returns', async () => {
  const before = logged('graphql request').length;
  const kept = await post('query LogPartners { partners(first: 1) { totalCount } }', {
    'x-request-id': 'edge-7f3a',
    'graphql-client-name': 'dashboard-web',
  });
  expect(kept.status).toBe(200);
  expect(kept.headers.get('x-request-id')).toBe('edge-7f3a');
  const made = await post('query LogBroken { partner(code: "??") { name } }', { 'x-request-id': 'bad id\nforged' });
  const madeId = made.headers.get('x-request-id');
  expect(madeId).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);

  const requests = logged('graphql request').slice(before);
  expect(requests).toHaveLength(2);
  expect(requests[0]).toMatchObject({
    level: 30,
    requestId: 'edge-7f3a',
    operationName: 'LogPartners',
    operationType: 'query',
    status: 200,
    clientName: 'dashboard-web',
  });
  expect(requests[0]!.durationMs).toBeTypeOf('number');
  expect(requests[0]!.errorCodes).toBeUndefined();
  expect(requests[1]).toMatchObject({
    requestId: madeId,
    operationName: 'LogBroken',
    errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
  });
});

it('a subscription logs its start, and its end with its duration and delivery count', async () => {
  const agreement = await createAgreement(t.execute, 'NO');
  const subscriber = subscribeWs(base, AgreementSigned, { partnerCode: 'NO' });
  await untilSubscribers(t.app, 1);
  expect(logged('subscription started').at(-1)).toMatchObject({
    operationName: 'LiveAgreementSigned',
    field: 'agreementSigned',
    transport: 'ws',
  });
  await sign(t.execute, agreement.id);
  await subscriber.feed.next();
  await subscriber.close();
  await expect.poll(() => logged('subscription ended').length).toBe(1);
  const ended = logged('subscription ended')[0]!;
  expect(ended).toMatchObject({ operationName: 'LiveAgreementSigned', transport: 'ws', deliveries: 1 });
  expect(ended.durationMs).toBeTypeOf('number');
});

it('a query and a refused mutation over graphql-ws log the same line, with transport "ws" and their own ids', async () => {
  const before = logged('graphql request').length;
  const socket = await RawSocket.open(base, { headers: { 'graphql-client-name': 'ws-dashboard' } });
  await socket.init();
  socket.subscribe('1', 'query WsLogPartners { partners(first: 1) { totalCount } }');
  expect((await socket.next()).type).toBe('next');
  expect((await socket.next()).type).toBe('complete');
  // Anonymous: createPartner needs an editor, so the result carries FORBIDDEN.
  socket.subscribe(
    '2',
    'mutation WsLogCreate { createPartner(input: { code: "XW", kind: STATE, name: "W" }) { __typename } }',
  );
  expect((await socket.next()).type).toBe('next');
  expect((await socket.next()).type).toBe('complete');
  socket.subscribe('3', 'query WsLogBroken { partner(code: "??") { name } }');
  expect((await socket.next()).type).toBe('error');
  socket.close();

  await expect.poll(() => logged('graphql request').length - before).toBe(3);
  const [query, mutation, broken] = logged('graphql request').slice(before);
  expect(query).toMatchObject({
    level: 30,
    operationName: 'WsLogPartners',
    operationType: 'query',
    transport: 'ws',
    clientName: 'ws-dashboard',
  });
  expect(query!.durationMs).toBeTypeOf('number');
  expect(query!.status).toBeUndefined();
  expect(query!.errorCodes).toBeUndefined();
  expect(mutation).toMatchObject({ operationName: 'WsLogCreate', operationType: 'mutation', transport: 'ws' });
  expect(mutation!.errorCodes).toEqual(expect.arrayContaining([expect.any(String)]));
  expect(broken).toMatchObject({ operationName: 'WsLogBroken', errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
  expect(new Set([query!.requestId, mutation!.requestId, broken!.requestId]).size).toBe(3);
});
