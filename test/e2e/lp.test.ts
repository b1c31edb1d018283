import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, settledBox } from './browser';
import { lpIsland } from '../../components/islands/lp/definition';
import { deriveLp, pivotsOf, type LpState } from '../../components/islands/lp/model';
import { num, variableName } from '../../components/islands/lp/format';
import { decodeState, defaultsOf } from '../../src/lib/state/codec';
import { startingState } from '../../src/lib/state/workshop';

// The 4.3.1 linear-programming island against its engines (simplex.ts, lp2d.ts). The
// contract every island keeps is in island-contract.test.ts.
const baseUrl = inject('baseUrl');
const chapter4 = new URL('chapters/04-math/', baseUrl).href;
const defaults = defaultsOf(lpIsland.schema);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openLp(query = '', options: Parameters<typeof openPage>[1] = {}) {
  const probe = await openPage(browser, options);
  await probe.page.goto(`${chapter4}${query}#live-lp`);
  await probe.page.locator('ml-lp[data-ready]').waitFor();
  return probe;
}

const verdict = (page: Page) => page.locator('ml-lp .ml-lp-verdict');
/** The island's state as the engine sees it, read back from the element. */
async function shownState(page: Page): Promise<LpState> {
  const query = (await page.locator('ml-lp').getAttribute('data-state')) ?? '';
  return decodeState(lpIsland.schema, 'lp', new URLSearchParams(query)).state;
}
function expectedObjective(state: LpState): string {
  const r = deriveLp(state).result;
  return r.status === 'optimal' ? num(r.objective) : '';
}

describe('LP island (chapter 4.3.1)', () => {
  it('solves the chapter example: (3, 1) with value 14, every vertex in the table', async () => {
    const probe = await openLp();
    const v = verdict(probe.page);
    expect(await v.getAttribute('data-verdict')).toBe('optimal');
    expect(await v.getAttribute('data-objective')).toBe('14');
    expect(await v.getAttribute('data-x')).toBe('3,1');
    expect(await probe.page.locator('ml-lp .ml-lp-vertices tbody tr').count()).toBe(4);
    expect(await probe.page.locator('ml-lp .ml-lp-best').textContent()).toContain('(3, 1)');
    expect((await probe.page.locator('ml-lp .ml-lp-formula .katex').textContent())?.replace(/\u200b/g, '')).toMatch(/x1\+3x2.*≤6/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('answers a new objective and a new table entry exactly as the engine does', async () => {
    const probe = await openLp();
    const { page } = probe;
    await page.getByLabel('x₂ 的系数 c₂').fill('1');
    expect(await verdict(page).getAttribute('data-objective')).toBe(expectedObjective({ ...defaults, c2: 1 }));
    expect(await verdict(page).getAttribute('data-x')).toBe('4,0');
    await page.getByLabel('约束 2 的右端 b').fill('9');
    const state = { ...defaults, c2: 1, r2: [1, 3, 9] };
    expect(await shownState(page)).toEqual(state);
    expect(await verdict(page).getAttribute('data-objective')).toBe(expectedObjective(state));
    await page.waitForFunction(() => location.search.includes('lp.r2=1%2C3%2C9'));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('moves a constraint line from the keyboard (its handle changes only b) and re-solves', async () => {
    const probe = await openLp();
    const { page } = probe;
    const handle = page.getByRole('slider', { name: /约束 1 的直线/ });
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const state = await shownState(page);
    expect(state.r1.slice(0, 2)).toEqual([1, 1]);
    expect(state.r1[2]).toBeGreaterThan(4);
    expect(state.r2).toEqual(defaults.r2);
    expect(await verdict(page).getAttribute('data-objective')).toBe(expectedObjective(state));
    await page.keyboard.press('Shift+ArrowLeft');
    const after = await shownState(page);
    expect(after.r1[2]).toBeLessThan(state.r1[2] ?? 0);
    expect(await verdict(page).getAttribute('data-objective')).toBe(expectedObjective(after));
    await probe.context.close();
  });

  it('drags a constraint line with the pointer: the line moves parallel and the answer follows', async () => {
    const probe = await openLp();
    const { page } = probe;
    const handle = page.locator('ml-lp .ml-lp-overlay .ml-drag-point').first();
    const box = await settledBox(handle);
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let k = 1; k <= 5; k++) await page.mouse.move(start.x + 8 * k, start.y - 8 * k);
    await page.mouse.up();
    const state = await shownState(page);
    expect(state.r1.slice(0, 2)).toEqual([1, 1]);
    expect(state.r1[2]).toBeGreaterThan(4);
    expect(await verdict(page).getAttribute('data-objective')).toBe(expectedObjective(state));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('steps the simplex method pivot by pivot, naming the entering and leaving variables', async () => {
    const probe = await openLp('?preset=wyndor');
    const { page } = probe;
    const model = deriveLp(startingState(lpIsland.schema, lpIsland.presets, 'wyndor'));
    const pivots = pivotsOf(model.result);
    const variables = model.result.status === 'invalid' ? [] : model.result.variables;
    await page.locator('ml-lp [data-action="first"]').click();
    expect(await page.locator('ml-lp .ml-lp-steps').getAttribute('data-shown')).toBe('0');
    expect(await page.locator('ml-lp circle.ml-lp-vertex').count()).toBe(1);
    for (const [k, p] of pivots.entries()) {
      await page.locator('ml-lp [data-action="next"]').click();
      const item = page.locator(`ml-lp [data-pivot="${k + 1}"]`);
      const text = (await item.textContent()) ?? '';
      expect(text).toContain(`${variableName(variables[p.entering])} 进基`);
      expect(text).toContain(`${variableName(variables[p.leaving])} 出基`);
      expect(text).toContain(`目标值 ${num(p.objective)}`);
      expect(await page.locator('ml-lp circle.ml-lp-vertex').count()).toBe(k + 2);
    }
    expect(await page.locator('ml-lp [data-action="next"]').isDisabled()).toBe(true);
    expect(await page.locator('ml-lp [data-done]').textContent()).toContain('最优解');
    await page.locator('ml-lp [data-action="previous"]').click();
    expect(await page.locator('ml-lp .ml-lp-steps').getAttribute('data-shown')).toBe(String(pivots.length - 1));
    await probe.context.close();
  });

  it('explains the infeasible, unbounded and degenerate presets in words', async () => {
    const infeasible = await openLp('?preset=infeasible');
    expect(await verdict(infeasible.page).getAttribute('data-verdict')).toBe('infeasible');
    expect(await verdict(infeasible.page).textContent()).toContain('w 最小化到 2');
    await infeasible.context.close();
    const unbounded = await openLp('?preset=unbounded');
    expect(await verdict(unbounded.page).getAttribute('data-verdict')).toBe('unbounded');
    expect(await verdict(unbounded.page).textContent()).toContain('d = (1, 1)');
    expect(await unbounded.page.locator('ml-lp .ml-lp-ray').count()).toBe(1);
    await unbounded.context.close();
    const degenerate = await openLp('?preset=degenerate');
    expect(await degenerate.page.locator('ml-lp [data-degenerate]').textContent()).toContain('第 2 次转轴的步长为 0');
    expect(await verdict(degenerate.page).getAttribute('data-objective')).toBe('6');
    await degenerate.context.close();
  });

  it('refuses an out-of-range entry with a clear message, explains a zero row, never shows NaN', async () => {
    const probe = await openLp();
    const { page } = probe;
    const cell = page.getByLabel('约束 1 中 x₁ 的系数');
    await cell.fill('5000');
    expect(await cell.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('ml-lp .ml-field-error').textContent()).toContain('需要在 -1000 到 1000 之间');
    expect(await verdict(page).getAttribute('data-objective')).toBe('14');
    await cell.fill('0');
    await page.getByLabel('约束 1 中 x₂ 的系数').fill('0');
    await page.getByLabel('约束 1 的右端 b').fill('-1');
    expect(await page.locator('ml-lp .ml-field-error').count()).toBe(0);
    expect(await verdict(page).getAttribute('data-verdict')).toBe('infeasible');
    expect(await verdict(page).textContent()).toContain('两个系数都是 0');
    expect(await page.locator('ml-lp').textContent()).not.toMatch(/NaN|Infinity/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('adds and removes constraints (2–5 rows)', async () => {
    const probe = await openLp();
    const { page } = probe;
    await page.locator('ml-lp [data-action="add-row"]').click();
    expect(await page.locator('ml-lp .ml-lp-row').count()).toBe(3);
    const three = await shownState(page);
    expect(three.m).toBe(3);
    expect(await verdict(page).getAttribute('data-objective')).toBe(expectedObjective(three));
    await page.getByRole('button', { name: '删除约束 1' }).click();
    const two = await shownState(page);
    expect([two.m, two.r1, two.r2]).toEqual([2, defaults.r2, defaults.r3]);
    expect(await page.getByRole('button', { name: '删除约束 1' }).isDisabled()).toBe(true);
    await probe.context.close();
  });

  it('never plays by itself; under reduced motion it offers "show all" instead of playing', async () => {
    const probe = await openLp('', { reducedMotion: 'reduce' });
    expect(await probe.page.locator('ml-lp [data-action="play"]').count()).toBe(0);
    await probe.page.locator('ml-lp [data-action="first"]').click();
    await probe.page.locator('ml-lp [data-action="all"]').click();
    expect(await probe.page.locator('ml-lp .ml-lp-steps').getAttribute('data-shown')).toBe('2');
    await probe.context.close();
    const moving = await openLp();
    await moving.page.locator('ml-lp [data-action="first"]').click();
    await moving.page.waitForTimeout(1500);
    expect(await moving.page.locator('ml-lp .ml-lp-steps').getAttribute('data-shown')).toBe('0');
    await moving.page.locator('ml-lp [data-action="play"]').click();
    await expect.poll(() => moving.page.locator('ml-lp .ml-lp-steps').getAttribute('data-shown'), { timeout: 10_000 }).toBe('2');
    await moving.context.close();
  });
});
