// GraphiQL at /graphql in a real browser (Debian's Chromium, headless): the page loads with no CDN (brotli-compressed:
// ~1.9 MB on the wire instead of 9 MB), its default query fits the editor, and it runs against the emulator without
// errors.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (.ci/run does)`);
  [h, browser] = await Promise.all([
    startHarness(),
    chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

it('loads GraphiQL and runs its default query', { timeout: 45_000 }, async () => {
  const page = await browser.newPage();
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('pageerror', (e) => failed.push(`pageerror: ${e.message}`));

  const loaded = await page.goto(h.gateway.url, { waitUntil: 'load' });
  await expect(page.title()).resolves.toMatch(/UQPAY/);
  expect((await loaded!.allHeaders())['content-encoding']).toBe('br');
  const run = page.locator('.graphiql-execute-button');
  await run.waitFor({ state: 'visible', timeout: 20_000 });
  // The editors mount asynchronously (Monaco workers): wait until the default query is in the editor.
  await page.getByText('query Dashboard').first().waitFor({ timeout: 20_000 });
  // No line of the default query runs past the query editor's right edge (long comment lines used to be cut off).
  const cutOff = await page.evaluate(() => {
    const editor = document.querySelector('.monaco-editor');
    const right = editor?.getBoundingClientRect().right ?? 0;
    return [...(editor?.querySelectorAll('.view-line') ?? [])]
      .filter((line) => (line.firstElementChild?.getBoundingClientRect().right ?? 0) > right)
      .map((line) => line.textContent);
  });
  expect(cutOff).toEqual([]);

  const answered = page.waitForResponse(
    (r) =>
      r.url().startsWith(h.gateway.url) &&
      r.request().method() === 'POST' &&
      (r.request().postData() ?? '').includes('Dashboard'),
  );
  await run.click();
  const response = await answered;
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { data?: { cardholders?: { totalCount: number } }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  expect(body.data?.cardholders?.totalCount).toBeGreaterThan(0);
  // …and the result pane shows it.
  await page.getByText('"totalCount"').first().waitFor({ timeout: 10_000 });
  expect(failed).toEqual([]);
});
