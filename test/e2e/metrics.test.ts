import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { deriveMetrics } from '../../components/islands/metrics/model';
import { metricsIsland } from '../../components/islands/metrics/definition';
import { defaultsOf } from '../../src/lib/state/codec';

// The 3.3 metrics island against its engine. (The contract every island keeps — lazy
// start, links, notices, reset, present mode, axe — is in island-contract.test.ts.)
const baseUrl = inject('baseUrl');
const chapter3 = new URL('chapters/03-algorithms/', baseUrl).href;
const defaults = defaultsOf(metricsIsland.schema);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const metricValue = (page: Page, name: string) => page.locator(`ml-metrics [data-metric="${name}"]`).getAttribute('data-value');
const fixed = (x: number | null) => (x === null ? 'undefined' : x.toFixed(3));

async function openMetrics(query = '') {
  const probe = await openPage(browser);
  await probe.page.goto(`${chapter3}${query}#live-metrics`);
  await probe.page.locator('ml-metrics[data-ready]').waitFor();
  return probe;
}

describe('metrics island (chapter 3.3)', () => {
  it('computes the default matrix, answers edits and re-typesets the formula', async () => {
    const probe = await openMetrics();
    const { page } = probe;
    const model = deriveMetrics(defaults);
    for (const name of ['accuracy', 'precision', 'recall', 'f1'] as const) {
      expect(await metricValue(page, name)).toBe(fixed(model.metrics[name].value));
    }
    await page.getByLabel('FN（假负类）').fill('2');
    expect(await metricValue(page, 'recall')).toBe(fixed(deriveMetrics({ ...defaults, fn: 2 }).metrics.recall.value));
    expect(await page.locator('[data-metric="recall"] .katex').textContent()).toContain('8+2');
    await page.waitForFunction(() => location.search.includes('metrics.fn=2'));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('opens on the 1,000-email example of the chapter text from its preset link', async () => {
    const probe = await openMetrics('?preset=emails');
    const model = deriveMetrics({ ...defaults, ...metricsIsland.presets['emails'] });
    expect(await metricValue(probe.page, 'precision')).toBe(fixed(model.metrics.precision.value));
    expect(await metricValue(probe.page, 'f1')).toBe(fixed(model.metrics.f1.value));
    expect(await metricValue(probe.page, 'accuracy')).toBe('0.950');
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

  it('refuses a bad count once, without widening its cell, and keeps the last good state', async () => {
    const probe = await openMetrics();
    const input = probe.page.getByLabel('TP（真正类）');
    const width = (await input.boundingBox())?.width;
    await input.fill('-5');
    const errors = probe.page.locator('ml-metrics .ml-field-error');
    expect(await errors.count()).toBe(1);
    expect(await errors.textContent()).toContain('0 到 1000000');
    expect((await input.boundingBox())?.width).toBe(width);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.inputValue()).toBe('-5');
    expect(await metricValue(probe.page, 'accuracy')).toBe(fixed(deriveMetrics(defaults).metrics.accuracy.value));
    await input.fill('9');
    expect(await errors.count()).toBe(0);
    await probe.context.close();
  });

  it('F_β follows its control', async () => {
    const probe = await openMetrics();
    await probe.page.getByRole('spinbutton', { name: 'F_β 的 β' }).fill('2');
    expect(await metricValue(probe.page, 'fBeta')).toBe(fixed(deriveMetrics({ ...defaults, beta: 2 }).fBeta));
    await probe.context.close();
  });

  it('moves the threshold: counts, curves, AUC and the best-F1 threshold agree with the engine', async () => {
    const probe = await openMetrics();
    const { page } = probe;
    await page.getByRole('button', { name: '移动判定阈值' }).click();
    const slider = page.locator('ml-metrics input[type="range"]').first();
    await slider.focus();
    for (let i = 0; i < 20; i++) await slider.press('ArrowRight');
    const model = deriveMetrics({ ...defaults, mode: 'threshold', t: 0.7 });
    expect(await metricValue(page, 'recall')).toBe(fixed(model.metrics.recall.value));
    expect(await page.locator('ml-metrics [data-auc]').getAttribute('data-auc')).toBe(model.threshold?.roc.ok ? fixed(model.threshold.roc.auc) : '');
    expect(await page.locator('ml-metrics [data-best-threshold]').getAttribute('data-best-threshold')).toBe(model.threshold?.bestF1?.threshold.toFixed(4));
    expect(await page.locator('ml-metrics svg.ml-chart').count()).toBe(2);
    // Chart labels are drawn at 12 px, whatever the width.
    const size = await page.locator('ml-metrics svg.ml-chart text').first().evaluate((t) => parseFloat(getComputedStyle(t).fontSize));
    expect(size).toBeGreaterThanOrEqual(12);
    await probe.context.close();
  });

  it('shows macro and micro averages of a multiclass matrix', async () => {
    const probe = await openMetrics('?preset=multiclass');
    const model = deriveMetrics({ ...defaults, mode: 'multiclass' });
    const table = probe.page.locator('ml-metrics .ml-multiclass-scores');
    expect(await table.getAttribute('data-macro-f1')).toBe(fixed(model.multiclass?.averages.macro.f1 ?? null));
    expect(await table.getAttribute('data-micro-f1')).toBe(fixed(model.multiclass?.averages.micro.f1 ?? null));
    await probe.page.getByLabel('真实为类别 1、预测为类别 2 的样本数').fill('20');
    const cm = [...defaults.cm];
    cm[1] = 20;
    expect(await table.getAttribute('data-micro-f1')).toBe(fixed(deriveMetrics({ ...defaults, mode: 'multiclass', cm }).multiclass?.averages.micro.f1 ?? null));
    await probe.context.close();
  });

  it('says a duplicated parameter used its first value, and drops the notice once the reader edits', async () => {
    const probe = await openMetrics('?metrics.tp=30&metrics.tp=40');
    const notice = probe.page.locator('ml-metrics [data-url-notice]');
    expect(await notice.textContent()).toContain('已采用第一个值');
    expect(await probe.page.getByLabel('TP（真正类）').inputValue()).toBe('30');
    await probe.page.getByLabel('FP（假正类）').fill('5');
    expect(await notice.count()).toBe(0);
    await probe.context.close();
  });
});
