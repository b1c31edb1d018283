import { add, multiply, subtract, type Matrix, type MatrixOpResult, type ReadonlyMatrix } from '../../../src/lib/math/matrix';
import {
  conditionNumber,
  determinant,
  inverse,
  luFactor,
  replayRightHandSide,
  solve,
  type ConditionResult,
  type DeterminantResult,
  type InverseResult,
  type LuFactorization,
  type LuStep,
  type SolveResult,
} from '../../../src/lib/math/lu';
import type { StateOf } from '../../../src/lib/state/codec';
import type { matrixSchema } from './schema';

export type MatrixState = StateOf<typeof matrixSchema>;
export type MatrixOpName = MatrixState['op'];
export type Which = 'a' | 'b';

/** A link whose entry count does not fit its size: missing entries were read as 0, extra ones dropped. */
export interface EntryCountIssue {
  which: Which;
  got: number;
  need: number;
}

export type OpView =
  | { kind: 'arith'; op: 'add' | 'subtract' | 'multiply'; result: MatrixOpResult }
  | { kind: 'det'; result: DeterminantResult; condition: ConditionResult }
  | { kind: 'inverse'; result: InverseResult; condition: ConditionResult }
  | { kind: 'solve'; result: SolveResult; condition: ConditionResult };

/** One recorded LU step shown with what it started from (`index` 0: nothing done yet). */
export interface Replay {
  steps: LuStep[];
  index: number;
  /** The working matrix before and after step `index` (equal at index 0). */
  before: Matrix;
  after: Matrix;
  /** The right-hand side B alongside (solve only), before and after. */
  rhsBefore: Matrix | null;
  rhsAfter: Matrix | null;
  step: LuStep | null;
}

export interface MatrixModel {
  state: MatrixState;
  a: Matrix;
  b: Matrix;
  issues: EntryCountIssue[];
  view: OpView;
  replay: Replay | null;
  /** P, L, U of A when A is square and the operation factors it. */
  factors: LuFactorization | null;
  /**
   * When B is a single column equal to A's row sums, the exact solution is all ones: the
   * largest |xᵢ − 1| of the computed X (the island shows how far rounding moved it).
   */
  onesError: number | null;
}

/** Entries row by row into rows × cols, as the editor shows them. */
export function toMatrix(values: readonly number[], rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => values[i * cols + j] ?? 0));
}

/** A matrix resized to rows × cols, keeping the entries that still fit and adding zeros. */
export function resized(values: readonly number[], rows: number, cols: number, newRows: number, newCols: number): number[] {
  const m = toMatrix(values, rows, cols);
  return toMatrix([], newRows, newCols).flatMap((row, i) => row.map((_, j) => m[i]?.[j] ?? 0));
}

/** Rounds to 10 significant digits: typed and pasted values stay short in a link and survive it unchanged. */
export function keepable(x: number): number {
  return Number(x.toPrecision(10));
}

function opView(state: MatrixState, a: ReadonlyMatrix, b: ReadonlyMatrix): OpView {
  switch (state.op) {
    case 'add':
      return { kind: 'arith', op: 'add', result: add(a, b) };
    case 'subtract':
      return { kind: 'arith', op: 'subtract', result: subtract(a, b) };
    case 'multiply':
      return { kind: 'arith', op: 'multiply', result: multiply(a, b) };
    case 'det':
      return { kind: 'det', result: determinant(a), condition: conditionNumber(a) };
    case 'inverse':
      return { kind: 'inverse', result: inverse(a), condition: conditionNumber(a) };
    case 'solve':
      return { kind: 'solve', result: solve(a, b), condition: conditionNumber(a) };
  }
}

function stepsOf(view: OpView): LuStep[] | null {
  if (view.kind === 'arith') return null;
  const result = view.result;
  if (result.ok) return result.steps;
  return result.code === 'singular' ? result.steps : null;
}

function replayOf(view: OpView, a: Matrix, b: Matrix, wanted: number): Replay | null {
  const steps = stepsOf(view);
  if (!steps) return null;
  const index = Math.min(Math.max(0, wanted), steps.length);
  const step = index > 0 ? (steps[index - 1] ?? null) : null;
  const after = step ? step.matrix : a;
  const before = index > 1 ? (steps[index - 2]?.matrix ?? a) : a;
  // B rides along only when it fits beside A (solve with the right number of rows).
  const rhs = view.kind === 'solve' && b.length === a.length ? replayRightHandSide(steps, b) : null;
  return {
    steps,
    index,
    before,
    after,
    rhsBefore: rhs ? (rhs[Math.max(0, index - 1)] ?? null) : null,
    rhsAfter: rhs ? (rhs[index] ?? null) : null,
    step,
  };
}

function onesError(view: OpView, a: Matrix, b: Matrix): number | null {
  if (view.kind !== 'solve' || !view.result.ok || b.length !== a.length || b[0]?.length !== 1) return null;
  const rowSums = a.every((row, i) => row.reduce((sum, x) => sum + x, 0) === b[i]?.[0]);
  return rowSums ? Math.max(...view.result.x.map((row) => Math.abs((row[0] ?? 0) - 1))) : null;
}

export function deriveMatrix(state: MatrixState): MatrixModel {
  const a = toMatrix(state.a, state.ar, state.ac);
  const b = toMatrix(state.b, state.br, state.bc);
  const issues: EntryCountIssue[] = [];
  if (state.a.length !== state.ar * state.ac) issues.push({ which: 'a', got: state.a.length, need: state.ar * state.ac });
  if (state.b.length !== state.br * state.bc) issues.push({ which: 'b', got: state.b.length, need: state.br * state.bc });
  const view = opView(state, a, b);
  const factored = view.kind !== 'arith' && state.ar === state.ac ? luFactor(a) : null;
  return {
    state,
    a,
    b,
    issues,
    view,
    replay: replayOf(view, a, b, state.step),
    factors: factored?.ok ? factored.lu : null,
    onesError: onesError(view, a, b),
  };
}
