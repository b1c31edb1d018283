import type { Tensor2D } from '@tensorflow/tfjs-core';
import { tf } from '../../tf/namespace';
import { FeatureError } from '../../tf/protocol';
import { gemmPoint, nextSize, type GemmPoint } from '../../lib/math/gemm';
import { ensureBackend, holdingBackend } from '../runtime';
import type { HandlerContext } from './context';
import type { GemmApi, GemmEvent } from './gemm-api';

/**
 * Chapter 4.1.1 in the TensorFlow.js worker: how fast tf.matMul multiplies n×n matrices on
 * the backend chapter 5 would train on. Each size gets one warm-up product (shaders compile,
 * buffers are allocated), then enough timed products to fill about PER_SIZE_MS; a timing
 * ends with `await data()`, so it covers the queued GPU work and the download of the result.
 */
const PER_SIZE_MS = 300;
const MAX_REPS = 50;
const PROBE_SIZE = 256;

let running = false;
let stopRequested = false;

/** Milliseconds for `reps` products a·b, the last one read back; checks the numbers are finite. */
async function timeProducts(a: Tensor2D, b: Tensor2D, reps: number): Promise<number> {
  const start = performance.now();
  const products: Tensor2D[] = [];
  for (let r = 0; r < reps; r += 1) products.push(tf.matMul(a, b));
  const last = products[products.length - 1];
  const values = last ? await last.data() : new Float32Array();
  const ms = performance.now() - start;
  for (const p of products) p.dispose();
  if (!Number.isFinite(values[0] ?? 0) || !Number.isFinite(values[values.length - 1] ?? 0)) throw new FeatureError('non-finite');
  return ms;
}

function operands(n: number): [Tensor2D, Tensor2D] {
  return [tf.randomUniform([n, n], -1, 1, 'float32', n) as Tensor2D, tf.randomUniform([n, n], -1, 1, 'float32', n + 1) as Tensor2D];
}

/** Milliseconds per product at size n: a warm-up, then as many products as fit the time slot. */
async function measure(n: number): Promise<{ ms: number; reps: number }> {
  const [a, b] = operands(n);
  try {
    await timeProducts(a, b, 1);
    const once = await timeProducts(a, b, 1);
    const reps = Math.max(1, Math.min(MAX_REPS, Math.floor(PER_SIZE_MS / Math.max(once, 0.01))));
    if (reps === 1) return { ms: once, reps: 1 };
    return { ms: (await timeProducts(a, b, reps)) / reps, reps };
  } finally {
    a.dispose();
    b.dispose();
  }
}

async function probe(): Promise<number> {
  return (await measure(PROBE_SIZE)).ms;
}

async function run({ backend, sizes, budgetMs }: GemmApi['run']['args'], context: HandlerContext): Promise<GemmApi['run']['result']> {
  if (running) throw new FeatureError('busy');
  running = true;
  stopRequested = false;
  const emit = (event: GemmEvent) => context.emit(event);
  try {
    const decision = await ensureBackend(backend, { probe }).catch(() => {
      throw new FeatureError('no-backend');
    });
    emit({ type: 'backend', decision });
    return await holdingBackend(async () => {
      const points: GemmPoint[] = [];
      for (;;) {
        if (stopRequested) return { status: 'stopped' };
        const next = nextSize(sizes, points, budgetMs);
        if (next.kind === 'done') return { status: 'done' };
        if (next.kind === 'too-slow') {
          emit({ type: 'too-slow', n: next.n, predictedMs: next.predictedMs });
          return { status: 'too-slow' };
        }
        emit({ type: 'measuring', n: next.n });
        const { ms, reps } = await measure(next.n);
        const point = gemmPoint(next.n, ms);
        if (!point) throw new FeatureError('non-finite');
        points.push(point);
        emit({ type: 'measured', n: next.n, ms, reps });
      }
    });
  } finally {
    running = false;
  }
}

export const handlers = {
  run,
  stop: async () => {
    stopRequested = true;
    return running;
  },
};
