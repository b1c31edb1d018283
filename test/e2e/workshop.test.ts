import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, seriousViolations } from './browser';
import { ISLANDS } from '../../components/islands/registry';

// The workshop index lists every registered island with working links, copy and QR.
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('实验索引 (workshop index)', () => {
  it('lists every island, copies its link and draws its QR code in the page', async () => {
    const probe = await openPage(browser, { width: 375 });
    await probe.page.goto(new URL('workshop/', baseUrl).href, { waitUntil: 'networkidle' });
    const entries = await probe.page.locator('[data-island-entry]').evaluateAll((items) => items.map((i) => i.getAttribute('data-island-entry')));
    expect(entries.sort()).toEqual(ISLANDS.map((i) => i.tag).sort());
    const first = ISLANDS[0]!;
    const item = probe.page.locator(`[data-island-entry="${first.tag}"]`);
    await item.locator('[data-copy]').first().click();
    expect(await probe.page.evaluate(() => navigator.clipboard.readText())).toBe(new URL(`${first.page}#${first.anchor}`, baseUrl).href);
    await item.locator('[data-qr]').first().click();
    await item.locator('.live-index__qr svg').first().waitFor();
    expect(await item.locator('.live-index__qr figcaption').first().textContent()).toContain(`#${first.anchor}`);
    expect((await seriousViolations(probe.page)).join('\n')).toBe('');
    expect(probe.errors.join('\n')).toBe('');
    expect(probe.foreignRequests).toEqual([]);
    await probe.context.close();
  });

  it('its preset link opens the island on that preset', async () => {
    const island = ISLANDS.find((i) => Object.keys(i.presets).length > 0)!;
    const probe = await openPage(browser);
    await probe.page.goto(new URL('workshop/', baseUrl).href);
    const item = probe.page.locator(`[data-island-entry="${island.tag}"]`);
    await item.locator('summary').click();
    await item.locator('.live-index__presets a').first().click();
    await probe.page.locator(`${island.tag}[data-ready]`).waitFor({ timeout: 60_000 });
    expect(probe.page.url()).toContain(`preset=${Object.keys(island.presets)[0]}`);
    await probe.context.close();
  });
});
