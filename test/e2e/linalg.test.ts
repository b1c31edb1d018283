import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, settledBox } from './browser';
import { conditionNumber, luFactor, solve } from '../../src/lib/math/lu';
import { multiply, scaledHilbert } from '../../src/lib/math/matrix';
import { angleBetween, dot, project, vec } from '../../src/lib/math/vectors';
import { vectorsIsland } from '../../components/islands/vectors/definition';
import { defaultsOf } from '../../src/lib/state/codec';

// Chapter 4.1's three islands against their engines. (The contract every island keeps is
// in island-contract.test.ts.) Timings are never asserted: only that they are numbers.
const baseUrl = inject('baseUrl');
const chapter4 = new URL('chapters/04-math/', baseUrl).href;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(tag: string, anchor: string, query = '') {
  const probe = await openPage(browser);
  await probe.page.goto(`${chapter4}${query}#${anchor}`);
  await probe.page.locator(`${tag}[data-ready]`).waitFor({ timeout: 60_000 });
  return probe;
}

const flat = (m: readonly (readonly number[])[]) => m.flat().map((x) => x.toPrecision(12)).join(',');
const noNaN = async (page: Page, tag: string) => expect(await page.locator(tag).textContent()).not.toMatch(/NaN|Infinity|undefined/);

describe('matrix island (4.1.1)', () => {
  const result = (page: Page) => page.locator('ml-matrix .ml-mat-result');

  it('solves the chapter’s 2×2 system by LU, and re-solves when an entry changes', async () => {
    const probe = await open('ml-matrix', 'live-matrix');
    const { page } = probe;
    const solved = solve([[2, 1], [1, 3]], [[3], [5]]);
    if (!solved.ok) throw new Error('solvable');
    expect(await result(page).getAttribute('data-values')).toBe(flat(solved.x));
    const cell = page.getByLabel('A 的第 1 行第 1 列', { exact: true });
    await cell.fill('4');
    const again = solve([[4, 1], [1, 3]], [[3], [5]]);
    if (!again.ok) throw new Error('solvable');
    expect(await result(page).getAttribute('data-values')).toBe(flat(again.x));
    expect(await result(page).locator('.katex').first().textContent()).toContain('4');
    await page.waitForFunction(() => location.search.includes('mat.a=4'));
    await noNaN(page, 'ml-matrix');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('replays the eliminations of the 3×3 preset one step at a time, as the engine recorded them', async () => {
    const probe = await open('ml-matrix', 'live-matrix', '?preset=solve3');
    const { page } = probe;
    const a = [[2, 1, -1], [-3, -1, 2], [-2, 1, 2]];
    const factored = luFactor(a);
    if (!factored.ok) throw new Error('square');
    const steps = factored.lu.steps;
    const replay = page.locator('ml-matrix .ml-mat-replay');
    expect(await replay.getAttribute('data-total')).toBe(String(steps.length));
    await page.locator('ml-matrix [data-action="next"]').click();
    expect(await replay.getAttribute('data-step')).toBe('1');
    expect(await replay.textContent()).toContain('交换第 1 行与第 2 行');
    for (let k = 2; k <= steps.length; k += 1) {
      await page.locator('ml-matrix [data-action="next"]').click();
      const step = steps[k - 1]!;
      const firstCells = await replay.locator('tr').nth(step.kind === 'swap' ? step.rows[1] : step.row).locator('td').allTextContents();
      const expected = step.matrix[step.kind === 'swap' ? step.rows[1] : step.row]!;
      firstCells.slice(0, 3).forEach((text, j) => expect(Number(text.replace('−', '-'))).toBeCloseTo(Number(expected[j]!.toPrecision(4)), 10));
      if (step.kind === 'eliminate') expect(await replay.locator('.katex').first().textContent()).toContain('ℓ');
    }
    expect(await page.locator('ml-matrix [data-action="next"]').isDisabled()).toBe(true);
    expect(await replay.textContent()).toContain('PA = LU');
    const solved = solve(a, [[8], [-11], [-3]]);
    if (!solved.ok) throw new Error('solvable');
    expect(await result(page).getAttribute('data-values')).toBe(flat(solved.x));
    expect(solved.x.map((row) => Math.round(row[0]!))).toEqual([2, 3, -1]);
    await page.waitForFunction((n) => location.search.includes(`mat.step=${n}`), steps.length);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('explains a singular matrix instead of dividing by a zero pivot', async () => {
    const probe = await open('ml-matrix', 'live-matrix', '?preset=singular');
    const problem = probe.page.locator('ml-matrix [data-problem="singular"]');
    expect(await problem.textContent()).toContain('奇异矩阵');
    expect(await result(probe.page).getAttribute('data-ok')).toBe('false');
    await probe.page.getByRole('button', { name: 'det A' }).click();
    expect(await probe.page.locator('ml-matrix .ml-mat-result').textContent()).toContain('舍入');
    await noNaN(probe.page, 'ml-matrix');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('solves the ill-conditioned Hilbert system and reports its condition number', async () => {
    const probe = await open('ml-matrix', 'live-matrix', '?preset=hilbert6');
    const a = scaledHilbert(6);
    const condition = conditionNumber(a);
    if (!condition.ok) throw new Error('invertible');
    const line = probe.page.locator('ml-matrix [data-condition]');
    expect(await line.getAttribute('data-level')).toBe('moderate');
    expect(Number(await line.getAttribute('data-condition'))).toBeCloseTo(condition.value, -2);
    const solved = solve(a, a.map((row) => [row.reduce((sum, x) => sum + x, 0)]));
    if (!solved.ok) throw new Error('solvable');
    expect(await result(probe.page).getAttribute('data-values')).toBe(flat(solved.x));
    const error = Math.max(...solved.x.map((row) => Math.abs(row[0]! - 1)));
    expect(await probe.page.locator('ml-matrix [data-ones-error]').getAttribute('data-ones-error')).toBe(error.toPrecision(3));
    await probe.context.close();
  });

  it('says which sizes would fit when AB cannot be formed, and fixes it on request', async () => {
    const probe = await open('ml-matrix', 'live-matrix', '?preset=mismatch');
    const { page } = probe;
    const problem = page.locator('ml-matrix [data-problem="shape-mismatch"]');
    expect(await problem.textContent()).toContain('A 是 2×3，B 是 2×2');
    await page.getByRole('button', { name: '让 B 有 3 行' }).click();
    const product = multiply([[1, 2, 3], [4, 5, 6]], [[1, 0], [0, 1], [0, 0]]);
    if (!product.ok) throw new Error('fits');
    expect(await result(page).getAttribute('data-values')).toBe(flat(product.value));
    await page.getByRole('button', { name: /第 2 行第 1 列/ }).click();
    expect(await page.locator('ml-matrix [data-entry]').getAttribute('data-entry')).toBe('2,1');
    expect(await page.locator('ml-matrix [data-entry] .katex').textContent()).toContain('C21');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('refuses a cell that is not a number and a ragged paste, keeping the last good result', async () => {
    const probe = await open('ml-matrix', 'live-matrix');
    const { page } = probe;
    const before = await result(page).getAttribute('data-values');
    const cell = page.getByLabel('A 的第 2 行第 2 列', { exact: true });
    await cell.fill('abc');
    expect(await cell.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('ml-matrix .ml-field-error').first().textContent()).toContain('“abc”不是数');
    expect(await result(page).getAttribute('data-values')).toBe(before);
    await cell.fill('1/3');
    expect(await page.locator('ml-matrix .ml-field-error').count()).toBe(0);
    await page.getByText('以文本粘贴 A').click();
    const box = page.getByLabel(/一行写矩阵的一行/).first();
    await box.fill('1 2\n3');
    await page.getByRole('button', { name: '读入到 A' }).click();
    expect(await page.locator('ml-matrix [role="alert"]').first().textContent()).toContain('第 2 行有 1 个数');
    await box.fill('[[1, 2, 0], [0, 1, 0], [0, 0, 1]]');
    await page.getByRole('button', { name: '读入到 A' }).click();
    expect(await page.locator('ml-matrix [data-problem="shape-mismatch"]').textContent()).toContain('阶数 3');
    await noNaN(page, 'ml-matrix');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });
});

describe('vector island (4.1.2)', () => {
  const panel = (page: Page) => page.locator('ml-vectors .ml-vec-panel');
  const defaults = defaultsOf(vectorsIsland.schema);

  it('moves a tip from the keyboard and recomputes the inner product and the angle', async () => {
    const probe = await open('ml-vectors', 'live-vectors');
    const { page } = probe;
    const a = vec(defaults.ax, defaults.ay);
    const b = vec(defaults.bx, defaults.by);
    expect(await panel(page).getAttribute('data-dot')).toBe(String(dot(a, b)));
    const handle = page.getByRole('slider', { name: '向量 a 的终点' });
    await handle.focus();
    await handle.press('ArrowRight');
    await handle.press('Shift+ArrowDown');
    const moved = vec(defaults.ax + 0.5, defaults.ay - 5);
    expect(await panel(page).getAttribute('data-dot')).toBe(String(dot(moved, b)));
    const angle = angleBetween(moved, b);
    if (!angle.ok) throw new Error('non-zero');
    expect(await panel(page).getAttribute('data-angle')).toBe(angle.degrees.toFixed(4));
    expect(await page.getByLabel('a 的横坐标 a₁').inputValue()).toBe(String(moved.x));
    await page.waitForFunction(() => location.search.includes('vec.ay=-4'));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('drags a tip with the pointer onto the half-unit grid', async () => {
    const probe = await open('ml-vectors', 'live-vectors');
    const { page } = probe;
    const dotBox = await settledBox(page.locator('ml-vectors .ml-vec-handle-b .ml-drag-point__dot'));
    const x = dotBox.x + dotBox.width / 2;
    const y = dotBox.y + dotBox.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 60, y + 40, { steps: 5 });
    await page.mouse.up();
    const bx = Number(await page.getByLabel('b 的横坐标 b₁').inputValue());
    const by = Number(await page.getByLabel('b 的纵坐标 b₂').inputValue());
    expect(bx).toBeGreaterThan(defaults.bx);
    expect(by).toBeLessThan(defaults.by);
    expect(Number.isInteger(bx * 2) && Number.isInteger(by * 2)).toBe(true);
    const projection = project(vec(defaults.ax, defaults.ay), vec(bx, by));
    if (!projection.ok) throw new Error('non-zero b');
    expect(await panel(page).getAttribute('data-projection')).toBe(
      `${Number(projection.vector.x.toFixed(6))},${Number(projection.vector.y.toFixed(6))}`,
    );
    await probe.context.close();
  });

  it('opens the orthogonal preset from its link, and draws sum, difference and k·a', async () => {
    const probe = await open('ml-vectors', 'live-vectors', '?preset=orthogonal');
    const { page } = probe;
    expect(await panel(page).getAttribute('data-dot')).toBe('0');
    expect(await page.locator('ml-vectors [data-relation]').getAttribute('data-relation')).toBe('orthogonal');
    await page.getByRole('button', { name: '和 a + b' }).click();
    expect(await panel(page).getAttribute('data-sum')).toBe('1,3');
    expect(await page.locator('ml-vectors svg .ml-vec-area').count()).toBe(1);
    await page.getByRole('button', { name: '数乘 k·a' }).click();
    await page.getByRole('spinbutton', { name: '标量 k' }).fill('-2');
    expect(await panel(page).getAttribute('data-scaled')).toBe('-4,-2');
    expect(await panel(page).textContent()).toContain('方向反转');
    const size = await page.locator('ml-vectors svg.ml-chart text').first().evaluate((t) => parseFloat(getComputedStyle(t).fontSize));
    expect(size).toBeGreaterThanOrEqual(12);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('explains the zero vector instead of showing an angle', async () => {
    const probe = await open('ml-vectors', 'live-vectors', '?preset=zero');
    const { page } = probe;
    expect(await panel(page).getAttribute('data-angle')).toBe('undefined');
    expect(await page.locator('ml-vectors .ml-vec-zero').first().textContent()).toContain('a 是零向量');
    await page.getByLabel('a 的纵坐标 a₂').fill('99');
    expect(await page.locator('ml-vectors .ml-field-error').textContent()).toContain('-8 到 8');
    expect(await panel(page).getAttribute('data-angle')).toBe('undefined');
    await noNaN(page, 'ml-vectors');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });
});

describe('matrix product scaling view (4.1.1)', () => {
  it('measures nothing until asked, then times plain JS and TensorFlow.js with a backend badge', async () => {
    const probe = await openPage(browser);
    const { page } = probe;
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(`${chapter4}?gemm.maxN=256&gemm.budget=2#live-gemm`);
    await page.locator('ml-gemm[data-ready]').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    expect(workers).toEqual([]);
    expect(await page.locator('ml-gemm tr[data-n]').count()).toBe(3);
    await page.locator('ml-gemm [data-action="measure"]').click();
    await page.locator('ml-gemm [data-status="finished"]').waitFor({ timeout: 110_000 });
    const rows = page.locator('ml-gemm tr[data-n]');
    for (let i = 0; i < 3; i += 1) {
      const row = rows.nth(i);
      for (const key of ['data-js-ms', 'data-js-gflops', 'data-tf-ms', 'data-tf-gflops']) {
        const value = await row.getAttribute(key);
        // A size may be skipped when the one before was too slow; measured ones are positive numbers.
        if (value) expect(Number(value)).toBeGreaterThan(0);
        if (value) expect(Number.isFinite(Number(value))).toBe(true);
      }
    }
    expect(await rows.first().getAttribute('data-js-ms')).not.toBe('');
    expect(await rows.first().getAttribute('data-tf-ms')).not.toBe('');
    expect(await page.locator('ml-gemm [data-backend]').getAttribute('data-backend')).toMatch(/^(webgpu|webgl|wasm|cpu)$/);
    expect(await page.locator('ml-gemm svg.ml-chart .ml-chart__marker').count()).toBeGreaterThanOrEqual(2);
    await noNaN(page, 'ml-gemm');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('says so when the TensorFlow.js worker cannot start, and keeps the JavaScript results', async () => {
    const probe = await openPage(browser);
    const { page } = probe;
    await page.route(/tf\.worker/, (route) => route.abort());
    await page.goto(`${chapter4}?gemm.maxN=256&gemm.budget=1#live-gemm`);
    await page.locator('ml-gemm[data-ready]').waitFor({ timeout: 60_000 });
    await page.locator('ml-gemm [data-action="measure"]').click();
    await page.locator('ml-gemm [data-status="finished"]').waitFor({ timeout: 110_000 });
    expect(await page.locator('ml-gemm [data-tf-error]').textContent()).toContain('纯 JavaScript 的结果不受影响');
    expect(Number(await page.locator('ml-gemm tr[data-n="64"]').getAttribute('data-js-ms'))).toBeGreaterThan(0);
    await noNaN(page, 'ml-gemm');
    await probe.context.close();
  });
});

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe violations inside the given sections only (the page's other islands are not ours to judge here). */
async function violationsWithin(page: Page, selectors: string[]): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (include) => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: object, options: object) => Promise<Result> } }).axe;
    const result = await axe.run({ include: include.map((selector) => [selector]) }, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  }, selectors);
}

describe.each([
  ['light', ''],
  ['dark', '?mat.op=multiply&mat.ar=3&mat.ac=6&mat.br=6&mat.bc=2&vec.op=sum'],
] as const)('chapter 4.1 islands in the %s theme on a 375-px phone (%s)', (colorScheme, query) => {
  it('fit without sideways scrolling and pass axe', { timeout: 240_000 }, async () => {
    const probe = await openPage(browser, { width: 375, height: 800, colorScheme });
    const { page } = probe;
    await page.goto(`${chapter4}${query}#live-matrix`);
    for (const name of ['matrix', 'gemm', 'vectors']) {
      await page.locator(`#live-${name}`).scrollIntoViewIfNeeded();
      await page.locator(`ml-${name}[data-ready]`).waitFor({ timeout: 60_000 });
    }
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect((await violationsWithin(page, ['#live-matrix', '#live-gemm', '#live-vectors'])).join('\n')).toBe('');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });
});
