import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { deriveNlp, runOf, type NlpState } from '../../components/islands/nlp/model';
import { nlpIsland } from '../../components/islands/nlp/definition';
import { defaultsOf } from '../../src/lib/state/codec';

// The 4.3.2 nonlinear-programming island against its engine (the contract every island
// keeps is in island-contract.test.ts).
const baseUrl = inject('baseUrl');
const chapter4 = new URL('chapters/04-math/', baseUrl).href;
const defaults = defaultsOf(nlpIsland.schema);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openNlp(query = '') {
  const probe = await openPage(browser);
  await probe.page.goto(`${chapter4}${query}#live-nlp`);
  await probe.page.locator('ml-nlp[data-ready]').waitFor();
  return probe;
}

/** The answer the engine gives for a state, as the island writes it in `data-x`. */
function engineX(state: NlpState): string {
  const run = runOf(deriveNlp(state));
  if (!run) throw new Error('no run');
  return `${run.x[0].toFixed(6)},${run.x[1].toFixed(6)}`;
}

const status = (page: Page) => page.locator('ml-nlp [data-status]');
const islandText = async (page: Page) => (await page.locator('ml-nlp').textContent()) ?? '';

describe('nonlinear-programming island (chapter 4.3.2)', () => {
  it('solves the default problem as the engine does and passes every KKT test at the answer', async () => {
    const probe = await openNlp();
    const { page } = probe;
    const run = runOf(deriveNlp(defaults));
    expect(await status(page).getAttribute('data-status')).toBe('converged');
    expect(await status(page).getAttribute('data-x')).toBe(engineX(defaults));
    expect(await page.locator('ml-nlp [data-kkt-pass]').getAttribute('data-kkt-pass')).toBe('true');
    for (const key of ['stationarity', 'primal', 'dual', 'complementarity']) {
      expect(await page.locator(`ml-nlp [data-kkt="${key}"]`).getAttribute('data-pass')).toBe('true');
    }
    expect(await page.locator('ml-nlp .ml-nlp__table tbody tr').count()).toBe(run?.outerSteps.length);
    // μ = √5 − 1 is typeset with the reader's numbers.
    expect(await page.locator('ml-nlp [data-kkt="dual"] .katex').textContent()).toContain('1.2361');
    expect(await page.locator('ml-nlp svg.ml-chart .ml-nlp__region').count()).toBe(1);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('answers a moved target: inside the disk the constraint goes slack and μ = 0', async () => {
    const probe = await openNlp();
    const { page } = probe;
    await page.getByRole('spinbutton', { name: '目标点 c₁' }).fill('0.3');
    await page.getByRole('spinbutton', { name: '目标点 c₂' }).fill('0.2');
    const moved = { ...defaults, cx: 0.3, cy: 0.2 };
    await expect.poll(() => status(page).getAttribute('data-x')).toBe(engineX(moved));
    const run = runOf(deriveNlp(moved));
    expect(run?.multipliers[0]).toBe(0);
    expect(await page.locator('ml-nlp [data-kkt="complementarity"]').textContent()).toContain('不起作用');
    await page.waitForFunction(() => location.search.includes('nlp.cx=0.3'));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('moves the start point from the keyboard and re-solves from there', async () => {
    const probe = await openNlp();
    const { page } = probe;
    const handle = page.getByRole('slider', { name: '起点' });
    await handle.focus();
    await handle.press('ArrowRight');
    await handle.press('Shift+ArrowUp');
    const moved = { ...defaults, x0: -1.4, y0: 0 };
    await expect.poll(() => page.locator('ml-nlp').getAttribute('data-state')).toBe('nlp.x0=-1.4&nlp.y0=0');
    const path = runOf(deriveNlp(moved))?.path ?? [];
    expect(await page.locator('ml-nlp [data-shown]').getAttribute('data-shown')).toBe(String(path.length));
    expect(await status(page).getAttribute('data-x')).toBe(engineX(moved));
    await probe.context.close();
  });

  it('steps through the iterates one at a time', async () => {
    const probe = await openNlp();
    const { page } = probe;
    const shown = page.locator('ml-nlp [data-shown]');
    await page.locator('ml-nlp [data-action="restart"]').click();
    expect(await shown.getAttribute('data-shown')).toBe('1');
    await page.locator('ml-nlp [data-action="step"]').click();
    await page.locator('ml-nlp [data-action="step"]').click();
    expect(await shown.getAttribute('data-shown')).toBe('3');
    const third = runOf(deriveNlp(defaults))?.path[2];
    expect(await shown.textContent()).toContain(`第 ${(third?.outer ?? 0) + 1} 次外层迭代`);
    expect(await page.locator('ml-nlp .ml-nlp__now').count()).toBe(1);
    await page.locator('ml-nlp [data-action="end"]').click();
    expect(await page.locator('ml-nlp .ml-nlp__now').count()).toBe(0);
    await probe.context.close();
  });

  it('opens the saddle preset: ∇f = 0 and every KKT test passes, yet the point is a saddle (E9)', async () => {
    const probe = await openNlp('?preset=saddle');
    const { page } = probe;
    expect(await status(page).getAttribute('data-x')).toBe(engineX({ ...defaults, ...nlpIsland.presets.saddle }));
    expect(await page.locator('ml-nlp [data-kkt-pass]').getAttribute('data-kkt-pass')).toBe('true');
    expect(await page.locator('ml-nlp [data-second-order]').getAttribute('data-second-order')).toBe('saddle');
    expect(await page.locator('ml-nlp [data-second-order]').textContent()).toContain('鞍点');
    await probe.context.close();
  });

  it('explains divergence, running out of steps, a zero radius and an empty feasible set — never NaN', async () => {
    const cases: [string, string, string][] = [
      ['?preset=saddle&nlp.y0=0.1', 'diverged', '没有下界'],
      ['?nlp.outer=1&nlp.rho=1', 'max-iterations', '未收敛'],
      ['?nlp.r=0', 'invalid', '半径 r 必须大于 0'],
      ['?nlp.constraints=line-disk&nlp.b=3', 'empty', '可行域是空集'],
    ];
    for (const [query, code, words] of cases) {
      const probe = await openNlp(query);
      const { page } = probe;
      expect(await status(page).getAttribute('data-status'), query).toBe(code);
      expect(await status(page).textContent()).toContain(words);
      expect(await islandText(page)).not.toMatch(/NaN|Infinity/);
      // The rest keeps working: the problem controls still answer.
      await page.getByLabel('目标函数 f').selectOption('himmelblau');
      await page.getByLabel('约束', { exact: true }).selectOption('none');
      await expect.poll(() => status(page).getAttribute('data-status')).toBe('converged');
      expect(probe.errors.join('\n')).toBe('');
      await probe.context.close();
    }
  });
});
