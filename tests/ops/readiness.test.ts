/**
 * GET /ready: 200 while the database answers and the event listener is up; 503, with the reason,
 * when the database does not answer. Any other path is not the readiness check.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp();
  base = await t.listen();
});
afterAll(() => t?.close());

it('answers 200 when ready, 503 with the reason when the database is gone', async () => {
  expect((await fetch(`${base}/ready`)).status).toBe(200);
  expect((await fetch(`${base}/ready?probe=1`)).status).toBe(200);
  expect((await fetch(`${base}/ready/extra`)).status).toBe(404);
  await t.app.database.close();
  const down = await fetch(`${base}/ready`);
  expect(down.status).toBe(503);
  expect(down.headers.get('content-type')).toContain('text/plain');
  expect(await down.text()).not.toBe('');
});
