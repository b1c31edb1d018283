import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, seriousViolations } from './browser';
import { SCHEDULE_KINDS, scheduleOfRun, scheduleValues } from '../../src/lib/ml/lr-schedules';

// The 9.2 learning-rate island against its engine, with test-sized runs on WASM (seconds).
const baseUrl = inject('baseUrl');
const chapter9 = new URL('chapters/09-faq/', baseUrl).href;
const tag = 'ml-schedules';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(query: string) {
  const probe = await openPage(browser);
  await probe.page.goto(`${chapter9}${query}#live-schedules`);
  await probe.page.locator(`${tag}[data-ready]`).waitFor({ timeout: 60_000 });
  return probe;
}

const attr = async (page: Page, name: string) => (await page.locator(tag).getAttribute(`data-${name}`)) ?? '';

async function waitForStatus(page: Page, name: string, value: string, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await attr(page, name)) !== value) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${name}=${value} (now ${await attr(page, name)}, error ${await attr(page, 'error')})`);
    await page.waitForTimeout(250);
  }
}

/** The y pixel of every vertex of an SVG path written by d3-shape's line (M x,y L x,y …). */
const ysOf = (d: string): number[] => [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => Number(m[2]));

// 256 images, batch 64, 2 epochs: 4 steps an epoch, 8 per schedule; step decay halves after 4, warmup 1.
const run = { images: 256, epochs: 2, batchSize: 64, lr: 0.01, lrMin: 0.001, factor: 0.5, everyEpochs: 1, warmup: 1 };
const query = '?sched.backend=wasm&sched.images=256&sched.epochs=2&sched.batch=64&sched.lr=0.01&sched.lrMin=0.001&sched.factor=0.5&sched.every=1&sched.warmup=1';

describe('ml-schedules (chapter 9.2)', () => {
  it('trains the three schedules on real digits; the rates set and drawn are the engine\'s', async () => {
    const probe = await open(query);
    const { page } = probe;
    const schedule = scheduleOfRun(run);
    expect(schedule.totalSteps).toBe(8);
    expect(await page.locator(`${tag} [data-size]`).textContent()).toContain('256');

    // Before training: the schedule chart, one vertex per step, y affine in the engine's rates.
    const lrPaths = page.locator(`${tag} [data-chart="lr"] path.ml-chart__line`);
    expect(await lrPaths.count()).toBe(3);
    for (const [i, kind] of SCHEDULE_KINDS.entries()) {
      const ys = ysOf((await lrPaths.nth(i).getAttribute('d')) ?? '');
      const rates = scheduleValues(kind, schedule);
      expect(ys).toHaveLength(8);
      // Pixel y = a − b·η: compare each vertex with the line through steps 0 (η = 0, warmup) and 1 (η = η_max).
      const slope = (ys[1]! - ys[0]!) / (rates[1]! - rates[0]!);
      ys.forEach((y, t) => expect(y).toBeCloseTo(ys[0]! + slope * (rates[t]! - rates[0]!), 1));
    }

    await page.locator(`${tag} [data-action="start"]`).click();
    await waitForStatus(page, 'status', 'done', 240_000);
    expect(await attr(page, 'backend')).toBe('wasm');
    for (const kind of SCHEDULE_KINDS) {
      const name = `rates-${kind}`;
      const expected = Array.from(scheduleValues(kind, schedule), (r) => r.toPrecision(8)).join(',');
      expect(await attr(page, name)).toBe(expected);
    }
    expect(await page.locator(`${tag} [data-chart="loss"] path.ml-chart__line`).count()).toBe(3);
    const rows = page.locator(`${tag} .sched-results tbody tr`);
    expect(await rows.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      expect(await rows.nth(i).getAttribute('data-verdict')).toMatch(/^(learned|no-progress)$/);
      expect(Number(await rows.nth(i).getAttribute('data-test-loss'))).toBeLessThan(2.4);
    }
    expect(await page.locator(tag).innerText()).not.toMatch(/NaN|Infinity|undefined/);
    expect((await seriousViolations(page, '#live-schedules')).join('\n')).toBe('');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('runs a grid on demand and marks a blown-up cell 发散, never NaN', async () => {
    const probe = await open('?sched.backend=wasm&sched.gridLrs=0.001,1&sched.gridBatches=64&sched.gridImages=256');
    const { page } = probe;
    await page.locator(`${tag} [data-action="grid"]`).click();
    await waitForStatus(page, 'grid-status', 'done', 240_000);
    const cells = page.locator(`${tag} .sched-grid td[data-cell]`);
    expect(await cells.count()).toBe(2);
    expect(await cells.nth(0).getAttribute('data-verdict')).not.toBe('diverged');
    expect(await cells.nth(1).getAttribute('data-verdict')).toBe('diverged');
    expect(await cells.nth(1).innerText()).toContain('发散');
    expect(await page.locator(tag).innerText()).not.toMatch(/NaN|Infinity/);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('explains a schedule it cannot run, and pause, resume and stop answer from the keyboard', async () => {
    const probe = await open('?sched.lr=0.001&sched.lrMin=0.01');
    const { page } = probe;
    expect(await page.locator(`${tag} [data-problem="lr-min-above-max"]`).textContent()).toContain('η_min');
    expect(await page.locator(`${tag} [data-action="start"]`).isDisabled()).toBe(true);
    const lrMin = page.locator('#live-schedules-lrMin');
    await lrMin.fill('0');
    await expect.poll(() => page.locator(`${tag} [data-problem]`).count()).toBe(0);

    // A forged negative rate is refused by the codec: the default stays.
    await page.goto(`${chapter9}?sched.lr=-1&sched.backend=wasm&sched.images=4000&sched.epochs=1#live-schedules`);
    await page.locator(`${tag}[data-ready]`).waitFor();
    await page.locator(`${tag} [data-url-notice]`).waitFor();
    expect(await page.locator('#live-schedules-lr').inputValue()).toBe('0.003');

    const start = page.locator(`${tag} [data-action="start"]`);
    await start.focus();
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'status', 'training', 120_000);
    await page.locator(`${tag} [data-action="pause"]`).press('Enter');
    await waitForStatus(page, 'status', 'paused', 30_000);
    await page.locator(`${tag} [data-action="resume"]`).press('Enter');
    await waitForStatus(page, 'status', 'training', 30_000);
    await page.locator(`${tag} [data-action="stop"]`).press('Enter');
    await waitForStatus(page, 'status', 'stopped', 60_000);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('start');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });
});
