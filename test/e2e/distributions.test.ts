import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openIsland } from './browser';
import { distributionsIsland } from '../../components/islands/distributions/definition';
import { deriveDistributions, type DistState } from '../../components/islands/distributions/model';
import { binomialApproximations } from '../../src/lib/math/binomial-approximations';
import { defaultsOf } from '../../src/lib/state/codec';

// The 4.2.1 distributions island against its engines (the contract every island keeps is
// in island-contract.test.ts).
const baseUrl = inject('baseUrl');
const defaults = defaultsOf(distributionsIsland.schema);
const tag = 'ml-distributions';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const open = (query = '') => openIsland(browser, baseUrl, distributionsIsland, query);

const cardValue = (page: Page, card: string) => page.locator(`${tag} [data-card="${card}"]`).getAttribute('data-value');
const field = (page: Page, name: string) => page.locator(`#live-distributions-${name}-number`);
function expected(changes: Partial<DistState>) {
  const model = deriveDistributions({ ...defaults, ...changes });
  if (!model.ok) throw new Error('expected a valid state');
  return model;
}

describe('ml-distributions (chapter 4.2.1)', () => {
  it('shows the chapter’s coin example and answers a new n exactly as the engine computes', async () => {
    const probe = await open();
    const { page } = probe;
    expect(Number(await cardValue(page, 'point'))).toBe(expected({}).at.density);
    await field(page, 'n').fill('20');
    const model = expected({ n: 20 });
    await expect.poll(() => cardValue(page, 'point'), { timeout: 10_000 }).toBe(String(model.at.density));
    expect(Number(await cardValue(page, 'cdf'))).toBe(model.at.cdf);
    expect(await page.locator(`${tag} [data-card="moments"]`).getAttribute('data-mean')).toBe('10');
    await page.waitForFunction(() => location.search.includes('dist.n=20'));
    expect(await page.locator(`${tag} svg.ml-chart`).count()).toBeGreaterThanOrEqual(4);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('moves the point from the keyboard and re-typesets P(X = k)', async () => {
    const probe = await open();
    const slider = probe.page.locator(`${tag} [data-field="x"] input[type="range"]`);
    await slider.focus();
    await slider.press('ArrowRight');
    await expect.poll(() => cardValue(probe.page, 'point'), { timeout: 10_000 }).toBe(String(expected({ x: 6 }).at.density));
    expect(await probe.page.locator(`${tag} [data-card="point"] .katex`).first().textContent()).toContain('P(X=6)');
    await probe.context.close();
  });

  it('restores a preset link and compares the two approximations by the engine’s distances', async () => {
    const probe = await open('?preset=binomial-vs-poisson');
    const section = probe.page.locator(`${tag} .dist-approx`);
    const quality = binomialApproximations(1000, 0.003);
    expect(Number(await section.getAttribute('data-tv-poisson'))).toBe(quality.poisson?.totalVariation);
    expect(Number(await section.getAttribute('data-tv-normal'))).toBe(quality.normal?.totalVariation);
    expect(await section.getAttribute('data-better')).toBe('poisson');
    expect(await section.textContent()).toContain('泊松近似更好');
    await probe.context.close();
  });

  it('draws more seeded samples on request, matching the engine’s sample mean', async () => {
    const probe = await open();
    const { page } = probe;
    await page.locator(`${tag} [data-draw="1000"]`).click();
    const model = expected({ draws: 2000 });
    const summary = page.locator(`${tag} .dist-sampling-summary`);
    await expect.poll(() => summary.getAttribute('data-sample-mean'), { timeout: 10_000 }).toBe(String(model.histogram.moments?.mean));
    expect(await summary.getAttribute('data-sample-variance')).toBe(String(model.histogram.moments?.variance));
    await page.waitForFunction(() => location.search.includes('dist.draws=2000'));
    await probe.context.close();
  });

  it('explains p outside [0, 1] in words, keeps the last picture, and recovers', async () => {
    const probe = await open();
    const { page } = probe;
    await field(page, 'p').fill('1.5');
    const alert = page.locator(`${tag} [data-problem="p-out-of-range"]`);
    await alert.waitFor();
    expect(await alert.textContent()).toContain('0 到 1 之间');
    expect(await page.locator(`${tag} .dist-view--stale svg.ml-chart`).count()).toBeGreaterThan(0);
    await field(page, 'n').fill('2.5');
    expect(await page.locator(`${tag} [data-problem="n-not-integer"]`).textContent()).toContain('整数');
    await field(page, 'n').fill('10');
    await field(page, 'p').fill('0.4');
    expect(await alert.count()).toBe(0);
    expect(Number(await cardValue(page, 'point'))).toBe(expected({ p: 0.4 }).at.density);
    expect(await page.locator(tag).textContent()).not.toMatch(/NaN|Infinity/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('stays finite at n = 10⁶, p = 10⁻⁹', async () => {
    const probe = await open('?dist.n=1000000&dist.p=1e-9&dist.x=0');
    expect(Number(await cardValue(probe.page, 'point'))).toBe(expected({ n: 1e6, p: 1e-9, x: 0 }).at.density);
    expect(await probe.page.locator(tag).textContent()).not.toMatch(/NaN|Infinity/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('switches to the normal distribution and centres the point on its mean', async () => {
    const probe = await open();
    await probe.page.locator(`${tag} [data-field="kind"] button`, { hasText: '正态分布' }).click();
    await probe.page.waitForFunction(() => location.search.includes('dist.kind=normal'));
    expect(Number(await cardValue(probe.page, 'point'))).toBe(expected({ kind: 'normal', x: 0 }).at.density);
    await probe.context.close();
  });
});
