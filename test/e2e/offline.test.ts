import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { builtPages } from '../build/dist';
import { ISLANDS } from '../../components/islands/registry';

// The workshop promise: after one visit (and the offline package for MNIST), the whole site
// works with the network off — every chapter, every island, training in chapter 5.
const baseUrl = inject('baseUrl');
const paths = builtPages()
  .filter((p) => p.file !== '404.html')
  .map((p) => p.path.replace(/^\//, ''));
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('offline', () => {
  it('after one visit and the offline package, every page, every island and MNIST training work with the network off', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(new URL('workshop/', baseUrl).href, { waitUntil: 'networkidle' });
    // The service worker installs (precaching the site) once the page is idle.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.locator('[data-offline-download]').click();
    await page.waitForFunction(() => document.querySelector('[data-offline-status]')?.textContent?.includes('离线包已保存'), undefined, { timeout: 240_000 });

    await context.setOffline(true);
    for (const path of paths) {
      const response = await page.goto(new URL(`${path}?any.state=1`, baseUrl).href);
      expect(response?.ok(), path).toBe(true);
      expect(await page.locator('main h1').textContent(), path).toBeTruthy();
    }
    for (const island of ISLANDS.filter((i) => !i.tensorflow)) {
      await page.goto(new URL(`${island.page}#${island.anchor}`, baseUrl).href);
      await page.locator(`${island.tag}[data-ready]`).waitFor({ timeout: 60_000 });
    }
    await page.goto(new URL('chapters/05-mnist-project/?mnist.backend=wasm#live-mnist', baseUrl).href);
    await page.locator('ml-mnist[data-ready]').waitFor();
    await page.locator('ml-mnist [data-action="start"]').click();
    await page.waitForFunction(() => Number(document.querySelector('ml-mnist')?.getAttribute('data-batch')) >= 3, undefined, { timeout: 180_000 });
    await page.locator('ml-mnist [data-action="stop"]').click();
    await page.waitForFunction(() => document.querySelector('ml-mnist')?.getAttribute('data-status') === 'stopped', undefined, { timeout: 60_000 });
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
