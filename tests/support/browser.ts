/**
 * A real Chromium (Debian's package; `.ci/run` installs it) driven by playwright-core, for the
 * dashboard tests: one browser per test file, one context per page so pages share nothing, and
 * readers for what the page shows. The page's state is read through its DOM (data attributes the
 * page sets for that purpose), never from its script's variables.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';
import { onTestFinished } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // playwright gives each launch a fresh profile (--user-data-dir) of its own. Without the
    // background-networking flags Chromium tries to reach Google's services.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface DashboardPage {
  page: Page;
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
  /** Every URL the page asked for, WebSockets included. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Opens the dashboard and waits until it shows data and its subscriptions are connected. The page
 * is closed when the test ends, pass or fail (so call this inside a test): no subscriber is left
 * behind for the next test to count.
 */
export async function openDashboard(
  browser: Browser,
  baseUrl: string,
  options: BrowserContextOptions = {},
): Promise<DashboardPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  page.on('websocket', (socket) => requests.push(socket.url()));
  const close = () => context.close();
  onTestFinished(close);
  await page.goto(`${baseUrl}/`);
  await page.locator('#agreements tbody tr').first().waitFor();
  await page.locator('#connection[data-state="live"]').waitFor();
  return { page, errors, requests, close };
}

/** The number a total shows: SIGNED, NEGOTIATING, STALLED, ABANDONED, official, agreements, partners. */
export async function stat(page: Page, key: string): Promise<number> {
  return Number(await page.locator(`#totals [data-stat="${key}"] dd`).textContent());
}

/** The table's row(s) for a partner, by the name in its header cell. */
export function rowsOf(page: Page, partnerName: string): Locator {
  return page.locator('#agreements tbody tr').filter({ has: page.locator('th', { hasText: partnerName }) });
}

/** The status the table shows for an agreement, or null while it has no row. */
export async function rowStatus(page: Page, agreementId: string): Promise<string | null> {
  const row = page.locator(`#agreements tr[data-agreement-id="${agreementId}"]`);
  return (await row.count()) ? row.getAttribute('data-status') : null;
}

export function connectionState(page: Page): Promise<string | null> {
  return page.locator('#connection').getAttribute('data-state');
}

/** How many times the page listed a status change of this agreement among the changes it received. */
export function statusChangesListed(page: Page, agreementId: string): Promise<number> {
  return page.locator(`#activity [data-topic="status"][data-agreement-id="${agreementId}"]`).count();
}

/** Everything the page shows as text: the totals, the chart's summary, the table. */
export async function pictureOf(page: Page) {
  return {
    totals: await page.locator('#totals').textContent(),
    chart: await page.locator('#chart desc').textContent(),
    table: await page.locator('#agreements tbody tr').allInnerTexts(),
  };
}
