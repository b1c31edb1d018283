/**
 * The special functions behind chapter 4.2's distributions, to near double precision:
 * log Γ, Stirling's error term, the deviance term of the saddle-point formulas, and
 * erf / erfc with full relative accuracy in the tails.
 */

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const SQRT_PI = Math.sqrt(Math.PI);

/** Coefficients B₂ₖ / (2k(2k − 1)) of Stirling's series, k = 1…8. */
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
] as const;

/** Σ STIRLING[k] / z^(2k+1): the asymptotic tail of log Γ(z), used for z ≥ 15. */
function stirlingSeries(z: number): number {
  const z2 = 1 / (z * z);
  let sum = 0;
  for (let k = STIRLING.length - 1; k >= 0; k -= 1) sum = sum * z2 + (STIRLING[k] ?? 0);
  return sum / z;
}

/**
 * log Γ(x) for x > 0: Stirling's series once x ≥ 15 (truncation error below 1e-19),
 * below that the recurrence Γ(x) = Γ(x + m) / (x (x+1) … (x+m−1)).
 */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs a finite x > 0, got ${x}`);
  let shift = 0;
  let product = 1;
  let z = x;
  while (z < 15) {
    product *= z;
    z += 1;
    shift += 1;
  }
  const value = (z - 0.5) * Math.log(z) - z + HALF_LOG_2PI + stirlingSeries(z);
  return shift === 0 ? value : value - Math.log(product);
}

/** log n! for a non-negative integer n (exact products up to 20!, then log Γ). */
export function logFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`logFactorial needs an integer n ≥ 0, got ${n}`);
  if (n <= 20) {
    let product = 1;
    for (let i = 2; i <= n; i += 1) product *= i;
    return Math.log(product);
  }
  return logGamma(n + 1);
}

/**
 * δ(n) = log n! − [(n + ½) log n − n + ½ log 2π], the error of Stirling's formula, for real
 * n ≥ 1. Computed without cancellation: for n < 15 by δ(j) − δ(j+1) = atanh(t)/t − 1 with
 * t = 1/(2j+1), a series of positive terms t²/3 + t⁴/5 + …; from 15 on by Stirling's series.
 */
export function stirlingError(n: number): number {
  if (!(n >= 1) || !Number.isFinite(n)) throw new RangeError(`stirlingError needs n ≥ 1, got ${n}`);
  let sum = 0;
  let j = n;
  while (j < 15) {
    const t = 1 / (2 * j + 1);
    const t2 = t * t;
    let power = t2;
    let term = 0;
    for (let i = 3; power > 1e-18 * t2; i += 2) {
      term += power / i;
      power *= t2;
    }
    sum += term;
    j += 1;
  }
  return sum + stirlingSeries(j);
}

/**
 * The deviance term D(x, m) = x log(x / m) + m − x ≥ 0 of the saddle-point formulas
 * (x ≥ 0, m > 0). When x is near m the direct form cancels; there it is computed as
 * (x − m)v + 2x(v³/3 + v⁵/5 + …) with v = (x − m)/(x + m).
 */
export function deviance(x: number, m: number): number {
  if (x === 0) return m;
  const diff = x - m;
  if (Math.abs(diff) < 0.1 * (x + m)) {
    const v = diff / (x + m);
    const v2 = v * v;
    let power = v * v2;
    let series = 0;
    for (let i = 3; ; i += 2) {
      const term = power / i;
      const next = series + term;
      if (next === series) break;
      series = next;
      power *= v2;
    }
    return diff * v + 2 * x * series;
  }
  return x * Math.log(x / m) + m - x;
}

/** erf on |x| < 1.25 from 2/√π · e^(−x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), all terms positive. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n += 1) {
    term *= (2 * x2) / (2 * n + 1);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/**
 * e^(x²) erfc(x) for x ≥ 1.25, from the continued fraction of the upper incomplete gamma
 * function (erfc(x) = Γ(½, x²)/√π and Γ(a, z) = e^(−z) z^a / (z + 1 − a − 1(1−a)/(z + 3 − a −
 * 2(2−a)/(z + 5 − a − …)))), evaluated with Lentz's method.
 */
function erfcScaled(x: number): number {
  const z = x * x;
  const a = 0.5;
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (x * h) / SQRT_PI;
}

/**
 * e^(−s·x²) for s = 1 or ½ without the rounding of x² in the exponent (which would cost
 * ~x²ε relative): x = hi + lo with hi a multiple of 1/16, so hi² is exact.
 */
function expNegSquare(x: number, s: 1 | 0.5): number {
  const hi = Math.trunc(x * 16) / 16;
  const lo = x - hi;
  return Math.exp(-s * hi * hi) * Math.exp(-s * lo * (x + hi));
}

export function erf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('erf of NaN');
  if (Math.abs(x) < 1.25) return erfSeries(x);
  const tail = erfc(Math.abs(x));
  return x > 0 ? 1 - tail : tail - 1;
}

/** 1 − erf(x), with full relative accuracy as it goes to 0 (it underflows past x ≈ 27.2). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('erfc of NaN');
  if (x < 1.25) return x > -1.25 ? 1 - erfSeries(x) : 2 - erfc(-x);
  if (x > 27.3) return 0;
  return expNegSquare(x, 1) * erfcScaled(x);
}

const SQRT_HALF = Math.SQRT1_2;

/**
 * Q(t) = P(Z > t) for a standard normal Z, to full relative accuracy in the upper tail
 * (Φ(x) = Q(−x)). Far out it uses e^(−t²/2) directly, not erfc(t/√2), since rounding t/√2
 * would cost ~t²ε.
 */
export function normalTail(t: number): number {
  if (Number.isNaN(t)) throw new RangeError('normalTail of NaN');
  const threshold = 1.25 * Math.SQRT2;
  if (t < -threshold) return 1 - normalTail(-t);
  if (t <= threshold) return 0.5 * erfc(t * SQRT_HALF);
  if (t > 38.7) return 0;
  return 0.5 * expNegSquare(t, 0.5) * erfcScaled(t * SQRT_HALF);
}
