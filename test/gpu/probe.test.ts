import { describe, expect, test } from 'vitest';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { onCpu, webgpuTf } from './gpu-backend';

describe('TensorFlow.js on WebGPU in Node (Dawn)', () => {
  test('the stock conv2d filter gradient matches the CPU backend', async () => {
    const tf = await webgpuTf();
    expect(tf.getBackend()).toBe('webgpu');
    const filterGradient = () =>
      tf.tidy(() => {
        const x = tf.randomNormal([3, 9, 9, 2], 0, 1, 'float32', 1) as Tensor4D;
        const dy = tf.randomNormal([3, 7, 7, 4], 0, 1, 'float32', 2) as Tensor4D;
        return tf.grad((w) => tf.sum(tf.mul(tf.conv2d(x, w as Tensor4D, 1, 'valid'), dy)))(tf.zeros([3, 3, 2, 4]));
      });
    const reference = await onCpu(tf, filterGradient);
    const result = filterGradient();
    const got = (await result.data()) as Float32Array;
    result.dispose();
    expect(got.length).toBe(3 * 3 * 2 * 4);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(reference[i]!, 3);
  });
});
