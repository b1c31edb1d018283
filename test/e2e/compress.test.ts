import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openIsland, openPage, seriousViolations } from './browser';
import { compressIsland } from '../../components/islands/compress/definition';
import { exportIsland } from '../../components/islands/export/definition';
import { mnistIsland } from '../../components/islands/mnist/definition';
import { fallbackVariants, MNIST_WEIGHT_SHAPES } from '../../components/islands/compress/model';
import { weightFileBytes, type CompressionSettings } from '../../src/lib/ml/compression';

// The 9.4 compression and 9.3 export islands, driven with a test-sized model: 2,000 training
// images, 1 epoch on WASM (the UI says so), then every variant scored on all 10,000 test images.
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const MODEL = 'backend=wasm&source=train&images=2000&epochs=1';
const query = (ns: string, extra = '') => `?${MODEL.split('&').map((p) => `${ns}.${p}`).join('&')}${extra}`;

async function waitForStatus(page: Page, tag: string, status: string, timeout: number): Promise<void> {
  await page.waitForFunction(
    ([t, s]) => {
      const el = document.querySelector(t!);
      return el?.getAttribute('data-status') === s || el?.getAttribute('data-status') === 'failed';
    },
    [tag, status],
    { timeout, polling: 500 },
  );
  expect(await page.locator(tag).getAttribute('data-error')).toBe('');
  expect(await page.locator(tag).getAttribute('data-status')).toBe(status);
}

const rowsOf = (page: Page) =>
  page.locator('ml-compress tr[data-variant]').evaluateAll((rows) =>
    rows.map((r) => ({
      id: r.getAttribute('data-variant') ?? '',
      bytes: Number(r.getAttribute('data-bytes')),
      accuracy: Number(r.getAttribute('data-accuracy')),
      changed: Number(r.getAttribute('data-changed')),
    })),
  );

function expectedBytes(settings: CompressionSettings): Record<string, number> {
  return Object.fromEntries(fallbackVariants(settings).map((v) => [v.id, v.bytes]));
}

describe('ml-compress and ml-export (chapter 9)', () => {
  it('9.4: trains a small model, scores six weight formats on 10,000 test images, bytes match the engine', async () => {
    const probe = await openIsland(browser, baseUrl, compressIsland, query('compress', '&compress.sparsity=0.9'));
    const { page } = probe;
    // A bad value keeps its reason and the island keeps working.
    await page.locator('#live-compress-images').fill('10');
    expect(await page.locator('ml-compress .ml-field-error').innerText()).not.toBe('');
    await page.locator('#live-compress-images').fill('2000');
    // From the keyboard.
    await page.locator('ml-compress [data-action="run"]').focus();
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'ml-compress', 'done', 400_000);
    expect(await page.locator('ml-compress').getAttribute('data-model')).toBe('trained');
    expect(await page.locator('ml-compress').getAttribute('data-backend')).toBe('wasm');
    expect(await page.locator('ml-compress .ml-compress__progress').innerText()).toContain('前 2,000 张训练图像');

    const rows = await rowsOf(page);
    expect(rows.map((r) => r.id)).toEqual(['float32', 'float16', 'int8-tensor', 'int8-channel', 'pruned', 'pruned-int8']);
    const bytes = expectedBytes({ sparsity: 0.9, scope: 'global', granularity: 'channel' });
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    for (const id of ['float32', 'float16', 'int8-tensor', 'int8-channel', 'pruned']) expect(by[id]!.bytes, id).toBe(bytes[id]);
    // int8 rounds some kept weights to 0 as well: the bitmap encoding can only get smaller.
    expect(by['pruned-int8']!.bytes).toBeLessThanOrEqual(bytes['pruned-int8']!);
    // Accuracies are measured: the float32 model learned something, and 90 % pruning changes predictions.
    expect(by['float32']!.changed).toBe(0);
    expect(by['float32']!.accuracy).toBeGreaterThan(0.6);
    for (const r of rows) expect(r.accuracy).toBeGreaterThan(0.05);
    expect(by['pruned']!.changed).toBeGreaterThan(0);
    expect(by['pruned']!.accuracy).not.toBe(by['float32']!.accuracy);
    expect(await page.locator('ml-compress svg.ml-chart circle').count()).toBe(6);
    expect(await page.locator('ml-compress').innerText()).not.toMatch(/NaN|Infinity|undefined/);
    expect((await seriousViolations(page, 'ml-compress')).join('\n')).toBe('');

    // New pruning settings: the table says it is stale until re-evaluated; only the pruned rows change.
    await page.locator('#live-compress-sparsity-number').fill('0.5');
    await page.locator('ml-compress[data-stale="true"]').waitFor();
    await page.locator('ml-compress [data-action="run"]').click();
    await waitForStatus(page, 'ml-compress', 'done', 200_000);
    const again = Object.fromEntries((await rowsOf(page)).map((r) => [r.id, r]));
    expect(again['pruned']!.bytes).toBe(expectedBytes({ sparsity: 0.5, scope: 'global', granularity: 'channel' })['pruned']);
    expect(again['float32']!.accuracy).toBe(by['float32']!.accuracy);
    expect(await page.locator('ml-compress').getAttribute('data-stale')).toBe('false');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  }, 600_000);

  it('9.3: exports real files, loads them back: float32 changes no prediction, uint8 is sized as the engine says', async () => {
    const probe = await openIsland(browser, baseUrl, exportIsland, query('export'));
    const { page } = probe;
    await page.locator('ml-export [data-action="run"]').click();
    await waitForStatus(page, 'ml-export', 'done', 400_000);
    const check = page.locator('ml-export [data-changed]');
    expect(await check.getAttribute('data-changed')).toBe('0');
    expect(await check.getAttribute('data-identical')).toBe('10000');
    expect(Number(await check.getAttribute('data-max-delta'))).toBe(0);
    expect(await check.getAttribute('data-weight-mismatch')).toBe('0');
    expect(await page.locator('ml-export tr[data-file="weights"]').getAttribute('data-bytes')).toBe(String(weightFileBytes(MNIST_WEIGHT_SHAPES, 'float32')));
    expect(Number(await page.locator('ml-export tr[data-file="json"]').getAttribute('data-bytes'))).toBeGreaterThan(1000);
    const href = await page.locator('ml-export a[data-download="weights"]').getAttribute('href');
    expect(href).toMatch(/^blob:/);
    const downloaded = await page.evaluate(async (url) => (await (await fetch(url!)).arrayBuffer()).byteLength, href);
    expect(downloaded).toBe(373_288);

    await page.locator('#live-export-format').selectOption('uint8');
    await page.locator('ml-export [data-action="run"]').click();
    await waitForStatus(page, 'ml-export', 'done', 200_000);
    await page.locator('ml-export [data-format="uint8"]').waitFor();
    expect(await page.locator('ml-export tr[data-file="weights"]').getAttribute('data-bytes')).toBe('94024');
    expect(await page.locator('ml-export [data-changed]').getAttribute('data-weight-mismatch')).toBe('0');
    const exported = page.locator('ml-export [data-check="export"]');
    expect(Number(await exported.getAttribute('data-max-delta'))).toBeGreaterThan(0);

    // The downloads themselves, chosen as the reader would: TensorFlow.js widens the uint8 kernels
    // on load, and the predictions match the round trip's exactly.
    const files = await page.evaluate(async () =>
      Promise.all(
        [...document.querySelectorAll<HTMLAnchorElement>('ml-export a[data-download]')].map(async (a) => {
          const bytes = new Uint8Array(await (await fetch(a.href)).arrayBuffer());
          let binary = '';
          for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          return { name: a.download, base64: btoa(binary) };
        }),
      ),
    );
    expect(files.map((f) => f.name)).toEqual(['mnist-cnn-uint8.json', 'mnist-cnn-uint8.weights.bin']);
    await page
      .locator('ml-export [data-action="check-files"]')
      .setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(f.base64, 'base64') })));
    const uploaded = page.locator('ml-export [data-check="files"]');
    await uploaded.waitFor({ timeout: 120_000 });
    expect(await uploaded.getAttribute('data-changed')).toBe(await exported.getAttribute('data-changed'));
    expect(await uploaded.getAttribute('data-max-delta')).toBe(await exported.getAttribute('data-max-delta'));
    // A file that is not a model gets a clear message, and the island keeps working.
    await page.locator('ml-export [data-action="check-files"]').setInputFiles([{ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') }]);
    await page.locator('ml-export [data-check-error="not-layers-model"]').waitFor({ timeout: 60_000 });
    expect((await seriousViolations(page, 'ml-export')).join('\n')).toBe('');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  }, 600_000);

  it('the reader’s path: a model trained in chapter 5 is the one 9.4 and 9.3 use, with nothing set', async () => {
    const probe = await openPage(browser);
    const { page } = probe;
    // Chapter 5's quick run (6,000 images, 1 epoch) on WASM; finished epochs are saved in IndexedDB.
    await page.goto(`${new URL(mnistIsland.page, baseUrl).href}?mnist.backend=wasm&mnist.slice=quick&mnist.epochs=1#${mnistIsland.anchor}`);
    await page.locator('ml-mnist[data-ready]').waitFor();
    await page.locator('ml-mnist [data-action="start"]').click();
    await waitForStatus(page, 'ml-mnist', 'done', 400_000);
    const chapter5Accuracy = Number(await page.locator('ml-mnist').getAttribute('data-test-accuracy'));
    expect(chapter5Accuracy).toBeGreaterThan(0.6);

    await page.goto(`${new URL(compressIsland.page, baseUrl).href}?compress.backend=wasm#${compressIsland.anchor}`);
    await page.locator('ml-compress[data-ready]').waitFor();
    await page.locator('ml-compress [data-action="run"]').click();
    await waitForStatus(page, 'ml-compress', 'done', 300_000);
    expect(await page.locator('ml-compress').getAttribute('data-model')).toBe('saved');
    expect(await page.locator('ml-compress [data-model-source]').innerText()).toContain('第 5 章');
    const rows = Object.fromEntries((await rowsOf(page)).map((r) => [r.id, r]));
    // The same weights scored on the same 10,000 test images: chapter 5's accuracy, to the image.
    expect(rows['float32']!.accuracy).toBeCloseTo(chapter5Accuracy, 4);
    expect(rows['float16']!.bytes).toBe(187_112);

    await page.goto(`${new URL(exportIsland.page, baseUrl).href}?export.backend=wasm#${exportIsland.anchor}`);
    await page.locator('ml-export[data-ready]').waitFor();
    await page.locator('ml-export [data-action="run"]').click();
    await waitForStatus(page, 'ml-export', 'done', 300_000);
    expect(await page.locator('ml-export').getAttribute('data-model')).toBe('saved');
    expect(await page.locator('ml-export [data-changed]').getAttribute('data-changed')).toBe('0');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  }, 900_000);
});
