import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';

const baseUrl = inject('baseUrl');
const chapter3 = new URL('chapters/03-algorithms/', baseUrl).href;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const metricValue = (page: Page, name: string) =>
  page.locator(`ml-metrics [data-metric="${name}"]`).getAttribute('data-value');

async function openMetrics(query = ''): Promise<Awaited<ReturnType<typeof openPage>>> {
  const probe = await openPage(browser);
  await probe.page.goto(`${chapter3}${query}#live-metrics`);
  await probe.page.locator('ml-metrics[data-ready]').waitFor();
  return probe;
}

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

describe('metrics island (chapter 3.3)', () => {
  it('starts lazily: no island code before the reader gets near it', async () => {
    const probe = await openPage(browser);
    await probe.page.goto(chapter3, { waitUntil: 'networkidle' });
    expect(await probe.page.locator('ml-metrics[data-ready]').count()).toBe(0);
    await probe.page.locator('#live-metrics').scrollIntoViewIfNeeded();
    await probe.page.locator('ml-metrics[data-ready]').waitFor();
    await probe.context.close();
  });

  it('computes the default matrix and answers edits of the counts', async () => {
    const probe = await openMetrics();
    const { page } = probe;
    expect(await metricValue(page, 'accuracy')).toBe('0.920');
    expect(await metricValue(page, 'precision')).toBe('0.667');
    expect(await metricValue(page, 'recall')).toBe('0.400');
    expect(await metricValue(page, 'f1')).toBe('0.500');
    await page.getByLabel('FN（假负例）').fill('2');
    expect(await metricValue(page, 'recall')).toBe('0.800');
    expect(page.url()).toContain('metrics.fn=2');
    // The formula is re-typeset with the new numbers.
    expect(await page.locator('[data-metric="recall"] .katex').textContent()).toContain('8+2');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('explains a zero denominator instead of showing NaN', async () => {
    const probe = await openMetrics('?metrics.tp=0&metrics.fp=0');
    const precision = probe.page.locator('[data-metric="precision"]');
    expect(await precision.getAttribute('data-value')).toBe('undefined');
    expect(await precision.textContent()).toContain('TP + FP = 0');
    expect(await probe.page.locator('ml-metrics').textContent()).not.toContain('NaN');
    await probe.context.close();
  });

  it('rejects a bad count in the input with a message and keeps the last good state', async () => {
    const probe = await openMetrics();
    await probe.page.getByLabel('TP（真正例）').fill('-5');
    expect(await probe.page.locator('.ml-field-error').textContent()).toContain('0 到 1000000');
    expect(await metricValue(probe.page, 'accuracy')).toBe('0.920');
    await probe.context.close();
  });

  it('moves the threshold and restores exactly from the copied link', async () => {
    const probe = await openMetrics();
    const { page } = probe;
    await page.getByRole('button', { name: '移动判定阈值' }).click();
    const slider = page.locator('ml-metrics input[type="range"]');
    await slider.focus();
    for (let i = 0; i < 20; i++) await slider.press('ArrowRight');
    const before = await Promise.all(['accuracy', 'precision', 'recall', 'f1'].map((m) => metricValue(page, m)));
    await page.getByRole('button', { name: '复制本状态的链接' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('metrics.mode=threshold');
    expect(link).toContain('metrics.t=0.7');
    expect(link).toMatch(/#live-metrics$/);

    const restored = await openPage(browser);
    await restored.page.goto(link);
    await restored.page.locator('ml-metrics[data-ready]').waitFor();
    const after = await Promise.all(['accuracy', 'precision', 'recall', 'f1'].map((m) => metricValue(restored.page, m)));
    expect(after).toEqual(before);
    expect(await restored.page.locator('ml-metrics input[type="range"]').inputValue()).toBe('0.7');
    await restored.context.close();
    await probe.context.close();
  });

  it('drops forged or out-of-range URL values with a visible notice and still works', async () => {
    const probe = await openMetrics('?metrics.tp=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&metrics.t=7&metrics.mode=evil&metrics.fp=3');
    const notice = probe.page.locator('[data-url-notice]');
    await notice.waitFor();
    expect(await notice.locator('li').count()).toBe(3);
    expect(await probe.page.locator('ml-metrics img').count()).toBe(0);
    // The valid value is kept, the rejected ones fall back to defaults.
    expect(await probe.page.getByLabel('FP（假正例）').inputValue()).toBe('3');
    expect(await probe.page.getByLabel('TP（真正例）').inputValue()).toBe('8');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('reset returns to the defaults and clears the URL', async () => {
    const probe = await openMetrics('?metrics.tp=50');
    await probe.page.getByRole('button', { name: '重置' }).click();
    expect(await probe.page.getByLabel('TP（真正例）').inputValue()).toBe('8');
    expect(probe.page.url()).not.toContain('metrics.');
    await probe.context.close();
  });
});
