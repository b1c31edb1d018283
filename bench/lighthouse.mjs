// Lighthouse 12 (mobile preset: a mid-range phone on slow 4G, simulated) on every page of the
// built site, served locally, in the machine's Chromium. Prints the performance score and
// its metrics per page; it never passes or fails on them.
//   node bench/lighthouse.mjs [--runs 3] [--only chapters/03-algorithms/]
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '../scripts/serve-static.mjs';
import { chromiumPath } from '../scripts/chromium.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('--runs', 3));
const only = arg('--only', null);
const dist = process.env.DIST_DIR ?? 'dist';
const port = Number(process.env.LIGHTHOUSE_PORT ?? 4390);

const pages = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name === 'index.html' && !e.parentPath.includes('pagefind'))
  .map((e) => relative(dist, e.parentPath).replace(/\\/g, '/'))
  .map((p) => (p ? `${p}/` : ''))
  .filter((p) => !only || p === only)
  .sort();

const server = await serveStatic(dist, port);
const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile preset, median of ${runs} runs per page`);
console.log(`${'page'.padEnd(32)} ${'score'.padStart(5)} ${'FCP'.padStart(7)} ${'LCP'.padStart(7)} ${'TBT'.padStart(7)} ${'CLS'.padStart(6)} ${'SI'.padStart(7)}  DOM`);
for (const page of pages) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const { lhr } = await lighthouse(`http://127.0.0.1:${port}/${page}`, { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error' });
    results.push(lhr);
  }
  const audit = (id) => median(results.map((r) => r.audits[id]?.numericValue ?? NaN));
  const score = median(results.map((r) => Math.round((r.categories.performance.score ?? 0) * 100)));
  const ms = (v) => `${(v / 1000).toFixed(1)} s`;
  console.log(
    `${(page || '/').padEnd(32)} ${String(score).padStart(5)} ${ms(audit('first-contentful-paint')).padStart(7)} ${ms(audit('largest-contentful-paint')).padStart(7)} ${`${Math.round(audit('total-blocking-time'))} ms`.padStart(7)} ${audit('cumulative-layout-shift').toFixed(3).padStart(6)} ${ms(audit('speed-index')).padStart(7)}  ${Math.round(audit('dom-size'))}`,
  );
}
chrome.kill();
server.close();
