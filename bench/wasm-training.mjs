// `node bench/wasm-training.mjs [--batches N] [--cpu-batches N]`: measured, not asserted.
// Milliseconds per training batch of 64 for the chapter 5 CNN in Node: the stock tfjs WASM
// backend (which cannot train it), WASM with only the missing Conv2DBackpropFilter added,
// WASM with all of src/lib/mnist/wasm-training-kernels.ts, and the CPU backend; then the
// replaced kernels one by one, stock against ours, at the model's shapes.
// Node ≥ 22.18 strips the TypeScript types itself; the hook below lets the .ts sources keep
// their extensionless imports (as Vite resolves them): ours are .ts sources, a package's
// (tfjs-core/dist/register_all_gradients and what it imports) are .js files.
import { createRequire, registerHooks } from 'node:module';
import { cpus } from 'node:os';
import { dirname } from 'node:path';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (/\.[cm]?[jt]s$/.test(specifier)) throw error;
      const ours = specifier.startsWith('.') && !context.parentURL?.includes('/node_modules/');
      return nextResolve(`${specifier}${ours ? '.ts' : '.js'}`, context);
    }
  },
});

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const BATCHES = arg('--batches', 20);
const CPU_BATCHES = arg('--cpu-batches', 3); // the CPU backend needs ~30 s a batch here
const BATCH = 64;

const { tf } = await import('../src/tf/namespace.ts');
const wasm = await import('@tensorflow/tfjs-backend-wasm');
const { buildMnistModel } = await import('../src/lib/mnist/model.ts');
const { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } = await import('../src/lib/mnist/wasm-training-kernels.ts');
const { createRng } = await import('../src/lib/random/prng.ts');

wasm.setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
await tf.setBackend('wasm');
console.log(`\nNode ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), tfjs ${tf.version_core}`);
console.log(`wasm: SIMD ${await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')}, multithread support ${await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')}, threads ${wasm.getThreadsCount()}`);

const stock = Object.fromEntries(WASM_TRAINING_KERNELS.map((name) => [name, tf.getKernel(name, 'wasm')]));
registerWasmTrainingKernels(tf);
const ours = Object.fromEntries(WASM_TRAINING_KERNELS.map((name) => [name, tf.getKernel(name, 'wasm')]));
console.log(`stock wasm has: ${WASM_TRAINING_KERNELS.map((n) => `${n} ${stock[n] ? 'yes' : 'NO'}`).join(', ')}`);

/** Installs, for 'wasm', ours for the names in `mine` and the stock kernel (if any) for the rest. */
function useKernels(mine) {
  for (const name of WASM_TRAINING_KERNELS) {
    if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
    const config = mine.includes(name) ? ours[name] : stock[name];
    if (config) tf.registerKernel(config);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rng = createRng(1);
const xValues = Float32Array.from({ length: BATCH * 28 * 28 }, () => rng.next());
const labels = Int32Array.from({ length: BATCH }, () => rng.int(10));

async function trainingMs(backend, warmUp, batches) {
  await tf.setBackend(backend);
  const model = buildMnistModel(tf, { seed: 42 });
  const x = tf.tensor4d(xValues, [BATCH, 28, 28, 1]);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
  try {
    for (let i = 0; i < warmUp; i++) await model.trainOnBatch(x, y);
    const tensors = tf.memory().numTensors;
    const times = [];
    let loss = NaN;
    for (let i = 0; i < batches; i++) {
      const started = performance.now();
      [loss] = await model.trainOnBatch(x, y); // awaits the loss: the step has really run
      times.push(performance.now() - started);
    }
    const leak = tf.memory().numTensors - tensors;
    return `median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)} (${batches} batches after ${warmUp} warm-up; loss ${loss.toFixed(4)}; tensor count change ${leak})`;
  } catch (error) {
    return `FAILS: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}

console.log(`\nTraining, ms per batch of ${BATCH} (model.trainOnBatch):`);
useKernels([]);
console.log(`  wasm, stock kernels:                ${await trainingMs('wasm', 1, 1)}`);
useKernels(['Conv2DBackpropFilter']);
console.log(`  wasm, + our Conv2DBackpropFilter:    ${await trainingMs('wasm', 3, BATCHES)}`);
useKernels(WASM_TRAINING_KERNELS);
console.log(`  wasm, all our kernels:              ${await trainingMs('wasm', 3, BATCHES)}`);
console.log(`  cpu backend:                        ${CPU_BATCHES > 0 ? await trainingMs('cpu', 1, CPU_BATCHES) : 'skipped (--cpu-batches 0)'}`);

// The kernels at the model's shapes, batch 64: median of 15 calls after 3.
await tf.setBackend('wasm');
function kernelMs(name, inputs, attrs) {
  const once = () => {
    const started = performance.now();
    const out = tf.engine().runKernel(name, inputs, attrs);
    out.dataSync();
    const ms = performance.now() - started;
    out.dispose();
    return ms;
  };
  for (let i = 0; i < 3; i++) once();
  return median(Array.from({ length: 15 }, once));
}
const conv = (x, filter) => ({ x: tf.randomNormal(x), w: tf.randomNormal(filter), dy: tf.randomNormal([x[0], x[1] - 2, x[2] - 2, filter[3]]) });
const layers = {
  conv2d_1: conv([BATCH, 28, 28, 1], [3, 3, 1, 32]),
  conv2d_2: conv([BATCH, 13, 13, 32], [3, 3, 32, 64]),
  conv2d_3: conv([BATCH, 5, 5, 64], [3, 3, 64, 64]),
};
const convAttrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC' };
const rows = [];
for (const [layer, { x, w, dy }] of Object.entries(layers)) {
  rows.push([`Conv2D ${layer} (forward, for scale)`, () => kernelMs('Conv2D', { x, filter: w }, { ...convAttrs, dilations: 1 })]);
  rows.push([`Conv2DBackpropFilter ${layer}`, () => kernelMs('Conv2DBackpropFilter', { x, dy }, { ...convAttrs, filterShape: w.shape })]);
  if (layer !== 'conv2d_1') { // the first layer's input gradient is never computed
    rows.push([`Conv2DBackpropInput ${layer}`, () => kernelMs('Conv2DBackpropInput', { dy, filter: w }, { ...convAttrs, inputShape: x.shape })]);
  }
}
for (const [layer, shape] of [['max_pooling2d_1', [BATCH, 26, 26, 32]], ['max_pooling2d_2', [BATCH, 11, 11, 64]]]) {
  const input = tf.relu(tf.randomNormal(shape));
  const output = tf.maxPool(input, 2, 2, 'valid');
  const dy = tf.randomNormal(output.shape);
  rows.push([`MaxPoolGrad ${layer}`, () => kernelMs('MaxPoolGrad', { dy, input, output }, { filterSize: 2, strides: 2, pad: 'valid' })]);
}
console.log(`\nKernels on wasm at the model's shapes, batch ${BATCH}, median ms (stock → ours):`);
for (const [label, measure] of rows) {
  const name = label.split(' ')[0];
  let stockMs = '—';
  if (WASM_TRAINING_KERNELS.includes(name) && stock[name]) {
    useKernels(WASM_TRAINING_KERNELS.filter((n) => n !== name));
    stockMs = measure().toFixed(2);
    useKernels(WASM_TRAINING_KERNELS);
  } else if (WASM_TRAINING_KERNELS.includes(name)) {
    stockMs = 'missing';
  }
  const oursMs = measure().toFixed(2);
  console.log(`  ${label.padEnd(42)} ${WASM_TRAINING_KERNELS.includes(name) ? `${stockMs.padStart(8)} → ${oursMs}` : oursMs}`);
}
