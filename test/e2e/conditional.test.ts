import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openIsland } from './browser';
import { conditionalIsland } from '../../components/islands/conditional/definition';
import { deriveConditional, type CondState } from '../../components/islands/conditional/model';
import { defaultsOf } from '../../src/lib/state/codec';

// The 4.2.2 conditional-probability island against its engine.
const baseUrl = inject('baseUrl');
const defaults = defaultsOf(conditionalIsland.schema);
const tag = 'ml-conditional';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const open = (query = '') => openIsland(browser, baseUrl, conditionalIsland, query);

const card = (page: Page) => page.locator(`${tag} [data-p-a-given-b]`);
const field = (page: Page, name: string) => page.locator(`#live-conditional-${name}-number`);
function engine(changes: Partial<CondState>) {
  const result = deriveConditional({ ...defaults, ...changes }).result;
  if (!result.ok) throw new Error('expected a possible triple');
  return result;
}

describe('ml-conditional (chapter 4.2.2)', () => {
  it('computes P(A | B), P(B | A) and P(A∪B) as the engine does, and follows an edit', async () => {
    const probe = await open();
    const { page } = probe;
    expect(Number(await card(page).getAttribute('data-p-a-given-b'))).toBe(engine({}).pAgivenB);
    await field(page, 'pAB').fill('0.15');
    const r = engine({ pAB: 0.15 });
    await expect.poll(() => card(page).getAttribute('data-p-a-given-b'), { timeout: 10_000 }).toBe(String(r.pAgivenB));
    expect(Number(await card(page).getAttribute('data-p-b-given-a'))).toBe(r.pBgivenA);
    expect(Number(await card(page).getAttribute('data-p-union'))).toBe(r.pUnion);
    expect(await page.locator(`${tag} [data-cell="aAndB"]`).textContent()).toBe('0.15');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('moves the corner of A∩B from the keyboard: P(A) grows, P(B) stays', async () => {
    const probe = await open();
    const handle = probe.page.locator(`${tag} .ml-drag-point`);
    await handle.focus();
    await handle.press('ArrowRight');
    await probe.page.waitForFunction(() => location.search.includes('cond.pA=0.31'));
    const state = await probe.page.locator(tag).getAttribute('data-state');
    const params = new URLSearchParams(state ?? '');
    expect(params.get('cond.pB')).toBeNull();
    // P(B | A) is kept: P(A∩B) = 0.31 × 0.2/0.3.
    expect(Number(params.get('cond.pAB'))).toBeCloseTo(0.31 * (0.2 / 0.3), 3);
    await probe.context.close();
  });

  it('refuses an impossible overlap with its bound, keeps the last picture, and offers the fix', async () => {
    const probe = await open();
    const { page } = probe;
    await field(page, 'pAB').fill('0.45');
    const alert = page.locator(`${tag} [data-problem="intersection-too-large"]`);
    await alert.waitFor();
    expect(await alert.textContent()).toContain('P(A) = 0.3');
    expect(await page.locator(`${tag} .cond-view--stale svg.ml-chart`).count()).toBe(1);
    await alert.locator('[data-action="fix"]').click();
    expect(await alert.count()).toBe(0);
    expect(Number(await card(page).getAttribute('data-p-a-given-b'))).toBe(engine({ pAB: 0.3 }).pAgivenB);
    await field(page, 'pA').fill('0.8');
    await field(page, 'pAB').fill('0.1');
    expect(await page.locator(`${tag} [data-problem="intersection-too-small"]`).textContent()).toContain('P(A) + P(B) − 1 = 0.3');
    expect(await page.locator(tag).textContent()).not.toMatch(/NaN|Infinity/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('restores the chapter’s dice from the preset link: P(A | B) = 1/6', async () => {
    const probe = await open('?preset=dice');
    expect(Number(await card(probe.page).getAttribute('data-p-a-given-b'))).toBeCloseTo(1 / 6, 10);
    expect(await probe.page.locator(`${tag} [data-independent]`).getAttribute('data-independent')).toBe('no');
    await probe.context.close();
  });
});
