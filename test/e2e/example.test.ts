import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, settledBox } from './browser';
import { exampleIsland } from '../../components/islands/example/definition';
import { deriveExample, type ExampleState } from '../../components/islands/example/model';
import { num } from '../../components/islands/example/format';
import { decodeState, defaultsOf } from '../../src/lib/state/codec';

// The 4.4 worked-example island against its engine (worked-example.ts). The contract every
// island keeps is in island-contract.test.ts.
const baseUrl = inject('baseUrl');
const chapter4 = new URL('chapters/04-math/', baseUrl).href;
const defaults = defaultsOf(exampleIsland.schema);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openExample(query = '') {
  const probe = await openPage(browser);
  await probe.page.goto(`${chapter4}${query}#live-example`);
  await probe.page.locator('ml-example[data-ready]').waitFor();
  return probe;
}

const answer = (page: Page) => page.locator('ml-example .ml-ex-answer');
async function shownState(page: Page): Promise<ExampleState> {
  const query = (await page.locator('ml-example').getAttribute('data-state')) ?? '';
  return decodeState(exampleIsland.schema, 'ex', new URLSearchParams(query)).state;
}

describe('worked-example island (chapter 4.4)', () => {
  it('shows the textbook answer x = (0.5, 0.5), f = 0.5, λ = 1, with both sides of every KKT condition', async () => {
    const probe = await openExample();
    const { page } = probe;
    expect(await answer(page).getAttribute('data-x')).toBe('0.5,0.5');
    expect(await answer(page).getAttribute('data-f')).toBe('0.5');
    expect(await answer(page).getAttribute('data-lambda')).toBe('1');
    const model = deriveExample(defaults);
    const equations = model.result.ok ? model.result.equations : [];
    const items = page.locator('ml-example .ml-ex-equations li[data-lhs]');
    expect(await items.count()).toBe(equations.length);
    for (const [k, e] of equations.entries()) {
      expect(await items.nth(k).getAttribute('data-lhs')).toBe(num(e.lhs));
      expect(await items.nth(k).getAttribute('data-rhs')).toBe(num(e.rhs));
    }
    expect(await page.locator('ml-example .ml-ex-here').getAttribute('data-f-here')).toBe('0.68');
    expect(Number(await page.locator('ml-example [data-check="converged"]').getAttribute('data-distance'))).toBeLessThan(1e-5);
    expect(await page.locator('ml-example .ml-ex-note--source').textContent()).toContain('最小值是 0.5');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('moves the point along the line from the keyboard; Home jumps to the optimum', async () => {
    const probe = await openExample();
    const { page } = probe;
    const handle = page.getByRole('slider', { name: /约束直线上的点/ });
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    const moved = await shownState(page);
    expect(moved.t).toBeLessThan(defaults.t);
    const model = deriveExample(moved);
    expect(await page.locator('ml-example .ml-ex-here').getAttribute('data-f-here')).toBe(num(model.point?.f ?? NaN));
    await page.keyboard.press('Home');
    expect((await shownState(page)).t).toBe(0.5);
    expect(await page.locator('ml-example .ml-ex-here').getAttribute('data-f-here')).toBe('0.5');
    await probe.context.close();
  });

  it('drags the point with the pointer and keeps it on the constraint line', async () => {
    const probe = await openExample();
    const { page } = probe;
    const handle = page.locator('ml-example .ml-ex-overlay .ml-drag-point');
    const box = await settledBox(handle);
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let k = 1; k <= 5; k++) await page.mouse.move(start.x - 10 * k, start.y);
    await page.mouse.up();
    const state = await shownState(page);
    expect(state.t).toBeLessThan(defaults.t);
    const model = deriveExample(state);
    expect(await page.locator('ml-example .ml-ex-here').getAttribute('data-f-here')).toBe(num(model.point?.f ?? NaN));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('follows the number field for x₁ and new weights exactly as the engine does', async () => {
    const probe = await openExample();
    const { page } = probe;
    await page.getByRole('spinbutton', { name: '点的位置 x₁' }).fill('0.3');
    expect(await page.locator('ml-example .ml-ex-here').getAttribute('data-f-here')).toBe(num(deriveExample({ ...defaults, t: 0.3 }).point?.f ?? NaN));
    await page.getByRole('spinbutton', { name: '权重 w₂' }).fill('3');
    const model = deriveExample({ ...defaults, t: 0.3, w2: 3 });
    expect(await answer(page).getAttribute('data-x')).toBe(model.result.ok ? model.result.x.map((v) => num(v)).join(',') : '');
    expect(await answer(page).getAttribute('data-x')).toBe('0.75,0.25');
    await page.waitForFunction(() => location.search.includes('ex.w2=3'));
    await probe.context.close();
  });

  it('explains an active bound (corner) and opens the endpoint preset at the source’s “1”', async () => {
    const corner = await openExample('?preset=corner');
    const note = corner.page.locator('ml-example [data-bound]');
    expect(await note.getAttribute('data-bound')).toBe('2');
    expect(await note.textContent()).toContain('x₂ ≥ 0 起作用');
    expect(await note.textContent()).toContain('ν₂ = 2');
    expect(await answer(corner.page).getAttribute('data-x')).toBe('1,0');
    await corner.context.close();
    const endpoint = await openExample('?preset=endpoint');
    expect(await endpoint.page.locator('ml-example .ml-ex-here').getAttribute('data-f-here')).toBe('1');
    await endpoint.context.close();
  });

  it('says why a problem cannot be solved, keeps working, and never shows NaN', async () => {
    const probe = await openExample('?preset=infeasible');
    const { page } = probe;
    const problem = page.locator('ml-example .ml-ex-problem');
    expect(await problem.getAttribute('data-error')).toBe('infeasible');
    expect(await problem.textContent()).toContain('没有可行点');
    await page.getByRole('spinbutton', { name: '右端 b' }).fill('1');
    expect(await answer(page).getAttribute('data-f')).toBe('0.5');
    await page.getByRole('spinbutton', { name: '权重 w₁' }).fill('0');
    expect(await problem.getAttribute('data-error')).toBe('weight-not-positive');
    await page.getByRole('spinbutton', { name: '权重 w₁' }).fill('1');
    await page.getByRole('spinbutton', { name: '系数 a₁' }).fill('0');
    await page.getByRole('spinbutton', { name: '系数 a₂' }).fill('0');
    expect(await problem.getAttribute('data-error')).toBe('zero-constraint');
    const field = page.getByRole('spinbutton', { name: '系数 a₂' });
    await field.fill('20');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('ml-example .ml-field-error').textContent()).toContain('需要在 -10 到 10 之间');
    expect(await page.locator('ml-example').textContent()).not.toMatch(/NaN|Infinity/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });
});
