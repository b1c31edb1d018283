import { gemmFlops, gemmPoint, gemmSizes, type GemmPoint } from '../../../src/lib/math/gemm';
import type { BackendDecision } from '../../../src/tf/backends';
import type { GemmEvent } from '../../../src/workers/features/gemm-api';
import type { StateOf } from '../../../src/lib/state/codec';
import type { gemmSchema } from './schema';

export type GemmState = StateOf<typeof gemmSchema>;
export type Part = 'js' | 'tf';

/** Where a measurement stands: nothing runs until the reader presses the button. */
export interface GemmRun {
  status: 'idle' | 'running' | 'finished' | 'stopped';
  /** The size being measured now, and how far (JS: the share of rows done). */
  current: { part: Part; n: number; fraction: number } | null;
  js: GemmPoint[];
  tf: GemmPoint[];
  /** A size skipped because it would have run longer than the budget. */
  skipped: { js: { n: number; predictedMs: number } | null; tf: { n: number; predictedMs: number } | null };
  decision: BackendDecision | null;
  /** Why TensorFlow.js could not run (a worker error code with its details). */
  tfError: { code: string; message: string } | null;
}

export const idleRun = (): GemmRun => ({
  status: 'idle',
  current: null,
  js: [],
  tf: [],
  skipped: { js: null, tf: null },
  decision: null,
  tfError: null,
});

/** A worker event applied to the run. */
export function onTfEvent(run: GemmRun, event: GemmEvent): GemmRun {
  switch (event.type) {
    case 'backend':
      return { ...run, decision: event.decision };
    case 'measuring':
      return { ...run, current: { part: 'tf', n: event.n, fraction: 0 } };
    case 'measured': {
      const point = gemmPoint(event.n, event.ms);
      return { ...run, current: null, tf: point ? [...run.tf, point] : run.tf };
    }
    case 'too-slow':
      return { ...run, current: null, skipped: { ...run.skipped, tf: { n: event.n, predictedMs: event.predictedMs } } };
  }
}

export interface GemmRow {
  n: number;
  flops: number;
  js: GemmPoint | null;
  tf: GemmPoint | null;
  /** How many times faster TensorFlow.js was than plain JavaScript. */
  ratio: number | null;
}

export interface GemmModel {
  state: GemmState;
  run: GemmRun;
  sizes: number[];
  rows: GemmRow[];
  /** log₁₀ GFLOP/s range of the chart: whole decades around every measured point. */
  yDecades: [number, number];
}

export function deriveGemm(state: GemmState, run: GemmRun): GemmModel {
  const sizes = gemmSizes(Number(state.maxN));
  const rows = sizes.map((n) => {
    const js = run.js.find((p) => p.n === n) ?? null;
    const tf = run.tf.find((p) => p.n === n) ?? null;
    return { n, flops: gemmFlops(n), js, tf, ratio: js && tf ? js.ms / tf.ms : null };
  });
  const logs = [...run.js, ...run.tf].map((p) => Math.log10(p.gflops)).filter(Number.isFinite);
  // At least 0.1 to 100 GFLOP/s, so an empty chart and a slow machine's one look alike.
  const yDecades: [number, number] = [Math.floor(Math.min(-1, ...logs)), Math.ceil(Math.max(2, ...logs))];
  return { state, run, sizes, rows, yDecades };
}
