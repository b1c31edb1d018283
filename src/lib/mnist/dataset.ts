import { createRng, type Rng } from '../random/prng';
import { MNIST_CLASSES } from './model';

/** One MNIST split as the IDX files store it: `count` images of 28×28 uint8 pixels, row-major, and their labels 0..9. */
export interface MnistSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export const MNIST_PIXELS = 28 * 28;

/** Images start..end-1 as views into the same buffers (no copy). */
export function slice(split: MnistSplit, start: number, end: number): MnistSplit {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > split.count) {
    throw new RangeError(`slice(${start}, ${end}) is outside 0..${split.count}`);
  }
  return {
    images: split.images.subarray(start * MNIST_PIXELS, end * MNIST_PIXELS),
    labels: split.labels.subarray(start, end),
    count: end - start,
  };
}

/** Fisher–Yates shuffle in place, driven by the seeded `rng` (reshuffle each epoch with the same rng). */
export function shuffleInPlace(indices: Uint32Array, rng: Rng): Uint32Array {
  for (let i = indices.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = indices[i] ?? 0;
    indices[i] = indices[j] ?? 0;
    indices[j] = tmp;
  }
  return indices;
}

/** 0..count-1 in an order fixed by `seed`. */
export function shuffledIndices(count: number, seed: number): Uint32Array {
  const indices = new Uint32Array(count);
  for (let i = 0; i < count; i++) indices[i] = i;
  return shuffleInPlace(indices, createRng(seed));
}

// i / 255 for every byte, computed once: the same float32 values as Keras' `x / 255.0`.
export const NORMALIZED = Float32Array.from({ length: 256 }, (_, i) => i / 255);

/**
 * Writes the images `indices` of `split` into `xs` (pixels / 255, batch × 784, NHWC with one
 * channel) and their one-hot labels into `ys` (batch × 10). The buffers are the caller's and
 * are reused from batch to batch; they may be longer than needed (the last batch of an epoch
 * is shorter). Returns the number of examples written.
 */
export function fillBatch(split: MnistSplit, indices: ArrayLike<number>, xs: Float32Array, ys: Float32Array): number {
  const n = indices.length;
  if (xs.length < n * MNIST_PIXELS || ys.length < n * MNIST_CLASSES) {
    throw new RangeError(`batch of ${n} needs xs ≥ ${n * MNIST_PIXELS} and ys ≥ ${n * MNIST_CLASSES} floats`);
  }
  ys.fill(0, 0, n * MNIST_CLASSES);
  for (let b = 0; b < n; b++) {
    const index = indices[b] ?? -1;
    if (!Number.isInteger(index) || index < 0 || index >= split.count) {
      throw new RangeError(`image index ${index} is outside 0..${split.count - 1}`);
    }
    const source = index * MNIST_PIXELS;
    const target = b * MNIST_PIXELS;
    for (let p = 0; p < MNIST_PIXELS; p++) xs[target + p] = NORMALIZED[split.images[source + p] ?? 0] ?? 0;
    ys[b * MNIST_CLASSES + (split.labels[index] ?? 0)] = 1;
  }
  return n;
}

/**
 * The training data the trainer offers. Both are prefixes of the training file in file order,
 * which mixes the digits: each digit is 8.6–11.2 % of the first 6,000 (9.0–11.2 % of all 60,000).
 * - `quick`: training images 0–5,999, a first look that trains in a fraction of the time;
 * - `full`: all training images 0–59,999, exactly what the source's `model.fit` sees.
 */
export const TRAINING_SLICES = {
  quick: { id: 'quick', label: '快速预览', trainCount: 6_000 },
  full: { id: 'full', label: '完整数据（同原文）', trainCount: 60_000 },
} as const;

export type TrainingSliceId = keyof typeof TRAINING_SLICES;

export function trainingSlice(train: MnistSplit, id: TrainingSliceId): MnistSplit {
  return slice(train, 0, TRAINING_SLICES[id].trainCount);
}

/**
 * The live validation curve uses 2,000 images of the test file, never trained on: the source
 * keeps no validation split, and `full` uses every training image. The choice is the first
 * 2,000 of the test indices shuffled by `VALIDATION_SEED`, sorted ascending, so it is the same
 * for every reader and every run. The final evaluation uses all 10,000 test images (these
 * included), so the curve previews the test score rather than being independent of it.
 */
export const VALIDATION_SIZE = 2_000;
export const VALIDATION_SEED = 5;

export function validationIndices(testCount: number, seed = VALIDATION_SEED, size = VALIDATION_SIZE): Uint32Array {
  if (size > testCount) throw new RangeError(`cannot pick ${size} validation images from ${testCount}`);
  return shuffledIndices(testCount, seed).subarray(0, size).sort();
}

/** The validation images copied into their own compact split (allocated once). */
export function validationSample(test: MnistSplit, seed = VALIDATION_SEED, size = VALIDATION_SIZE): MnistSplit {
  const picked = validationIndices(test.count, seed, size);
  const images = new Uint8Array(size * MNIST_PIXELS);
  const labels = new Uint8Array(size);
  picked.forEach((index, i) => {
    images.set(test.images.subarray(index * MNIST_PIXELS, (index + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    labels[i] = test.labels[index] ?? 0;
  });
  return { images, labels, count: size };
}
