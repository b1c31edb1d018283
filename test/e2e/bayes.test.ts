import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openIsland } from './browser';
import { bayesIsland } from '../../components/islands/bayes/definition';
import { bayesPresets } from '../../components/islands/bayes/schema';
import { deriveBayes, type BayesState } from '../../components/islands/bayes/model';
import { defaultsOf } from '../../src/lib/state/codec';

// The 4.2.3 Bayes island against its engine.
const baseUrl = inject('baseUrl');
const defaults = defaultsOf(bayesIsland.schema);
const tag = 'ml-bayes';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const open = (query = '') => openIsland(browser, baseUrl, bayesIsland, query);

const posterior = (page: Page) => page.locator(`${tag} [data-posterior]`).getAttribute('data-posterior');
function engine(changes: Partial<BayesState>) {
  const result = deriveBayes({ ...defaults, ...changes }).result;
  if (!result.ok) throw new Error('expected valid rates');
  return result;
}

describe('ml-bayes (chapter 4.2.3)', () => {
  it('shows the chapter’s screening example: 99 of 594 positives are ill', async () => {
    const probe = await open();
    const { page } = probe;
    expect(Number(await posterior(page))).toBe(engine({}).posteriorPositive);
    expect(await page.locator(`${tag} [data-node="tp"]`).textContent()).toContain('99');
    expect(await page.locator(`${tag} [data-node="fp"]`).textContent()).toContain('495');
    expect(await page.locator(`${tag} [data-card="counts"] .katex`).first().textContent()).toContain('99+495');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('answers a new specificity with the engine’s posterior and counts', async () => {
    const probe = await open();
    const { page } = probe;
    await page.locator('#live-bayes-specificity-number').fill('99');
    const r = engine({ specificity: 99 });
    await expect.poll(() => posterior(page), { timeout: 10_000 }).toBe(String(r.posteriorPositive));
    expect(await page.locator(`${tag} [data-node="fp"]`).textContent()).toContain(String(r.counts.falsePositive));
    await page.waitForFunction(() => location.search.includes('bayes.specificity=99'));
    await probe.context.close();
  });

  it('restores the mammography preset and feeds the posterior back as the next prior', async () => {
    const probe = await open('?preset=mammography');
    const { page } = probe;
    const first = engine(bayesPresets.mammography);
    expect(Number(await posterior(page))).toBe(first.posteriorPositive);
    await page.locator(`${tag} [data-action="next-test"]`).click();
    const prior = Number(((first.posteriorPositive ?? 0) * 100).toPrecision(12));
    const second = engine({ ...bayesPresets.mammography, prevalence: prior });
    await expect.poll(() => posterior(page), { timeout: 10_000 }).toBe(String(second.posteriorPositive));
    await probe.context.close();
  });

  it('says so when nobody tests positive, and never shows NaN', async () => {
    const probe = await open('?bayes.prevalence=0&bayes.specificity=100');
    expect(await posterior(probe.page)).toBe('undefined');
    expect(await probe.page.locator(`${tag} [data-card="posterior"]`).textContent()).toContain('P(+) = 0');
    await probe.page.locator('#live-bayes-prevalence-number').fill('150');
    expect(await probe.page.locator(`${tag} .ml-field-error`).textContent()).toContain('0 到 100');
    expect(await probe.page.locator(tag).textContent()).not.toMatch(/NaN|Infinity/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });
});
