// @ts-check
/**
 * After the build, a Brotli (.br) and a gzip (.gz) copy of every text file in dist/, written
 * beside it, for hosts that send precompressed files (nginx `brotli_static`/`gzip_static`,
 * Caddy `precompressed br gzip`, most CDNs): the best compression once at build time instead
 * of a fast one per request. Brotli's long window pays most on the chapters, whose KaTeX markup
 * repeats itself across the page: chapter 4's HTML is 105 KB as gzip and 60 KB as Brotli.
 * scripts/serve-static.mjs sends these copies, so tests and Lighthouse see what readers get.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Extensions that get precompressed copies; serve-static.mjs looks for copies of any file. */
export const PRECOMPRESSED_EXTENSIONS = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml', '.txt', '.wasm', '.webmanifest']);
/** Content encodings in order of preference, with the suffix of their copy. */
export const ENCODINGS = /** @type {const} */ ([
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
]);
/** Smaller files gain less than a header's worth. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** @param {string} dir @returns {AsyncGenerator<string>} */
async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Writes the copies for every eligible file under root; a copy that would not be smaller
 * than the file is not written. Returns the totals, raw and per encoding.
 * @param {string} root
 */
export async function precompress(root) {
  const totals = { files: 0, raw: 0, br: 0, gzip: 0 };
  /** @type {string[]} */
  const queue = [];
  for await (const file of walk(root)) {
    if (PRECOMPRESSED_EXTENSIONS.has(extname(file)) && (await stat(file)).size >= MIN_BYTES) queue.push(file);
  }
  // zlib's async calls run on libuv's thread pool: a few files at a time keep every core busy.
  const worker = async () => {
    for (let file = queue.pop(); file; file = queue.pop()) {
      const bytes = await readFile(file);
      const [br, gz] = await Promise.all([
        brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
        gzipAsync(bytes, { level: 9 }),
      ]);
      totals.files += 1;
      totals.raw += bytes.length;
      if (br.length < bytes.length) await writeFile(`${file}.br`, br);
      if (gz.length < bytes.length) await writeFile(`${file}.gz`, gz);
      totals.br += Math.min(br.length, bytes.length);
      totals.gzip += Math.min(gz.length, bytes.length);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return totals;
}

/**
 * The integration: last in astro.config.mjs, so that what the others write after the build
 * (the service worker, the search index) is compressed too.
 * @returns {import('astro').AstroIntegration}
 */
export function precompressed() {
  return {
    name: 'precompressed',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { files, raw, br, gzip: gz } = await precompress(fileURLToPath(dir));
        const mb = (/** @type {number} */ n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
        logger.info(`${files} files: ${mb(raw)} raw, ${mb(gz)} gzip, ${mb(br)} Brotli (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
