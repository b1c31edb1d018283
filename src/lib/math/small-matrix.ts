/**
 * Dense helpers for the small matrices of chapter 4 (LQR, Newton steps): plain
 * `number[][]`, row-major, sizes up to a handful. Callers check shapes first; these
 * throw `RangeError` only for a programmer's mismatch.
 */
export type Matrix = number[][];
export type ReadonlyMatrix = readonly (readonly number[])[];

export function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) (m[i] as number[])[i] = 1;
  return m;
}

export function copy(a: ReadonlyMatrix): Matrix {
  return a.map((row) => [...row]);
}

/** Entry (i, j), with the bounds the caller already guarantees. */
export function at(a: ReadonlyMatrix, i: number, j: number): number {
  return (a[i] as readonly number[])[j] as number;
}

export function rows(a: ReadonlyMatrix): number {
  return a.length;
}

export function cols(a: ReadonlyMatrix): number {
  return a[0]?.length ?? 0;
}

export function transpose(a: ReadonlyMatrix): Matrix {
  const out = zeros(cols(a), rows(a));
  a.forEach((row, i) => row.forEach((v, j) => ((out[j] as number[])[i] = v)));
  return out;
}

export function multiply(a: ReadonlyMatrix, b: ReadonlyMatrix): Matrix {
  const n = rows(a);
  const inner = cols(a);
  const m = cols(b);
  if (rows(b) !== inner) throw new RangeError(`multiply: ${n}x${inner} times ${rows(b)}x${m}`);
  const out = zeros(n, m);
  for (let i = 0; i < n; i++) {
    const row = out[i] as number[];
    for (let k = 0; k < inner; k++) {
      const aik = at(a, i, k);
      if (aik === 0) continue;
      const bk = b[k] as readonly number[];
      for (let j = 0; j < m; j++) row[j] = (row[j] as number) + aik * (bk[j] as number);
    }
  }
  return out;
}

function combine(a: ReadonlyMatrix, b: ReadonlyMatrix, sign: 1 | -1): Matrix {
  if (rows(a) !== rows(b) || cols(a) !== cols(b)) throw new RangeError('add: shape mismatch');
  return a.map((row, i) => row.map((v, j) => v + sign * at(b, i, j)));
}

export function add(a: ReadonlyMatrix, b: ReadonlyMatrix): Matrix {
  return combine(a, b, 1);
}

export function subtract(a: ReadonlyMatrix, b: ReadonlyMatrix): Matrix {
  return combine(a, b, -1);
}

export function scale(a: ReadonlyMatrix, s: number): Matrix {
  return a.map((row) => row.map((v) => v * s));
}

export function matVec(a: ReadonlyMatrix, x: readonly number[]): number[] {
  if (cols(a) !== x.length && rows(a) > 0) throw new RangeError('matVec: shape mismatch');
  return a.map((row) => row.reduce((s, v, j) => s + v * (x[j] as number), 0));
}

export function dot(x: readonly number[], y: readonly number[]): number {
  return x.reduce((s, v, i) => s + v * (y[i] as number), 0);
}

/** xᵀ M x. */
export function quadraticForm(m: ReadonlyMatrix, x: readonly number[]): number {
  return dot(x, matVec(m, x));
}

export function maxAbs(a: ReadonlyMatrix): number {
  return a.reduce((mx, row) => row.reduce((r, v) => Math.max(r, Math.abs(v)), mx), 0);
}

export function isFiniteMatrix(a: ReadonlyMatrix): boolean {
  return a.every((row) => row.every((v) => Number.isFinite(v)));
}

/** (A + Aᵀ)/2: removes the round-off asymmetry of Riccati updates. */
export function symmetrize(a: ReadonlyMatrix): Matrix {
  return a.map((row, i) => row.map((v, j) => (v + at(a, j, i)) / 2));
}

export function isSymmetric(a: ReadonlyMatrix, tolerance = 1e-12): boolean {
  const scaleBy = Math.max(1, maxAbs(a));
  return a.every((row, i) => row.every((v, j) => Math.abs(v - at(a, j, i)) <= tolerance * scaleBy));
}

/**
 * Solves A X = B by Gaussian elimination with partial pivoting; `null` when A is
 * singular to working precision.
 */
export function solve(a: ReadonlyMatrix, b: ReadonlyMatrix): Matrix | null {
  const n = rows(a);
  if (cols(a) !== n || rows(b) !== n) throw new RangeError('solve: shape mismatch');
  const m = cols(b);
  const lhs = copy(a);
  const rhs = copy(b);
  const tiny = 1e-13 * Math.max(1e-300, maxAbs(a));
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(at(lhs, r, c)) > Math.abs(at(lhs, p, c))) p = r;
    if (Math.abs(at(lhs, p, c)) <= tiny) return null;
    [lhs[c], lhs[p]] = [lhs[p] as number[], lhs[c] as number[]];
    [rhs[c], rhs[p]] = [rhs[p] as number[], rhs[c] as number[]];
    const pivotRow = lhs[c] as number[];
    const pivotRhs = rhs[c] as number[];
    const pivot = pivotRow[c] as number;
    for (let r = c + 1; r < n; r++) {
      const row = lhs[r] as number[];
      const f = (row[c] as number) / pivot;
      if (f === 0) continue;
      for (let j = c; j < n; j++) row[j] = (row[j] as number) - f * (pivotRow[j] as number);
      const rr = rhs[r] as number[];
      for (let j = 0; j < m; j++) rr[j] = (rr[j] as number) - f * (pivotRhs[j] as number);
    }
  }
  const x = zeros(n, m);
  for (let r = n - 1; r >= 0; r--) {
    for (let j = 0; j < m; j++) {
      let s = at(rhs, r, j);
      for (let k = r + 1; k < n; k++) s -= at(lhs, r, k) * at(x, k, j);
      (x[r] as number[])[j] = s / at(lhs, r, r);
    }
  }
  return x;
}

/**
 * Eigenvalues of a symmetric matrix by cyclic Jacobi rotations, ascending. Used to test
 * weights for (semi)definiteness.
 */
export function symmetricEigenvalues(a: ReadonlyMatrix): number[] {
  const n = rows(a);
  const m = symmetrize(a);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += at(m, i, j) ** 2;
    if (off <= 1e-30 * Math.max(1e-300, maxAbs(m) ** 2)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = at(m, p, q);
        if (apq === 0) continue;
        const theta = (at(m, q, q) - at(m, p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = at(m, k, p);
          const mkq = at(m, k, q);
          (m[k] as number[])[p] = c * mkp - s * mkq;
          (m[k] as number[])[q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = at(m, p, k);
          const mqk = at(m, q, k);
          (m[p] as number[])[k] = c * mpk - s * mqk;
          (m[q] as number[])[k] = s * mpk + c * mqk;
        }
      }
    }
  }
  return m.map((row, i) => row[i] as number).sort((x, y) => x - y);
}

/**
 * Spectral radius max |eigenvalue| by Gelfand's formula ρ(M) = lim ‖M^k‖^{1/k}, with
 * k = 2^j reached by repeated squaring; each square is rescaled to norm 1 and the
 * logarithms of the scales are accumulated, so nothing overflows.
 */
export function spectralRadius(a: ReadonlyMatrix): number {
  let m = copy(a);
  let logNorm = 0;
  let power = 1;
  for (let j = 0; j < 60; j++) {
    const norm = frobenius(m);
    if (norm === 0) return 0;
    logNorm += Math.log(norm) / power;
    m = scale(m, 1 / norm);
    m = multiply(m, m);
    power *= 2;
  }
  const last = frobenius(m);
  return last === 0 ? 0 : Math.exp(logNorm + Math.log(last) / power);
}

export function frobenius(a: ReadonlyMatrix): number {
  return Math.sqrt(a.reduce((s, row) => row.reduce((r, v) => r + v * v, s), 0));
}
