import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openPage, type PageProbe } from './browser';
import { tf } from '../../src/tf/namespace';
import { buildMnistModel } from '../../src/lib/mnist/model';

/**
 * The MNIST island under abuse: broken downloads, broken model files, broken storage,
 * controls pressed at the wrong time, run after run. Each test asserts what the reader sees.
 */
const baseUrl = inject('baseUrl');
const chapter5 = new URL('chapters/05-mnist-project/', baseUrl).href;
const dir = mkdtempSync(join(tmpdir(), 'mnist-faults-'));
let browser: Browser;

interface Artifacts {
  json: Record<string, unknown>;
  weights: Uint8Array;
}

async function artifactsOf(model: import('@tensorflow/tfjs-layers').LayersModel, metadata: Record<string, unknown> = {}): Promise<Artifacts> {
  let result: Artifacts | null = null;
  model.setUserDefinedMetadata(metadata);
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(a.weightData));
      result = {
        json: { modelTopology: a.modelTopology, format: a.format, generatedBy: a.generatedBy, userDefinedMetadata: a.userDefinedMetadata, weightsManifest: [{ paths: ['./mnist-cnn.weights.bin'], weights: a.weightSpecs }] },
        weights,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return result!;
}

/** Writes a model as the pair of files the island downloads, under the given names. */
function writePair(name: string, artifacts: Artifacts, names = ['mnist-cnn.json', 'mnist-cnn.weights.bin']): string[] {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const paths = names.map((n) => join(folder, n));
  writeFileSync(paths[0]!, JSON.stringify(artifacts.json));
  writeFileSync(paths[1]!, artifacts.weights);
  return paths;
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

let valid: Artifacts;
beforeAll(async () => {
  browser = await launchBrowser();
  await tf.setBackend('cpu');
  valid = await artifactsOf(buildMnistModel(tf, { seed: 3 }), { testAccuracy: 0.9093 });
});
afterAll(async () => {
  await browser?.close();
});

const island = (page: Page) => page.locator('ml-mnist');
const attr = async (page: Page, name: string) => (await island(page).getAttribute(`data-${name}`)) ?? '';

async function openIsland(query = '', options: Parameters<typeof openPage>[1] = {}): Promise<PageProbe> {
  const probe = await openPage(browser, options);
  await probe.page.goto(`${chapter5}${query}#live-mnist`);
  await probe.page.locator('ml-mnist[data-ready]').waitFor();
  return probe;
}

async function waitForAttr(page: Page, name: string, test: (value: string) => boolean, timeout = 120_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await attr(page, name);
    if (test(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for data-${name} (now "${value}", status ${await attr(page, 'status')})`);
    await page.waitForTimeout(200);
  }
}

async function upload(page: Page, paths: string[]): Promise<void> {
  await page.locator('ml-mnist input[type="file"]').setInputFiles(paths);
  await page.waitForFunction(() => !document.querySelector('ml-mnist')?.textContent?.includes('正在检查模型文件'), undefined, { timeout: 60_000 });
}

/** Rewrites the TensorFlow.js worker's script on its way in, to break IndexedDB inside it. */
async function patchWorker(context: BrowserContext, prelude: string): Promise<void> {
  await context.route(/tf\.worker[^/]*\.js/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${prelude}\n${await response.text()}` });
  });
}

describe('MNIST island: model files are checked before they replace anything', () => {
  it.each([
    ['garbage JSON', () => [file('broken.json', '{"modelTopology": [oops'), file('broken.bin', new Uint8Array(16))], 'not-json'],
    ['JSON that is not a model', () => [file('other.json', '{"hello":"world"}'), file('other.bin', new Uint8Array(16))], 'not-layers-model'],
    ['only a weights file', () => [file('alone.weights.bin', valid.weights)], 'no-model-json'],
    ['truncated weights', () => writePair('short', { ...valid, weights: valid.weights.slice(0, 6184 * 4) }), 'weights-size-mismatch'],
    ['NaN weights', () => writePair('nan', { ...valid, weights: new Uint8Array(new Float32Array(valid.weights.length / 4).fill(Number.NaN).buffer) }), 'non-finite-weights'],
    ['random bytes of the right size', () => writePair('random', { ...valid, weights: Uint8Array.from({ length: valid.weights.length }, (_, i) => (i * 2654435761) >>> 24) }), 'non-finite-weights'],
    ['a 3 MB model.json', () => [file('huge.json', `{"x":"${'a'.repeat(3 * 1024 * 1024)}"}`), file('huge.bin', valid.weights)], 'model-too-large'],
  ])('refuses %s with a Chinese message and keeps the page working', async (_, make, code) => {
    const probe = await openIsland();
    await upload(probe.page, make());
    const error = probe.page.locator('ml-mnist [data-import-error]');
    expect(await error.getAttribute('data-import-error')).toBe(code);
    expect(await error.textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await error.textContent()).not.toMatch(/Uncaught|SyntaxError|Error:/);
    expect(await attr(probe.page, 'model')).toBe('');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('refuses a model with two inputs or the wrong output', async () => {
    const a = tf.input({ shape: [28, 28, 1] });
    const b = tf.input({ shape: [28, 28, 1] });
    const twoInputs = tf.model({ inputs: [a, b], outputs: tf.layers.dense({ units: 10 }).apply(tf.layers.flatten().apply(tf.layers.add().apply([a, b]))) as never });
    const fiveWay = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 5, activation: 'softmax' })] });
    const probe = await openIsland();
    await upload(probe.page, writePair('two-inputs', await artifactsOf(twoInputs)));
    expect(await probe.page.locator('ml-mnist [data-import-error]').getAttribute('data-import-error')).toBe('several-inputs');
    await upload(probe.page, writePair('five-way', await artifactsOf(fiveWay)));
    expect(await probe.page.locator('ml-mnist [data-import-error]').getAttribute('data-import-error')).toBe('wrong-output');
    expect(await attr(probe.page, 'model')).toBe('');
    await probe.context.close();
  });

  it('accepts a renamed second download, measures it itself, and clears the old error', async () => {
    const probe = await openIsland();
    await upload(probe.page, [file('junk.json', 'not json at all'), file('junk.bin', new Uint8Array(8))]);
    expect(await probe.page.locator('ml-mnist [data-import-error]').count()).toBe(1);
    await upload(probe.page, writePair('renamed', valid, ['mnist-cnn (1).json', 'mnist-cnn.weights (1).bin']));
    await waitForAttr(probe.page, 'model', (v) => v === 'files', 60_000);
    expect(await probe.page.locator('ml-mnist [data-import-error]').count()).toBe(0);
    // The file claims 90.93 %; an untrained network scores near chance on the real digit sample.
    const measured = Number(await attr(probe.page, 'model-accuracy'));
    expect(measured).toBeLessThan(0.4);
    const summary = await probe.page.locator('ml-mnist [data-model-summary]').textContent();
    expect(summary).not.toContain('90.93');
    expect(summary).toContain('300');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });
});

describe('MNIST island: data faults end in a message and a way on', () => {
  it.each([
    ['aborted', 'data-network'],
    ['corrupted', 'data-corrupt'],
    ['truncated', 'data-corrupt'],
  ])('a %s download is reported, and training can be started again', async (fault, code) => {
    const probe = await openIsland('?mnist.backend=cpu');
    await probe.context.route(/test-labels\.idx\.gz/, async (route) => {
      if (fault === 'aborted') return route.abort('connectionreset');
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      return route.fulfill({ response, body: fault === 'corrupted' ? Buffer.from(body.map((b, i) => (i > 100 ? b ^ 0x5a : b))) : body.subarray(0, body.length / 2) });
    });
    await probe.page.locator('ml-mnist [data-action="start"]').click();
    await waitForAttr(probe.page, 'status', (v) => v === 'error');
    expect(await attr(probe.page, 'error')).toBe(code);
    expect(await probe.page.locator('ml-mnist [data-run-error]').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await probe.page.locator('ml-mnist').textContent()).not.toContain('保存在浏览器中');
    expect(await probe.page.locator('ml-mnist [data-action="start"]').isEnabled()).toBe(true);
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  });

  it('a download that stops sending bytes times out with a message and a retry', async () => {
    const probe = await openIsland('?mnist.backend=cpu');
    await probe.context.route(/train-images\.idx\.gz/, () => undefined); // never answers
    await probe.page.locator('ml-mnist [data-action="start"]').click();
    await waitForAttr(probe.page, 'status', (v) => v === 'error', 60_000);
    expect(await attr(probe.page, 'error')).toBe('data-stalled');
    expect(await probe.page.locator('ml-mnist [data-run-error]').textContent()).toContain('重试');
    expect(await probe.page.locator('ml-mnist [data-action="start"]').isEnabled()).toBe(true);
    await probe.context.close();
  });

  it('a download that stops sending bytes can always be stopped', async () => {
    const probe = await openIsland('?mnist.backend=cpu');
    await probe.context.route(/train-images\.idx\.gz/, () => undefined); // never answers
    await probe.page.locator('ml-mnist [data-action="start"]').click();
    await waitForAttr(probe.page, 'status', (v) => v === 'loading');
    await probe.page.waitForTimeout(1000);
    await probe.page.locator('ml-mnist [data-action="stop"]').click();
    await waitForAttr(probe.page, 'status', (v) => v === 'stopped', 10_000);
    expect(await probe.page.locator('ml-mnist [data-stopped-message]').textContent()).toContain('没有得到新模型');
    expect(await probe.page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('start');
    await probe.context.close();
  });
});

describe('MNIST island: storage faults never stop training', () => {
  const quick = '?mnist.backend=wasm&mnist.slice=quick&mnist.epochs=1';

  it('a browser without IndexedDB trains and says the model is not saved', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    await patchWorker(context, 'Object.defineProperty(self, "indexedDB", { value: undefined });');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${chapter5}${quick}#live-mnist`);
    await page.locator('ml-mnist[data-ready]').waitFor();
    await page.locator('ml-mnist [data-action="start"]').click();
    await waitForAttr(page, 'status', (v) => v === 'done', 240_000);
    expect(await page.locator('ml-mnist [data-notice="storage-missing"]').count()).toBe(1);
    expect(await page.locator('ml-mnist [data-model-summary]').textContent()).toContain('没有保存');
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  it('storage that hangs times out with a notice, and one over quota says it failed', async () => {
    for (const [prelude, notice] of [
      ['self.indexedDB.open = () => ({});', 'save-timeout'],
      ['self.indexedDB.open = () => { throw new DOMException("quota", "QuotaExceededError"); };', 'save-failed'],
    ] as const) {
      const context = await browser.newContext();
      await patchWorker(context, prelude);
      const page = await context.newPage();
      await page.goto(`${chapter5}${quick}#live-mnist`);
      await page.locator('ml-mnist[data-ready]').waitFor();
      await page.locator('ml-mnist [data-action="start"]').click();
      await waitForAttr(page, 'status', (v) => v === 'done', 240_000);
      expect(await page.locator(`ml-mnist [data-notice="${notice}"]`).count()).toBe(1);
      expect(await page.locator('ml-mnist [data-model-summary]').textContent()).not.toContain('已保存于');
      await context.close();
    }
  }, 600_000);
});

describe('MNIST island: controls that would break a run are locked, runs leave nothing behind', () => {
  it('locks model loading and reset during training, keeps the URL settings, and frees every run', async () => {
    const probe = await openIsland('?mnist.backend=wasm&mnist.epochs=2');
    const { page } = probe;
    const starts: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.locator('ml-mnist [data-action="start"]').click();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('stop');
      await waitForAttr(page, 'batch', (v) => Number(v) >= 3);
      starts.push(Number(await attr(page, 'tensors-start')));
      expect(await page.locator('ml-mnist input[type="file"]').isDisabled()).toBe(true);
      expect(await page.locator('ml-mnist [data-action="reset"]').isDisabled()).toBe(true);
      expect(await page.locator('#live-mnist-epochs').isDisabled()).toBe(true);
      await page.locator('ml-mnist [data-action="stop"]').click();
      await waitForAttr(page, 'status', (v) => v === 'stopped');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('start');
    }
    expect(new Set(starts).size).toBe(1);
    expect(await page.locator('#live-mnist-epochs').inputValue()).toBe('2');
    expect(probe.errors.join('\n')).toBe('');
    await probe.context.close();
  }, 300_000);
});
