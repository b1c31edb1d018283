import type { Presets, Schema } from '../../../src/lib/state/codec';
import { CONSTRAINT_SET_NAMES, OBJECTIVE_NAMES } from '../../../src/lib/math/nonlinear-presets';

/**
 * URL state of the 4.3.2 nonlinear-programming island (`?nlp.objective=rosenbrock`).
 * The default is the nearest point of the unit disk to (2, 1): one active inequality,
 * a positive multiplier, and a start on the far side so the path crosses the disk.
 */
export const nlpSchema = {
  objective: { kind: 'enum', values: OBJECTIVE_NAMES, default: 'quadratic' },
  constraints: { kind: 'enum', values: CONSTRAINT_SET_NAMES, default: 'disk' },
  /** Centre of the quadratic f = (x − cx)² + (y − cy)². */
  cx: { kind: 'number', min: -4, max: 4, default: 2 },
  cy: { kind: 'number', min: -4, max: 4, default: 1 },
  /** The line x + y = b (or the half-plane x + y ≥ b). */
  b: { kind: 'number', min: -4, max: 4, default: 1 },
  /** Radius of the circle or disk about the origin; 0 is let through for the engine to refuse. */
  r: { kind: 'number', min: 0, max: 3, default: 1 },
  x0: { kind: 'number', min: -5, max: 5, default: -1.5 },
  y0: { kind: 'number', min: -5, max: 5, default: -1 },
  /** Initial penalty ρ of the augmented Lagrangian. */
  rho: { kind: 'number', min: 0.1, max: 10000, default: 10 },
  /** Most outer (multiplier) updates before the method gives up. */
  outer: { kind: 'int', min: 1, max: 60, default: 60 },
} as const satisfies Schema;

export const nlpPresets = {
  /** Erratum E10's problem: min x² + y² on the line x + y = 1. */
  line: { objective: 'quadratic', constraints: 'line', cx: 0, cy: 0, b: 1, x0: -1.5, y0: 2 },
  /** The default: the nearest point of the unit disk to (2, 1). */
  circle: { objective: 'quadratic', constraints: 'disk', cx: 2, cy: 1, r: 1, x0: -1.5, y0: -1 },
  /** Rosenbrock's valley cut off by the unit disk (the MathWorks fmincon example). */
  'rosenbrock-disk': { objective: 'rosenbrock', constraints: 'disk', r: 1, x0: -1.5, y0: -1 },
  /** x² − y² from a start on the x axis: the method stops at the saddle (E9). */
  saddle: { objective: 'saddle', constraints: 'none', x0: 1.5, y0: 0 },
} as const satisfies Presets<typeof nlpSchema>;
