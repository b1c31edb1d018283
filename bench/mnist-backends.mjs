// Measured, never asserted: the chapter 5 CNN training in headless Chromium, through the
// real island on the built site (run `npm run build` first).
//   node bench/mnist-backends.mjs            ms per batch of 64 and images/s on each backend
//   node bench/mnist-backends.mjs --full     + the source's full run (60,000 images, 5 epochs,
//                                              batch 64) on WASM, test accuracy after each epoch
// WebGPU and WebGL here are SwiftShader (software): their numbers say nothing about a real GPU.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';

const PORT = 4339;
const server = spawn('npx', ['astro', 'preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(PORT)], { stdio: 'ignore', detached: true });
const base = `http://127.0.0.1:${PORT}/chapters/05-mnist-project/`;
for (let i = 0; i < 120; i++) {
  try {
    if ((await fetch(base)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 250));
}

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });

async function openIsland(query) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}${query}#live-mnist`);
  await page.locator('ml-mnist[data-ready]').waitFor();
  await page.locator('ml-mnist [data-action="start"]').click();
  return page;
}
const data = (page, name) => page.locator('ml-mnist').getAttribute(`data-${name}`);

async function measure(backend, batches) {
  const page = await openIsland(`?mnist.backend=${backend}&mnist.slice=quick&mnist.epochs=1`);
  const seen = new Map();
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const batch = Number(await data(page, 'batch'));
    if (batch && !seen.has(batch)) seen.set(batch, performance.now());
    if (batch >= batches + 2 || (await data(page, 'status')) === 'stopped') break;
    await page.waitForTimeout(20);
  }
  const used = await data(page, 'backend');
  await page.locator('ml-mnist [data-action="stop"]').click().catch(() => {});
  await page.context().close();
  // Skip the first two batches (warm-up, shader compilation); time the rest by wall clock.
  const times = [...seen.entries()].filter(([b]) => b >= 3).map(([, t]) => t);
  const ms = times.length > 1 ? (times.at(-1) - times[0]) / (times.length - 1) : NaN;
  return { backend: used, ms };
}

console.log('Training the source CNN, batch 64, in headless Chromium on this machine:');
console.log(`${'backend'.padEnd(10)} ${'ms/batch'.padStart(10)} ${'images/s'.padStart(10)}`);
for (const [backend, batches] of [['wasm', 30], ['webgpu', 5], ['webgl', 5], ['cpu', 3]]) {
  const { backend: used, ms } = await measure(backend, batches);
  console.log(`${backend.padEnd(10)} ${ms.toFixed(0).padStart(10)} ${(64000 / ms).toFixed(0).padStart(10)}${used !== backend ? `  (ran on ${used})` : ''}`);
}
console.log('Stock tfjs-backend-wasm cannot train this model (no Conv2DBackpropFilter); `node bench/wasm-training.mjs`');
console.log('compares our WASM kernels with the stock kernels plus the one missing kernel.');

if (process.argv.includes('--full')) {
  console.log('\nFull run as the source: 60,000 training images, 5 epochs, batch 64, Adam 0.001, on WASM');
  const page = await openIsland('?mnist.backend=wasm&mnist.slice=full&mnist.epochs=5');
  const started = performance.now();
  let reported = 0;
  while ((await data(page, 'status')) !== 'done') {
    const rows = await page.locator('[data-epoch-row]').allInnerTexts();
    for (const row of rows.slice(reported)) console.log(`  epoch ${row.replace(/\s+/g, ' ')}`);
    reported = rows.length;
    if ((await data(page, 'status')) === 'error') break;
    await page.waitForTimeout(5000);
  }
  const rows = await page.locator('[data-epoch-row]').allInnerTexts();
  for (const row of rows.slice(reported)) console.log(`  epoch ${row.replace(/\s+/g, ' ')}`);
  console.log(`  total ${((performance.now() - started) / 60000).toFixed(1)} min; final test accuracy ${(Number(await data(page, 'test-accuracy')) * 100).toFixed(2)}%`);
}

await browser.close();
process.kill(-server.pid);
