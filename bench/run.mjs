// `npm run bench`: measured, not asserted. Builds the site (timing it), then prints for
// every page its HTML (raw, gzip, Brotli), the JavaScript it loads before any interaction, and
// the lazy chunks it can pull in on use (islands, TensorFlow.js), raw and gzip.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { pageWeight } from '../scripts/page-weight.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const dist = process.env.DIST_DIR ?? 'dist';
const base = (process.env.BASE_PATH ?? '/').replace(/\/?$/, '/');

if (!process.argv.includes('--no-build')) {
  const started = performance.now();
  const build = spawnSync('npx', ['astro', 'build'], { stdio: 'ignore' });
  if (build.status !== 0) {
    console.error('astro build failed; run `npm run build` to see why');
    process.exit(1);
  }
  console.log(`astro build: ${((performance.now() - started) / 1000).toFixed(1)} s (wall clock, this machine)\n`);
}

const pages = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.html') && !e.parentPath.includes('pagefind'))
  .map((e) => relative(dist, join(e.parentPath, e.name)))
  .sort();

console.log('HTML per page, as a host sends it (the precompressed copies of scripts/precompress.mjs):');
console.log(`${'page'.padEnd(42)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'Brotli'.padStart(10)}`);
const sizeOf = (file) => {
  try {
    return statSync(file).size;
  } catch {
    return NaN;
  }
};
for (const page of pages) {
  const file = join(dist, page);
  console.log(`${page.padEnd(42)} ${kb(sizeOf(file)).padStart(10)} ${kb(sizeOf(`${file}.gz`)).padStart(10)} ${kb(sizeOf(`${file}.br`)).padStart(10)}`);
}

console.log('\nJavaScript loaded up front (before any interaction), per page:');
console.log(`${'page'.padEnd(42)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)}  files`);
const lazyChunks = new Map();
for (const page of pages) {
  const weight = pageWeight(dist, page, base);
  console.log(`${page.padEnd(42)} ${kb(weight.raw).padStart(10)} ${kb(weight.gzip).padStart(10)}  ${weight.files.length}${weight.foreign.length ? `  FOREIGN: ${weight.foreign.join(', ')}` : ''}`);
  for (const chunk of weight.lazy) {
    const seen = lazyChunks.get(chunk.entry) ?? { ...chunk, pages: [] };
    seen.pages.push(page);
    lazyChunks.set(chunk.entry, seen);
  }
}

console.log('\nLoaded on use (dynamic import): the chunk’s own code (gzip; goal for an island ≤ 40 KB) and the named shared chunks it pulls in (loaded once per page):');
console.log(`${'entry'.padEnd(60)} ${'own gzip'.padStart(10)} ${'total gzip'.padStart(11)}  shared`);
const sharedSizes = new Map();
for (const chunk of [...lazyChunks.values()].sort((a, b) => b.own.gzip - a.own.gzip)) {
  const shared = Object.entries(chunk.shared).map(([name, gz]) => {
    sharedSizes.set(name, gz);
    return name;
  });
  console.log(`${chunk.entry.padEnd(60)} ${kb(chunk.own.gzip).padStart(10)} ${kb(chunk.gzip).padStart(11)}  ${shared.join(', ')}  (${chunk.pages.length} page(s))`);
}
console.log('\nNamed shared chunks (gzip):');
for (const [name, gz] of sharedSizes) console.log(`  ${name.padEnd(12)} ${kb(gz)}`);
const workerFiles = readdirSync(join(dist, '_astro')).filter((f) => /^tfjs[-.].*\.js$|^tf\.worker.*\.js$/.test(f));
for (const file of workerFiles) {
  const code = readFileSync(join(dist, '_astro', file));
  console.log(`  ${file.padEnd(40)} ${kb(gzipSync(code, { level: 9 }).length)}  (TensorFlow.js worker: loads when an island first uses it)`);
}
