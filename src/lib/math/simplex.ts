/**
 * Linear programming (4.3.1, erratum E8): optimize cᵀx subject to rows aᵢᵀx (≤ | ≥ | =) bᵢ
 * and x ≥ 0, by the two-phase simplex method on a dense tableau. Bland's rule (smallest
 * index enters, smallest index leaves among tied ratios) cannot cycle; Dantzig's
 * largest-coefficient rule is offered only to show that it can, and stops with
 * status 'cycling' when a basis repeats.
 *
 * Every pivot is returned with the basic solution after it, in the original variables,
 * so a 2-variable problem can be drawn as a path of vertices starting at x = 0 (all
 * original variables start nonbasic).
 */
export type Relation = '<=' | '>=' | '=';

export interface LpConstraint {
  readonly coefficients: readonly number[];
  readonly relation: Relation;
  readonly rhs: number;
}

export interface LpProblem {
  readonly sense: 'max' | 'min';
  readonly objective: readonly number[];
  readonly constraints: readonly LpConstraint[];
}

export interface SimplexOptions {
  readonly rule?: 'bland' | 'dantzig';
  /** Pivot-element and reduced-cost tolerance (default 1e-9). */
  readonly tolerance?: number;
  readonly maxPivots?: number;
}

/** What a tableau column stands for: xⱼ, or the slack/surplus/artificial of row `index`. */
export interface TableauVariable {
  readonly kind: 'decision' | 'slack' | 'surplus' | 'artificial';
  readonly index: number;
}

export interface SimplexPivot {
  readonly phase: 1 | 2;
  /** Tableau column that enters / leaves the basis (see `variables`). */
  readonly entering: number;
  readonly leaving: number;
  readonly row: number;
  /** Step length along the edge; 0 for a degenerate pivot. */
  readonly ratio: number;
  /** Basic solution after the pivot, original variables only. */
  readonly x: number[];
  /** cᵀx at that solution, in the problem's own sense. */
  readonly objective: number;
  /** Sum of the artificial variables (the phase-1 objective); 0 in phase 2. */
  readonly infeasibility: number;
  readonly basis: number[];
}

interface Common {
  readonly steps: SimplexPivot[];
  readonly variables: TableauVariable[];
  /** Some basic variable was zero at a visited basic solution. */
  readonly degenerate: boolean;
}

export type SimplexResult =
  | (Common & { status: 'optimal'; x: number[]; objective: number; basis: number[]; slack: number[] })
  | (Common & { status: 'infeasible'; phase1Objective: number })
  | (Common & {
      status: 'unbounded';
      /** The vertex the improving ray leaves from, and its direction (original variables). */
      x: number[];
      direction: number[];
      /** Change of cᵀx per unit step along `direction` (problem's sense). */
      rate: number;
      entering: number;
    })
  | (Common & { status: 'cycling' | 'pivot-limit'; x: number[] })
  | { status: 'invalid'; code: 'no-variables' | 'row-length' | 'not-finite'; row?: number };

export function validateLp(p: LpProblem): SimplexResult | null {
  const n = p.objective.length;
  if (n === 0) return { status: 'invalid', code: 'no-variables' };
  if (!p.objective.every(Number.isFinite)) return { status: 'invalid', code: 'not-finite' };
  for (const [row, c] of p.constraints.entries()) {
    if (c.coefficients.length !== n) return { status: 'invalid', code: 'row-length', row };
    if (!c.coefficients.every(Number.isFinite) || !Number.isFinite(c.rhs)) {
      return { status: 'invalid', code: 'not-finite', row };
    }
  }
  return null;
}

interface Tableau {
  /** m rows of [coefficients…, rhs]. */
  t: number[][];
  basis: number[];
  variables: TableauVariable[];
  n: number;
}

function buildTableau(p: LpProblem): Tableau {
  const n = p.objective.length;
  // Rows with a negative right-hand side are negated first, so that b ≥ 0.
  const rowsIn = p.constraints.map((c) => {
    const flip = c.rhs < 0;
    const relation: Relation = !flip || c.relation === '=' ? c.relation : c.relation === '<=' ? '>=' : '<=';
    return { a: c.coefficients.map((v) => (flip ? -v : v)), b: Math.abs(c.rhs), relation };
  });
  const variables: TableauVariable[] = Array.from({ length: n }, (_, index) => ({ kind: 'decision', index }));
  const extra: { row: number; kind: TableauVariable['kind']; sign: number }[] = [];
  rowsIn.forEach((r, row) => {
    if (r.relation === '<=') extra.push({ row, kind: 'slack', sign: 1 });
    if (r.relation === '>=') extra.push({ row, kind: 'surplus', sign: -1 });
  });
  rowsIn.forEach((r, row) => {
    if (r.relation !== '<=') extra.push({ row, kind: 'artificial', sign: 1 });
  });
  for (const e of extra) variables.push({ kind: e.kind, index: e.row });
  const basis = new Array<number>(rowsIn.length).fill(-1);
  const t = rowsIn.map((r, row) => {
    const line = [...r.a, ...new Array<number>(extra.length + 1).fill(0)];
    extra.forEach((e, k) => {
      if (e.row !== row) return;
      line[n + k] = e.sign;
      if (e.kind !== 'surplus') basis[row] = n + k;
    });
    line[line.length - 1] = r.b;
    return line;
  });
  return { t, basis, variables, n };
}

const rhsOf = (line: readonly number[]): number => line[line.length - 1] as number;

function pivot(tab: Tableau, cost: number[], row: number, col: number): void {
  const pr = tab.t[row] as number[];
  const pv = pr[col] as number;
  for (let j = 0; j < pr.length; j++) pr[j] = (pr[j] as number) / pv;
  const eliminate = (line: number[]): void => {
    const f = line[col] as number;
    if (f === 0) return;
    for (let j = 0; j < line.length; j++) line[j] = (line[j] as number) - f * (pr[j] as number);
    line[col] = 0;
  };
  tab.t.forEach((line, i) => i !== row && eliminate(line));
  eliminate(cost);
  tab.basis[row] = col;
  // Round-off can leave a basic value at −1e-17; a basic solution is never negative.
  for (const line of tab.t) if (rhsOf(line) < 0 && rhsOf(line) > -1e-11) line[line.length - 1] = 0;
}

/** Original variables of the current basic solution. */
function basicX(tab: Tableau): number[] {
  const x = new Array<number>(tab.n).fill(0);
  tab.basis.forEach((col, i) => {
    if (col < tab.n) x[col] = rhsOf(tab.t[i] as number[]);
  });
  return x;
}

/** Reduced-cost row [d₁…d_N, −z] for minimizing `c` over the current basis. */
function costRow(tab: Tableau, c: readonly number[]): number[] {
  const width = tab.t[0]?.length ?? tab.variables.length + 1;
  const row = [...c, ...new Array<number>(width - c.length).fill(0)];
  tab.basis.forEach((col, i) => {
    const cb = c[col] ?? 0;
    if (cb === 0) return;
    const line = tab.t[i] as number[];
    for (let j = 0; j < width; j++) row[j] = (row[j] as number) - cb * (line[j] as number);
  });
  return row;
}

interface RunOutcome {
  kind: 'optimal' | 'unbounded' | 'cycling' | 'pivot-limit';
  entering?: number;
}

export function solveLp(p: LpProblem, options: SimplexOptions = {}): SimplexResult {
  const invalid = validateLp(p);
  if (invalid) return invalid;
  const tol = options.tolerance ?? 1e-9;
  const rule = options.rule ?? 'bland';
  const maxPivots = options.maxPivots ?? 5000;
  const tab = buildTableau(p);
  const { n, variables } = tab;
  const isArtificial = (j: number): boolean => variables[j]?.kind === 'artificial';
  const userC = p.objective;
  const minC = userC.map((v) => (p.sense === 'max' ? -v : v));
  const steps: SimplexPivot[] = [];
  let degenerate = false;
  const noteDegeneracy = (): void => {
    if (tab.t.some((line) => Math.abs(rhsOf(line)) <= tol)) degenerate = true;
  };
  const artificialSum = (): number =>
    tab.basis.reduce((s, col, i) => (isArtificial(col) ? s + rhsOf(tab.t[i] as number[]) : s), 0);
  const userObjective = (x: readonly number[]): number => x.reduce((s, v, j) => s + v * (userC[j] as number), 0);

  const doPivot = (phase: 1 | 2, cost: number[], row: number, col: number): void => {
    const leaving = tab.basis[row] as number;
    const ratio = rhsOf(tab.t[row] as number[]) / ((tab.t[row] as number[])[col] as number);
    pivot(tab, cost, row, col);
    const x = basicX(tab);
    steps.push({
      phase,
      entering: col,
      leaving,
      row,
      ratio,
      x,
      objective: userObjective(x),
      infeasibility: phase === 1 ? artificialSum() : 0,
      basis: [...tab.basis],
    });
    noteDegeneracy();
  };

  const run = (phase: 1 | 2, cost: number[], allowed: (j: number) => boolean): RunOutcome => {
    const seen = new Set<string>();
    for (;;) {
      if (steps.length >= maxPivots) return { kind: 'pivot-limit' };
      const key = [...tab.basis].sort((a, b) => a - b).join(',');
      if (rule === 'dantzig' && seen.has(key)) return { kind: 'cycling' };
      seen.add(key);
      let col = -1;
      for (let j = 0; j < variables.length; j++) {
        const d = cost[j] as number;
        if (!allowed(j) || d >= -tol) continue;
        if (col < 0) col = j;
        if (rule === 'bland') break;
        if (d < (cost[col] as number)) col = j;
      }
      if (col < 0) return { kind: 'optimal' };
      let row = -1;
      let best = Infinity;
      tab.t.forEach((line, i) => {
        const a = line[col] as number;
        if (a <= tol) return;
        const r = rhsOf(line) / a;
        const tie = Math.abs(r - best) <= tol * (1 + Math.abs(best));
        if (row < 0 || (r < best && !tie)) {
          row = i;
          best = r;
        } else if (tie && (tab.basis[i] as number) < (tab.basis[row] as number)) {
          row = i;
        }
      });
      if (row < 0) return { kind: 'unbounded', entering: col };
      doPivot(phase, cost, row, col);
    }
  };

  noteDegeneracy();
  const common = (): Common => ({ steps, variables, degenerate });
  const stopped = (kind: 'cycling' | 'pivot-limit'): SimplexResult => ({ ...common(), status: kind, x: basicX(tab) });

  if (variables.some((_, j) => isArtificial(j))) {
    const phase1 = costRow(
      tab,
      variables.map((_, j) => (isArtificial(j) ? 1 : 0)),
    );
    const out = run(1, phase1, () => true);
    if (out.kind === 'cycling' || out.kind === 'pivot-limit') return stopped(out.kind);
    const w = artificialSum();
    if (w > tol * Math.max(1, ...tab.t.map((l) => Math.abs(rhsOf(l))))) {
      return { ...common(), status: 'infeasible', phase1Objective: w };
    }
    // Artificials still basic (at zero) are pivoted out; a row with no other
    // nonzero entry is redundant and dropped.
    for (let i = tab.t.length - 1; i >= 0; i--) {
      if (!isArtificial(tab.basis[i] as number)) continue;
      const line = tab.t[i] as number[];
      const col = line.findIndex((v, j) => j < variables.length && !isArtificial(j) && Math.abs(v) > tol);
      if (col >= 0) doPivot(1, phase1, i, col);
      else {
        tab.t.splice(i, 1);
        tab.basis.splice(i, 1);
      }
    }
  }

  const cost = costRow(tab, minC);
  const out = run(2, cost, (j) => !isArtificial(j));
  if (out.kind === 'cycling' || out.kind === 'pivot-limit') return stopped(out.kind);
  const x = basicX(tab);
  if (out.kind === 'unbounded' && out.entering !== undefined) {
    const e = out.entering;
    const direction = new Array<number>(n).fill(0);
    if (e < n) direction[e] = 1;
    tab.basis.forEach((col, i) => {
      if (col < n) direction[col] = -((tab.t[i] as number[])[e] as number);
    });
    return { ...common(), status: 'unbounded', x, direction, rate: userObjective(direction), entering: e };
  }
  const slack = p.constraints.map((c) => {
    const lhs = c.coefficients.reduce((s, v, j) => s + v * (x[j] as number), 0);
    return c.relation === '>=' ? lhs - c.rhs : c.rhs - lhs;
  });
  return { ...common(), status: 'optimal', x, objective: userObjective(x), basis: [...tab.basis], slack };
}

/** The basic solutions visited, starting with x = 0 (original variables). */
export function simplexPath(result: SimplexResult, variableCount: number): number[][] {
  if (result.status === 'invalid') return [];
  return [new Array<number>(variableCount).fill(0), ...result.steps.map((s) => s.x)];
}
