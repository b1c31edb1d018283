/**
 * A small sample of real MNIST test digits for the chapter 3 islands, shipped as
 * `public/data/mnist/sample-digits.bin` (written at build time by scripts/mnist-assets.mjs,
 * which repeats `buildDigitSample` + `encodeDigitSample` in plain JS; a unit test checks that
 * the two agree byte for byte).
 *
 * Layout, big-endian:
 *   0..3    magic, ASCII "MNS1"
 *   4..7    count
 *   8..11   rows (28)
 *   12..15  cols (28)
 *   16..    count × rows × cols pixels (uint8, 0 = background, row-major, test-set order)
 *   then    count labels (uint8, 0..9)
 *
 * Selection: for every class, the first `perClass` images of that class in test-set order;
 * the sample keeps test-set order (classes interleaved as in the file).
 */

export const DIGIT_SAMPLE_MAGIC = 0x4d4e5331; // "MNS1"
export const DIGIT_SAMPLE_HEADER_BYTES = 16;
export const DIGIT_SAMPLE_PER_CLASS = 30;
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const CLASSES = 10;

export interface DigitSample {
  count: number;
  /** count × 784 pixels, row-major. */
  images: Uint8Array;
  labels: Uint8Array;
}

export type DigitSampleErrorCode = 'too-short' | 'bad-magic' | 'bad-dims' | 'bad-length' | 'bad-label';

export type DigitSampleResult = ({ ok: true } & DigitSample) | { ok: false; code: DigitSampleErrorCode };

/** Reads the asset; every malformed input gives a code, never an exception. The arrays are views into `bytes`. */
export function parseDigitSample(bytes: Uint8Array): DigitSampleResult {
  if (bytes.length < DIGIT_SAMPLE_HEADER_BYTES) return { ok: false, code: 'too-short' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, false) !== DIGIT_SAMPLE_MAGIC) return { ok: false, code: 'bad-magic' };
  const count = view.getUint32(4, false);
  const rows = view.getUint32(8, false);
  const cols = view.getUint32(12, false);
  if (count === 0 || rows !== SIDE || cols !== SIDE) return { ok: false, code: 'bad-dims' };
  if (bytes.length !== DIGIT_SAMPLE_HEADER_BYTES + count * (PIXELS + 1)) return { ok: false, code: 'bad-length' };
  const imagesEnd = DIGIT_SAMPLE_HEADER_BYTES + count * PIXELS;
  const images = bytes.subarray(DIGIT_SAMPLE_HEADER_BYTES, imagesEnd);
  const labels = bytes.subarray(imagesEnd);
  if (labels.some((label) => label >= CLASSES)) return { ok: false, code: 'bad-label' };
  return { ok: true, count, images, labels };
}

/**
 * The first `perClass` images of each class from a full split (images: count × 784 bytes,
 * labels: count bytes), in the split's order; `indices` are their positions in the split.
 * Throws (programmer error) when a class has fewer than `perClass` images.
 */
export function buildDigitSample(
  images: Uint8Array,
  labels: Uint8Array,
  perClass: number = DIGIT_SAMPLE_PER_CLASS,
): DigitSample & { indices: Uint32Array } {
  if (!Number.isInteger(perClass) || perClass < 1) throw new RangeError(`perClass must be a positive integer, got ${perClass}`);
  if (images.length !== labels.length * PIXELS) throw new RangeError(`${images.length} pixels do not fit ${labels.length} images`);
  const taken = new Array<number>(CLASSES).fill(0);
  const picked: number[] = [];
  for (let i = 0; i < labels.length && picked.length < perClass * CLASSES; i++) {
    const label = labels[i] ?? 0;
    if (label < CLASSES && (taken[label] ?? 0) < perClass) {
      taken[label] = (taken[label] ?? 0) + 1;
      picked.push(i);
    }
  }
  if (picked.length < perClass * CLASSES) throw new RangeError(`some class has fewer than ${perClass} images`);
  const count = picked.length;
  const out = new Uint8Array(count * PIXELS);
  const outLabels = new Uint8Array(count);
  picked.forEach((source, k) => {
    out.set(images.subarray(source * PIXELS, (source + 1) * PIXELS), k * PIXELS);
    outLabels[k] = labels[source] ?? 0;
  });
  return { count, images: out, labels: outLabels, indices: Uint32Array.from(picked) };
}

/** The asset bytes for a sample (header + pixels + labels). */
export function encodeDigitSample(sample: DigitSample): Uint8Array {
  if (sample.images.length !== sample.count * PIXELS || sample.labels.length !== sample.count) {
    throw new RangeError(`a sample of ${sample.count} needs ${sample.count * PIXELS} pixels and ${sample.count} labels`);
  }
  const bytes = new Uint8Array(DIGIT_SAMPLE_HEADER_BYTES + sample.count * (PIXELS + 1));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, DIGIT_SAMPLE_MAGIC, false);
  view.setUint32(4, sample.count, false);
  view.setUint32(8, SIDE, false);
  view.setUint32(12, SIDE, false);
  bytes.set(sample.images, DIGIT_SAMPLE_HEADER_BYTES);
  bytes.set(sample.labels, DIGIT_SAMPLE_HEADER_BYTES + sample.count * PIXELS);
  return bytes;
}
