// The bundled part of `npm run bench:gpu` (bench/gpu/main.mjs builds and starts it): the
// chapter 5 CNN trained with the project's own trainer on WebGPU (Dawn), STOCK (plain
// tfjs-backend-webgpu kernels, the model as the CPU/WASM paths compile it, per-batch uploads)
// against OURS (what the worker runs for readers on webgpu: activateBackend's kernel
// registration and ownTrainingPath's optimizer and batches). Measured, never asserted.
import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus } from 'node:os';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { tf } from '../../src/tf/namespace';
import { activateBackend } from '../../src/tf/backends';
import { hasOwnKernels } from '../../src/tf/kernels';
import { isOwnKernelFunc } from '../../src/tf/replace-kernels';
import { buildMnistModel } from '../../src/lib/mnist/model';
import { trainModel, type TrainingData, type TrainingRun, type TrainingHooks } from '../../src/lib/mnist/trainer';
import { modelOptions, ownTrainingPath, STOCK_TRAINING_PATH, type TrainingPath } from '../../src/lib/mnist/webgpu/training-path';
import { loadMnist } from '../../src/lib/mnist/fetch-dataset';
import { validationSample } from '../../src/lib/mnist/dataset';
import { installDawn, type AdapterReport } from './dawn';
import { installCounters, snapshotCounts, type Counts } from './counters';
import { parseGpuBenchArgs, summarize, maxAbsDifference, perBatch, type GpuBenchOptions } from './options';

type Model = ReturnType<typeof buildMnistModel>;

/** One side of the comparison: the webgpu kernels registered, and the project's training path (optimizer, batches). */
interface BenchPath {
  name: 'stock' | 'ours';
  kernels: KernelConfig[];
  /** Called once the backend is up, as the worker does. */
  plan(): TrainingPath;
  describe: string;
}

/** The model and the trainer as the worker builds and runs them for a training path. */
function start(path: BenchPath, seed: number) {
  const plan = path.plan();
  const model: Model = buildMnistModel(tf, { learningRate: LEARNING_RATE, seed, ...modelOptions(plan) });
  const train = (data: TrainingData, run: TrainingRun, hooks: TrainingHooks) => trainModel(tf, model, data, { ...run, batches: plan.batches }, hooks);
  return { model, train };
}

const LEARNING_RATE = 0.001;
const round = (x: number, digits = 2) => (Number.isFinite(x) ? +x.toFixed(digits) : x);

async function loadData(dir: string): Promise<TrainingData> {
  // The worker's own loader, reading the site's asset folder from disk instead of over HTTP.
  const { train, test } = await loadMnist({
    baseUrl: pathToFileURL(`${resolve(dir)}/`),
    caches: null,
    fetch: async (url) => new Response(readFileSync(fileURLToPath(new URL(url.pathname, url)))),
  });
  return { train, validation: validationSample(test), test };
}

const allKernelNames = new Set<string>();
/** Makes exactly `configs` the webgpu kernels of the names either path registers. */
function useKernels(configs: readonly KernelConfig[]): void {
  const wanted = new Map(configs.map((c) => [c.kernelName, c]));
  for (const name of allKernelNames) {
    if (tf.getKernel(name, 'webgpu')) tf.unregisterKernel(name, 'webgpu');
    const config = wanted.get(name);
    if (config) tf.registerKernel(config);
  }
}

/**
 * A new WebGPUBackend on a new GPUDevice, so each measurement starts cold: its first batch
 * compiles every shader it uses (tfjs caches pipelines per backend, Dawn per device).
 */
async function freshWebgpuBackend(): Promise<void> {
  const factory = tf.findBackendFactory('webgpu');
  if (!factory) throw new Error('webgpu backend is not registered');
  tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', factory, 3);
  await activateBackend(tf, 'webgpu');
  if (tf.getBackend() !== 'webgpu') throw new Error(`backend is ${tf.getBackend()}, not webgpu`);
}

async function preparePaths(): Promise<[BenchPath, BenchPath]> {
  await import('@tensorflow/tfjs-backend-webgpu');
  const stockKernels = tf.getKernelsForBackend('webgpu');
  await activateBackend(tf, 'webgpu'); // the worker's way in: registers our kernels (src/tf/kernels.ts)
  const ourKernels = tf.getKernelsForBackend('webgpu');
  for (const k of [...stockKernels, ...ourKernels]) allKernelNames.add(k.kernelName);
  const replaced = ourKernels.filter((k) => isOwnKernelFunc(k.kernelFunc)).map((k) => k.kernelName);
  const stock: BenchPath = {
    name: 'stock',
    kernels: stockKernels,
    plan: () => STOCK_TRAINING_PATH,
    describe: 'tfjs-backend-webgpu kernels, tf.train.adam, batches filled on the CPU and uploaded one by one',
  };
  const plan = ownTrainingPath(tf);
  const ours: BenchPath = {
    name: 'ours',
    kernels: ourKernels,
    plan: () => ownTrainingPath(tf),
    describe: [
      hasOwnKernels('webgpu') ? `our kernels: ${replaced.join(', ') || '(none differ)'}` : 'no kernels of ours registered for webgpu',
      plan.optimizer ? 'our optimizer (ownTrainingPath)' : 'tf.train.adam',
      plan.batches ? 'our batch source (ownTrainingPath)' : 'batches filled on the CPU',
      plan.loss ? 'our loss and accuracy (ownTrainingPath)' : "tfjs-layers' loss and accuracy",
    ].join('; '),
  };
  return [stock, ours];
}

interface Measurement {
  path: string;
  batchSize: number;
  warmup: number;
  timed: number;
  msPerBatch: number;
  minMs: number;
  maxMs: number;
  imagesPerSecond: number;
  firstBatchMs: number;
  /** API calls per timed batch. */
  perBatch: Counts;
  /** numTensors after the last batch minus after the warm-up: 0 when nothing leaks. */
  tensorChange: number;
  losses: number[];
}

async function measure(path: BenchPath, data: TrainingData, batchSize: number, warmup: number, timed: number, seed: number): Promise<Measurement> {
  await freshWebgpuBackend();
  useKernels(path.kernels);
  const { model, train } = start(path, seed);
  const total = warmup + timed;
  const batchesPerEpoch = Math.ceil(data.train.count / batchSize);
  const stamps: number[] = [];
  const losses: number[] = [];
  let before = snapshotCounts();
  let after = before;
  let tensorsAfterWarmup = tf.memory().numTensors;
  let tensorChange = 0;
  let t = performance.now();
  try {
    await train(data, { epochs: Math.ceil(total / batchesPerEpoch), batchSize, seed, validationsPerEpoch: 0 }, {
      onBatch: (report) => {
        const now = performance.now();
        stamps.push(now - t);
        t = now;
        losses.push(report.loss);
        if (losses.length === warmup) {
          before = snapshotCounts();
          tensorsAfterWarmup = tf.memory().numTensors;
        }
        if (losses.length === total) {
          after = snapshotCounts();
          tensorChange = tf.memory().numTensors - tensorsAfterWarmup;
        }
      },
      stopped: () => losses.length >= total,
    });
  } finally {
    model.dispose();
  }
  const times = summarize(stamps.slice(warmup));
  return {
    path: path.name,
    batchSize,
    warmup,
    timed: times.count,
    msPerBatch: round(times.median),
    minMs: round(times.min),
    maxMs: round(times.max),
    imagesPerSecond: Math.round((batchSize * 1000) / times.median),
    firstBatchMs: round(stamps[0] ?? NaN, 1),
    perBatch: perBatch(before, after, times.count),
    tensorChange,
    losses,
  };
}

interface KernelProfileRow {
  name: string;
  calls: number;
  gpuMs: number | null;
}

/** tf.profile around one batch after the warm-up: kernel calls and, with timestamp queries, GPU time. */
async function profileBatch(path: BenchPath, data: TrainingData, batchSize: number, warmup: number, seed: number) {
  await freshWebgpuBackend();
  useKernels(path.kernels);
  const { model, train } = start(path, seed);
  let done = 0;
  let release: (() => void) | null = null;
  let profile: ReturnType<typeof tf.profile> | null = null;
  let wallMs = NaN;
  let started = 0;
  let before = snapshotCounts();
  let after = before;
  try {
    await train(data, { epochs: 1, batchSize, seed, validationsPerEpoch: 0 }, {
      gate: async () => {
        if (done === warmup && !profile) {
          before = snapshotCounts();
          profile = tf.profile(() => new Promise<never[]>((r) => (release = () => r([]))));
          started = performance.now();
        }
      },
      onBatch: () => {
        done++;
        if (done === warmup + 1) {
          wallMs = performance.now() - started;
          after = snapshotCounts();
          release?.();
        }
      },
      stopped: () => done > warmup,
    });
  } finally {
    model.dispose();
  }
  if (!profile) throw new Error('the profiled batch never ran');
  const info = await (profile as ReturnType<typeof tf.profile>);
  const rows = new Map<string, KernelProfileRow>();
  let timed = 0;
  let totalMs = 0;
  // The webgpu backend lists each program it timed in a kernel as "Name: ms, Name: ms".
  const programs = info.kernels.reduce((sum, k) => sum + (typeof k.extraInfo === 'string' && k.extraInfo ? k.extraInfo.split(', ').length : 0), 0);
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' && Number.isFinite(k.kernelTimeMs) ? k.kernelTimeMs : null;
    const row = rows.get(k.name) ?? { name: k.name, calls: 0, gpuMs: null };
    row.calls++;
    if (ms !== null) {
      row.gpuMs = (row.gpuMs ?? 0) + ms;
      totalMs += ms;
      timed++;
    }
    rows.set(k.name, row);
  }
  const table = [...rows.values()].sort((a, b) => (b.gpuMs ?? 0) - (a.gpuMs ?? 0) || b.calls - a.calls);
  const dispatches = after.dispatches - before.dispatches;
  return { path: path.name, batchSize, kernelCalls: info.kernels.length, kernelsTimed: timed, programs, dispatches, gpuMs: round(totalMs, 3), wallMs: round(wallMs), table };
}

async function fullRun(path: BenchPath, data: TrainingData, seed: number, log: (s: string) => void) {
  await freshWebgpuBackend();
  useKernels(path.kernels);
  const { model, train } = start(path, seed);
  const epochs: { epoch: number; testAccuracy: number; testLoss: number; seconds: number }[] = [];
  const started = performance.now();
  try {
    // The source's recipe, as the worker runs it: all training images, 5 epochs, batch 64, 4 validations per epoch.
    const outcome = await train(data, { epochs: 5, batchSize: 64, seed }, {
      onEpoch: (epoch, test, seconds) => {
        epochs.push({ epoch, testAccuracy: test.accuracy, testLoss: round(test.loss, 5), seconds: round(seconds) });
        log(`  ${path.name.padEnd(6)} epoch ${epoch}: test accuracy ${(test.accuracy * 100).toFixed(2)} %, loss ${test.loss.toFixed(4)}, ${seconds.toFixed(1)} s`);
      },
    });
    return { path: path.name, seconds: round((performance.now() - started) / 1000), testAccuracy: outcome.status === 'done' ? outcome.test.accuracy : NaN, epochs };
  } finally {
    model.dispose();
  }
}

const COUNTER_ROWS: [keyof Counts, string][] = [
  ['dispatches', 'dispatches'],
  ['submits', 'submits'],
  ['createBuffer', 'createBuffer'],
  ['buffersReadback', '  of them MAP_READ (readback)'],
  ['buffersUpload', '  of them MAP_WRITE (upload)'],
  ['buffersUniform', '  of them UNIFORM'],
  ['buffersStorage', '  of them STORAGE'],
  ['buffersOther', '  of them other'],
  ['createBindGroup', 'createBindGroup'],
  ['writeBuffer', 'writeBuffer'],
  ['computePasses', 'compute passes'],
  ['mapAsync', 'mapAsync (readbacks)'],
  ['createPipeline', 'createComputePipeline'],
  ['createPipelineAsync', 'createComputePipelineAsync'],
];

function printSideBySide(rows: [string, string | number, string | number][], log: (s: string) => void): void {
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v);
  log(`${''.padEnd(40)}${'stock'.padStart(20)}${'ours'.padStart(20)}`);
  for (const [label, a, b] of rows) log(`${label.padEnd(40)}${fmt(a).padStart(20)}${fmt(b).padStart(20)}`);
}

async function main(options: GpuBenchOptions): Promise<Record<string, unknown>> {
  const log = (s: string) => console.log(s);
  const dataDir = options.data ?? process.env['MNIST_DIR'];
  if (!dataDir) throw new Error('no MNIST folder: pass --data DIR (npm run bench:gpu does)');
  // Dawn quantizes timestamps to 100 µs unless told not to; only the profile reads them.
  const adapter: AdapterReport = await installDawn(options.profile ? ['disable-dawn-features=timestamp_quantization'] : []);
  const missing = installCounters();
  const result: Record<string, unknown> = { node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`, tfjs: tf.version_core, adapter, options };
  log(`Node ${process.version}, tfjs ${tf.version_core}, ${result['cpus']}`);
  log(`adapter: ${adapter.vendor} ${adapter.architecture} ${adapter.description} (${adapter.device})${adapter.isFallbackAdapter ? ', fallback adapter' : ''}; timestamp-query ${adapter.timestampQuery ? 'yes' : 'no'}`);
  if (/llvmpipe|lavapipe|swiftshader/i.test(`${adapter.description} ${adapter.device} ${adapter.architecture}`)) {
    log('  software Vulkan (runs on the CPU): the times below say nothing about a GPU; the counts and the losses do.');
  }
  if (missing.length) log(`  not counted (method missing in this Dawn): ${missing.join(', ')}`);

  const t0 = performance.now();
  const data = await loadData(dataDir);
  log(`MNIST from ${dataDir}: ${data.train.count} training, ${data.test.count} test images (${Math.round(performance.now() - t0)} ms)`);

  const [stock, ours] = await preparePaths();
  log(`stock: ${stock.describe}`);
  log(`ours:  ${ours.describe}`);
  result['paths'] = { stock: stock.describe, ours: ours.describe };

  const { batches, warmup, batchSize, bigBatchSize, seed } = options;
  log(`\nbatch ${batchSize}: ${warmup} warm-up + ${batches} timed batches per path, seed ${seed}, each on a fresh device`);
  const small = [await measure(stock, data, batchSize, warmup, batches, seed), await measure(ours, data, batchSize, warmup, batches, seed)] as const;
  const lossDiff = maxAbsDifference(small[0].losses, small[1].losses);
  let big: readonly [Measurement, Measurement] | null = null;
  if (bigBatchSize > 0) {
    const bigTimed = Math.max(1, Math.ceil(batches / 2));
    log(`batch ${bigBatchSize}: ${warmup} warm-up + ${bigTimed} timed batches per path`);
    big = [await measure(stock, data, bigBatchSize, warmup, bigTimed, seed), await measure(ours, data, bigBatchSize, warmup, bigTimed, seed)] as const;
  }
  const [s, o] = small;
  const rows: [string, string | number, string | number][] = [
    [`ms per batch of ${batchSize} (median)`, s.msPerBatch, o.msPerBatch],
    ['  min … max', `${s.minMs} … ${s.maxMs}`, `${o.minMs} … ${o.maxMs}`],
    [`images/s at batch ${batchSize}`, s.imagesPerSecond, o.imagesPerSecond],
  ];
  if (big) rows.push([`images/s at batch ${bigBatchSize}`, big[0].imagesPerSecond, big[1].imagesPerSecond], [`ms per batch of ${bigBatchSize} (median)`, big[0].msPerBatch, big[1].msPerBatch]);
  rows.push([`first batch ms (shader compilation)`, s.firstBatchMs, o.firstBatchMs]);
  for (const [key, label] of COUNTER_ROWS) rows.push([`${label} per batch`, round(s.perBatch[key]), round(o.perBatch[key])]);
  rows.push(['tensor count change after warm-up', s.tensorChange, o.tensorChange]);
  log('');
  printSideBySide(rows, log);
  log(`\nlosses, ${s.losses.length} batches of ${batchSize} from the same seed and order: max |stock − ours| = ${lossDiff.toExponential(2)}`);
  log(`  stock first/last: ${s.losses[0]?.toFixed(5)} / ${s.losses.at(-1)?.toFixed(5)}; ours: ${o.losses[0]?.toFixed(5)} / ${o.losses.at(-1)?.toFixed(5)}`);
  if (big) log(`  batch ${bigBatchSize}: max |stock − ours| = ${maxAbsDifference(big[0].losses, big[1].losses).toExponential(2)} over ${big[0].losses.length} batches`);
  result['batch'] = { stock: s, ours: o, maxAbsLossDifference: lossDiff };
  if (big) result['bigBatch'] = { stock: big[0], ours: big[1], maxAbsLossDifference: maxAbsDifference(big[0].losses, big[1].losses) };

  if (options.profile) {
    log(`\nprofile: one batch of ${batchSize} after ${warmup} warm-up, tf.profile`);
    if (!adapter.timestampQuery) log('  this adapter has no timestamp-query: no per-kernel GPU time, kernel call counts only');
    const profiles = [];
    for (const path of [stock, ours]) {
      const p = await profileBatch(path, data, batchSize, warmup, seed);
      profiles.push(p);
      log(`  ${path.name}: ${p.kernelCalls} kernel calls, ${p.kernelsTimed} timed, GPU ${adapter.timestampQuery ? `${p.gpuMs} ms` : 'n/a'}, wall ${p.wallMs} ms (each program submitted alone while profiling)`);
      if (adapter.timestampQuery && p.dispatches > p.programs) log(`    ${p.dispatches - p.programs} of the batch's ${p.dispatches} dispatches ran outside tfjs kernels (e.g. our optimizer's own passes): not in this table`);
      for (const row of p.table.slice(0, 15)) log(`    ${row.name.padEnd(32)}${String(row.calls).padStart(5)} calls${row.gpuMs === null ? '' : `${row.gpuMs.toFixed(3).padStart(10)} ms`}`);
    }
    result['profile'] = profiles;
  }

  if (options.full) {
    log(`\nfull run: ${data.train.count} training images, 5 epochs, batch 64, Adam ${LEARNING_RATE}, test accuracy on ${data.test.count} after each epoch`);
    const runs = [await fullRun(stock, data, seed, log), await fullRun(ours, data, seed, log)];
    for (const r of runs) log(`  ${r.path.padEnd(6)} ${r.seconds} s, final test accuracy ${(r.testAccuracy * 100).toFixed(2)} %`);
    result['full'] = runs;
  }
  return result;
}

const options = parseGpuBenchArgs(process.argv.slice(2));
main(options)
  .then(async (result) => {
    if (options.json) {
      await writeFile(options.json, `${JSON.stringify(result, null, 1)}\n`);
      console.log(`\nwrote ${options.json}`);
    }
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(() => {
    // dawn.node keeps the event loop alive; leave once the output is written.
    setTimeout(() => process.exit(), 100);
  });
