import { createRng, type Rng } from '../random/prng';

/**
 * Seeded 2-D toy datasets for the chapter 3.1 network demo. Every point lies in
 * TOY_BOX; the label is 0 or 1. `noise` is the standard deviation of a Gaussian
 * jitter added to each point after its label is fixed, so with noise 0 the classes
 * are cleanly separated (by a curve, a ring, the axes or a line).
 */

export type ToyKind = 'moons' | 'circles' | 'xor' | 'linear';

export const TOY_KINDS: readonly ToyKind[] = ['moons', 'circles', 'xor', 'linear'];

/** An axis-aligned rectangle [xMin, xMax] × [yMin, yMax]. */
export interface Box {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export const TOY_BOX: Box = { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 };

/** Labelled samples for a binary classifier: `inputs[n]` is a feature vector, `labels[n]` is 0 or 1. */
export interface LabeledData {
  inputs: number[][];
  labels: (0 | 1)[];
}

export interface ToyDataset extends LabeledData {
  kind: ToyKind;
  box: Box;
}

export interface ToyOptions {
  /** Number of points, ≥ 2. */
  count: number;
  /** Standard deviation of the positional jitter, in box units (0 = clean). */
  noise: number;
  seed: number;
}

/** Points closer than this to the true boundary are redrawn, so a clean set has a visible margin. */
const MARGIN = 0.08;

type Draw = (rng: Rng, label: 0 | 1) => [number, number];

const drawMoon: Draw = (rng, label) => {
  // Two interleaved half circles of radius 1, scaled by 0.8 and centred on the origin.
  const t = Math.PI * rng.next();
  const [x, y] = label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
  return [0.8 * (x - 0.5), 0.8 * (y - 0.25)];
};

const drawRing: Draw = (rng, label) => {
  // Label 1: the inner disc (radius ≤ 0.5); label 0: the outer ring (0.9…1.2).
  const angle = 2 * Math.PI * rng.next();
  const radius = label === 1 ? 0.5 * Math.sqrt(rng.next()) : 0.9 + 0.3 * rng.next();
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
};

const drawXor: Draw = (rng, label) => {
  // Label 1 in the quadrants where x·y > 0, kept MARGIN away from the axes.
  const magnitude = () => MARGIN + (1.2 - MARGIN) * rng.next();
  const sx = rng.next() < 0.5 ? -1 : 1;
  const sy = label === 1 ? sx : -sx;
  return [sx * magnitude(), sy * magnitude()];
};

/** The separating line of the linear set: label 1 where LINE·(x, y) + LINE_OFFSET > 0. */
const LINE: readonly [number, number] = [0.8, -0.6];
const LINE_OFFSET = 0.1;

const drawLinear: Draw = (rng, label) => {
  for (;;) {
    const x = -1.2 + 2.4 * rng.next();
    const y = -1.2 + 2.4 * rng.next();
    const side = LINE[0] * x + LINE[1] * y + LINE_OFFSET;
    if (Math.abs(side) >= MARGIN && (side > 0) === (label === 1)) return [x, y];
  }
};

const DRAWS: Record<ToyKind, Draw> = { moons: drawMoon, circles: drawRing, xor: drawXor, linear: drawLinear };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Half the points get label 0 and half label 1 (the first ⌈n/2⌉ are label 0), in a seeded shuffled order. */
export function makeToyDataset(kind: ToyKind, options: ToyOptions): ToyDataset {
  const { count, noise, seed } = options;
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`count must be an integer ≥ 2, got ${count}`);
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new RangeError(`noise must be finite and ≥ 0, got ${noise}`);
  const rng = createRng(seed);
  const box = TOY_BOX;
  const draw = DRAWS[kind];
  const rows: { input: number[]; label: 0 | 1 }[] = [];
  for (let i = 0; i < count; i++) {
    const label: 0 | 1 = i < Math.ceil(count / 2) ? 0 : 1;
    const [x, y] = draw(rng, label);
    const jx = noise * rng.normal();
    const jy = noise * rng.normal();
    rows.push({ input: [clamp(x + jx, box.xMin, box.xMax), clamp(y + jy, box.yMin, box.yMax)], label });
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const a = rows[i];
    const b = rows[j];
    if (a && b) {
      rows[i] = b;
      rows[j] = a;
    }
  }
  return { kind, box, inputs: rows.map((r) => r.input), labels: rows.map((r) => r.label) };
}

/** The label a clean point of `kind` at (x, y) would get (the true boundary), or null for moons, whose boundary has no closed form here. */
export function trueLabel(kind: ToyKind, x: number, y: number): 0 | 1 | null {
  switch (kind) {
    case 'circles':
      return Math.hypot(x, y) < 0.7 ? 1 : 0;
    case 'xor':
      return x * y > 0 ? 1 : 0;
    case 'linear':
      return LINE[0] * x + LINE[1] * y + LINE_OFFSET > 0 ? 1 : 0;
    case 'moons':
      return null;
  }
}
