// Exports: fusedCrossentropy(tf) and fusedAccuracy(tf), a loss and a metric for model.compile that
// compute tfjs-layers' 'categoricalCrossentropy' and categorical 'accuracy' in one dispatch each (and
// the loss's gradient in one); LossOrMetric, their type. ownTrainingPath gives them on webgpu.
import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from '../../../tf/namespace';
import { PerElementProgram, asWebGpuBackend, type UniformField } from './program';

/**
 * tfjs-layers builds the loss from ops — normalize by the row sum, clip to [ε, 1 − ε], log,
 * multiply by the target, sum, negate — and the metric from two argMax, an equal and a cast;
 * with their gradients that was 36 of a batch's 95 dispatches. Here the same formulas run one
 * thread per sample (ten classes per row), and the gradient of the whole chain, by the same
 * rules tfjs's gradients apply, in one thread per element. Rank-2 float32 on webgpu only; anything
 * else goes to tfjs-layers' own functions (tf.metrics.*).
 */
export type LossOrMetric = (yTrue: tfType.Tensor, yPred: tfType.Tensor) => tfType.Tensor;

const CLIP = 'lo : f32, hi : f32,';

// Row `row` of p (inputs named p and t, C = pShape.y): its sum s and q_c = clip(p_c / s).
const ROW = /* wgsl */ `
fn rowSum(row : i32) -> f32 {
  var s = 0.0;
  for (var c = 0; c < uniforms.pShape.y; c++) {
    s += p[row * uniforms.pShape.y + c];
  }
  return s;
}`;

/** Loss per sample: −Σ_c t_c · log(clip(p_c / Σ p)). */
class CrossentropyProgram extends PerElementProgram {
  variableNames = ['p', 't'];
  shaderKey = 'ownCrossentropy';
  uniforms = CLIP;
  getUserCode(): string {
    return /* wgsl */ `${ROW}
fn main(index : i32) {
  if (index >= uniforms.size) {
    return;
  }
  let s = rowSum(index);
  var sum = 0.0;
  for (var c = 0; c < uniforms.pShape.y; c++) {
    let at = index * uniforms.pShape.y + c;
    sum += t[at] * log(clamp(p[at] / s, uniforms.lo, uniforms.hi));
  }
  setOutputAtIndex(index, -sum);
}`;
  }
}

/**
 * d loss / d p_j for upstream dy (one per sample): with q_c = p_c / s, g_c = −dy · t_c / clip(q_c)
 * where ε ≤ q_c ≤ 1 − ε (clipByValue passes the gradient there only), else 0; then
 * dp_j = g_j / s − Σ_c g_c · p_c / s² (the quotient rule, s = Σ_c p_c).
 */
class CrossentropyGradProgram extends PerElementProgram {
  variableNames = ['dy', 'p', 't'];
  shaderKey = 'ownCrossentropyGrad';
  uniforms = CLIP;
  getUserCode(): string {
    return /* wgsl */ `${ROW}
fn g(at : i32, s : f32, up : f32) -> f32 {
  let q = p[at] / s;
  return select(0.0, -up * t[at] / clamp(q, uniforms.lo, uniforms.hi), q >= uniforms.lo && q <= uniforms.hi);
}
fn main(index : i32) {
  if (index >= uniforms.size) {
    return;
  }
  let row = index / uniforms.pShape.y;
  let upstream = dy[row];
  let s = rowSum(row);
  var ds = 0.0;
  for (var c = 0; c < uniforms.pShape.y; c++) {
    let at = row * uniforms.pShape.y + c;
    ds -= g(at, s, upstream) * p[at] / (s * s);
  }
  setOutputAtIndex(index, g(index, s, upstream) / s + ds);
}`;
  }
}

/** 1 where the first largest p of the row is where the first largest t is (argMax's ties), else 0. */
class AccuracyProgram extends PerElementProgram {
  variableNames = ['p', 't'];
  shaderKey = 'ownAccuracy';
  getUserCode(): string {
    return /* wgsl */ `
fn argMax(row : i32, of_t : bool) -> i32 {
  var best = 0;
  for (var c = 1; c < uniforms.pShape.y; c++) {
    let at = row * uniforms.pShape.y;
    if (select(p[at + c] > p[at + best], t[at + c] > t[at + best], of_t)) {
      best = c;
    }
  }
  return best;
}
fn main(index : i32) {
  if (index >= uniforms.size) {
    return;
  }
  setOutputAtIndex(index, select(0.0, 1.0, argMax(index, false) == argMax(index, true)));
}`;
  }
}

// Our programs need the webgpu backend: a model compiled with these keeps working after a switch to another.
const fused = (tf: Tf, yTrue: tfType.Tensor, yPred: tfType.Tensor) =>
  tf.getBackend() === 'webgpu' && yTrue.dtype === 'float32' && yPred.dtype === 'float32' && yPred.rank === 2 && yTrue.shape.join() === yPred.shape.join() && yPred.size > 0;

function run(tf: Tf, program: PerElementProgram, inputs: tfType.Tensor[], uniforms?: UniformField[]): tfType.Tensor {
  const info = asWebGpuBackend(tf.backend(), program.shaderKey).runWebGPUProgram(program, inputs, 'float32', uniforms);
  return tf.engine().makeTensorFromTensorInfo(info);
}

/** tfjs-layers' categoricalCrossentropy (probabilities in, loss per sample out) with a fused forward and gradient. */
export function fusedCrossentropy(tf: Tf): LossOrMetric {
  return function categoricalCrossentropy(yTrue, yPred) {
    if (!fused(tf, yTrue, yPred)) return tf.metrics.categoricalCrossentropy(yTrue, yPred);
    const epsilon = tf.backend().epsilon(); // tfjs-layers' fuzz factor
    const clip: UniformField[] = [
      { type: 'float32', data: [epsilon] },
      { type: 'float32', data: [1 - epsilon] },
    ];
    // The target is no variable: it has no gradient, so it is closed over rather than an input.
    const forward = (p: tfType.Tensor, save: tfType.GradSaveFunc) => {
      save([p]);
      return {
        value: run(tf, new CrossentropyProgram([p.shape[0]!]), [p, yTrue], clip),
        gradFunc: (dy: tfType.Tensor, [saved]: tfType.Tensor[]) => run(tf, new CrossentropyGradProgram([...saved!.shape]), [dy, saved!, yTrue], clip),
      };
    };
    // customGrad's type passes the inputs and the save function as one rest parameter.
    const loss = tf.customGrad(forward as unknown as Parameters<Tf['customGrad']>[0]);
    return loss(yPred);
  };
}

/** tfjs-layers' categoricalAccuracy (1 or 0 per sample) in one dispatch. */
export function fusedAccuracy(tf: Tf): LossOrMetric {
  return function accuracy(yTrue, yPred) {
    if (!fused(tf, yTrue, yPred)) return tf.metrics.categoricalAccuracy(yTrue, yPred);
    return run(tf, new AccuracyProgram([yPred.shape[0]!]), [yPred, yTrue]);
  };
}
