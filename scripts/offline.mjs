// @ts-check
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSW } from 'workbox-build';

const IMPORT = /(?:import|from)\s*\(?\s*["'`]([^"'`]+\.js)["'`]|["'`]([^"'`]*\.worker-[^"'`]+\.js)["'`]|["'`](_astro\/[^"'`]+\.js)["'`]/g;

/**
 * The scripts the site can run: every script a page loads, and everything those import
 * statically, dynamically, or start as a worker.
 * @param {string} dist
 */
export function reachableScripts(dist) {
  const astro = join(dist, '_astro');
  const seen = new Set();
  const visit = (/** @type {string} */ file) => {
    if (seen.has(file)) return;
    let code;
    try {
      code = readFileSync(join(astro, file), 'utf8');
    } catch {
      return;
    }
    seen.add(file);
    for (const m of code.matchAll(IMPORT)) {
      const target = (m[1] ?? m[2] ?? m[3] ?? '').split('/').pop();
      if (target) visit(target);
    }
  };
  const pages = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.html'));
  for (const page of pages) {
    const html = readFileSync(join(page.parentPath, page.name), 'utf8');
    for (const m of html.matchAll(/\/_astro\/([^"'`\s)]+\.js)/g)) visit(m[1] ?? '');
  }
  return [...seen].map((file) => relative(dist, join(astro, file)).replace(/\\/g, '/'));
}

/**
 * Offline use (workshops on weak Wi-Fi): after the build, Workbox writes dist/sw.js, which
 * precaches the site's pages, scripts, styles, fonts, the search index and TensorFlow.js's
 * WASM — everything except the 11 MB MNIST training set, which joins the cache when the
 * reader trains or presses "下载离线包" (the trainer keeps it in its own Cache API store).
 *
 * Island state lives in the query string, so every query is ignored when a page is looked
 * up in the precache. A new deploy installs a new service worker that waits until the
 * reader agrees to reload (components/offline/register.ts), so old pages never run against
 * new files or the other way round.
 * @returns {import('astro').AstroIntegration}
 */
export function offline() {
  return {
    name: 'offline',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const globDirectory = fileURLToPath(dir);
        const { count, size, warnings } = await generateSW({
          globDirectory,
          globPatterns: ['**/*.{html,css,woff2,svg,json,wasm,bin,pf_meta,pagefind,pf_fragment,pf_index}', 'pagefind/*.js', ...reachableScripts(globDirectory)],
          globIgnores: ['og/**', 'data/mnist/*.gz', '**/*threaded-simd*.wasm', 'sw.js', 'workbox-*.js'],
          maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
          swDest: `${globDirectory}/sw.js`,
          directoryIndex: 'index.html',
          ignoreURLParametersMatching: [/./],
          cleanupOutdatedCaches: true,
          // The MNIST manifest says which data version is current: ask the network first,
          // fall back to the last copy when offline (the trainer then reads its cached files).
          runtimeCaching: [
            {
              urlPattern: ({ url }) => url.pathname.endsWith('/data/mnist/manifest.json'),
              handler: 'NetworkFirst',
              options: { cacheName: 'mnist-manifest', networkTimeoutSeconds: 5 },
            },
          ],
          mode: 'production',
          // One self-contained file: its fetch handler is registered during the first evaluation.
          inlineWorkboxRuntime: true,
          sourcemap: false,
        });
        for (const warning of warnings) logger.warn(warning);
        logger.info(`service worker: ${count} files precached (${(size / 1024 / 1024).toFixed(1)} MB)`);
      },
    },
  };
}
