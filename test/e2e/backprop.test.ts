import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchBrowser, openPage } from './browser';
import { backpropIsland } from '../../components/islands/backprop/definition';
import { RunCache, stepModel, type BackpropState } from '../../components/islands/backprop/model';
import { texNumber } from '../../components/islands/backprop/tex-steps';
import { defaultsOf } from '../../src/lib/state/codec';
import { startingState } from '../../src/lib/state/workshop';

// The 3.1.3–3.1.5 backprop island against its engines (the contract every island keeps is
// in island-contract.test.ts): the numbers it typesets and the run it trains are the ones
// src/lib/ml computes for the same state.
const baseUrl = inject('baseUrl');
const chapter3 = new URL('chapters/03-algorithms/', baseUrl).href;
const defaults = defaultsOf(backpropIsland.schema);
const island = 'ml-backprop';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openIsland(query = '', options: Parameters<typeof openPage>[1] = {}) {
  const probe = await openPage(browser, options);
  await probe.page.goto(`${chapter3}${query}#live-backprop`);
  await probe.page.locator(`${island}[data-ready]`).waitFor({ timeout: 60_000 });
  return probe;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious or critical axe findings inside this island (the page around it is the contract test's). */
async function islandViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: string, options: object) => Promise<Result> } }).axe;
    const { violations } = await axe.run('#live-backprop', { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

/** KaTeX writes a minus as U+2212. */
const shown = (v: number) => texNumber(v).replace('-', '−');
const formula = (page: Page) => page.locator(`${island} .bp-stage .bp-formula`).textContent();
const engineStep = (state: BackpropState) => {
  const { data, trainer } = new RunCache().get(state);
  return stepModel(trainer.params, data, state);
};

describe('backprop island (chapter 3.1.3–3.1.5)', () => {
  it('steps through the forward pass from the keyboard, typesetting the engine’s z and a', async () => {
    const probe = await openIsland();
    const { page } = probe;
    expect(await page.locator(`${island} .bp-stage`).getAttribute('data-stage-kind')).toBe('sample');
    const next = page.locator(`${island} [data-action="next"]`);
    await next.focus();
    await page.keyboard.press('Enter');
    const m = engineStep({ ...defaults, stage: 1 });
    const z = m.result.forward.layers[0]?.z[0] ?? NaN;
    const a = m.result.forward.layers[0]?.a[0] ?? NaN;
    expect(await page.locator(`${island} .bp-stage`).getAttribute('data-stage-kind')).toBe('forward');
    expect(await formula(page)).toContain(shown(z));
    expect(await formula(page)).toContain(shown(a));
    await page.keyboard.press('Space');
    expect(await page.locator(`${island} .bp-step`).getAttribute('data-stage')).toBe('2');
    await page.waitForFunction(() => location.search.includes('bp.stage=2'));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('opens the moons-step preset on the output δ = p − y, then hands ∂L/∂a down layer by layer (E6)', async () => {
    const probe = await openIsland('?preset=moons-step');
    const { page } = probe;
    const state = startingState(backpropIsland.schema, backpropIsland.presets, 'moons-step');
    const m = engineStep(state);
    const output = m.result.steps[0]?.neurons[0];
    expect(output?.source.kind).toBe('output');
    expect(await formula(page)).toContain(`=p−y=${shown(m.result.forward.probability)}−${m.label}=${shown(output?.delta ?? NaN)}`);
    const jobs = page.locator(`${island} .bp-card .bp-job`);
    expect(await jobs.count()).toBe(3);
    expect(await jobs.nth(1).getAttribute('class')).toContain('bp-job--now');
    await page.locator(`${island} [data-action="next"]`).click();
    expect(await page.locator(`${island} .bp-stage`).getAttribute('data-stage-kind')).toBe('handoff');
    expect(await jobs.nth(2).getAttribute('class')).toContain('bp-job--now');
    const handed = engineStep({ ...state, stage: state.stage + 1 }).result.steps[0]?.inputGradient ?? [];
    for (const g of handed) expect(await formula(page)).toContain(shown(g));
    expect(await page.locator(`${island} .bp-edge--flow`).count()).toBe(3);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('picks a sample from the plot and shows the update θ ← θ − η ∂L/∂θ with its effect', async () => {
    const probe = await openIsland();
    const { page } = probe;
    await page.locator(`${island} .bp-point__hit`).nth(12).dispatchEvent('click');
    expect(await page.locator(island).getByRole('spinbutton', { name: '样本编号' }).inputValue()).toBe('12');
    await page.locator(island).getByRole('button', { name: '参数更新' }).click();
    const m = engineStep({ ...defaults, sample: 12, stage: 19 });
    expect(await page.locator(`${island} .bp-stage`).getAttribute('data-stage-kind')).toBe('update');
    const next = m.update.params.layers[2]?.biases[0] ?? NaN;
    expect(await formula(page)).toContain(shown(next));
    expect(await page.locator(`${island} .bp-stage__text`).textContent()).toContain(m.update.lossAfter.toFixed(3));
    await probe.context.close();
  });

  it('trains step by step exactly as the engine does; a new learning rate starts a new run', async () => {
    const probe = await openIsland('?bp.mode=run&bp.steps=40');
    const { page } = probe;
    const run = page.locator(`${island} .bp-run`);
    expect(await run.getAttribute('data-steps')).toBe('40');
    await page.locator(island).getByRole('spinbutton', { name: '学习率 η' }).fill('1');
    expect(await run.getAttribute('data-steps')).toBe('0');
    for (let k = 0; k < 3; k++) await page.locator(`${island} [data-action="step"]`).click();
    const { trainer } = new RunCache().get({ ...defaults, mode: 'run', lr: 1, steps: 3 });
    expect(await run.getAttribute('data-steps')).toBe('3');
    expect(await run.getAttribute('data-loss')).toBe(String(trainer.losses[3]));
    expect(await page.locator(`${island} .bp-run svg.ml-chart`).count()).toBe(2);
    expect(await page.locator(`${island} .bp-run .bp-band`).count()).toBeGreaterThan(0);
    // Play runs until paused; whatever step it stopped at, the loss is the engine's.
    await page.locator(`${island} [data-action="play"]`).click();
    await page.waitForFunction(() => Number(document.querySelector('ml-backprop .bp-run')?.getAttribute('data-steps')) > 20);
    await page.locator(`${island} [data-action="play"]`).click();
    const steps = Number(await run.getAttribute('data-steps'));
    const replay = new RunCache().get({ ...defaults, mode: 'run', lr: 1, steps }).trainer;
    expect(await run.getAttribute('data-loss')).toBe(String(replay.losses[steps]));
    await page.waitForFunction((n) => location.search.includes(`bp.steps=${n}`), steps);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('under reduced motion offers a jump of 100 updates instead of playing', async () => {
    const probe = await openIsland('?bp.mode=run', { reducedMotion: 'reduce' });
    const { page } = probe;
    expect(await page.locator(`${island} [data-action="play"]`).count()).toBe(0);
    await page.locator(`${island} [data-action="jump"]`).click();
    const { trainer } = new RunCache().get({ ...defaults, mode: 'run', steps: 100 });
    expect(await page.locator(`${island} .bp-run`).getAttribute('data-steps')).toBe('100');
    expect(await page.locator(`${island} .bp-run`).getAttribute('data-loss')).toBe(String(trainer.losses[100]));
    await probe.context.close();
  });

  it('explains a diverging learning rate and a refused value, and never shows NaN', async () => {
    const probe = await openIsland('?preset=diverge');
    const { page } = probe;
    const { trainer } = new RunCache().get(startingState(backpropIsland.schema, backpropIsland.presets, 'diverge'));
    expect(trainer.status.code).toBe('diverged');
    const alert = page.locator(`${island} [data-diverged]`);
    expect(await alert.getAttribute('data-diverged')).toBe(trainer.status.code === 'diverged' ? String(trainer.status.step) : '');
    expect(await alert.textContent()).toContain('学习率 η = 100 太大');
    expect(await page.locator(`${island} [data-action="play"]`).isDisabled()).toBe(true);
    const lr = page.locator(island).getByRole('spinbutton', { name: '学习率 η' });
    await lr.fill('1000');
    expect(await page.locator(`${island} .ml-field-error`).textContent()).toContain('0.001 到 100');
    expect(await lr.getAttribute('aria-invalid')).toBe('true');
    await lr.fill('0.5');
    expect(await page.locator(`${island} [data-diverged]`).count()).toBe(0);
    expect(await page.locator(island).textContent()).not.toMatch(/NaN|Infinity/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('checks the hand-written gradients with tf.grads in the worker and names the backend', async () => {
    const probe = await openIsland('?preset=xor&bp.backend=cpu');
    const { page } = probe;
    await page.locator(`${island} [data-action="tf-check"]`).click();
    const result = page.locator(`${island} .bp-check__result`);
    await result.waitFor({ timeout: 60_000 });
    expect(Number(await result.getAttribute('data-max-rel'))).toBeLessThan(1e-4);
    expect(await result.getAttribute('data-agree')).toBe('yes');
    expect(await page.locator(`${island} [data-backend-badge]`).getAttribute('data-backend-badge')).toBe('cpu');
    expect(await result.textContent()).toContain('按你的选择');
    // Another batch makes the old result stale: it disappears until the reader checks again.
    await page.locator(`${island} [data-action="step"]`).click();
    expect(await result.count()).toBe(0);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it.each([
    ['?preset=xor', 'light'],
    ['?preset=diverge', 'dark'],
    ['?preset=moons-step&bp.stage=19&bp.depth=3&bp.width=8', 'dark'],
  ] as const)('fits a 375-px phone and passes axe (%s, %s)', async (query, colorScheme) => {
    const probe = await openIsland(query, { width: 375, height: 800, colorScheme });
    const { page } = probe;
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect((await islandViolations(page)).join('\n')).toBe('');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('says so when the TensorFlow.js worker cannot start, and the rest keeps working', async () => {
    const probe = await openPage(browser);
    const { page } = probe;
    await page.route(/tf\.worker[^/]*\.js/, (route) => route.abort());
    await page.goto(`${chapter3}#live-backprop`);
    await page.locator(`${island}[data-ready]`).waitFor({ timeout: 60_000 });
    await page.locator(`${island} [data-action="tf-check"]`).click();
    const error = page.locator(`${island} [data-check-error]`);
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toContain('手写的反向传播和演示的其余部分照常工作');
    await page.locator(`${island} [data-action="next"]`).click();
    expect(await page.locator(`${island} .bp-stage`).getAttribute('data-stage-kind')).toBe('forward');
    await probe.context.close();
  });
});
