import { describe, expect, test } from 'vitest';
import type { AdamOptimizer, Variable } from '@tensorflow/tfjs-core';
import { webgpuTf } from './gpu-backend';
import { createRng } from '../../src/lib/random/prng';
import { createFusedAdam } from '../../src/lib/mnist/webgpu/fused-adam';
import { setLearningRate } from '../../src/lib/mnist/learning-rate';
import type { Tf } from '../../src/tf/namespace';

// Shapes of a conv kernel, an odd-length bias, a matrix and a scalar-ish one.
const SHAPES = [[3, 3, 1, 5], [7], [13, 11], [1]];
const STEPS = 100;
const LR_CHANGE_AT = 50;
let runs = 0;

/** Same initial values and gradient sequence for every run (seeded), drawn once. */
function problem() {
  const rng = createRng(11);
  const draw = (n: number, scale: number) => Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale);
  const sizes = SHAPES.map((s) => s.reduce((a, b) => a * b, 1));
  const initial = sizes.map((n) => draw(n, 1));
  // Gradients of mixed scale and sign, some tiny (where Adam's ratio is most sensitive).
  const gradients = Array.from({ length: STEPS }, (_, t) => sizes.map((n) => draw(n, t % 7 === 3 ? 1e-4 : 0.5)));
  return { initial, gradients };
}

/** Runs Adam for STEPS steps on the current backend; returns final variables and the moments from getWeights. */
async function runAdam(tf: Tf, optimizer: AdamOptimizer, p: ReturnType<typeof problem>, backendAt: (t: number) => string = () => tf.getBackend()) {
  const id = runs++;
  const variables: Variable[] = p.initial.map((v, i) => tf.variable(tf.tensor(v, SHAPES[i]), true, `adam_${id}_${i}`));
  const counts: number[] = [];
  for (let t = 0; t < STEPS; t++) {
    if (backendAt(t) !== tf.getBackend()) await tf.setBackend(backendAt(t));
    if (t === LR_CHANGE_AT) setLearningRate(optimizer, 0.02);
    const grads = p.gradients[t]!.map((g, i) => ({ name: variables[i]!.name, tensor: tf.tensor(g, SHAPES[i]) }));
    optimizer.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
    counts.push(tf.memory().numTensors);
  }
  const values = await Promise.all(variables.map(async (v) => (await v.data()) as Float32Array));
  const weights = await optimizer.getWeights();
  const moments = await Promise.all(weights.slice(1).map(async (w) => (await w.tensor.data()) as Float32Array));
  const iterations = (await weights[0]!.tensor.data())[0];
  tf.dispose(weights[0]!.tensor);
  tf.dispose(variables);
  optimizer.dispose();
  return { values, moments, iterations, counts };
}

/** max |a−b| / max |b| over one array (the reference's scale), so near-zero entries don't blow it up. */
function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
    scale = Math.max(scale, Math.abs(b[i] ?? NaN));
  }
  return diff / scale;
}

describe('fused Adam on WebGPU', () => {
  test('100 steps with a learning-rate change equal tf.train.adam on the CPU backend (rel. error ≤ 1e-6)', async () => {
    const tf = await webgpuTf();
    const p = problem();
    await tf.setBackend('cpu');
    const reference = await runAdam(tf, tf.train.adam(0.01), p);
    await tf.setBackend('webgpu');
    const fused = createFusedAdam(tf, 0.01);
    const got = await runAdam(tf, fused, p);
    expect(fused.stats).toEqual({ fusedSteps: STEPS, dispatches: STEPS * SHAPES.length });
    expect(got.iterations).toBe(STEPS);
    const errors = got.values.map((v, i) => relativeError(v, reference.values[i]!));
    const momentErrors = got.moments.map((m, i) => relativeError(m, reference.moments[i]!));
    console.log('fused Adam vs CPU tf.train.adam, relative error per variable:', errors, 'moments:', momentErrors);
    for (const e of [...errors, ...momentErrors]) expect(e).toBeLessThanOrEqual(1e-6);
    // And the update really moved the variables (a no-op would fail the comparison, but say it).
    expect(relativeError(got.values[0]!, p.initial[0]!)).toBeGreaterThan(1e-2);
  });

  // (WebGPU → CPU would need a synchronous GPU read, which tfjs does through OffscreenCanvas: not in Node.)
  test('off WebGPU it is tf.train.adam: steps 0–29 on the CPU backend, the rest fused, same iterates', async () => {
    const tf = await webgpuTf();
    const p = problem();
    await tf.setBackend('cpu');
    const reference = await runAdam(tf, tf.train.adam(0.01), p);
    const mixed = createFusedAdam(tf, 0.01);
    const got = await runAdam(tf, mixed, p, (t) => (t < 30 ? 'cpu' : 'webgpu'));
    expect(tf.getBackend()).toBe('webgpu');
    expect(mixed.stats.fusedSteps).toBe(STEPS - 30);
    got.values.forEach((v, i) => expect(relativeError(v, reference.values[i]!)).toBeLessThanOrEqual(1e-6));
    got.moments.forEach((m, i) => expect(relativeError(m, reference.moments[i]!)).toBeLessThanOrEqual(1e-6));
  });

  test('tensors stay flat and no GPU buffer is created once it runs', async () => {
    const tf = await webgpuTf();
    const device = (tf.backend() as unknown as { device: GPUDevice }).device;
    const p = problem();
    const created: number[] = [];
    const original = device.createBuffer.bind(device);
    let count = 0;
    device.createBuffer = (descriptor) => {
      count++;
      return original(descriptor);
    };
    try {
      const optimizer = createFusedAdam(tf, 0.01);
      const variables = p.initial.map((v, i) => tf.variable(tf.tensor(v, SHAPES[i]), true, `flat_${runs++}_${i}`));
      // The gradients are put on the GPU first (in training they are made there), so only the optimizer's own work is counted.
      const backend = tf.backend() as unknown as { uploadToGPU(dataId: object): void };
      const gradients = p.gradients.slice(0, 6).map((step) => step.map((g, i) => tf.tensor(g, SHAPES[i])));
      for (const g of gradients.flat()) backend.uploadToGPU(g.dataId);
      const numTensors: number[] = [];
      for (const step of gradients) {
        const before = count;
        optimizer.applyGradients(step.map((tensor, i) => ({ name: variables[i]!.name, tensor })));
        await variables[0]!.data();
        created.push(count - before);
        numTensors.push(tf.memory().numTensors);
      }
      console.log('createBuffer calls per fused Adam step:', created, 'numTensors:', numTensors);
      // Step 1 makes the moments and the uniform; from step 3 on, every buffer comes from the pool.
      expect(created.slice(2)).toEqual([0, 0, 0, 0]);
      expect(new Set(numTensors.slice(1)).size).toBe(1);
      tf.dispose(gradients.flat());
      tf.dispose(variables);
      optimizer.dispose();
    } finally {
      device.createBuffer = original;
    }
  });
});
