import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfc from '@tensorflow/tfjs-core';
import { onCpu, webgpuTf } from './gpu-backend';
import type { Tf } from '../../src/tf/namespace';
import { isOwnKernelFunc } from '../../src/tf/replace-kernels';
import { WEBGPU_TRAINING_KERNELS, registerWebGpuTrainingKernels } from '../../src/lib/mnist/webgpu/register-kernels';
import { filterGradPlan } from '../../src/lib/mnist/webgpu/conv-filter-grad';
import { CONV_GRAD_CASES, MAXPOOL_GRAD_CASES, expectClose, expectSameTraining, maxPoolGradient, randomValues, twoTrainingSteps, type ConvCase, type PoolCase } from '../kernel-checks';

// Our WebGPU training kernels (src/lib/mnist/webgpu/) against the CPU backend's, called as
// the gradients of conv2d and maxPool call them, on Dawn + lavapipe. Each test also checks
// which programs ran: ours, or the stock one for what we hand back to it.

let tf: Tf;

/** The programs the WebGPU backend runs while `f` runs, by class name. */
async function programsRun(f: () => unknown): Promise<string[]> {
  const backend = tf.backend() as unknown as { runWebGPUProgram: (program: object, ...rest: unknown[]) => unknown };
  const original = backend.runWebGPUProgram;
  const names: string[] = [];
  backend.runWebGPUProgram = function (program, ...rest) {
    names.push(program.constructor.name);
    return original.call(this, program, ...rest);
  };
  try {
    await f();
  } finally {
    backend.runWebGPUProgram = original;
  }
  return names;
}

beforeAll(async () => {
  tf = await webgpuTf();
  registerWebGpuTrainingKernels(tf);
});

describe('registerWebGpuTrainingKernels', () => {
  it('installs our kernels for webgpu, idempotently, and leaves the CPU backend alone', () => {
    expect(WEBGPU_TRAINING_KERNELS).toEqual(['Conv2DBackpropFilter', 'MaxPoolGrad', 'Sum', 'OwnReluGrad', 'OwnSoftmaxGrad']);
    const before = WEBGPU_TRAINING_KERNELS.map((name) => tf.getKernel(name, 'webgpu').kernelFunc);
    before.forEach((f) => expect(isOwnKernelFunc(f)).toBe(true));
    registerWebGpuTrainingKernels(tf);
    WEBGPU_TRAINING_KERNELS.forEach((name, i) => expect(tf.getKernel(name, 'webgpu').kernelFunc).toBe(before[i]));
    expect(isOwnKernelFunc(tf.getKernel('Conv2DBackpropFilter', 'cpu').kernelFunc)).toBe(false);
  });
});

const FILTER_GRAD_CASES: ConvCase[] = [
  ...CONV_GRAD_CASES,
  { name: 'conv2d_1, batch 16: reduction cut into many chunks', x: [16, 28, 28, 1], w: [3, 3, 1, 32], strides: 1, pad: 'valid' },
  { name: 'conv2d_2, batch 16: 18 blocks of dW, each in several chunks', x: [16, 13, 13, 32], w: [3, 3, 32, 64], strides: 1, pad: 'valid' },
  { name: 'k and n past one block', x: [2, 6, 6, 7], w: [3, 3, 7, 37], strides: 1, pad: 'same' },
];

/** How our kernel cuts a case's reduction (see filterGradPlan). */
function planOf(c: ConvCase) {
  const info = tf.backend_util.computeConv2DInfo(c.x, c.w, c.strides, 1, c.pad);
  return { outShape: info.outShape, ...filterGradPlan(info.batchSize * info.outHeight * info.outWidth, c.w[0] * c.w[1] * c.w[2], c.w[3]) };
}

describe('Conv2DBackpropFilter on WebGPU matches the CPU backend', () => {
  it('the cases cover a single chunk, a few and many', () => {
    const chunks = FILTER_GRAD_CASES.map((c) => planOf(c).chunks);
    expect(chunks).toContain(1);
    expect(chunks.some((n) => n > 1 && n < 50)).toBe(true);
    expect(Math.max(...chunks)).toBeGreaterThan(100);
  });

  for (const c of FILTER_GRAD_CASES) {
    it(`${c.name}: x ${c.x} · w ${c.w}, strides ${c.strides}, ${Array.isArray(c.pad) ? 'explicit' : c.pad}`, async () => {
      const { outShape, chunks } = planOf(c);
      const xValues = randomValues(c.x, 1);
      const dyValues = randomValues(outShape, 2);
      const filterGrad = () =>
        tf.tidy(() => {
          const x = tf.tensor4d(xValues, c.x);
          const dy = tf.tensor4d(dyValues, outShape);
          return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.w }) as tfc.Tensor;
        });
      const reference = await onCpu(tf, filterGrad);
      const tensors = tf.memory().numTensors;
      const buffers = tf.backend().numDataIds();
      let result: tfc.Tensor | undefined;
      const programs = await programsRun(() => {
        result = filterGrad();
      });
      expect(programs).toEqual(chunks > 1 ? ['FilterGradPartialsProgram', 'SumChunksProgram'] : ['FilterGradPartialsProgram']);
      expect(result!.shape).toEqual(c.w);
      expectClose((await result!.data()) as Float32Array, reference, `${c.name} (${chunks} chunks)`);
      result!.dispose();
      expect(tf.memory().numTensors).toBe(tensors);
      expect(tf.backend().numDataIds()).toBe(buffers);
    });
  }

  it('through tf.grads of conv2d (stride 2, same), dx from the stock kernel and dw from ours', async () => {
    const xShape: [number, number, number, number] = [3, 9, 7, 3];
    const wShape: [number, number, number, number] = [3, 3, 3, 5];
    const xValues = randomValues(xShape, 3);
    const wValues = randomValues(wShape, 4);
    const grads = (which: 0 | 1) => () =>
      tf.tidy(() => {
        const conv = (x: tfc.Tensor, w: tfc.Tensor) => tf.sum(tf.square(tf.conv2d(x as tfc.Tensor4D, w as tfc.Tensor4D, 2, 'same')));
        return tf.grads(conv)([tf.tensor4d(xValues, xShape), tf.tensor4d(wValues, wShape)])[which]!;
      });
    for (const which of [0, 1] as const) {
      const reference = await onCpu(tf, grads(which));
      let result: tfc.Tensor | undefined;
      const programs = await programsRun(() => {
        result = grads(which)();
      });
      expect(programs.includes('FilterGradPartialsProgram')).toBe(true);
      expectClose((await result!.data()) as Float32Array, reference, which === 0 ? 'dx' : 'dw');
      result!.dispose();
    }
  });

  it('hands NCHW to the stock kernel, which matches the CPU backend', async () => {
    const filterGrad = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(randomValues([2, 3, 7, 5], 5), [2, 3, 7, 5]);
        const dy = tf.tensor4d(randomValues([2, 4, 5, 3], 6), [2, 4, 5, 3]);
        return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] }) as tfc.Tensor;
      });
    const reference = await onCpu(tf, filterGrad);
    let result: tfc.Tensor | undefined;
    const programs = await programsRun(() => {
      result = filterGrad();
    });
    expect(programs).toEqual(['Conv2DDerFilterProgram']);
    expectClose((await result!.data()) as Float32Array, reference, 'NCHW (stock)');
    result!.dispose();
  });

  it('hands a dilated case to the stock kernel (tfjs itself never sends one)', async () => {
    const x = tf.zeros([1, 7, 7, 2]);
    const dy = tf.zeros([1, 3, 3, 4]);
    const programs = await programsRun(() => {
      tf.dispose(tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 2, filterShape: [3, 3, 2, 4] }) as tfc.Tensor);
    });
    expect(programs).toEqual(['Conv2DDerFilterProgram']);
    tf.dispose([x, dy]);
  });
});

describe('MaxPoolGrad on WebGPU matches the CPU backend (first maximum wins ties)', () => {
  const cases: PoolCase[] = [
    ...MAXPOOL_GRAD_CASES,
    { name: 'stride [2, 1], one-sided same padding', x: [2, 6, 7, 3], size: 2, strides: [2, 1], pad: 'same' },
  ];
  for (const c of cases) {
    it(`${c.name}: x ${c.x}, pool ${c.size}, strides ${c.strides}, ${c.pad}`, async () => {
      const reference = await onCpu(tf, () => maxPoolGradient(tf, c));
      const tensors = tf.memory().numTensors;
      let result: tfc.Tensor | undefined;
      const programs = await programsRun(() => {
        result = maxPoolGradient(tf, c);
      });
      expect(programs).toContain('MaxPoolGradProgram');
      expect(programs).not.toContain('MaxPool2DBackpropProgram');
      expectClose((await result!.data()) as Float32Array, reference, c.name);
      result!.dispose();
      expect(tf.memory().numTensors).toBe(tensors);
    });
  }
});

describe('one training step of the chapter 5 model on WebGPU', () => {
  it("gives the CPU backend's loss and weights, runs our kernels for each layer, leaks nothing", async () => {
    await tf.setBackend('cpu');
    const cpu = await twoTrainingSteps(tf, 4);
    await tf.setBackend('webgpu');
    let programs: string[] = [];
    const gpu = await twoTrainingSteps(tf, 4, async (step) => {
      programs = await programsRun(step);
    });
    const count = (name: string) => programs.filter((p) => p === name).length;
    const ours = ['FilterGradPartialsProgram', 'SumChunksProgram', 'MaxPoolGradProgram'];
    console.log(`programs (dispatches) in a training batch of 4: ${programs.length}; ours: ${ours.map((p) => `${count(p)} ${p}`).join(', ')}`);
    expect(count('FilterGradPartialsProgram')).toBe(3);
    expect(count('Conv2DDerFilterProgram')).toBe(0);
    expect(count('MaxPoolGradProgram')).toBe(2);
    expect(count('MaxPool2DBackpropProgram')).toBe(0);
    expectSameTraining(gpu, cpu);
  });
});
