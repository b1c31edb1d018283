import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dequantizeInt8,
  dequantizeUint8,
  fromFloat16Bits,
  pruneByMagnitude,
  quantizeInt8,
  quantizeUint8,
  roundHalfEven,
  toFloat16,
  toFloat16Bits,
} from '../../src/lib/ml/quantize';
import { compareOutputs, compressVariant, kernelStorage, type WeightTensor } from '../../src/lib/ml/compression';

// Reference bit patterns from IEEE 754-2008 binary16 (e.g. the table in Wikipedia's
// "Half-precision floating-point format" article).
const HALF_TABLE: [number, number][] = [
  [0, 0x0000],
  [-0, 0x8000],
  [1, 0x3c00],
  [-2, 0xc000],
  [65504, 0x7bff],
  [2 ** -14, 0x0400],
  [2 ** -24, 0x0001],
  [2 ** -14 - 2 ** -24, 0x03ff],
  [1 / 3, 0x3555],
  [0.1, 0x2e66],
  [1 + 2 ** -10, 0x3c01],
  [Infinity, 0x7c00],
  [-Infinity, 0xfc00],
];

describe('float16', () => {
  it.each(HALF_TABLE)('encodes %s as the known bit pattern', (value, bits) => {
    expect(toFloat16Bits(value)).toBe(bits);
  });
  it.each(HALF_TABLE.filter(([v]) => v !== 1 / 3 && v !== 0.1))('decodes the pattern of %s exactly', (value, bits) => {
    expect(Object.is(fromFloat16Bits(bits), value) || fromFloat16Bits(bits) === value).toBe(true);
  });
  it('rounds ties to even and overflows to Inf past the largest half', () => {
    expect(toFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // halfway between 1 and 1+2^-10: even is 1
    expect(toFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // halfway, rounds up to the even mantissa 2
    expect(toFloat16Bits(65519)).toBe(0x7bff);
    expect(toFloat16Bits(65520)).toBe(0x7c00); // the tie above 65504 rounds to 65536 = Inf
    expect(toFloat16Bits(2 ** -25)).toBe(0x0000); // tie between 0 and the smallest subnormal: even is 0
    expect(toFloat16Bits(3 * 2 ** -25)).toBe(0x0002);
    const t = toFloat16(new Float32Array([70000, -1e-9, 1]));
    expect(t.overflow).toBe(1);
    expect(t.flushedToZero).toBe(1);
    expect(Array.from(t.bits)).toEqual([0x7c00, 0x8000, 0x3c00]);
  });
  it('gives the nearest half: no neighbouring pattern is closer (property)', () => {
    fc.assert(
      fc.property(fc.float({ min: -60000, max: 60000, noNaN: true }), (x) => {
        const bits = toFloat16Bits(x);
        const err = Math.abs(fromFloat16Bits(bits) - Math.fround(x));
        for (const n of [bits - 1, bits + 1]) {
          if ((n & 0x7c00) === 0x7c00 || n < 0 || (n & 0x8000) !== (bits & 0x8000)) continue;
          expect(err).toBeLessThanOrEqual(Math.abs(fromFloat16Bits(n) - Math.fround(x)));
        }
      }),
    );
  });
  it('is the identity on every finite half value', () => {
    for (let bits = 0; bits < 0x7c00; bits++) expect(toFloat16Bits(fromFloat16Bits(bits))).toBe(bits);
  });
  it('rounds half to even on integers', () => {
    expect([0.5, 1.5, 2.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 2, 3]);
  });
});

describe('int8 symmetric quantization', () => {
  it('matches a hand-computed case per tensor', () => {
    // max |w| = 1.27 → scale 0.01; 0.005 is a tie and rounds away from zero.
    const t = quantizeInt8(new Float32Array([1.27, -0.635, 0.004, 0]), [4], 'tensor');
    expect(t.scales[0]).toBeCloseTo(0.01, 7);
    expect(Array.from(t.q)).toEqual([127, -64, 0, 0]);
  });
  it('uses the last axis as the output channel', () => {
    // shape [2, 2]: channel 0 holds 1 and 0.5, channel 1 holds -254 and 127
    const t = quantizeInt8(new Float32Array([1, -254, 0.5, 127]), [2, 2], 'channel');
    expect(Array.from(t.scales)).toEqual([Math.fround(1 / 127), 2]);
    expect(Array.from(t.q)).toEqual([127, -127, 64, 64]);
    const perTensor = quantizeInt8(new Float32Array([1, -254, 0.5, 127]), [2, 2], 'tensor');
    expect(Array.from(perTensor.q)).toEqual([1, -127, 0, 64]); // channel 0 is nearly lost per tensor
  });
  const kernel = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }))
    .chain(([rows, cols]) =>
      fc.tuple(fc.constant([rows, cols] as const), fc.array(fc.float({ min: -3, max: 3, noNaN: true }), { minLength: rows * cols, maxLength: rows * cols })),
    );
  it('keeps |dequant(quant(w)) − w| ≤ scale / 2, and per-channel scales never exceed the per-tensor one (property)', () => {
    fc.assert(
      fc.property(kernel, ([shape, list]) => {
        const w = Float32Array.from(list);
        const tensor = quantizeInt8(w, shape, 'tensor');
        const channel = quantizeInt8(w, shape, 'channel');
        const dt = dequantizeInt8(tensor);
        const dc = dequantizeInt8(channel);
        const st = tensor.scales[0]!;
        w.forEach((v, i) => {
          const sc = channel.scales[i % shape[1]]!;
          expect(sc).toBeLessThanOrEqual(st);
          expect(Math.abs(dt[i]! - v)).toBeLessThanOrEqual(st / 2 + 1e-6 * st + 1e-12);
          expect(Math.abs(dc[i]! - v)).toBeLessThanOrEqual(sc / 2 + 1e-6 * sc + 1e-12);
        });
      }),
    );
  });
});

describe('affine uint8 (TensorFlow.js weights manifest)', () => {
  it('maps min to 0 and max to 255 and reads back as q · scale + min', () => {
    const t = quantizeUint8(new Float32Array([-1, 0, 1.55]));
    expect(t.min).toBe(-1);
    expect(t.scale).toBeCloseTo(2.55 / 255, 7);
    expect(Array.from(t.q)).toEqual([0, 100, 255]);
    expect(dequantizeUint8(t)[2]).toBeCloseTo(1.55, 5);
  });
});

describe('magnitude pruning', () => {
  const arrays = fc.array(fc.array(fc.float({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 4 });
  it('zeroes exactly round(s · n) weights, globally or per layer, and only the smallest (property)', () => {
    fc.assert(
      fc.property(arrays, fc.double({ min: 0, max: 1, noNaN: true }), (lists, s) => {
        const tensors = lists.map((l) => Float32Array.from(l));
        const n = tensors.reduce((a, t) => a + t.length, 0);
        const global = pruneByMagnitude(tensors, s, 'global');
        expect(global.zeroed).toBe(Math.round(s * n));
        const kept = global.pruned.flatMap((t, ti) => Array.from(t).map((v, i) => ({ v, orig: tensors[ti]![i]! })));
        const removed = kept.filter((k) => k.v === 0 && k.orig !== 0).map((k) => Math.abs(k.orig));
        const survivors = kept.filter((k) => k.v !== 0).map((k) => Math.abs(k.v));
        if (removed.length && survivors.length) expect(Math.max(...removed)).toBeLessThanOrEqual(Math.min(...survivors));
        const layer = pruneByMagnitude(tensors, s, 'layer');
        expect(layer.zeroed).toBe(tensors.reduce((a, t) => a + Math.round(s * t.length), 0));
      }),
    );
  });
  it('leaves the inputs alone', () => {
    const w = new Float32Array([3, -1, 2]);
    pruneByMagnitude([w], 1, 'global');
    expect(Array.from(w)).toEqual([3, -1, 2]);
  });
});

describe('compressed variants and their bytes', () => {
  // A tiny conv model's weights: kernel [3, 3, 1, 4] (36), bias [4], dense [8, 10] (80), bias [10].
  const seq = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));
  const tensors: WeightTensor[] = [
    { name: 'conv/kernel', shape: [3, 3, 1, 4], values: seq(36, (i) => Math.sin(i + 1) * (1 + (i % 4))) },
    { name: 'conv/bias', shape: [4], values: seq(4, (i) => 0.1 * i) },
    { name: 'dense/kernel', shape: [8, 10], values: seq(80, (i) => Math.cos(i) / 3) },
    { name: 'dense/bias', shape: [10], values: seq(10, (i) => -0.05 * i) },
  ];
  const settings = { sparsity: 0.9, scope: 'global' as const, granularity: 'channel' as const };
  it('counts float32, float16 and int8 bytes by hand', () => {
    expect(compressVariant(tensors, 'float32', settings).bytes).toBe(130 * 4);
    expect(compressVariant(tensors, 'float16', settings).bytes).toBe(116 * 2 + 14 * 4);
    expect(compressVariant(tensors, 'int8-tensor', settings).bytes).toBe(116 + 2 * 4 + 14 * 4);
    expect(compressVariant(tensors, 'int8-channel', settings).bytes).toBe(116 + (4 + 10) * 4 + 14 * 4);
  });
  it('counts pruned kernels as bitmap + kept values once that is smaller than dense', () => {
    const v = compressVariant(tensors, 'pruned', settings);
    // round(0.9 · 116) = 104 zeroed, 12 kept; bitmaps ⌈36/8⌉ + ⌈80/8⌉ = 5 + 10
    expect(v.zeros).toBe(104);
    expect(v.bytes).toBe(12 * 4 + 15 + 14 * 4);
    // 40 values with one zero: 39 · 4 + 5 = 161 bytes sparse, 160 dense
    expect(kernelStorage(Float32Array.from({ length: 40 }, (_, i) => i), 4, true)).toEqual({ values: 160, bitmaps: 0 });
    expect(compressVariant(tensors, 'float32', settings).error.maxAbs).toBe(0);
  });
  it('never changes biases, and per-channel error is no larger than per-tensor error at the worst weight', () => {
    const t = compressVariant(tensors, 'int8-tensor', settings);
    const c = compressVariant(tensors, 'int8-channel', settings);
    expect(c.weights[1]).toBe(tensors[1]!.values);
    expect(c.error.maxAbs).toBeLessThanOrEqual(t.error.maxAbs);
    expect(t.error.maxAbs).toBeGreaterThan(0);
  });
  it('compares outputs: changed predictions and the largest difference', () => {
    const a = new Float32Array([0.9, 0.1, 0.2, 0.8]);
    const b = new Float32Array([0.4, 0.6, 0.25, 0.75]);
    const r = compareOutputs(a, b, 2);
    expect(r.changed).toBe(1);
    expect(r.maxAbsDelta).toBeCloseTo(0.5, 6);
  });
});
