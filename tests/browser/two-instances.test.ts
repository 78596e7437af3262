/**
 * Three open pages, two on one server instance and one on another (a child process on the same
 * PostgreSQL database), see the same picture after 20 concurrent changes made through both.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { launchBrowser, openDashboard, pictureOf, rowStatus, stat, statusChangesListed } from '../support/browser';
import { backend } from '../support/database';
import { createAgreement, SIGNED_ON, sign, transition } from '../support/factories';
import { remoteExecute } from '../support/http';
import { type ServerProcess, startServer } from '../support/server-process';
import { untilSubscribers } from '../support/wait';

const CHANGES = 20;
const TARGETS = ['SIGNED', 'SIGNED', 'STALLED', 'ABANDONED'] as const;

describe.skipIf(backend !== 'postgres')(
  'pages on two server instances (needs the postgres backend: PGlite lives inside one process)',
  () => {
    let t: TestApp;
    let a: string;
    let b: ServerProcess;
    let browser: Browser;
    beforeAll(async () => {
      [t, browser] = await Promise.all([startTestApp(LIVE_ENV), launchBrowser()]);
      a = await t.listen();
      b = await startServer({ databaseUrl: t.db.url! });
    });
    afterAll(async () => {
      await browser?.close();
      await b?.stop();
      await t?.close();
    });

    // Three pages and 21 transitions through two servers: more than the default 30 s on a busy machine.
    it(`two tabs on one instance and one on the other converge after ${CHANGES} concurrent changes`, {
      timeout: 60_000,
    }, async () => {
      const tabs = [
        await openDashboard(browser, a),
        await openDashboard(browser, a),
        await openDashboard(browser, b.url),
      ].map((tab) => tab.page);
      await untilSubscribers(t.app, 4);
      // The other instance's subscribers are out of sight: a first signing that every tab shows
      // proves they all follow.
      const probe = await sign(t.execute, (await createAgreement(t.execute, 'BG', 'Probe')).id);
      for (const tab of tabs) await expect.poll(() => rowStatus(tab, probe.agreement.id)).toBe('SIGNED');

      const agreements = [];
      for (let i = 0; i < CHANGES; i++) agreements.push(await createAgreement(t.execute, 'BG', `Concurrent ${i}`));
      const executors = [t.execute, remoteExecute(b.url)];
      const headers = await bearer('editor');
      const results = await Promise.all(
        agreements.map((agreement, i) =>
          transition(
            executors[i % 2]!,
            { id: agreement.id, to: TARGETS[i % TARGETS.length]!, expectedVersion: 1, effectiveDate: SIGNED_ON },
            headers,
          ),
        ),
      );
      expect(results.map((result) => result.data?.transitionAgreement.__typename)).toEqual(
        agreements.map(() => 'AgreementStatusChange'),
      );

      const expected = {
        SIGNED: 29 + 1 + CHANGES / 2,
        STALLED: 1 + CHANGES / 4,
        ABANDONED: CHANGES / 4,
        NEGOTIATING: 3,
        agreements: 33 + 1 + CHANGES,
      };
      for (const tab of tabs) {
        for (const [key, count] of Object.entries(expected)) {
          await expect.poll(() => stat(tab, key), { timeout: 10_000 }).toBe(count);
        }
        for (const [i, agreement] of agreements.entries()) {
          await expect.poll(() => rowStatus(tab, agreement.id)).toBe(TARGETS[i % TARGETS.length]);
          expect(await statusChangesListed(tab, agreement.id)).toBe(1);
        }
      }
      const [first, ...others] = await Promise.all(tabs.map((tab) => pictureOf(tab)));
      for (const other of others) expect(other).toEqual(first);
    });
  },
);
