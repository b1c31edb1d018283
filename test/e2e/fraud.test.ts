import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, seriousViolations } from './browser';
import { fraudIsland } from '../../components/islands/fraud/definition';
import { deriveFraud, type FraudState } from '../../components/islands/fraud/model';
import { defaultsOf } from '../../src/lib/state/codec';

// The 6.3 fraud-detection island against its engine.
const baseUrl = inject('baseUrl');
const chapter6 = new URL('chapters/06-applications/', baseUrl).href;
const defaults = defaultsOf(fraudIsland.schema);
const tag = 'ml-fraud';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(query = '', options: Parameters<typeof openPage>[1] = {}) {
  const probe = await openPage(browser, options);
  await probe.page.goto(`${chapter6}${query}#live-fraud`);
  await probe.page.locator(`${tag}[data-ready]`).waitFor();
  return probe;
}

function engine(changes: Partial<FraudState> = {}) {
  const model = deriveFraud({ ...defaults, ...changes });
  if (!model.ok) throw new Error(model.code);
  return model;
}
const countsOf = (m: ReturnType<typeof engine>['current']) => `${m.counts.tp},${m.counts.fn},${m.counts.fp},${m.counts.tn}`;
const counts = (page: Page) => page.locator(`${tag} [data-counts]`).getAttribute('data-counts');
const metric = (page: Page, name: string) => page.locator(`${tag} [data-metric="${name}"]`).getAttribute('data-value');
const attr = (page: Page, name: string) => page.locator(`${tag} [${name}]`).first().getAttribute(name);

describe('ml-fraud (chapter 6.3)', () => {
  it('opens on the accuracy paradox: "always legitimate" ≈ 99 % accurate, recall 0', async () => {
    const probe = await open();
    const { page } = probe;
    const m = engine();
    expect(Number(await attr(page, 'data-baseline-accuracy'))).toBe(m.baseline.metrics.accuracy.value);
    expect(Number(await attr(page, 'data-baseline-accuracy'))).toBeGreaterThan(0.985);
    expect(await attr(page, 'data-baseline-recall')).toBe('0');
    expect(await counts(page)).toBe(countsOf(m.current));
    expect(await page.locator(`${tag} .fraud-card--baseline`).textContent()).toContain('召回率 0.0%');
    expect(await page.locator(`${tag} svg.ml-chart`).count()).toBe(2);
    expect(await page.locator(tag).textContent()).not.toMatch(/NaN|Infinity|undefined/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('moves the threshold: counts, metrics and money follow the engine exactly', async () => {
    const probe = await open();
    const { page } = probe;
    await page.locator('#live-fraud-t-number').fill('0.05');
    const m = engine({ t: 0.05 });
    await expect.poll(() => counts(page), { timeout: 10_000 }).toBe(countsOf(m.current));
    for (const name of ['accuracy', 'precision', 'recall', 'f1'] as const) {
      expect(await metric(page, name)).toBe(m.current.metrics[name].value?.toFixed(6));
    }
    expect(Number(await attr(page, 'data-total-cost'))).toBe(m.current.cost.total);
    await page.waitForFunction(() => location.search.includes('fraud.t=0.05'));
    // The slider from the keyboard.
    const slider = page.locator(`${tag} [data-field="t"] input[type="range"]`);
    await slider.focus();
    await slider.press('ArrowRight');
    await expect.poll(() => counts(page), { timeout: 10_000 }).toBe(countsOf(engine({ t: 0.051 }).current));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('moves the cheapest threshold with the costs, and its button sets it', async () => {
    const probe = await open();
    const { page } = probe;
    expect(Number(await attr(page, 'data-min-cost-t'))).toBe(engine().minCost.t);
    await page.locator('#live-fraud-costFn').fill('5000');
    const m = engine({ costFn: 5000 });
    expect(m.minCost.t).toBeLessThan(engine().minCost.t);
    await expect.poll(() => attr(page, 'data-min-cost-t'), { timeout: 10_000 }).toBe(String(m.minCost.t));
    expect(Number(await attr(page, 'data-min-cost'))).toBe(m.minCost.outcome.cost.total);
    await page.locator(`${tag} [data-action="min-cost"]`).click();
    await expect.poll(() => counts(page), { timeout: 10_000 }).toBe(countsOf(m.minCost.outcome));
    expect(Number(await attr(page, 'data-total-cost'))).toBe(m.minCost.outcome.cost.total);
    await page.locator(`${tag} [data-action="best-f1"]`).click();
    await expect.poll(() => counts(page), { timeout: 10_000 }).toBe(countsOf(m.bestF1!.outcome));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('refuses a negative cost with a reason and keeps working', async () => {
    const probe = await open();
    const { page } = probe;
    const costFp = page.locator('#live-fraud-costFp');
    await costFp.fill('-5');
    expect(await page.locator(`${tag} .ml-field-error`).textContent()).toContain('0 到 1000000');
    expect(await costFp.getAttribute('aria-invalid')).toBe('true');
    await page.locator('#live-fraud-t-number').fill('0.2');
    await expect.poll(() => counts(page), { timeout: 10_000 }).toBe(countsOf(engine({ t: 0.2 }).current));
    expect(await page.locator(tag).textContent()).not.toMatch(/NaN|Infinity/);
    await costFp.fill('0');
    await page.locator('#live-fraud-costFn').fill('0');
    expect(await page.locator(`${tag} .fraud-marks`).textContent()).toContain('两种代价都是 0');
    expect(await page.locator(tag).textContent()).not.toMatch(/NaN|Infinity/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('ignores a forged fraud rate and cost from the link, saying why', async () => {
    const probe = await open('?fraud.rate=50&fraud.costFn=-1&fraud.t=abc');
    const notice = probe.page.locator(`${tag} [data-url-notice]`);
    expect(await notice.locator('li').count()).toBe(3);
    expect(await notice.textContent()).toContain('0.1 到 10');
    expect(await counts(probe.page)).toBe(countsOf(engine().current));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('fits a phone in the dark theme without sideways scrolling or serious axe findings', async () => {
    const probe = await open('?preset=rarer', { width: 375, colorScheme: 'dark' });
    const { page } = probe;
    expect(Number(await attr(page, 'data-baseline-accuracy'))).toBeGreaterThan(0.997);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect((await seriousViolations(page, '#live-fraud')).join('\n')).toBe('');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });
});
