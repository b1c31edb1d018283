import GLPK, { type LP } from 'glpk.js/node';
import type { LpProblem } from '../../src/lib/math/simplex';

/** GLPK (glpk.js), the independent reference the LP tests compare our simplex with, and textbook problems. */
export type Glpk = Awaited<ReturnType<typeof GLPK>>;
export const loadGlpk = (): Promise<Glpk> => GLPK();

/** Our problem in GLPK's terms: x ≥ 0, one row per constraint. */
export function toGlpk(glpk: Glpk, p: LpProblem): LP {
  const vars = (a: readonly number[]) => a.map((coef, j) => ({ name: `x${j}`, coef }));
  return {
    name: 'lp',
    objective: { direction: p.sense === 'max' ? glpk.GLP_MAX : glpk.GLP_MIN, name: 'z', vars: vars(p.objective) },
    subjectTo: p.constraints.map((c, i) => ({
      name: `r${i}`,
      vars: vars(c.coefficients),
      bnds:
        c.relation === '<='
          ? { type: glpk.GLP_UP, lb: 0, ub: c.rhs }
          : c.relation === '>='
            ? { type: glpk.GLP_LO, lb: c.rhs, ub: 0 }
            : { type: glpk.GLP_FX, lb: c.rhs, ub: c.rhs },
    })),
  };
}

/** Hillier & Lieberman's radiation-therapy problem: ≥ and = rows, optimum (7.5, 4.5) with 5.25. */
export const RADIATION_THERAPY: LpProblem = {
  sense: 'min',
  objective: [0.4, 0.5],
  constraints: [
    { coefficients: [0.3, 0.1], relation: '<=', rhs: 2.7 },
    { coefficients: [0.5, 0.5], relation: '=', rhs: 6 },
    { coefficients: [0.6, 0.4], relation: '>=', rhs: 6 },
  ],
};

/** Hillier & Lieberman, Introduction to Operations Research, §3.1 (Wyndor Glass Co.): optimum (2, 6) with 36. */
export const WYNDOR: LpProblem = {
  sense: 'max',
  objective: [3, 5],
  constraints: [
    { coefficients: [1, 0], relation: '<=', rhs: 4 },
    { coefficients: [0, 2], relation: '<=', rhs: 12 },
    { coefficients: [3, 2], relation: '<=', rhs: 18 },
  ],
};
