import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('concept graph (chapter 2)', () => {
  it('becomes an SVG whose nodes link to their sections, in both themes', async () => {
    const probe = await openPage(browser);
    await probe.page.goto(new URL('chapters/02-concepts/', baseUrl).href);
    const figure = probe.page.locator('[data-concept-graph]');
    await figure.scrollIntoViewIfNeeded();
    await probe.page.locator('[data-concept-graph][data-rendered="light"] svg').waitFor({ timeout: 60_000 });
    const links = await probe.page.locator('[data-concept-graph-canvas] svg a').evaluateAll((as) =>
      as.map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href')),
    );
    expect(links.length).toBe(13);
    expect(links).toContain(`${new URL(baseUrl).pathname}chapters/03-algorithms/#311-数据预处理`);
    await probe.page.evaluate(() => {
      document.documentElement.dataset['theme'] = 'dark';
    });
    await probe.page.locator('[data-concept-graph][data-rendered="dark"] svg').waitFor({ timeout: 30_000 });
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('does not download Mermaid on a page without a diagram', async () => {
    const probe = await openPage(browser);
    const scripts: string[] = [];
    probe.page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await probe.page.goto(new URL('chapters/08-future/', baseUrl).href, { waitUntil: 'networkidle' });
    expect(scripts.filter((s) => /mermaid|dagre|katex|lit/i.test(s))).toEqual([]);
    await probe.context.close();
  });
});
