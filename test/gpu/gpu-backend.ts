import { tf, type Tf } from '../../src/tf/namespace';

/**
 * TensorFlow.js on the WebGPU backend in Node, for kernel tests; the CPU backend stays
 * registered as the reference. Resolves to the same namespace each time.
 */
export async function webgpuTf(): Promise<Tf> {
  await import('@tensorflow/tfjs-backend-webgpu');
  if (tf.getBackend() !== 'webgpu' && !(await tf.setBackend('webgpu'))) throw new Error('no WebGPU backend: is a Vulkan driver installed (scripts/vulkan.mjs)?');
  return tf;
}

/** Runs `f` on the CPU backend and returns its values, then switches back to WebGPU. */
export async function onCpu(tfNs: Tf, f: () => import('@tensorflow/tfjs-core').Tensor): Promise<Float32Array> {
  await tfNs.setBackend('cpu');
  try {
    const result = f();
    const values = (await result.data()) as Float32Array;
    result.dispose();
    return values;
  } finally {
    await tfNs.setBackend('webgpu');
  }
}
