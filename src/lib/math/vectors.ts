/**
 * Plane vectors for chapter 4.1.2: sum, difference, scalar multiple, dot product, norms,
 * the angle between two vectors and the projection of one onto another. Everything is
 * plain numbers; a zero vector (no direction) is a code, never NaN.
 */

export interface Vec2 {
  readonly x: number;
  readonly y: number;
}

export function vec(x: number, y: number): Vec2 {
  return { x, y };
}

export function add(a: Vec2, b: Vec2): Vec2 {
  return { x: a.x + b.x, y: a.y + b.y };
}

export function subtract(a: Vec2, b: Vec2): Vec2 {
  return { x: a.x - b.x, y: a.y - b.y };
}

export function scale(k: number, a: Vec2): Vec2 {
  return { x: k * a.x, y: k * a.y };
}

export function dot(a: Vec2, b: Vec2): number {
  return a.x * b.x + a.y * b.y;
}

/** The z-component of a × b: positive when b lies counter-clockwise of a. */
export function cross(a: Vec2, b: Vec2): number {
  return a.x * b.y - a.y * b.x;
}

export interface Norms {
  /** |x| + |y| */
  l1: number;
  /** √(x² + y²), the length. */
  l2: number;
  /** max(|x|, |y|) */
  inf: number;
}

export function norms(a: Vec2): Norms {
  return { l1: Math.abs(a.x) + Math.abs(a.y), l2: Math.hypot(a.x, a.y), inf: Math.max(Math.abs(a.x), Math.abs(a.y)) };
}

export function length(a: Vec2): number {
  return Math.hypot(a.x, a.y);
}

export type ZeroVector = { ok: false; code: 'zero-vector'; which: 'a' | 'b' | 'both' };

function zeroCheck(a: Vec2, b: Vec2): ZeroVector | null {
  const aZero = a.x === 0 && a.y === 0;
  const bZero = b.x === 0 && b.y === 0;
  if (aZero && bZero) return { ok: false, code: 'zero-vector', which: 'both' };
  if (aZero) return { ok: false, code: 'zero-vector', which: 'a' };
  if (bZero) return { ok: false, code: 'zero-vector', which: 'b' };
  return null;
}

export type AngleResult =
  | {
      ok: true;
      /** In [0, 180]. */
      degrees: number;
      radians: number;
      /** cos θ = a·b / (|a||b|), clamped to [−1, 1]. */
      cos: number;
      /** Angle measured from a to b counter-clockwise, in (−180, 180]. */
      signedDegrees: number;
    }
  | ZeroVector;

/** Uses atan2(|a×b|, a·b), which stays accurate for nearly parallel vectors where acos does not. */
export function angleBetween(a: Vec2, b: Vec2): AngleResult {
  const zero = zeroCheck(a, b);
  if (zero) return zero;
  const d = dot(a, b);
  const c = cross(a, b);
  const radians = Math.atan2(Math.abs(c), d);
  const signed = Math.atan2(c, d);
  const cos = Math.min(1, Math.max(-1, d / (length(a) * length(b))));
  return { ok: true, degrees: (radians * 180) / Math.PI, radians, cos, signedDegrees: (signed * 180) / Math.PI };
}

export type ProjectionResult =
  | {
      ok: true;
      /** proj_b a = (a·b / b·b) b */
      vector: Vec2;
      /** The signed length of the projection, a·b / |b| (the scalar projection). */
      scalar: number;
      /** a·b / b·b: the projection as a multiple of b. */
      coefficient: number;
      /** a − proj_b a, perpendicular to b. */
      rejection: Vec2;
    }
  | ZeroVector;

/** The projection of a onto b; only b must be non-zero. */
export function project(a: Vec2, onto: Vec2): ProjectionResult {
  if (onto.x === 0 && onto.y === 0) return { ok: false, code: 'zero-vector', which: 'b' };
  const lengthB = length(onto);
  // Dividing by |b| twice instead of by b·b keeps tiny and huge b out of under/overflow.
  const scalar = dot(a, onto) / lengthB;
  const coefficient = scalar / lengthB;
  const vector = scale(coefficient, onto);
  return { ok: true, vector, scalar, coefficient, rejection: subtract(a, vector) };
}
