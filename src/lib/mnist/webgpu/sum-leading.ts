import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from '../../../tf/namespace';
import type { KernelArgs } from '../../../tf/replace-kernels';
import { asWebGpuBackend, type WebGpuProgram } from './program';

/**
 * Sum over the leading axes (a bias's gradient: dy summed over the batch, and for a conv over
 * its rows and columns too) in one dispatch. tfjs's stock kernel first transposes the reduced
 * axes innermost (a whole copy of dy, one dispatch) and then reduces; here one workgroup per
 * output element walks its strided column, each thread a share of the rows, and adds the
 * threads' sums in workgroup memory (fixed order: deterministic). float32 only; other axes
 * and dtypes go to the stock kernel.
 */
const THREADS = 256;

class SumLeadingProgram implements WebGpuProgram {
  variableNames = ['x'];
  outputShape: number[];
  shaderKey = 'ownSumLeading';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [THREADS, 1, 1];
  uniforms = 'rows : i32, cols : i32,';

  constructor(outputShape: number[], cols: number) {
    this.outputShape = outputShape;
    this.dispatchLayout = { x: outputShape.map((_, i) => i) };
    this.dispatch = [cols, 1, 1];
  }

  getUserCode(): string {
    return /* wgsl */ `
var<workgroup> partial : array<f32, ${THREADS}>;
fn main(index : i32) {
  let col = i32(workgroupId.x);
  let t = i32(localIndex);
  var sum = 0.0;
  for (var row = t; row < uniforms.rows; row += ${THREADS}) {
    sum += x[row * uniforms.cols + col];
  }
  partial[t] = sum;
  for (var half = ${THREADS / 2}; half > 0; half /= 2) {
    workgroupBarrier();
    if (t < half) {
      partial[t] += partial[t + half];
    }
  }
  if (t == 0) {
    setOutputAtIndex(col, partial[0]);
  }
}`;
  }
}

interface SumAttrs {
  axis: number | number[];
  keepDims: boolean;
}

export function sumLeading(tf: Tf, args: KernelArgs, stock: tfType.KernelFunc | undefined): tfType.TensorInfo | tfType.TensorInfo[] {
  const { x } = args.inputs;
  const { axis, keepDims } = args.attrs as unknown as SumAttrs;
  const axes = x ? tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b) : [];
  // Covered: float32, axes 0..k−1 with 0 < k < rank (the stock kernel would transpose).
  if (x?.dtype !== 'float32' || x.shape.includes(0) || axes.length === 0 || axes.length >= x.shape.length || axes.some((a, i) => a !== i)) {
    if (stock === undefined) throw new Error('Sum: case not covered and no stock kernel to hand it to');
    return stock(args);
  }
  const backend = asWebGpuBackend(args.backend, 'Sum');
  const rows = x.shape.slice(0, axes.length).reduce((a, b) => a * b, 1);
  const kept = x.shape.slice(axes.length);
  const cols = kept.reduce((a, b) => a * b, 1);
  const outputShape = keepDims ? [...axes.map(() => 1), ...kept] : kept;
  return backend.runWebGPUProgram(new SumLeadingProgram(outputShape, cols), [x], 'float32', [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [cols] },
  ]);
}
