/**
 * Small dense matrices for chapter 4.1 (at most 6×6, as the reader edits them by hand):
 * element-wise sum and difference, the product, presets and a text parser for pasting.
 * A size mismatch is a value the island explains, never an exception. There is no
 * matrix division (erratum E7): solving AX = B lives in `lu.ts`.
 */
import type { Rng } from '../random/prng';

export type Matrix = number[][];
export type ReadonlyMatrix = readonly (readonly number[])[];
/** [rows, columns]. */
export type Shape = [number, number];

/** The largest size the islands edit; the parser refuses anything bigger. */
export const MAX_MATRIX_SIZE = 6;

export type MatrixOp = 'add' | 'subtract' | 'multiply';

/**
 * What the right operand's size would have to be. For a sum or difference it must be the
 * left one's shape; for A·B (A r₁×c₁, B r₂×c₂) B needs c₁ rows, or else A needs r₂ columns.
 */
export type ShapeNeed =
  | { kind: 'same-shape'; shape: Shape }
  | { kind: 'inner-dimension'; rightRows: number; leftCols: number };

export interface ShapeMismatch {
  ok: false;
  code: 'shape-mismatch';
  op: MatrixOp;
  left: Shape;
  right: Shape;
  need: ShapeNeed;
}

/** An entry overflowed to ±Infinity (only with entries near 1e154 and beyond). */
export interface MatrixOverflow {
  ok: false;
  code: 'overflow';
  op: MatrixOp;
  row: number;
  col: number;
}

export type MatrixOpResult = { ok: true; value: Matrix; shape: Shape } | ShapeMismatch | MatrixOverflow;

/** Throws on a ragged or empty array: the parser never produces one. */
export function shapeOf(a: ReadonlyMatrix): Shape {
  const rows = a.length;
  const cols = a[0]?.length ?? 0;
  if (rows === 0 || cols === 0) throw new RangeError('matrix must have at least one row and one column');
  for (const row of a) {
    if (row.length !== cols) throw new RangeError('matrix rows must all have the same length');
  }
  return [rows, cols];
}

export function cloneMatrix(a: ReadonlyMatrix): Matrix {
  return a.map((row) => [...row]);
}

export function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** Entry (i, j) of a matrix whose shape has been checked. */
export function at(a: ReadonlyMatrix, i: number, j: number): number {
  const value = a[i]?.[j];
  if (value === undefined) throw new RangeError(`index (${i}, ${j}) outside the matrix`);
  return value;
}

function checkFinite(op: MatrixOp, m: Matrix, shape: Shape): MatrixOpResult {
  for (let i = 0; i < shape[0]; i += 1) {
    for (let j = 0; j < shape[1]; j += 1) {
      if (!Number.isFinite(at(m, i, j))) return { ok: false, code: 'overflow', op, row: i, col: j };
    }
  }
  return { ok: true, value: m, shape };
}

function elementwise(op: 'add' | 'subtract', a: ReadonlyMatrix, b: ReadonlyMatrix): MatrixOpResult {
  const left = shapeOf(a);
  const right = shapeOf(b);
  if (left[0] !== right[0] || left[1] !== right[1]) {
    return { ok: false, code: 'shape-mismatch', op, left, right, need: { kind: 'same-shape', shape: left } };
  }
  const sign = op === 'add' ? 1 : -1;
  const value = a.map((row, i) => row.map((x, j) => x + sign * at(b, i, j)));
  return checkFinite(op, value, left);
}

export function add(a: ReadonlyMatrix, b: ReadonlyMatrix): MatrixOpResult {
  return elementwise('add', a, b);
}

export function subtract(a: ReadonlyMatrix, b: ReadonlyMatrix): MatrixOpResult {
  return elementwise('subtract', a, b);
}

export function multiply(a: ReadonlyMatrix, b: ReadonlyMatrix): MatrixOpResult {
  const left = shapeOf(a);
  const right = shapeOf(b);
  if (left[1] !== right[0]) {
    return {
      ok: false,
      code: 'shape-mismatch',
      op: 'multiply',
      left,
      right,
      need: { kind: 'inner-dimension', rightRows: left[1], leftCols: right[0] },
    };
  }
  const value = zeros(left[0], right[1]);
  for (let i = 0; i < left[0]; i += 1) {
    const out = value[i] ?? [];
    for (let j = 0; j < right[1]; j += 1) {
      let sum = 0;
      for (let k = 0; k < left[1]; k += 1) sum += at(a, i, k) * at(b, k, j);
      out[j] = sum;
    }
  }
  return checkFinite('multiply', value, [left[0], right[1]]);
}

export function transpose(a: ReadonlyMatrix): Matrix {
  const [rows, cols] = shapeOf(a);
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => at(a, i, j)));
}

/** ‖A‖₁: the largest column sum of absolute values. */
export function norm1(a: ReadonlyMatrix): number {
  const [rows, cols] = shapeOf(a);
  let best = 0;
  for (let j = 0; j < cols; j += 1) {
    let sum = 0;
    for (let i = 0; i < rows; i += 1) sum += Math.abs(at(a, i, j));
    best = Math.max(best, sum);
  }
  return best;
}

// ---- presets ----------------------------------------------------------------------------

export function identity(n: number): Matrix {
  checkSize(n, n);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/**
 * A singular n×n matrix with small integer entries: for n ≥ 3 the entries 1…n² row by row
 * (every row is the previous one plus a constant row, so the rank is 2); [[1, 2], [2, 4]]
 * for n = 2 and [[0]] for n = 1.
 */
export function singularPreset(n: number): Matrix {
  checkSize(n, n);
  if (n === 1) return [[0]];
  if (n === 2) {
    return [
      [1, 2],
      [2, 4],
    ];
  }
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => i * n + j + 1));
}

/** The Hilbert matrix H[i][j] = 1 / (i + j + 1): the textbook ill-conditioned matrix. */
export function hilbert(n: number): Matrix {
  checkSize(n, n);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (i + j + 1)));
}

/** The least common multiple of 1 … 2n − 1: the scale that makes every entry of H_n an integer. */
export function hilbertScale(n: number): number {
  checkSize(n, n);
  const gcd = (p: number, q: number): number => (q === 0 ? p : gcd(q, p % q));
  let scale = 1;
  for (let k = 2; k <= 2 * n - 1; k += 1) scale = (scale * k) / gcd(scale, k);
  return scale;
}

/**
 * The Hilbert matrix times hilbertScale(n): integer entries, stored exactly (1/3 is not),
 * with the same condition number. H₆ becomes 27720 / (i + j + 1).
 */
export function scaledHilbert(n: number): Matrix {
  const scale = hilbertScale(n);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => scale / (i + j + 1)));
}

export interface RandomMatrixOptions {
  /** Smallest entry (default −5). */
  min?: number;
  /** Largest entry (default 5). */
  max?: number;
}

/** Integers uniform in [min, max], drawn row by row from the seeded `rng`. */
export function randomIntegerMatrix(rows: number, cols: number, rng: Rng, options: RandomMatrixOptions = {}): Matrix {
  checkSize(rows, cols);
  const min = options.min ?? -5;
  const max = options.max ?? 5;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
    throw new RangeError(`bad integer range [${min}, ${max}]`);
  }
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => min + rng.int(max - min + 1)));
}

function checkSize(rows: number, cols: number): void {
  for (const size of [rows, cols]) {
    if (!Number.isInteger(size) || size < 1 || size > MAX_MATRIX_SIZE) {
      throw new RangeError(`matrix size must be an integer in 1..${MAX_MATRIX_SIZE}, got ${size}`);
    }
  }
}

// ---- text: pasting and copying ------------------------------------------------------------

export type ParseMatrixResult =
  | { ok: true; value: Matrix; shape: Shape }
  | { ok: false; code: 'empty' }
  /** `row`, `col` are 0-based; `text` is the offending token. */
  | { ok: false; code: 'not-a-number'; row: number; col: number; text: string }
  /** Row `row` has `col` entries where the first row has `expected`. */
  | { ok: false; code: 'ragged'; row: number; col: number; expected: number }
  /** `row` × `col` is the pasted size; `max` the largest allowed. */
  | { ok: false; code: 'too-large'; row: number; col: number; max: number };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** A decimal or scientific number, or a fraction p/q of two such numbers; null otherwise. */
export function parseNumber(token: string): number | null {
  const text = token.replace(/[\u2212\uff0d]/g, '-');
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const p = parseNumber(text.slice(0, slash));
    const q = parseNumber(text.slice(slash + 1));
    if (p === null || q === null || q === 0) return null;
    const value = p / q;
    return Number.isFinite(value) ? value : null;
  }
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * Rows are separated by newlines or semicolons ("1 2; 3 4"), entries by spaces, tabs or
 * commas (full-width ，； too); bracketed forms such as [[1, 2], [3, 4]] and [1 2; 3 4] are
 * accepted. Blank rows are skipped.
 */
export function parseMatrix(text: string): ParseMatrixResult {
  const normalized = text
    .replace(/\]\s*[,，]?\s*\[/g, ';')
    .replace(/[[\]]/g, ' ')
    .replace(/；/g, ';');
  const rows = normalized
    .split(/[;\r\n]+/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split(/[\s,，]+/).filter((token) => token.length > 0));
  if (rows.length === 0) return { ok: false, code: 'empty' };
  const value: Matrix = [];
  for (const [i, tokens] of rows.entries()) {
    const parsed: number[] = [];
    for (const [j, token] of tokens.entries()) {
      const x = parseNumber(token);
      if (x === null) return { ok: false, code: 'not-a-number', row: i, col: j, text: token };
      parsed.push(x);
    }
    value.push(parsed);
  }
  const widest = Math.max(...value.map((row) => row.length));
  if (value.length > MAX_MATRIX_SIZE || widest > MAX_MATRIX_SIZE) {
    return { ok: false, code: 'too-large', row: value.length, col: widest, max: MAX_MATRIX_SIZE };
  }
  const expected = value[0]?.length ?? 0;
  for (const [i, row] of value.entries()) {
    if (row.length !== expected) return { ok: false, code: 'ragged', row: i, col: row.length, expected };
  }
  return { ok: true, value, shape: [value.length, expected] };
}

/**
 * Without `digits` the shortest text that reads back as the same double (so that
 * `parseMatrix(formatMatrix(a))` returns `a`); with `digits`, that many significant digits
 * without trailing zeros.
 */
export function formatNumber(x: number, digits?: number): string {
  if (Object.is(x, -0) || x === 0) return '0';
  if (digits === undefined) return String(x);
  const [mantissa = '', exponent] = x.toPrecision(digits).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

export interface FormatMatrixOptions {
  digits?: number;
  /** Between entries (default one space; '\t' pastes into spreadsheets). */
  columnSeparator?: string;
  /** Between rows (default newline; '; ' gives the one-line form). */
  rowSeparator?: string;
}

export function formatMatrix(a: ReadonlyMatrix, options: FormatMatrixOptions = {}): string {
  const columnSeparator = options.columnSeparator ?? ' ';
  const rowSeparator = options.rowSeparator ?? '\n';
  return a.map((row) => row.map((x) => formatNumber(x, options.digits)).join(columnSeparator)).join(rowSeparator);
}
