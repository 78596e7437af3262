/**
 * The dashboard page at `/`, in a real Chromium against the real app and database: the seeded
 * picture, its assets and headers, accessibility at phone and desktop widths, and a signing made
 * through the API showing up live.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import {
  connectionState,
  launchBrowser,
  openDashboard,
  rowStatus,
  rowsOf,
  stat,
  statusChangesListed,
} from '../support/browser';
import { backend } from '../support/database';
import { createAgreement, sign } from '../support/factories';
import { untilSubscribers } from '../support/wait';

const require = createRequire(import.meta.url);
const screenshots = path.resolve(import.meta.dirname, '../../test-output/screenshots');

let t: TestApp;
let base: string;
let browser: Browser;
beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(LIVE_ENV), launchBrowser()]);
  base = await t.listen();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Months from January 2024 to this one, both included: the bars the chart draws. */
function monthsSinceJanuary2024(): number {
  const now = new Date();
  return (now.getFullYear() - 2024) * 12 + now.getMonth() + 1;
}

describe('the dashboard page', () => {
  it('is served at / with its hashed assets: the page revalidated, the assets cached for good', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toEqual([
      expect.stringMatching(/^\/assets\/icon-\w{8}\.svg$/),
      expect.stringMatching(/^\/assets\/main-\w{8}\.css$/),
      expect.stringMatching(/^\/assets\/main-\w{8}\.js$/),
    ]);
    for (const asset of assets) {
      const file = await fetch(`${base}${asset}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }

    const again = await fetch(`${base}/`, { headers: { 'if-none-match': response.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${base}/assets/main-NOTBUILT.js`)).status).toBe(404);
  });

  it('renders the seeded picture with no console error and no request leaving the machine', async () => {
    const { page, errors, requests, close } = await openDashboard(browser, base);

    const totals = Object.fromEntries(
      await Promise.all(
        ['SIGNED', 'NEGOTIATING', 'STALLED', 'ABANDONED', 'official', 'agreements', 'partners'].map(
          async (key) => [key, await stat(page, key)] as const,
        ),
      ),
    );
    expect(totals).toEqual({
      SIGNED: 29,
      NEGOTIATING: 3,
      STALLED: 1,
      ABANDONED: 0,
      official: 28,
      agreements: 33,
      partners: 32,
    });

    // The chart is a picture: one bar per month since January 2024, adding up to the signings.
    expect(await page.locator('#chart svg[role="img"]').count()).toBe(1);
    expect(await page.locator('#chart rect.bar').count()).toBe(monthsSinceJanuary2024());
    const counts = await page
      .locator('#chart rect.bar')
      .evaluateAll((bars: Array<{ getAttribute(name: string): string | null }>) =>
        bars.map((bar) => Number(bar.getAttribute('data-count'))),
      );
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(29);
    expect(await page.locator('#chart desc').textContent()).toMatch(/^29 agreements signed from January 2024 to /);

    // Every agreement in the table, the disputed and the stalled ones marked as such.
    expect(await page.locator('#agreements tbody tr').count()).toBe(33);
    expect(await page.locator('#agreements tbody tr[data-status="SIGNED"]').count()).toBe(29);
    const croatia = rowsOf(page, 'Croatia');
    expect(await croatia.locator('.mark-disputed').textContent()).toBe('Disputed');
    const bulgaria = rowsOf(page, 'Bulgaria');
    expect(await bulgaria.getAttribute('data-status')).toBe('STALLED');
    expect(await bulgaria.locator('.status').textContent()).toBe('Stalled');
    const uk = rowsOf(page, 'United Kingdom');
    expect(await uk.getAttribute('data-status')).toBe('SIGNED');
    expect(await uk.locator('td.date time').getAttribute('datetime')).toBe('2024-01-12');
    expect(await uk.locator('td[data-label="Place"]').textContent()).toMatch(/^Kyiv, Ukraine/);

    // Latest timeline events, newest first, with their sources as links.
    const events = page.locator('#timeline > li');
    expect(await events.count()).toBe(8);
    const dates = await events
      .locator('.meta time')
      .evaluateAll((times: Array<{ getAttribute(name: string): string | null }>) =>
        times.map((time) => time.getAttribute('datetime')),
      );
    expect(dates).toEqual([...dates].sort().reverse());
    expect(await events.first().locator('a[href^="https://"]').count()).toBeGreaterThan(0);
    // Every window the seed names had closed by its signing: none is open today.
    expect(await page.locator('#windows').textContent()).toBe('No expected signing window is open.');

    expect(await connectionState(page)).toBe('live');
    expect(errors).toEqual([]);
    const origin = new URL(base);
    for (const url of requests) {
      expect(new URL(url).host, url).toBe(origin.host);
    }
    expect(requests).toContain(`ws://${origin.host}/graphql`);
    await close();
  });

  // Two pages, two axe runs and four screenshots: more than the default 30 s on a busy machine.
  it('has no serious or critical accessibility violation at 375 and 1440 px; keyboard sorts the table', {
    timeout: 60_000,
  }, async () => {
    mkdirSync(screenshots, { recursive: true });
    for (const width of [375, 1440]) {
      // axe goes in as an inline script, which the page's Content-Security-Policy rightly refuses.
      const { page, close } = await openDashboard(browser, base, {
        viewport: { width, height: 900 },
        bypassCSP: true,
        reducedMotion: 'reduce',
      });
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const results = await page.evaluate<AxeResults>('axe.run(document)');
      const serious = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => ({
          id: violation.id,
          help: violation.help,
          nodes: violation.nodes.map((node) => node.target.join(' ')),
        }));
      expect(serious, `at ${width} px`).toEqual([]);
      // Nothing sticks out sideways at this width.
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      // The first screen (docs/dashboard.png is the one at 1440 px) and the whole page.
      await page.screenshot({ path: path.join(screenshots, `dashboard-${width}-${backend}.png`) });
      await page.screenshot({ path: path.join(screenshots, `dashboard-${width}-${backend}-full.png`), fullPage: true });

      // The skip link comes first; Tab goes on through the date control (the date's fields, the
      // preset, Live) to the table's sort buttons, which Enter works.
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Skip to the dashboard');
      const focusedSort = () =>
        page.evaluate<string | null>("document.activeElement.closest('th')?.dataset.sort ?? null");
      const passed: string[] = [];
      for (let presses = 0; presses < 12 && (await focusedSort()) !== 'partner'; presses++) {
        await page.keyboard.press('Tab');
        passed.push(
          await page.evaluate<string>("document.activeElement.id || document.activeElement.textContent || ''"),
        );
      }
      expect(passed).toEqual(expect.arrayContaining(['as-of-date', '20 April 2024', 'back-to-live']));
      expect(await focusedSort()).toBe('partner');
      const partner = page.locator('th[data-sort="partner"]');
      await page.keyboard.press('Enter');
      expect(await partner.getAttribute('aria-sort')).toBe('descending');
      expect(await page.locator('#agreements tbody th').first().textContent()).toMatch(/^United States/);
      await page.locator('th[data-sort="signedOn"] button').press('Enter');
      expect(await partner.getAttribute('aria-sort')).toBeNull();
      expect(await page.locator('#agreements tbody th').first().textContent()).toMatch(/^United Kingdom/);
      await close();
    }
  });

  it('shows a signing made through the API within 2 s, highlighted, listed once', async () => {
    const { page, close } = await openDashboard(browser, base);
    await untilSubscribers(t.app, 2);
    const signedBefore = await stat(page, 'SIGNED');
    const agreement = await createAgreement(t.execute, 'ME', 'Browser test: Montenegro');

    const signed = await sign(t.execute, agreement.id);
    const answered = performance.now();
    // The row (applied from the event) and the totals (re-read on it) both.
    const shown = async () => [await rowStatus(page, agreement.id), await stat(page, 'SIGNED')];
    await expect.poll(shown, { timeout: 2_000, interval: 20 }).toEqual(['SIGNED', signedBefore + 1]);
    const shownAfter = performance.now() - answered;

    expect(await page.locator(`tr[data-agreement-id="${agreement.id}"]`).getAttribute('class')).toContain('changed');
    expect(await statusChangesListed(page, agreement.id)).toBe(1);
    // The page reflects at least the signing's position in the event log.
    expect(Number(await page.locator('#cursor').textContent())).toBeGreaterThanOrEqual(signed.sequence);
    console.info(`signing shown on the page ${shownAfter.toFixed(0)} ms after the mutation answered`);
    await close();
    await untilSubscribers(t.app, 0);
  });

  it('the "20 April 2024" view shows 9 signed and the windows then open; leaving it returns to live', async () => {
    const { page, errors, close } = await openDashboard(browser, base);
    const live = await stat(page, 'SIGNED');
    await page.getByRole('button', { name: '20 April 2024' }).click();
    await expect.poll(() => stat(page, 'SIGNED')).toBe(9);
    // The statement of that day: the US, Norway and Sweden in May–June, a Baltic state in April.
    expect(await stat(page, 'NEGOTIATING')).toBe(8);
    const expected = await page
      .locator('#windows > li')
      .evaluateAll((items: Array<{ getAttribute(name: string): string | null }>) =>
        items.map((item) => item.getAttribute('data-partner')),
      );
    expect([...expected].sort()).toEqual(['EE', 'LT', 'NO', 'SE', 'US']);
    expect(await page.locator('body').getAttribute('data-view')).toBe('as-of');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2024-04-20');
    expect(await page.locator('#as-of-date').inputValue()).toBe('2024-04-20');

    await page.getByRole('button', { name: 'Live' }).click();
    await expect.poll(() => stat(page, 'SIGNED')).toBe(live);
    expect(await page.locator('body').getAttribute('data-view')).toBe('live');
    expect(new URL(page.url()).searchParams.get('asOf')).toBeNull();

    // Live again: a signing made now shows, as it does on a page that never left.
    const agreement = await createAgreement(t.execute, 'IS');
    await sign(t.execute, agreement.id);
    await expect.poll(() => stat(page, 'SIGNED')).toBe(live + 1);
    expect(errors).toEqual([]);
    await close();
    await untilSubscribers(t.app, 0);
  });
});
