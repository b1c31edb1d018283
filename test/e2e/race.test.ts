import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { raceIsland } from '../../components/islands/race/definition';
import { deriveRace, positionAt, type RaceState } from '../../components/islands/race/model';
import { digitRuns } from '../../components/islands/race/digits';
import { racerStepDetail } from '../../src/lib/ml/race-step';
import { defaultsOf } from '../../src/lib/state/codec';
import { startingState } from '../../src/lib/state/workshop';
import { parseDigitSample } from '../../src/lib/mnist/sample-digits';
import { digitSetFrom, trainSoftmaxRegression } from '../../src/lib/ml/softmax-regression';
import type { RacerId } from '../../src/lib/ml/race';

// The 3.2 optimizer race against its engines. (The contract every island keeps — lazy
// start, links, notices, reset, present mode, axe, 375 px — is in island-contract.test.ts.)
const baseUrl = inject('baseUrl');
const chapter3 = new URL('chapters/03-algorithms/', baseUrl).href;
const defaults = defaultsOf(raceIsland.schema);
const preset = (name: keyof typeof raceIsland.presets) => startingState(raceIsland.schema, raceIsland.presets, name);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openRace(query = '', options: Parameters<typeof openPage>[1] = {}) {
  const probe = await openPage(browser, options);
  await probe.page.goto(`${chapter3}${query}#live-race`);
  await probe.page.locator('ml-race[data-ready]').waitFor({ timeout: 60_000 });
  return probe;
}

const row = (page: Page, id: RacerId) => page.locator(`ml-race tr[data-racer="${id}"]`);
const shownT = async (page: Page) => Number(await page.locator('ml-race .ml-race-player').getAttribute('data-t'));

/** The racer's position at step t as the page writes it, from the engine. */
function expected(state: RaceState, id: RacerId, t: number) {
  const racer = deriveRace(state).race.racers.find((r) => r.id === id);
  if (!racer) throw new Error(id);
  const at = positionAt(racer, t);
  return { x: at.point[0].toPrecision(8), y: at.point[1].toPrecision(8), loss: at.loss.toPrecision(6) };
}

async function expectRow(page: Page, state: RaceState, id: RacerId, t: number) {
  const want = expected(state, id, t);
  expect(await row(page, id).getAttribute('data-x')).toBe(want.x);
  expect(await row(page, id).getAttribute('data-y')).toBe(want.y);
  expect(await row(page, id).getAttribute('data-loss')).toBe(want.loss);
}

describe('optimizer race island (chapter 3.2)', () => {
  it('shows the default race to its end, as the engine runs it, with 12-px chart labels and no NaN', async () => {
    const probe = await openRace();
    const { page } = probe;
    const last = deriveRace(defaults).lastStep;
    expect(await shownT(page)).toBe(last);
    for (const id of ['batch-gd', 'momentum', 'rmsprop', 'adam'] as const) await expectRow(page, defaults, id, last);
    expect(await page.locator('ml-race svg.ml-chart').count()).toBe(2);
    const size = await page.locator('ml-race svg.ml-chart text').first().evaluate((t) => parseFloat(getComputedStyle(t).fontSize));
    expect(size).toBeGreaterThanOrEqual(12);
    expect(await page.locator('ml-race').textContent()).not.toMatch(/NaN|Infinity/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('answers a new learning rate exactly as the engine computes, and puts it in the address', async () => {
    const probe = await openRace();
    const { page } = probe;
    await page.getByRole('spinbutton', { name: '学习率 η（六者共用）' }).fill('0.3');
    const state = { ...defaults, lr: 0.3 };
    const last = deriveRace(state).lastStep;
    expect(await shownT(page)).toBe(last);
    for (const id of ['batch-gd', 'rmsprop', 'adam'] as const) await expectRow(page, state, id, last);
    await page.waitForFunction(() => location.search.includes('race.lr=0.3'));
    await probe.context.close();
  });

  it('steps one update at a time and typesets that update with the engine’s numbers', async () => {
    const probe = await openRace();
    const { page } = probe;
    await page.locator('ml-race [data-action="restart"]').click();
    expect(await shownT(page)).toBe(0);
    await page.locator('ml-race [data-action="step"]').click();
    await page.locator('ml-race [data-action="step"]').click();
    expect(await shownT(page)).toBe(2);
    await expectRow(page, defaults, 'adam', 2);
    const adam = deriveRace(defaults).race.racers.find((r) => r.id === 'adam');
    const detail = adam ? racerStepDetail(adam, deriveRace(defaults).settings, 2) : null;
    const formula = page.locator('ml-race .ml-race-formula');
    expect(await formula.getAttribute('data-step')).toBe('2');
    expect(await formula.getAttribute('data-next')).toBe(`${detail?.next[0]},${detail?.next[1]}`);
    expect(await formula.locator('.katex').textContent()).toContain('β');
    await page.locator('ml-race [data-action="back"]').click();
    expect(await shownT(page)).toBe(1);
    await probe.context.close();
  });

  it('moves the start with the keyboard, and the race restarts from there', async () => {
    const probe = await openRace();
    const { page } = probe;
    const handle = page.locator('ml-race .ml-drag-point');
    await handle.focus();
    await handle.press('ArrowRight');
    await handle.press('Shift+ArrowDown');
    await page.waitForFunction(() => location.search.includes('race.start='));
    expect(await page.getByLabel('起点 x').inputValue()).toBe('-2.55');
    expect(await page.getByLabel('起点 y').inputValue()).toBe('0.7');
    const state = { ...defaults, start: [-2.55, 0.7] };
    await expectRow(page, state, 'momentum', deriveRace(state).lastStep);
    await probe.context.close();
  });

  it('opens on the divergence preset and explains it with the stable bound, never NaN', async () => {
    const probe = await openRace('?preset=gd-diverges');
    const { page } = probe;
    expect(await row(page, 'batch-gd').getAttribute('data-phase')).toBe('diverged');
    const note = page.locator('ml-race [data-diverged~="batch-gd"]');
    expect(await note.textContent()).toContain('学习率 0.55 超过了这个碗的稳定上限 2/λ_max = 0.5');
    expect(await row(page, 'adam').getAttribute('data-phase')).toBe('converged');
    await page.locator('ml-race [data-action="restart"]').click();
    expect(await note.count()).toBe(0);
    expect(await page.locator('ml-race').textContent()).not.toMatch(/NaN|Infinity/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('refuses bad input with a clear message and keeps the last good race', async () => {
    const probe = await openRace('?race.start=1');
    const { page } = probe;
    expect(await page.locator('ml-race [data-start-problem]').textContent()).toContain('起点需要 x、y 两个数');
    const lr = page.getByRole('spinbutton', { name: '学习率 η（六者共用）' });
    await lr.fill('20');
    expect(await page.locator('ml-race .ml-field-error').first().textContent()).toContain('0.0001 到 10');
    expect(await lr.getAttribute('aria-invalid')).toBe('true');
    await lr.fill('');
    await expectRow(page, { ...defaults, start: [1] }, 'adam', deriveRace(defaults).lastStep);
    await page.getByLabel('起点 x').fill('7');
    expect(await page.locator('ml-race .ml-field-error').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('ml-race').textContent()).not.toMatch(/NaN/);
    await probe.context.close();
  });

  it('plays to the end, measuring frames per second, and pauses', async () => {
    const probe = await openRace('?preset=narrow-valley');
    const { page } = probe;
    await page.locator('ml-race [data-action="restart"]').click();
    await page.locator('ml-race [data-action="play"]').click();
    const last = deriveRace(preset('narrow-valley')).lastStep;
    await page.waitForFunction((n) => Number(document.querySelector('ml-race .ml-race-player')?.getAttribute('data-t')) === n, last, { timeout: 100_000 });
    expect(Number(await page.locator('ml-race').getAttribute('data-fps'))).toBeGreaterThan(0);
    expect(await page.locator('ml-race [data-action="play"]').getAttribute('aria-pressed')).toBe('false');
    await expectRow(page, preset('narrow-valley'), 'momentum', last);
    await probe.context.close();
  });

  it('never plays by itself, and under reduced motion offers “jump to the end” instead of play', async () => {
    const probe = await openRace('', { reducedMotion: 'reduce' });
    const { page } = probe;
    expect(await page.locator('ml-race [data-action="play"]').count()).toBe(0);
    await page.locator('ml-race [data-action="restart"]').click();
    await page.waitForTimeout(300);
    expect(await shownT(page)).toBe(0);
    await page.locator('ml-race [data-action="end"]').click();
    expect(await shownT(page)).toBe(deriveRace(defaults).lastStep);
    await probe.context.close();
  });
});

describe('optimizer race on real digits (chapter 3.2)', () => {
  const sample = parseDigitSample(new Uint8Array(readFileSync('public/data/mnist/sample-digits.bin')));
  const state = { ...preset('digits'), epochs: 2 };

  function expectedFinal(id: RacerId): number {
    if (!sample.ok) throw new Error(sample.code);
    const spec = digitRuns(state).find((r) => r.id === id);
    if (!spec) throw new Error(id);
    const run = trainSoftmaxRegression(digitSetFrom(sample, 0, sample.count), { optimizer: spec.optimizer, batch: spec.batch, epochs: 2, seed: state.seed });
    return run.epochLosses.at(-1) ?? NaN;
  }

  async function trainAndCheck(page: Page) {
    await page.locator('ml-race [data-action="train"]').click();
    await page.locator('ml-race .ml-race-progress[data-phase="done"]').waitFor({ timeout: 110_000 });
    for (const id of ['batch-gd', 'sgd', 'adam'] as const) {
      const final = Number(await page.locator(`ml-race [data-run="${id}"]`).getAttribute('data-final'));
      expect(Math.abs(final - expectedFinal(id)) / expectedFinal(id)).toBeLessThan(2e-3);
    }
  }

  it('trains on TensorFlow.js in the worker, shows the backend and why, and matches the pure engine', async () => {
    const probe = await openRace('?preset=digits&race.epochs=2');
    await trainAndCheck(probe.page);
    const badge = probe.page.locator('ml-race .ml-race-badge');
    expect(await badge.getAttribute('data-engine')).toBe('tf');
    expect(await badge.getAttribute('data-backend')).toMatch(/^(webgpu|webgl|wasm|cpu)$/);
    expect(await probe.page.locator('ml-race [data-problem]').count()).toBe(0);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('falls back to the pure engine when the worker cannot start, and says so', async () => {
    const probe = await openPage(browser);
    await probe.page.route(/tf\.worker/, (route) => route.abort());
    await probe.page.goto(`${chapter3}?preset=digits&race.epochs=2#live-race`);
    await probe.page.locator('ml-race[data-ready]').waitFor({ timeout: 60_000 });
    await trainAndCheck(probe.page);
    expect(await probe.page.locator('ml-race [data-problem="tf"]').textContent()).toContain('纯 JavaScript 引擎');
    expect(await probe.page.locator('ml-race .ml-race-badge').getAttribute('data-engine')).toBe('js');
    await probe.context.close();
  });
});
