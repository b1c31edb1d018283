import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, seriousViolations, settledBox, type PageProbe } from './browser';
import { mnistStrings } from '../../components/islands/mnist/strings';

const baseUrl = inject('baseUrl');
const chapter5 = new URL('chapters/05-mnist-project/', baseUrl).href;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const island = (page: Page) => page.locator('ml-mnist');
const attr = async (page: Page, name: string) => (await island(page).getAttribute(`data-${name}`)) ?? '';

async function openIsland(probe: PageProbe, query: string): Promise<void> {
  await probe.page.goto(`${chapter5}${query}#live-mnist`);
  await probe.page.locator('ml-mnist[data-ready]').waitFor();
}

async function waitFor(page: Page, predicate: () => Promise<boolean>, timeout: number, what: string): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (status ${await attr(page, 'status')}, batch ${await attr(page, 'batch')})`);
    await page.waitForTimeout(250);
  }
}

/** Draws a vertical stroke (a "1") on the digit pad with the mouse. */
async function drawOne(page: Page): Promise<void> {
  const pad = page.locator('ml-digit-pad canvas.ml-pad__canvas');
  const box = await settledBox(pad);
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * (0.15 + i * 0.07));
  await page.mouse.up();
}

describe('MNIST training island (chapter 5)', () => {
  it('trains an epoch on WASM with real data, evaluates on 10,000 test images, leaks no tensors', async () => {
    const probe = await openPage(browser);
    const { page } = probe;
    await openIsland(probe, '?mnist.backend=wasm&mnist.slice=quick&mnist.epochs=1');
    await page.locator('ml-mnist [data-action="start"]').click();
    await waitFor(page, async () => (await attr(page, 'status')) === 'done', 240_000, 'training to finish');
    expect(await attr(page, 'backend')).toBe('wasm');
    expect(Number(await attr(page, 'test-accuracy'))).toBeGreaterThan(0.85);
    expect(await attr(page, 'tensors-latest')).toBe(await attr(page, 'tensors-start'));
    expect(await page.locator('.ml-mnist__confusion tbody tr').count()).toBe(10);
    expect(await page.locator('.ml-mnist__gallery li').count()).toBeGreaterThan(0);
    expect(await page.locator('.ml-mnist__status').innerText()).toContain('WASM');
    expect((await seriousViolations(page)).join('\n')).toBe('');

    // The trained model answers the drawing pad.
    await drawOne(page);
    const probs = page.locator('.ml-mnist__probs');
    await probs.waitFor();
    expect(await probs.getAttribute('data-prediction')).toMatch(/^[0-9]$/);
    // Without drawing, from the keyboard: a test image goes on the pad and is classified.
    await page.locator('ml-mnist [data-action="sample"]').focus();
    await page.keyboard.press('Enter');
    const label = page.locator('[data-sample-label]');
    await label.waitFor();
    await waitFor(page, async () => (await probs.getAttribute('data-prediction')) !== null, 10_000, 'a prediction');
    expect(probe.errors.join('\n')).toBe('');

    // It was saved in IndexedDB: after a reload it is back and still predicts.
    await page.reload();
    await page.locator('ml-mnist[data-ready]').waitFor();
    await waitFor(page, async () => (await attr(page, 'model')) === 'indexeddb', 60_000, 'the saved model to load');
    await drawOne(page);
    await page.locator('.ml-mnist__probs').waitFor();

    // Download the model (model.json + weights), then load those files in a fresh browser profile.
    const downloads: import('playwright-core').Download[] = [];
    page.on('download', (download) => downloads.push(download));
    await page.locator('ml-mnist [data-action="export"]').click();
    await waitFor(page, async () => downloads.length === 2, 30_000, 'two downloaded files');
    const dir = mkdtempSync(join(tmpdir(), 'mnist-model-'));
    const files = await Promise.all(downloads.map(async (d) => {
      const path = join(dir, d.suggestedFilename());
      await d.saveAs(path);
      return path;
    }));
    expect(files.map((f) => f.split('/').pop()).sort()).toEqual(['mnist-cnn.json', 'mnist-cnn.weights.bin']);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();

    const fresh = await openPage(browser);
    await openIsland(fresh, '');
    expect(await attr(fresh.page, 'model')).toBe('');
    await fresh.page.locator('ml-mnist input[type="file"]').setInputFiles(files);
    await waitFor(fresh.page, async () => (await attr(fresh.page, 'model')) === 'files', 60_000, 'the uploaded model');
    await drawOne(fresh.page);
    expect(await fresh.page.locator('.ml-mnist__probs').getAttribute('data-prediction')).toMatch(/^[0-9]$/);
    expect(fresh.errors.join('\n')).toBe('');
    await fresh.context.close();
  }, 300_000);

  it('pauses, resumes and stops between batches, keeping the tensor count', async () => {
    const probe = await openPage(browser);
    const { page } = probe;
    await openIsland(probe, '?mnist.backend=wasm&mnist.slice=quick&mnist.epochs=3');
    await page.locator('ml-mnist [data-action="start"]').click();
    await waitFor(page, async () => Number(await attr(page, 'batch')) >= 5, 120_000, 'five batches');
    await page.locator('ml-mnist [data-action="pause"]').click();
    await waitFor(page, async () => (await attr(page, 'status')) === 'paused', 10_000, 'pause');
    const pausedAt = await attr(page, 'batch');
    await page.waitForTimeout(1500);
    expect(await attr(page, 'batch')).toBe(pausedAt);
    await page.locator('ml-mnist [data-action="resume"]').click();
    await waitFor(page, async () => Number(await attr(page, 'batch')) > Number(pausedAt) + 2, 30_000, 'training to resume');
    await page.locator('ml-mnist [data-action="stop"]').click();
    await waitFor(page, async () => (await attr(page, 'status')) === 'stopped', 30_000, 'stop');
    // Stopped inside the first epoch: the unfinished model is freed, back to the count before the run.
    expect(await attr(page, 'tensors-latest')).toBe(await attr(page, 'tensors-before'));
    expect(await page.locator('ml-mnist [data-action="start"]').isEnabled()).toBe(true);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('trains real batches on WebGPU (SwiftShader here) with the loss falling', async () => {
    const probe = await openPage(browser);
    const { page } = probe;
    await openIsland(probe, '?mnist.backend=webgpu&mnist.slice=quick&mnist.epochs=1');
    await page.locator('ml-mnist [data-action="start"]').click();
    const losses = new Map<number, number>();
    await waitFor(
      page,
      async () => {
        const batch = Number(await attr(page, 'batch'));
        if (batch > 0) losses.set(batch, Number(await attr(page, 'loss')));
        return batch >= 8;
      },
      240_000,
      'eight WebGPU batches',
    );
    expect(await attr(page, 'backend')).toBe('webgpu');
    // The badge says our WebGPU kernels (src/lib/mnist/webgpu/) are in use.
    const status = await page.locator('.ml-mnist__status').innerText();
    expect(status).toContain('WebGPU');
    expect(status).toContain(mnistStrings['zh-CN'].ownKernels);
    const first = losses.get(1) ?? losses.get(2)!;
    const last = Math.max(...losses.keys());
    expect(losses.get(last)!).toBeLessThan(first - 0.05);
    await page.locator('ml-mnist [data-action="stop"]').click();
    await waitFor(page, async () => (await attr(page, 'status')) === 'stopped', 60_000, 'stop');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  }, 300_000);

  it.each(['webgpu', 'webgl'])('carries on from the last finished epoch on WASM when the %s device is lost', async (backend) => {
    const probe = await openPage(browser);
    const { page } = probe;
    await openIsland(probe, `?mnist.backend=${backend}&mnist.slice=quick&mnist.epochs=2`);
    await page.locator('ml-mnist [data-action="start"]').click();
    await waitFor(page, async () => Number(await attr(page, 'batch')) >= 2, 240_000, `two ${backend} batches`);
    expect(await attr(page, 'backend')).toBe(backend);
    await island(page).evaluate((element) => (element as unknown as { simulateDeviceLoss(): void }).simulateDeviceLoss());
    await waitFor(page, async () => (await attr(page, 'backend')) === 'wasm' && Number(await attr(page, 'batch')) >= 1, 120_000, 'the fallback to WASM');
    expect(await page.locator('.ml-mnist__status').innerText()).toMatch(/GPU 设备丢失[\s\S]*从第 1 轮继续/);
    await page.locator('ml-mnist [data-action="stop"]').click();
    await waitFor(page, async () => (await attr(page, 'status')) === 'stopped', 60_000, 'stop');
    await probe.context.close();
  }, 300_000);

  it('rejects forged settings in the URL with a notice and keeps working', async () => {
    const probe = await openPage(browser);
    await openIsland(probe, '?mnist.backend=quantum&mnist.epochs=9999&mnist.lr=-1');
    expect(await probe.page.locator('ml-mnist [data-url-notice] li').count()).toBe(3);
    expect(await probe.page.locator('#live-mnist-backend').inputValue()).toBe('auto');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });
});
