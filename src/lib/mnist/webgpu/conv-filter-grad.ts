import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from '../../../tf/namespace';
import type { KernelArgs } from '../../../tf/replace-kernels';
import { PerElementProgram, asWebGpuBackend, type UniformField, type WebGpuProgram } from './program';

/**
 * Conv2DBackpropFilter on WebGPU as an implicit GEMM split along its long reduction:
 * dW[k, n] = Σ_m A[m, k] · dY[m, n], with m = (b, y, x) over dY's pixels, k = (kh, kw, ci)
 * and A[m, k] = X[b, y·sh + kh − top, x·sw + kw − left, ci] (0 in the padding), never stored.
 *
 * tfjs's stock shader gives each filter weight one thread that loops over all of m (288
 * threads for the chapter's first layer, each summing batch × 26 × 26 products). Here each
 * workgroup takes a TILE_K × TILE_N block of dW and one chunk of m, staging ROWS rows of A
 * and dY at a time in workgroup memory; a second pass adds the chunks' partial blocks in a
 * fixed order (deterministic, no float atomics). With a single chunk that pass is skipped.
 * NHWC float32, any stride and padding; anything else goes to the stock kernel.
 */
const ROWS = 16;
const TILE_N = 32;
const PER_N = 4;
/** Total workgroups aimed for when choosing the number of chunks. */
const TARGET_WORKGROUPS = 256;
/** A chunk covers at least this many rows of m, so a workgroup has work worth starting. */
const MIN_CHUNK_ROWS = 4 * ROWS;
/**
 * Up to this many rows, one chunk: a workgroup's loop stays short, and the second pass would
 * cost more (one more dispatch, with its uniforms and bind group on the CPU) than it saves.
 */
const SINGLE_CHUNK_ROWS = 1024;

class FilterGradPartialsProgram implements WebGpuProgram {
  variableNames = ['x', 'dy'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [2], y: [1], z: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [64, 1, 1];
  uniforms = 'pads : vec2<i32>, strides : vec2<i32>, filterWidth : i32, chunkRows : i32, chunkSteps : i32,';
  private readonly tileK: number;

  constructor(chunks: number, k: number, n: number, tileK: number) {
    this.tileK = tileK;
    this.outputShape = [chunks, k, n];
    this.dispatch = [Math.ceil(n / TILE_N), Math.ceil(k / tileK), chunks];
    this.shaderKey = `ownConvFilterGradPartials_${tileK}`;
  }

  getUserCode(): string {
    const threads = this.workgroupSize[0];
    const threadsN = TILE_N / PER_N;
    const threadsK = threads / threadsN;
    const perK = this.tileK / threadsK;
    return /* wgsl */ `
const ROWS = ${ROWS};
const TILE_K = ${this.tileK};
const TILE_N = ${TILE_N};
const PER_K = ${perK};
const PER_N = ${PER_N};
const THREADS = ${threads};
const THREADS_K = ${threadsK};
const THREADS_N = ${threadsN};
var<workgroup> xTile : array<f32, ${ROWS * this.tileK}>;
var<workgroup> dyTile : array<f32, ${ROWS * TILE_N}>;

// A[m, k]: x under filter tap k when the filter sits at dy pixel m.
fn xPatch(m : i32, k : i32) -> f32 {
  let ci = k % uniforms.xShape.w;
  let tap = k / uniforms.xShape.w;
  let kw = tap % uniforms.filterWidth;
  let kh = tap / uniforms.filterWidth;
  let ox = m % uniforms.dyShape.z;
  let rowImage = m / uniforms.dyShape.z;
  let oy = rowImage % uniforms.dyShape.y;
  let b = rowImage / uniforms.dyShape.y;
  let iy = oy * uniforms.strides.x + kh - uniforms.pads.x;
  let ix = ox * uniforms.strides.y + kw - uniforms.pads.y;
  if (iy < 0 || iy >= uniforms.xShape.y || ix < 0 || ix >= uniforms.xShape.z) {
    return 0.0;
  }
  return x[((b * uniforms.xShape.y + iy) * uniforms.xShape.z + ix) * uniforms.xShape.w + ci];
}

fn main() {
  let K = uniforms.outShape.y;
  let N = uniforms.outShape.z;
  let rows = uniforms.dyShape.x * uniforms.dyShape.y * uniforms.dyShape.z;
  let chunk = i32(workgroupId.z);
  let k0 = i32(workgroupId.y) * TILE_K;
  let n0 = i32(workgroupId.x) * TILE_N;
  let mBegin = chunk * uniforms.chunkRows;
  let mEnd = min(mBegin + uniforms.chunkRows, rows);
  let t = i32(localIndex);
  let tk = t / THREADS_N;
  let tn = t % THREADS_N;
  var acc : array<f32, ${perK * PER_N}>;
  // The trip counts below depend only on uniforms and constants: the barriers stay in uniform control flow.
  for (var s = 0; s < uniforms.chunkSteps; s++) {
    let m0 = mBegin + s * ROWS;
    for (var p = 0; p < ${Math.ceil((ROWS * this.tileK) / threads)}; p++) {
      let i = t + p * THREADS;
      let m = m0 + i / TILE_K;
      let k = k0 + i % TILE_K;
      var v = 0.0;
      if (m < mEnd && k < K) {
        v = xPatch(m, k);
      }
      if (i < ROWS * TILE_K) {
        xTile[i] = v;
      }
    }
    for (var p = 0; p < ${Math.ceil((ROWS * TILE_N) / threads)}; p++) {
      let i = t + p * THREADS;
      let m = m0 + i / TILE_N;
      let n = n0 + i % TILE_N;
      var v = 0.0;
      if (m < mEnd && n < N) {
        v = dy[m * N + n];
      }
      if (i < ROWS * TILE_N) {
        dyTile[i] = v;
      }
    }
    workgroupBarrier();
    for (var r = 0; r < ROWS; r++) {
      for (var i = 0; i < PER_K; i++) {
        let a = xTile[r * TILE_K + tk + i * THREADS_K];
        for (var j = 0; j < PER_N; j++) {
          acc[i * PER_N + j] = fma(a, dyTile[r * TILE_N + tn + j * THREADS_N], acc[i * PER_N + j]);
        }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0; i < PER_K; i++) {
    let k = k0 + tk + i * THREADS_K;
    for (var j = 0; j < PER_N; j++) {
      let n = n0 + tn + j * THREADS_N;
      if (k < K && n < N) {
        result[(chunk * K + k) * N + n] = acc[i * PER_N + j];
      }
    }
  }
}
`;
  }
}

/** Adds the chunks' partial blocks: out[i] = Σ_c partials[c, i], c in order. */
class SumChunksProgram extends PerElementProgram {
  variableNames = ['partials'];
  shaderKey = 'ownSumChunks';

  getUserCode(): string {
    return /* wgsl */ `
fn main(index : i32) {
  if (index < uniforms.size) {
    var sum = 0.0;
    for (var c = 0; c < uniforms.partialsShape.x; c++) {
      sum += partials[c * uniforms.size + index];
    }
    setOutputAtIndex(index, sum);
  }
}
`;
  }
}

/**
 * How dW = [k × n] is tiled and its reduction over m (`rows`) cut: blocks of tileK × TILE_N,
 * `chunks` chunks of `chunkRows` rows (a multiple of ROWS), about TARGET_WORKGROUPS in all
 * (chapter 5, batch 64: 246, 15 and 1 chunks for its three layers).
 */
export function filterGradPlan(rows: number, k: number, n: number): { tileK: number; chunks: number; chunkRows: number } {
  const tileK = k <= 16 ? 16 : 32;
  const tiles = Math.ceil(k / tileK) * Math.ceil(n / TILE_N);
  const wanted = rows <= SINGLE_CHUNK_ROWS ? 1 : Math.max(1, Math.min(Math.ceil(TARGET_WORKGROUPS / tiles), Math.ceil(rows / MIN_CHUNK_ROWS)));
  const chunkRows = Math.ceil(rows / wanted / ROWS) * ROWS;
  return { tileK, chunks: Math.ceil(rows / chunkRows), chunkRows };
}

interface FilterGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tfType.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: [number, number] | number;
  filterShape: [number, number, number, number];
}

function covered(x: tfType.TensorInfo | undefined, dy: tfType.TensorInfo | undefined, attrs: FilterGradAttrs): boolean {
  return x?.dtype === 'float32' && dy?.dtype === 'float32' && x.shape.length === 4 && dy.shape.length === 4
    && (attrs.dataFormat ?? 'NHWC') === 'NHWC' && [attrs.dilations ?? 1].flat().every((d) => d === 1);
}

export function conv2DBackpropFilter(tf: Tf, args: KernelArgs, stock: tfType.KernelFunc | undefined): tfType.TensorInfo | tfType.TensorInfo[] {
  const { x, dy } = args.inputs;
  const attrs = args.attrs as unknown as FilterGradAttrs;
  if (!covered(x, dy, attrs)) {
    if (stock === undefined) throw new Error('Conv2DBackpropFilter: case not covered and no stock kernel to hand it to');
    return stock(args);
  }
  const backend = asWebGpuBackend(args.backend, 'Conv2DBackpropFilter');
  const info = tf.backend_util.computeConv2DInfo(x!.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  if (dy!.shape[0] !== info.batchSize || dy!.shape[1] !== info.outHeight || dy!.shape[2] !== info.outWidth || dy!.shape[3] !== info.outChannels) {
    throw new Error(`Conv2DBackpropFilter: dy shape ${dy!.shape} does not match the convolution's output ${info.outShape}`);
  }
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const n = info.outChannels;
  const { tileK, chunks, chunkRows } = filterGradPlan(info.batchSize * info.outHeight * info.outWidth, k, n);
  const uniforms: UniformField[] = [
    { type: 'int32', data: [info.padInfo.top, info.padInfo.left] },
    { type: 'int32', data: [info.strideHeight, info.strideWidth] },
    { type: 'int32', data: [info.filterWidth] },
    { type: 'int32', data: [chunkRows] },
    { type: 'int32', data: [chunkRows / ROWS] },
  ];
  const partials = backend.runWebGPUProgram(new FilterGradPartialsProgram(chunks, k, n, tileK), [x!, dy!], 'float32', uniforms);
  // One chunk: the partial block already is dW, laid out as [kh, kw, ci, co].
  if (chunks === 1) return { ...partials, shape: [...attrs.filterShape] };
  const dw = backend.runWebGPUProgram(new SumChunksProgram([...attrs.filterShape]), [partials], 'float32');
  backend.disposeData(partials.dataId);
  return dw;
}
