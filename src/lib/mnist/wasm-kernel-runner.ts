import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from '../../tf/namespace';

type TensorInfo = tfType.TensorInfo;

/**
 * Calls the wasm backend's own registered kernels (Conv2D, Transpose, PadV2 …) on raw
 * TensorInfos from inside another kernel, and frees every intermediate it made.
 * Kernel functions run outside the engine's bookkeeping, so nothing else would free them.
 */
export class WasmKernelRunner {
  private readonly temps: TensorInfo[] = [];
  private readonly tf: Tf;
  private readonly backend: tfType.KernelBackend;

  // No parameter properties: Node's --experimental-strip-types (the bench) rejects them.
  private constructor(tf: Tf, backend: tfType.KernelBackend) {
    this.tf = tf;
    this.backend = backend;
  }

  run(kernelName: string, inputs: tfType.NamedTensorInfoMap, attrs: tfType.NamedAttrMap = {}): TensorInfo {
    // getKernel is typed as always returning a config; it returns undefined when absent.
    const kernel = this.tf.getKernel(kernelName, 'wasm') as tfType.KernelConfig | undefined;
    if (kernel === undefined) throw new Error(`wasm training kernels: the wasm backend has no '${kernelName}' kernel`);
    const out = kernel.kernelFunc({ inputs, backend: this.backend, attrs });
    if (Array.isArray(out)) throw new Error(`wasm training kernels: '${kernelName}' returned several outputs`);
    this.temps.push(out);
    return out;
  }

  /** Frees every intermediate except `result`, which the engine takes over. */
  private release(result?: TensorInfo): void {
    for (const t of this.temps) if (t !== result) this.backend.disposeData(t.dataId);
    this.temps.length = 0;
  }

  /**
   * Runs `body`, which must return a tensor it made with `r.run` (the engine takes that one
   * over), and frees everything else `body` made, also when it throws.
   */
  static use(tf: Tf, backend: {}, body: (r: WasmKernelRunner) => TensorInfo): TensorInfo {
    const runner = new WasmKernelRunner(tf, backend as tfType.KernelBackend);
    try {
      const result = body(runner);
      if (!runner.temps.includes(result)) throw new Error('wasm training kernels: result not made by the runner');
      runner.release(result);
      return result;
    } catch (error) {
      runner.release();
      throw error;
    }
  }
}

/** How to make an axis of `length` fit a stride-1 convolution giving `out` values. */
export interface AxisFit {
  /** Elements to drop at the start / end of the axis before the convolution. */
  cropBefore: number;
  cropAfter: number;
  /** Zero padding for the convolution's explicit padding. */
  padBefore: number;
  padAfter: number;
}

/**
 * A stride-1 convolution with an effective filter extent `extent` produces
 * `paddedLength - extent + 1` values; `before` is the wanted leading padding (negative:
 * crop). Returns the crops/pads that give exactly `out` values.
 */
export function fitAxis(length: number, before: number, extent: number, out: number): AxisFit {
  const after = out + extent - 1 - length - before;
  return {
    cropBefore: Math.max(0, -before),
    cropAfter: Math.max(0, -after),
    padBefore: Math.max(0, before),
    padAfter: Math.max(0, after),
  };
}

/** Slices an NHWC tensor's H and W axes by the fits' crops (no-op without crops). */
export function cropHW(r: WasmKernelRunner, x: TensorInfo, h: AxisFit, w: AxisFit): TensorInfo {
  if (h.cropBefore + h.cropAfter + w.cropBefore + w.cropAfter === 0) return x;
  const [n, height, width, c] = x.shape as [number, number, number, number];
  const size = [n, height - h.cropBefore - h.cropAfter, width - w.cropBefore - w.cropAfter, c];
  if (size.some((d) => d <= 0)) throw new Error('wasm training kernels: padding crops the whole input');
  return r.run('Slice', { x }, { begin: [0, h.cropBefore, w.cropBefore, 0], size });
}

/** The explicit NHWC padding for Conv2D from two axis fits. */
export function explicitPad(h: AxisFit, w: AxisFit): number[][] {
  return [[0, 0], [h.padBefore, h.padAfter], [w.padBefore, w.padAfter], [0, 0]];
}
