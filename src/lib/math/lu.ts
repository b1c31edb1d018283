/**
 * LU factorization with partial pivoting, PA = LU, for chapter 4.1: every row swap and
 * elimination is returned as data so the island can replay it, and the factorization then
 * gives the determinant, the solution of AX = B, the inverse (AX = I) and the 1-norm
 * condition number. Erratum E7: there is no matrix division; X = A⁻¹B only when A is square
 * and invertible, and one solves the system rather than forming A⁻¹.
 *
 * Singular means: some pivot |u_kk| ≤ tolerance = n · ε · ‖A‖₁ (ε = Number.EPSILON), i.e.
 * the pivot is indistinguishable from rounding noise at the scale of A.
 */
import { at, cloneMatrix, identity, multiply, norm1, shapeOf, type Matrix, type ReadonlyMatrix, type Shape } from './matrix';

/** cond₁(A) above this: still solved, but flagged (about 4 of 16 digits left). */
export const ILL_CONDITIONED = 1e12;

/** `matrix` is the working matrix (U in progress) after the step, `lower` the multipliers so far. */
export type LuStep =
  | { kind: 'swap'; k: number; rows: [number, number]; matrix: Matrix; lower: Matrix }
  | { kind: 'eliminate'; k: number; row: number; factor: number; matrix: Matrix; lower: Matrix };

export interface LuFactorization {
  n: number;
  /** Unit lower triangular L. */
  lower: Matrix;
  upper: Matrix;
  /** Row i of PA is row perm[i] of A. */
  perm: number[];
  /** The determinant of P: (−1)^(number of swaps). */
  permutationSign: 1 | -1;
  pivots: number[];
  /** ‖A‖₁, the largest absolute column sum. */
  norm1: number;
  /** n · ε · ‖A‖₁. */
  tolerance: number;
  /** The first k whose pivot is ≤ tolerance in magnitude; null when A is invertible. */
  singularAt: number | null;
  steps: LuStep[];
}

export interface NotSquare {
  ok: false;
  code: 'not-square';
  rows: number;
  cols: number;
}

/** Entries so large (beyond ~1e150) that elimination overflowed. */
export interface LuOverflow {
  ok: false;
  code: 'overflow';
}

export interface Singular {
  ok: false;
  code: 'singular';
  k: number;
  pivot: number;
  tolerance: number;
  steps: LuStep[];
}

export type LuResult = { ok: true; lu: LuFactorization } | NotSquare | LuOverflow;

function allFinite(m: ReadonlyMatrix): boolean {
  return m.every((row) => row.every(Number.isFinite));
}

export function luFactor(a: ReadonlyMatrix): LuResult {
  const [rows, cols] = shapeOf(a);
  if (rows !== cols) return { ok: false, code: 'not-square', rows, cols };
  if (!allFinite(a)) throw new RangeError('matrix entries must be finite');
  const n = rows;
  const w = cloneMatrix(a);
  const lower = identity(n);
  const perm = Array.from({ length: n }, (_, i) => i);
  const pivots: number[] = [];
  const steps: LuStep[] = [];
  const normA = norm1(a);
  const tolerance = n * Number.EPSILON * normA;
  let sign: 1 | -1 = 1;
  let singularAt: number | null = null;
  const row = (i: number): number[] => w[i] ?? [];
  const lowerRow = (i: number): number[] => lower[i] ?? [];

  for (let k = 0; k < n; k += 1) {
    let p = k;
    for (let i = k + 1; i < n; i += 1) {
      if (Math.abs(at(w, i, k)) > Math.abs(at(w, p, k))) p = i;
    }
    if (p !== k) {
      [w[k], w[p]] = [row(p), row(k)];
      [perm[k], perm[p]] = [perm[p] ?? p, perm[k] ?? k];
      // Multipliers already found move with their rows; the unit diagonal stays put.
      for (let j = 0; j < k; j += 1) {
        const lk = lowerRow(k);
        const lp = lowerRow(p);
        [lk[j], lp[j]] = [lp[j] ?? 0, lk[j] ?? 0];
      }
      sign = sign === 1 ? -1 : 1;
      steps.push({ kind: 'swap', k, rows: [k, p], matrix: cloneMatrix(w), lower: cloneMatrix(lower) });
    }
    const pivot = at(w, k, k);
    pivots.push(pivot);
    if (singularAt === null && Math.abs(pivot) <= tolerance) singularAt = k;
    // An exactly zero pivot means the column is already zero below it: nothing to do.
    if (pivot === 0) continue;
    for (let i = k + 1; i < n; i += 1) {
      const factor = at(w, i, k) / pivot;
      if (factor === 0) continue;
      const target = row(i);
      target[k] = 0;
      for (let j = k + 1; j < n; j += 1) target[j] = at(w, i, j) - factor * at(w, k, j);
      lowerRow(i)[k] = factor;
      steps.push({ kind: 'eliminate', k, row: i, factor, matrix: cloneMatrix(w), lower: cloneMatrix(lower) });
    }
  }
  if (!allFinite(w)) return { ok: false, code: 'overflow' };
  return {
    ok: true,
    lu: { n, lower, upper: w, perm, permutationSign: sign, pivots, norm1: normA, tolerance, singularAt, steps },
  };
}

/**
 * The right-hand side B carried through the recorded steps, as elimination on the
 * augmented matrix [A | B] does: entry s is B after steps[0 … s − 1] (entry 0 is B). The
 * last entry is L⁻¹PB, the y of L y = P B that back substitution U X = y starts from.
 */
export function replayRightHandSide(steps: readonly LuStep[], b: ReadonlyMatrix): Matrix[] {
  let current = cloneMatrix(b);
  const states = [cloneMatrix(current)];
  for (const step of steps) {
    const next = cloneMatrix(current);
    if (step.kind === 'swap') {
      const [k, p] = step.rows;
      [next[k], next[p]] = [next[p] ?? [], next[k] ?? []];
    } else {
      const target = next[step.row];
      const pivotRow = current[step.k];
      if (!target || !pivotRow) throw new RangeError(`step row ${step.row} outside B`);
      for (let j = 0; j < target.length; j += 1) target[j] = (target[j] ?? 0) - step.factor * (pivotRow[j] ?? 0);
    }
    current = next;
    states.push(cloneMatrix(current));
  }
  return states;
}

export type DeterminantResult =
  | {
      ok: true;
      /** sign(P) · u₁₁ · … · u_nn. */
      value: number;
      permutationSign: 1 | -1;
      pivots: number[];
      /** A pivot was within the tolerance: the value is rounding noise around 0. */
      singular: boolean;
      steps: LuStep[];
    }
  | NotSquare
  | LuOverflow;

export function determinant(a: ReadonlyMatrix): DeterminantResult {
  const result = luFactor(a);
  if (!result.ok) return result;
  const { lu } = result;
  const value = lu.pivots.reduce((product, u) => product * u, lu.permutationSign as number);
  if (!Number.isFinite(value)) return { ok: false, code: 'overflow' };
  const { permutationSign, pivots, steps } = lu;
  return { ok: true, value, permutationSign, pivots, singular: lu.singularAt !== null, steps };
}

/** x with A x = b, from the factors: L y = P b forward, then U x = y backward. */
export function luSolveVector(lu: LuFactorization, b: readonly number[]): number[] {
  const { n, lower, upper, perm } = lu;
  const y = perm.map((source) => b[source] ?? 0);
  for (let i = 0; i < n; i += 1) {
    let sum = y[i] ?? 0;
    for (let j = 0; j < i; j += 1) sum -= at(lower, i, j) * (y[j] ?? 0);
    y[i] = sum;
  }
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = y[i] ?? 0;
    for (let j = i + 1; j < n; j += 1) sum -= at(upper, i, j) * (y[j] ?? 0);
    y[i] = sum / at(upper, i, i);
  }
  return y;
}

/** z with Aᵀ z = c: since A = Pᵀ L U, solve Uᵀ w = c, then Lᵀ v = w, and z = Pᵀ v. */
export function luSolveTransposeVector(lu: LuFactorization, c: readonly number[]): number[] {
  const { n, lower, upper, perm } = lu;
  const v = Array.from({ length: n }, (_, i) => c[i] ?? 0);
  for (let i = 0; i < n; i += 1) {
    let sum = v[i] ?? 0;
    for (let j = 0; j < i; j += 1) sum -= at(upper, j, i) * (v[j] ?? 0);
    v[i] = sum / at(upper, i, i);
  }
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = v[i] ?? 0;
    for (let j = i + 1; j < n; j += 1) sum -= at(lower, j, i) * (v[j] ?? 0);
    v[i] = sum;
  }
  const z = new Array<number>(n).fill(0);
  perm.forEach((source, i) => {
    z[source] = v[i] ?? 0;
  });
  return z;
}

function columns(m: ReadonlyMatrix, cols: number): number[][] {
  return Array.from({ length: cols }, (_, j) => m.map((row) => row[j] ?? 0));
}

function fromColumns(cols: readonly (readonly number[])[], rows: number): Matrix {
  return Array.from({ length: rows }, (_, i) => cols.map((col) => col[i] ?? 0));
}

export type SolveResult =
  | {
      ok: true;
      x: Matrix;
      steps: LuStep[];
      /** cond₁(A) = ‖A‖₁ · ‖A⁻¹‖₁. */
      condition: number;
      illConditioned: boolean;
      /** ‖AX − B‖₁ / (‖A‖₁ ‖X‖₁): tiny for a backward-stable solve even when X is inaccurate. */
      relativeResidual: number;
    }
  | NotSquare
  | { ok: false; code: 'shape-mismatch'; left: Shape; right: Shape; needRows: number }
  | Singular
  | LuOverflow;

function singular(lu: LuFactorization, k: number): Singular {
  return { ok: false, code: 'singular', k, pivot: lu.pivots[k] ?? 0, tolerance: lu.tolerance, steps: lu.steps };
}

function inverseFromLu(lu: LuFactorization): Matrix {
  const unit = identity(lu.n);
  return fromColumns(
    unit.map((e) => luSolveVector(lu, e)),
    lu.n,
  );
}

type Solved = { x: Matrix; condition: number; relativeResidual: number };

function solveWithFactors(a: ReadonlyMatrix, lu: LuFactorization, b: ReadonlyMatrix, cols: number): Solved | null {
  const x = fromColumns(
    columns(b, cols).map((col) => luSolveVector(lu, col)),
    lu.n,
  );
  const inv = inverseFromLu(lu);
  const product = multiply(a, x);
  if (!allFinite(x) || !allFinite(inv) || !product.ok) return null;
  const residual = norm1(product.value.map((row, i) => row.map((v, j) => v - at(b, i, j))));
  const scale = lu.norm1 * norm1(x);
  return { x, condition: lu.norm1 * norm1(inv), relativeResidual: scale === 0 ? 0 : residual / scale };
}

/** Solves A X = B for every column of B at once (B may have several columns). */
export function solve(a: ReadonlyMatrix, b: ReadonlyMatrix): SolveResult {
  const factored = luFactor(a);
  if (!factored.ok) return factored;
  const { lu } = factored;
  const right = shapeOf(b);
  if (right[0] !== lu.n) {
    return { ok: false, code: 'shape-mismatch', left: [lu.n, lu.n], right, needRows: lu.n };
  }
  if (lu.singularAt !== null) return singular(lu, lu.singularAt);
  const solved = solveWithFactors(a, lu, b, right[1]);
  if (solved === null) return { ok: false, code: 'overflow' };
  return { ok: true, ...solved, steps: lu.steps, illConditioned: solved.condition > ILL_CONDITIONED };
}

export type InverseResult =
  | { ok: true; inverse: Matrix; steps: LuStep[]; condition: number; illConditioned: boolean }
  | NotSquare
  | Singular
  | LuOverflow;

/** A⁻¹ as the solution of A X = I. */
export function inverse(a: ReadonlyMatrix): InverseResult {
  const factored = luFactor(a);
  if (!factored.ok) return factored;
  const { lu } = factored;
  if (lu.singularAt !== null) return singular(lu, lu.singularAt);
  const solved = solveWithFactors(a, lu, identity(lu.n), lu.n);
  if (solved === null) return { ok: false, code: 'overflow' };
  const { x, condition } = solved;
  return { ok: true, inverse: x, steps: lu.steps, condition, illConditioned: condition > ILL_CONDITIONED };
}

/**
 * A lower bound for ‖A⁻¹‖₁ from a few solves with A and Aᵀ, never forming A⁻¹: Hager's
 * method as refined by Higham (the iteration and the extra test vector of LAPACK's 1-norm
 * estimator). Every candidate is ‖A⁻¹v‖₁ / ‖v‖₁ for some v, so it never exceeds the norm.
 */
export function estimateInverseNorm1(lu: LuFactorization): number {
  const { n } = lu;
  const l1 = (v: readonly number[]): number => v.reduce((s, x) => s + Math.abs(x), 0);
  const signs = (v: readonly number[]): number[] => v.map((x) => (x >= 0 ? 1 : -1));
  const argmaxAbs = (v: readonly number[]): number =>
    v.reduce((best, x, i) => (Math.abs(x) > Math.abs(v[best] ?? 0) ? i : best), 0);
  const unit = (j: number): number[] => Array.from({ length: n }, (_, i) => (i === j ? 1 : 0));
  let y = luSolveVector(lu, new Array<number>(n).fill(1 / n));
  let estimate = l1(y);
  if (n === 1) return estimate;
  let xi = signs(y);
  let z = luSolveTransposeVector(lu, xi);
  let j = argmaxAbs(z);
  for (let iteration = 2; iteration <= 5; iteration += 1) {
    y = luSolveVector(lu, unit(j));
    const previous = estimate;
    estimate = Math.max(estimate, l1(y));
    const nextXi = signs(y);
    // A repeated sign vector or no gain: converged.
    if (nextXi.every((s, i) => s === xi[i]) || estimate <= previous) break;
    xi = nextXi;
    z = luSolveTransposeVector(lu, xi);
    const last = j;
    j = argmaxAbs(z);
    if (Math.abs(z[last] ?? 0) === Math.abs(z[j] ?? 0)) break;
  }
  const b = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1) * (1 + i / (n - 1)));
  return Math.max(estimate, l1(luSolveVector(lu, b)) / l1(b));
}

export type ConditionResult =
  | {
      ok: true;
      /** cond₁(A) = ‖A‖₁ · ‖A⁻¹‖₁ with A⁻¹ computed. */
      value: number;
      /** ‖A‖₁ times the estimate of ‖A⁻¹‖₁ (≤ value). */
      estimate: number;
      norm1: number;
      inverseNorm1: number;
      illConditioned: boolean;
    }
  /** `estimate` is still given when every pivot is non-zero (≈ 1/ε or more); null otherwise. */
  | (Singular & { estimate: number | null })
  | NotSquare
  | LuOverflow;

export function conditionNumber(a: ReadonlyMatrix): ConditionResult {
  const factored = luFactor(a);
  if (!factored.ok) return factored;
  const { lu } = factored;
  if (lu.singularAt !== null) {
    const usable = lu.pivots.every((u) => u !== 0);
    const estimate = usable ? lu.norm1 * estimateInverseNorm1(lu) : Number.NaN;
    return { ...singular(lu, lu.singularAt), estimate: Number.isFinite(estimate) ? estimate : null };
  }
  const inv = inverseFromLu(lu);
  if (!allFinite(inv)) return { ok: false, code: 'overflow' };
  const inverseNorm1 = norm1(inv);
  const value = lu.norm1 * inverseNorm1;
  const estimate = lu.norm1 * estimateInverseNorm1(lu);
  return { ok: true, value, estimate, norm1: lu.norm1, inverseNorm1, illConditioned: value > ILL_CONDITIONED };
}
