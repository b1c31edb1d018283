import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, seriousViolations } from './browser';
import { builtPages } from '../build/dist';

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

/** Scrolls through the page so that lazy islands and figures start as a reader would make them. */
async function scrollThrough(page: import('playwright-core').Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  });
  await page.waitForLoadState('networkidle');
}

describe('every page', () => {
  it.each(paths)('/%s loads without console errors or foreign requests, and axe finds nothing serious', async (path) => {
    const probe = await openPage(browser);
    const url = new URL(path, baseUrl).href;
    const response = await probe.page.goto(url, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    await scrollThrough(probe.page);
    expect(probe.errors.join('\n')).toBe('');
    expect(probe.foreignRequests).toEqual([]);
    expect((await seriousViolations(probe.page)).join('\n')).toBe('');
    await probe.context.close();
  });
});

describe('dark theme and phones', () => {
  it.each(['chapters/03-algorithms/', 'chapters/04-math/', ''])('/%s passes axe in the dark theme', async (path) => {
    const probe = await openPage(browser, { colorScheme: 'dark' });
    await probe.page.goto(new URL(path, baseUrl).href, { waitUntil: 'networkidle' });
    expect(await probe.page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await scrollThrough(probe.page);
    expect((await seriousViolations(probe.page)).join('\n')).toBe('');
    await probe.context.close();
  });

  it.each(paths)('/%s fits a 375-px-wide phone without sideways scrolling', async (path) => {
    const probe = await openPage(browser, { width: 375, height: 740 });
    await probe.page.goto(new URL(path, baseUrl).href, { waitUntil: 'networkidle' });
    await scrollThrough(probe.page);
    const overflow = await probe.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await probe.context.close();
  });
});

describe('navigation', () => {
  it('chapter pages link to the previous and next chapter', async () => {
    const probe = await openPage(browser);
    await probe.page.goto(new URL('chapters/03-algorithms/', baseUrl).href);
    const prev = probe.page.locator('.pagination-links a[rel="prev"]');
    const next = probe.page.locator('.pagination-links a[rel="next"]');
    expect(await prev.getAttribute('href')).toMatch(/chapters\/02-concepts\/$/);
    expect(await next.getAttribute('href')).toMatch(/chapters\/04-math\/$/);
    await next.click();
    await probe.page.waitForURL(/04-math/);
    expect(await probe.page.locator('h1').first().textContent()).toContain('第 4 章');
    await probe.context.close();
  });

  it('an unknown address shows the Chinese 404 page', async () => {
    const probe = await openPage(browser);
    const response = await probe.page.goto(new URL('no-such-page/', baseUrl).href);
    expect(response?.status()).toBe(404);
    expect(await probe.page.locator('h1').first().textContent()).toContain('页面不存在');
    await probe.context.close();
  });
});
