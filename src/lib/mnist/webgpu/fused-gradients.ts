// Exports: FUSED_GRADIENT_KERNELS (OwnReluGrad, OwnSoftmaxGrad: webgpu kernels for replaceKernels) and
// installFusedGradients(tf), which makes tfjs's Relu and Softmax gradients call them where the active
// backend has them and run tfjs's own gradient everywhere else. register-kernels.ts installs both.
import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from '../../../tf/namespace';
import type { KernelArgs, OwnKernel } from '../../../tf/replace-kernels';
import { PerElementProgram, asWebGpuBackend } from './program';

/**
 * tfjs-core writes these gradients as ops: Relu's as mul(dy, step(x)) (two dispatches per
 * layer, four layers), Softmax's as dy·y − sum(dy·y)·y (four). Each is one element-wise
 * program here, the same arithmetic. The gradient registry is global, so the installed
 * gradient first asks whether the active backend has our kernel; if not (cpu, wasm, webgl,
 * or webgpu with the stock kernels, as the bench's stock side), it is tfjs's own function.
 */
export const RELU_GRAD = 'OwnReluGrad';
export const SOFTMAX_GRAD = 'OwnSoftmaxGrad';

/** dx = dy · step(x): dy where x > 0, 0 elsewhere, NaN where x is NaN (as tfjs's step). */
class ReluGradProgram extends PerElementProgram {
  variableNames = ['dy', 'x'];
  shaderKey = 'ownReluGrad';
  getUserCode(): string {
    return /* wgsl */ `
fn main(index : i32) {
  if (index < uniforms.size) {
    let v = x[index];
    let s = select(select(0.0, 1.0, v > 0.0), v, isnan(v));
    setOutputAtIndex(index, dy[index] * s);
  }
}`;
  }
}

/** Over the last axis: dx_j = dy_j·y_j − (Σ_c dy_c·y_c)·y_j. */
class SoftmaxGradProgram extends PerElementProgram {
  variableNames = ['dy', 'y'];
  shaderKey = 'ownSoftmaxGrad';
  getUserCode(): string {
    return /* wgsl */ `
fn main(index : i32) {
  if (index < uniforms.size) {
    let n = uniforms.yShape.y;
    let row = index / n * n;
    var sum = 0.0;
    for (var c = 0; c < n; c++) {
      sum += dy[row + c] * y[row + c];
    }
    setOutputAtIndex(index, dy[index] * y[index] - sum * y[index]);
  }
}`;
  }
}

const sameFloat = (a: tfType.TensorInfo | undefined, b: tfType.TensorInfo | undefined): a is tfType.TensorInfo =>
  a?.dtype === 'float32' && b?.dtype === 'float32' && a.shape.join() === b.shape.join();

function reluGrad(_tf: Tf, args: KernelArgs): tfType.TensorInfo {
  const { dy, x } = args.inputs;
  if (!sameFloat(dy, x)) throw new Error(`${RELU_GRAD}: dy and x must be float32 of one shape`);
  return asWebGpuBackend(args.backend, RELU_GRAD).runWebGPUProgram(new ReluGradProgram([...dy.shape]), [dy, x!], 'float32');
}

function softmaxGrad(_tf: Tf, args: KernelArgs): tfType.TensorInfo {
  const { dy, y } = args.inputs;
  if (!sameFloat(dy, y) || dy.shape.length !== 2) throw new Error(`${SOFTMAX_GRAD}: dy and y must be float32 of one rank-2 shape`);
  return asWebGpuBackend(args.backend, SOFTMAX_GRAD).runWebGPUProgram(new SoftmaxGradProgram([...dy.shape]), [dy, y!], 'float32');
}

export const FUSED_GRADIENT_KERNELS = { OwnReluGrad: reluGrad, OwnSoftmaxGrad: softmaxGrad } as const satisfies Readonly<Record<string, OwnKernel>>;

const INSTALLED = Symbol.for('ai-dmx-guide.fusedGradient');
type MarkedGrad = tfType.GradConfig & { [INSTALLED]?: tfType.GradConfig };

/** Whether the active backend has `kernel` (getKernel is typed as always returning; it returns undefined). */
const available = (tf: Tf, kernel: string) => (tf.getKernel(kernel, tf.getBackend()) as tfType.KernelConfig | undefined) !== undefined;

/** Installs the Relu and Softmax gradients that use our kernels where they exist (idempotent). */
export function installFusedGradients(tf: Tf): void {
  // `own` gives the kernel's inputs when ours applies to this call, else null: tfjs's own gradient runs.
  type Own = (dy: tfType.Tensor, saved: tfType.Tensor[], attrs: tfType.NamedAttrMap) => tfType.NamedTensorMap | null;
  const wrap = (kernelName: string, input: string, kernel: string, own: Own) => {
    const stock = tf.getGradient(kernelName) as MarkedGrad | undefined;
    if (!stock || stock[INSTALLED]) return;
    const config: MarkedGrad = {
      ...stock,
      gradFunc: (dy, saved, attrs) => {
        const inputs = !Array.isArray(dy) && available(tf, kernel) ? own(dy, saved, attrs) : null;
        return inputs ? { [input]: () => tf.engine().runKernel(kernel, inputs) as tfType.Tensor } : stock.gradFunc(dy, saved, attrs);
      },
      [INSTALLED]: stock,
    };
    tf.registerGradient(config);
  };
  wrap('Relu', 'x', RELU_GRAD, (dy, [x]) => (sameFloat(dy, x) ? { dy, x: x! } : null));
  wrap('Softmax', 'logits', SOFTMAX_GRAD, (dy, [y], attrs) => {
    const dim = (attrs as { dim?: number }).dim ?? -1;
    return (dim === -1 || dim === dy.rank - 1) && dy.rank === 2 && sameFloat(dy, y) ? { dy, y: y! } : null;
  });
}
