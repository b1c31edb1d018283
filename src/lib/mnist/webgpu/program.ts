// Exports: WebGpuProgram (the fields of tfjs-backend-webgpu 4.22's WebGPUProgram, which it does not
// export), WebGpuBackendLike (the part of its WebGPUBackend our code calls: runWebGPUProgram,
// disposeData), UniformField (one entry of a program's own uniforms), asWebGpuBackend (checks a kernel's
// backend), PerElementProgram (base class of a program with one thread per output element).
import type * as tfType from '@tensorflow/tfjs-core';

/**
 * A compute program as tfjs-backend-webgpu runs it. The backend writes the shader's prelude:
 * one `array<f32>` binding per name in `variableNames` plus `result`, and a `uniforms` struct
 * holding each input's and the output's shape and strides (`xShape`, `outShape` …), then
 * `size` when `size` is set, then the fields declared in `uniforms`. `getUserCode` supplies
 * `fn main()` (or `fn main(index : i32)` when `dispatchLayout` is flat, i.e. only `x`).
 */
export interface WebGpuProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[]; y?: number[]; z?: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size?: boolean;
  uniforms?: string;
  getUserCode(): string;
}

/** The value of one field in a program's `uniforms`, in declaration order. */
export interface UniformField {
  type: 'int32' | 'uint32' | 'float32';
  data: number[];
}

export interface WebGpuBackendLike extends tfType.KernelBackend {
  runWebGPUProgram(program: WebGpuProgram, inputs: tfType.TensorInfo[], outputDtype: tfType.DataType, uniforms?: UniformField[], output?: tfType.TensorInfo): tfType.TensorInfo;
}

/** The kernel's backend as the WebGPU backend, or an error when it is another one. */
export function asWebGpuBackend(backend: unknown, kernel: string): WebGpuBackendLike {
  if (typeof (backend as Partial<WebGpuBackendLike> | null)?.runWebGPUProgram !== 'function') {
    throw new Error(`${kernel}: not running on the WebGPU backend`);
  }
  return backend as WebGpuBackendLike;
}

/**
 * A program with one thread per element of its output, 64 to a workgroup: its code is
 * `fn main(index : i32)` and checks `index < uniforms.size`.
 */
export abstract class PerElementProgram implements WebGpuProgram {
  abstract variableNames: string[];
  abstract shaderKey: string;
  outputShape: number[];
  size = true;
  workgroupSize: [number, number, number] = [64, 1, 1];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];

  constructor(outputShape: number[]) {
    this.outputShape = outputShape;
    this.dispatchLayout = { x: outputShape.map((_, i) => i) };
    this.dispatch = [Math.ceil(outputShape.reduce((a, b) => a * b, 1) / this.workgroupSize[0]), 1, 1];
  }

  abstract getUserCode(): string;
}
