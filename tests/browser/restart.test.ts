/**
 * The open page across a server restart: the app stops (its WebSocket clients get 1001), another
 * app on the same database signs an agreement meanwhile, and the app comes back on the same port.
 * The page reconnects by itself and resubscribes after the last cursor it saw, so the signing made
 * while it was away is replayed to it exactly once, with no reload.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { type App, buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import { LIVE_ENV, TEST_JWT_SECRET } from '../support/app';
import {
  connectionState,
  launchBrowser,
  openDashboard,
  rowStatus,
  stat,
  statusChangesListed,
} from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createAgreement, sign } from '../support/factories';
import { remoteExecute } from '../support/http';
import { untilSubscribers } from '../support/wait';

const config = loadConfig({
  NODE_ENV: 'test',
  JWT_SECRET: TEST_JWT_SECRET,
  MIGRATE_ON_START: 'false',
  SEED_ON_START: 'false',
  ...LIVE_ENV,
});

/** An app on `database` that leaves it open when it stops, so that another can take over, as after a restart. */
async function appOn(database: Database): Promise<App> {
  const app = await buildApp(config, { database: { ...database, close: async () => {} } });
  onTestFinished(() => app.stop());
  return app;
}

let browser: Browser;
let db: TestDatabase;
beforeAll(async () => {
  [browser, db] = await Promise.all([launchBrowser(), createTestDatabase()]);
});
afterAll(async () => {
  await browser?.close();
  await db?.drop();
});

// Three apps come and go, and the page waits out its backoff: more than the default 30 s on a busy machine.
it('reconnects after a server restart and shows the signing made while the server was down, once', {
  timeout: 60_000,
}, async () => {
  const first = await appOn(db.database);
  const port = await first.start(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const execute = remoteExecute(base);
  const { page, close } = await openDashboard(browser, base);
  await untilSubscribers(first, 2);

  // A first signing gives the page a cursor to resume from.
  const before = await sign(execute, (await createAgreement(execute, 'MK', 'Signed before the restart')).id);
  await expect.poll(() => rowStatus(page, before.agreement.id)).toBe('SIGNED');
  const whileDown = await createAgreement(execute, 'MK', 'Signed while the server is down');

  await first.stop();
  await expect.poll(() => connectionState(page)).not.toBe('live');

  const other = await appOn(db.database);
  const otherBase = `http://127.0.0.1:${await other.start(0, '127.0.0.1')}`;
  await sign(remoteExecute(otherBase), whileDown.id);
  await other.stop();

  const restarted = await appOn(db.database);
  await restarted.start(port, '127.0.0.1');
  const back = performance.now();
  // The page retries with backoff (at most 5 s apart), so it may take that long to notice.
  await expect.poll(() => rowStatus(page, whileDown.id), { timeout: 20_000 }).toBe('SIGNED');
  console.info(`the page caught up ${(performance.now() - back).toFixed(0)} ms after the server was back`);
  await expect.poll(() => connectionState(page)).toBe('live');
  expect(await statusChangesListed(page, before.agreement.id)).toBe(1);
  expect(await statusChangesListed(page, whileDown.id)).toBe(1);
  // The row follows the event at once; the totals are re-read after it.
  await expect.poll(() => stat(page, 'SIGNED')).toBe(29 + 2);

  // And it is live again: the next signing shows, once.
  const after = await sign(execute, (await createAgreement(execute, 'MK', 'Signed after the restart')).id);
  await expect.poll(() => rowStatus(page, after.agreement.id), { timeout: 2_000 }).toBe('SIGNED');
  expect(await statusChangesListed(page, after.agreement.id)).toBe(1);
  expect(await statusChangesListed(page, whileDown.id)).toBe(1);
  await expect.poll(() => stat(page, 'SIGNED')).toBe(29 + 3);
  // Closed before the app stops, so that it does not reconnect to a server going away.
  await close();
});
