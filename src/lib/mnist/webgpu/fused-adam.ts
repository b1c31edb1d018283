// Exports: createFusedAdam(tf, learningRate, beta1?, beta2?, epsilon?) → a tf.AdamOptimizer whose
// update runs as one WebGPU dispatch per variable on the webgpu backend (plain tf.train.adam on any
// other backend); usable in model.compile. FusedAdamStats: dispatch count, for tests and the bench.
import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from '../../../tf/namespace';
import type { WebGpuBackendLike } from './program';

/**
 * Adam with tfjs-core 4.22's arithmetic (adam_optimizer.js), step for step in float32:
 *   m ← m·β1 + g·(1−β1),  v ← v·β2 + g²·(1−β2),
 *   θ ← (m/(1−β1ᵗ)) / (sqrt(v/(1−β2ᵗ)) + ε) · (−lr) + θ,
 * with β1ᵗ, β2ᵗ kept as float32 products updated after each step (tfjs's accBeta1/accBeta2).
 *
 * Stock tfjs runs that as ~15 element-wise kernels per variable, each with its own scalar
 * tensors, uniform and bind group. Here the step's scalars go into one uniform buffer of the
 * optimizer, m and v are updated in place (read_write storage) in the buffers of the
 * optimizer's own slot variables, and θ's new value is written to a fresh tensor that the
 * variable is assigned — as tfjs does, so a clone of θ taken before the step keeps its value.
 * The dispatches are recorded into the backend's own command encoder, after the work it has
 * queued (the gradients), and submitted at once: the uniform is rewritten only once nothing
 * recorded still reads it.
 */

interface TensorData {
  values: unknown;
  resource?: unknown;
}

/** The parts of tfjs-backend-webgpu 4.22's WebGPUBackend the fused step uses (public in its JS). */
interface WebGpuInternals extends WebGpuBackendLike {
  device: GPUDevice;
  queue: GPUQueue;
  tensorMap: { get(dataId: object): TensorData };
  commandEncoder: GPUCommandEncoder | null;
  commandQueueOwnedIds: WeakSet<object>;
  uploadToGPU(dataId: object): void;
  makeTensorInfo(shape: number[], dtype: tfType.DataType): tfType.TensorInfo;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
}

const WORKGROUP = 64;
const MAX_GROUPS = 65535;

// Field order of the uniform; all float32.
const STEP_FIELDS = ['negLr', 'beta1', 'oneMinusBeta1', 'beta2', 'oneMinusBeta2', 'oneMinusAcc1', 'oneMinusAcc2', 'epsilon'] as const;

const SHADER = /* wgsl */ `
struct Step { ${STEP_FIELDS.map((f) => `${f} : f32,`).join(' ')} };
@group(0) @binding(0) var<uniform> step : Step;
@group(0) @binding(1) var<storage, read> theta : array<f32>;
@group(0) @binding(2) var<storage, read> grad : array<f32>;
@group(0) @binding(3) var<storage, read_write> m : array<f32>;
@group(0) @binding(4) var<storage, read_write> v : array<f32>;
@group(0) @binding(5) var<storage, read_write> thetaNext : array<f32>;

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) id : vec3<u32>, @builtin(num_workgroups) groups : vec3<u32>) {
  let i = id.x + id.y * groups.x * ${WORKGROUP}u;
  if (i >= arrayLength(&thetaNext)) { return; }
  let g = grad[i];
  let m1 = m[i] * step.beta1 + g * step.oneMinusBeta1;
  let v1 = v[i] * step.beta2 + (g * g) * step.oneMinusBeta2;
  m[i] = m1;
  v[i] = v1;
  let mHat = m1 / step.oneMinusAcc1;
  let vHat = v1 / step.oneMinusAcc2;
  thetaNext[i] = (mHat / (sqrt(vHat) + step.epsilon)) * step.negLr + theta[i];
}`;

const pipelines = new WeakMap<GPUDevice, GPUComputePipeline>();

function pipelineFor(device: GPUDevice): GPUComputePipeline {
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    const module = device.createShaderModule({ code: SHADER, label: 'FusedAdam' });
    pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: 'FusedAdam' });
    pipelines.set(device, pipeline);
  }
  return pipeline;
}

function webgpuBackendOf(tf: Tf): WebGpuInternals | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const backend = tf.backend() as unknown as Partial<WebGpuInternals>;
  return backend.device && backend.tensorMap && typeof backend.submitQueue === 'function' ? (backend as WebGpuInternals) : null;
}

/** Counts of what the fused path did, for tests and the bench. */
export interface FusedAdamStats {
  fusedSteps: number;
  dispatches: number;
}

interface SlotVariable {
  originalName: string;
  variable: tfType.Variable;
}

/** The fields of tfjs's AdamOptimizer (plain JS properties) the fused step shares with it. */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tfType.Variable;
  accBeta2: tfType.Variable;
  accumulatedFirstMoment: SlotVariable[];
  accumulatedSecondMoment: SlotVariable[];
  incrementIterations(): void;
}

export type FusedAdam = tfType.AdamOptimizer & { readonly stats: FusedAdamStats };
type Gradients = Parameters<tfType.AdamOptimizer['applyGradients']>[0];
type NamedTensors = Parameters<tfType.AdamOptimizer['setWeights']>[0];

const classes = new WeakMap<object, new (lr: number, b1: number, b2: number, eps?: number) => FusedAdam>();

function fusedAdamClass(tf: Tf): new (lr: number, b1: number, b2: number, eps?: number) => FusedAdam {
  const known = classes.get(tf.AdamOptimizer);
  if (known) return known;
  const f32 = Math.fround;

  class FusedAdamOptimizer extends tf.AdamOptimizer {
    readonly stats: FusedAdamStats = { fusedSteps: 0, dispatches: 0 };
    private uniform: GPUBuffer | null = null;
    private uniformDevice: GPUDevice | null = null;
    // β1ᵗ and β2ᵗ as float32 numbers while the fused path owns them; null while tfjs's accBeta
    // tensors hold them (after a stock step). Both start at β, as tfjs's do.
    private acc: { beta1: number; beta2: number } | null = { beta1: f32(this.state.beta1), beta2: f32(this.state.beta2) };

    private get state(): AdamState {
      return this as unknown as AdamState;
    }

    override applyGradients(variableGradients: Gradients): void {
      const backend = webgpuBackendOf(tf);
      if (!backend) {
        this.syncAccToTensors();
        super.applyGradients(variableGradients);
        return;
      }
      this.fusedStep(backend, variableGradients);
    }

    override async setWeights(weightValues: NamedTensors): Promise<void> {
      // Own copies: the moments are updated in place, the caller's tensors must not change.
      const copies = await Promise.all(weightValues.map(async ({ name, tensor }) => ({ name, tensor: tf.tensor(await tensor.data(), tensor.shape, tensor.dtype) })));
      await super.setWeights(copies);
      tf.dispose(copies.map((c) => c.tensor));
      this.acc = { beta1: (await this.state.accBeta1.data())[0] ?? NaN, beta2: (await this.state.accBeta2.data())[0] ?? NaN };
    }

    override dispose(): void {
      super.dispose();
      this.uniform?.destroy();
      this.uniform = null;
    }

    private syncAccToTensors(): void {
      if (!this.acc) return;
      const { beta1, beta2 } = this.acc;
      tf.tidy(() => {
        this.state.accBeta1.assign(tf.scalar(beta1));
        this.state.accBeta2.assign(tf.scalar(beta2));
      });
      this.acc = null;
    }

    private accNumbers(): { beta1: number; beta2: number } {
      // After a stock step (another backend), read what tfjs's tensors hold.
      this.acc ??= { beta1: this.state.accBeta1.dataSync()[0] ?? NaN, beta2: this.state.accBeta2.dataSync()[0] ?? NaN };
      return this.acc;
    }

    private fusedStep(backend: WebGpuInternals, variableGradients: Gradients): void {
      const s = this.state;
      const entries = Array.isArray(variableGradients)
        ? variableGradients.map(({ name, tensor }) => [name, tensor] as const)
        : Object.entries(variableGradients).map(([name, tensor]) => [name, tensor] as const);
      const acc = this.accNumbers();
      const values = {
        negLr: -s.learningRate,
        beta1: s.beta1,
        oneMinusBeta1: 1 - s.beta1,
        beta2: s.beta2,
        oneMinusBeta2: 1 - s.beta2,
        oneMinusAcc1: f32(1 - acc.beta1),
        oneMinusAcc2: f32(1 - acc.beta2),
        epsilon: s.epsilon,
      };
      const device = backend.device;
      if (this.uniform && this.uniformDevice !== device) this.uniform.destroy();
      if (!this.uniform || this.uniformDevice !== device) {
        this.uniformDevice = device;
        this.uniform = device.createBuffer({ size: STEP_FIELDS.length * 4, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, label: 'FusedAdam step' });
      }
      backend.queue.writeBuffer(this.uniform, 0, Float32Array.from(STEP_FIELDS, (f) => values[f]));
      const pipeline = pipelineFor(device);
      const registered = tf.engine().registeredVariables;
      const updates: { variable: tfType.Variable; next: tfType.Tensor }[] = [];

      // Slots and uploads first: they may run tfjs programs or record copies, which must not
      // land inside our compute pass.
      const work = entries.flatMap(([name, gradient], i) => {
        const variable = registered[name];
        if (!variable) throw new Error(`FusedAdam: no variable named ${name}`);
        const m = (s.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(variable).variable(false)) });
        const v = (s.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(variable).variable(false)) });
        if (gradient == null) return [];
        const size = variable.size;
        if (size === 0) return [];
        const next = backend.makeTensorInfo(variable.shape, 'float32');
        const tensors = [variable, gradient, m.variable, v.variable, next] as const;
        for (const t of tensors) backend.uploadToGPU(t.dataId);
        return [{ variable, size, tensors, next }];
      });
      backend.ensureCommandEncoderReady();
      backend.endComputePassEncoder();
      const encoder = backend.commandEncoder;
      if (!encoder) throw new Error('FusedAdam: the WebGPU backend has no command encoder');
      const pass = encoder.beginComputePass({ label: 'FusedAdam' });
      pass.setPipeline(pipeline);
      for (const { variable, size, tensors, next } of work) {
        const bytes = size * 4;
        const bindGroup = device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [
            { binding: 0, resource: { buffer: this.uniform } },
            ...tensors.map((t, k) => ({ binding: k + 1, resource: { buffer: backend.tensorMap.get(t.dataId).resource as GPUBuffer, offset: 0, size: bytes } })),
          ],
        });
        pass.setBindGroup(0, bindGroup);
        const groups = Math.ceil(size / WORKGROUP);
        pass.dispatchWorkgroups(Math.min(groups, MAX_GROUPS), Math.ceil(groups / MAX_GROUPS));
        this.stats.dispatches++;
        for (const t of tensors) backend.commandQueueOwnedIds.add(t.dataId);
        // m and v changed on the GPU: drop any copy of their old values cached on the CPU.
        backend.tensorMap.get(tensors[2].dataId).values = null;
        backend.tensorMap.get(tensors[3].dataId).values = null;
        updates.push({ variable, next: tf.engine().makeTensorFromTensorInfo(next) });
      }
      pass.end();
      backend.submitQueue();
      for (const { variable, next } of updates) {
        variable.assign(next);
        next.dispose();
      }
      acc.beta1 = f32(acc.beta1 * f32(s.beta1));
      acc.beta2 = f32(acc.beta2 * f32(s.beta2));
      this.stats.fusedSteps++;
      s.incrementIterations();
    }
  }

  const cls = FusedAdamOptimizer as unknown as new (lr: number, b1: number, b2: number, eps?: number) => FusedAdam;
  classes.set(tf.AdamOptimizer, cls);
  return cls;
}

/**
 * An Adam optimizer with tf.train.adam's defaults and arithmetic. On the webgpu backend its
 * update is one dispatch per variable; on any other backend it is tfjs's own AdamOptimizer.
 * Its class name is tfjs's ('Adam'), so saved models describe it as Adam.
 */
export function createFusedAdam(tf: Tf, learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number): FusedAdam {
  const FusedAdamOptimizer = fusedAdamClass(tf);
  return new FusedAdamOptimizer(learningRate, beta1, beta2, epsilon);
}
