import { makeSurface, surfaceGrid, type Point, type Surface } from '../../../src/lib/ml/surfaces';
import { RACER_IDS, runRace, type RaceResult, type RaceSettings, type RacerId, type RacerResult } from '../../../src/lib/ml/race';
import type { StateOf } from '../../../src/lib/state/codec';
import type { raceSchema } from './schema';

export type RaceState = StateOf<typeof raceSchema>;

/** Each racer's colour class (island.css: ml-series--1 … 6) and dash pattern, fixed so a racer looks the same in every chart. */
export const RACER_LOOK: Record<RacerId, { series: number; dash: string }> = {
  'batch-gd': { series: 2, dash: '' },
  sgd: { series: 3, dash: '2 3' },
  minibatch: { series: 6, dash: '7 3' },
  momentum: { series: 4, dash: '' },
  rmsprop: { series: 5, dash: '9 3 2 3' },
  adam: { series: 1, dash: '' },
};

/** Grid points per side of the contour field. */
export const GRID = 72;
/** Smallest loss gap drawn on the log axis (a racer sitting exactly on the minimum). */
export const GAP_FLOOR = 1e-10;

export type StartProblem = { code: 'start-incomplete' } | { code: 'start-outside'; x: number; y: number } | null;

export interface RaceModel {
  state: RaceState;
  surface: Surface;
  settings: RaceSettings;
  race: RaceResult;
  start: Point;
  startProblem: StartProblem;
  /** Racers drawn (not switched off by the reader), in RACER_IDS order. */
  visible: RacerResult[];
  /** How losses are drawn: log₁₀ of the gap to the minimum, or the value itself (the saddle has no minimum). */
  lossScale: 'gap' | 'value';
  contour: { values: Float64Array; nx: number; ny: number; thresholds: number[] };
  /** The longest racer's step count: where the animation ends. */
  lastStep: number;
}

const inView = (surface: Surface, [x, y]: Point) =>
  x >= surface.view.xMin && x <= surface.view.xMax && y >= surface.view.yMin && y <= surface.view.yMax;

/** The surface a state describes (κ only matters for the bowl; the regression's data is fixed). */
export function surfaceOf(state: Pick<RaceState, 'surface' | 'kappa'>): Surface {
  return makeSurface(state.surface, { condition: state.kappa });
}

/** The start the reader set, if it is a point inside the view; else the surface's own, with the reason. */
export function startOf(surface: Surface, start: readonly number[]): { start: Point; problem: StartProblem } {
  if (start.length === 0) return { start: surface.start, problem: null };
  const [x, y] = start;
  if (x === undefined || y === undefined) return { start: surface.start, problem: { code: 'start-incomplete' } };
  if (!inView(surface, [x, y])) return { start: surface.start, problem: { code: 'start-outside', x, y } };
  return { start: [x, y], problem: null };
}

export function settingsOf(state: RaceState, start: Point): RaceSettings {
  return {
    steps: state.steps,
    lr: state.lr,
    batchSize: state.batch,
    momentum: state.momentum,
    rho: state.rho,
    beta1: state.beta1,
    beta2: state.beta2,
    epsilon: state.eps,
    seed: state.seed,
    adaptiveBatch: state.adaptive,
    start,
  };
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? 0;
}

/**
 * Contour levels: log-spaced in the gap to the minimum where there is one (the bowl's
 * inner ellipses and Rosenbrock's valley floor show), evenly spaced for the saddle.
 */
export function contourThresholds(surface: Surface, values: Float64Array, levels = 12): number[] {
  const sorted = Float64Array.from(values).sort();
  if (!surface.minimum) {
    const lo = quantile(sorted, 0.02);
    const hi = quantile(sorted, 0.98);
    return Array.from({ length: levels }, (_, i) => lo + ((i + 0.5) * (hi - lo)) / levels);
  }
  const best = surface.minimum.value;
  const lo = Math.max(quantile(sorted, 0.003) - best, 1e-6);
  const hi = Math.max(quantile(sorted, 0.97) - best, lo * 10);
  const ratio = Math.log(hi / lo);
  return Array.from({ length: levels }, (_, i) => best + lo * Math.exp((i * ratio) / (levels - 1)));
}

/** The y value a loss is drawn at. */
export function lossY(model: Pick<RaceModel, 'lossScale' | 'surface'>, loss: number): number {
  if (model.lossScale === 'value') return loss;
  return Math.log10(Math.max(loss - (model.surface.minimum?.value ?? 0), GAP_FLOOR));
}

export function deriveRace(state: RaceState): RaceModel {
  const surface = surfaceOf(state);
  const { start, problem } = startOf(surface, state.start);
  const settings = settingsOf(state, start);
  const race = runRace(surface, settings);
  const off = new Set(state.off);
  const visible = race.racers.filter((r) => !off.has(RACER_IDS.indexOf(r.id) + 1));
  const values = surfaceGrid(surface, surface.view, GRID);
  return {
    state,
    surface,
    settings,
    race,
    start,
    startProblem: problem,
    visible,
    lossScale: surface.minimum ? 'gap' : 'value',
    contour: { values, nx: GRID, ny: GRID, thresholds: contourThresholds(surface, values) },
    lastStep: Math.max(0, ...race.racers.map((r) => r.points.length - 1)),
  };
}

/** The state fields the race depends on: the model is recomputed only when one of them changes. */
export function raceKey(state: RaceState): string {
  const { surface, kappa, lr, steps, batch, adaptive, momentum, rho, beta1, beta2, eps, seed, start, off } = state;
  return JSON.stringify([surface, kappa, lr, steps, batch, adaptive, momentum, rho, beta1, beta2, eps, seed, start, off]);
}

/** Where a racer is at animation step `t` (it stays where it stopped). */
export function positionAt(racer: RacerResult, t: number): { index: number; point: Point; loss: number; evaluations: number } {
  const index = Math.max(0, Math.min(t, racer.points.length - 1));
  return { index, point: racer.points[index] ?? [0, 0], loss: racer.losses[index] ?? 0, evaluations: racer.evaluations[index] ?? 0 };
}
