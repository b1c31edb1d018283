import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { deriveLqr, type LqrState } from '../../components/islands/lqr/model';
import { lqrIsland } from '../../components/islands/lqr/definition';
import { defaultsOf } from '../../src/lib/state/codec';

// The 4.3.3 optimal-control island against its engine (the contract every island keeps
// is in island-contract.test.ts).
const baseUrl = inject('baseUrl');
const chapter4 = new URL('chapters/04-math/', baseUrl).href;
const defaults = defaultsOf(lqrIsland.schema);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openLqr(query = '') {
  const probe = await openPage(browser);
  await probe.page.goto(`${chapter4}${query}#live-lqr`);
  await probe.page.locator('ml-lqr[data-ready]').waitFor();
  return probe;
}

function costs(state: LqrState): { lqr: string; naive: string } {
  const run = deriveLqr(state).run;
  if (!run) throw new Error('no run');
  return { lqr: run.solution.trajectory.cost.toFixed(6), naive: run.naive.cost.toFixed(6) };
}

const cost = (page: Page, name: string) => page.locator(`ml-lqr [data-cost="${name}"]`).getAttribute('data-value');
const gain = (page: Page) => page.locator('ml-lqr [data-riccati-k]');

describe('optimal-control island (chapter 4.3.3)', () => {
  it('prices LQR and the naive law as the engine does; LQR is cheaper', async () => {
    const probe = await openLqr();
    const { page } = probe;
    const expected = costs(defaults);
    expect(await cost(page, 'lqr')).toBe(expected.lqr);
    expect(await cost(page, 'naive')).toBe(expected.naive);
    expect(Number(expected.lqr)).toBeLessThan(Number(expected.naive));
    expect(await page.locator('ml-lqr .ml-lqr__charts svg.ml-chart').count()).toBe(4);
    // E21 in numbers: LQR pays more early on and less in total.
    const ahead = deriveLqr(defaults).run?.lqrAheadUntil;
    expect(await page.locator('ml-lqr [data-ahead]').getAttribute('data-ahead')).toBe(String(ahead));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('answers a new force weight and a switch to constant braking', async () => {
    const probe = await openLqr();
    const { page } = probe;
    await page.getByRole('spinbutton', { name: '推力的权重 r' }).fill('1');
    const heavier = { ...defaults, wf: 1 };
    await expect.poll(() => cost(page, 'lqr')).toBe(costs(heavier).lqr);
    await page.getByRole('button', { name: '匀减速刹车' }).click();
    await expect.poll(() => cost(page, 'naive')).toBe(costs({ ...heavier, naive: 'braking' }).naive);
    await page.waitForFunction(() => location.search.includes('lqr.wf=1') && location.search.includes('lqr.naive=braking'));
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('steps the Riccati recursion backwards from a preset link, with the engine’s gains', async () => {
    const probe = await openLqr('?preset=short-horizon');
    const { page } = probe;
    const state = { ...defaults, ...lqrIsland.presets['short-horizon'] };
    const K = deriveLqr(state).run?.solution.K ?? [];
    const row = (k: number) => (K[k]?.[0] ?? []).map((v) => v.toFixed(6)).join(',');
    expect(await gain(page).getAttribute('data-riccati-k')).toBe('9');
    expect(await gain(page).getAttribute('data-gain')).toBe(row(9));
    await page.locator('ml-lqr [data-action="riccati-next"]').click();
    await page.locator('ml-lqr [data-action="riccati-next"]').click();
    expect(await gain(page).getAttribute('data-riccati-k')).toBe('7');
    expect(await gain(page).getAttribute('data-gain')).toBe(row(7));
    expect(await page.locator('ml-lqr [data-riccati-k] .katex').first().textContent()).toContain('P8');
    await probe.context.close();
  });

  it('moves the cart one step at a time', async () => {
    const probe = await openLqr();
    const { page } = probe;
    const time = page.locator('ml-lqr [data-k]');
    expect(await time.getAttribute('data-k')).toBe('0');
    await page.locator('ml-lqr [data-action="step"]').click();
    await page.locator('ml-lqr [data-action="step"]').click();
    expect(await time.getAttribute('data-k')).toBe('2');
    const x2 = deriveLqr(defaults).run?.solution.trajectory.states[2]?.[0] ?? Number.NaN;
    expect(await time.textContent()).toContain(String(Number(x2.toPrecision(4))));
    await page.getByLabel('时刻 k').focus();
    await page.keyboard.press('End');
    expect(await time.getAttribute('data-k')).toBe('50');
    await probe.context.close();
  });

  it('explains refused weights with the engine’s code, never NaN, and recovers', async () => {
    const cases: [string, string, string][] = [
      ['?lqr.wf=0', 'not-pd', 'r 必须大于 0'],
      ['?lqr.wp=-1', 'not-psd', '不是半正定'],
    ];
    for (const [query, code, words] of cases) {
      const probe = await openLqr(query);
      const { page } = probe;
      const alert = page.locator('ml-lqr [data-invalid]');
      expect(await alert.getAttribute('data-invalid')).toBe(code);
      expect(await alert.textContent()).toContain(words);
      expect(await page.locator('ml-lqr').textContent()).not.toMatch(/NaN|Infinity/);
      await page.getByRole('spinbutton', { name: '推力的权重 r' }).fill('0.05');
      await page.getByRole('spinbutton', { name: '位置误差的权重 q₁' }).fill('1');
      await expect.poll(() => cost(page, 'lqr')).toBe(costs(defaults).lqr);
      expect(await alert.count()).toBe(0);
      expect(probe.errors.join('\n')).toBe('');
      await probe.context.close();
    }
  });
});
