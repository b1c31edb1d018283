// Gives this Node process `navigator.gpu` from Dawn (npm `webgpu`), which TensorFlow.js's
// WebGPU backend then uses as in a browser. Without a GPU the adapter is Mesa's lavapipe
// (scripts/vulkan.mjs installs it): slow, but the same WGSL, the same validation.
import { afterAll } from 'vitest';
import { create, globals } from 'webgpu';

Object.assign(globalThis, globals);
Object.defineProperty(globalThis.navigator, 'gpu', { value: create([]), configurable: true });

// Dawn keeps a process alive (and tears down its device threads at exit) as long as the
// object from `create` is referenced. Release the device and that reference while the test
// file's worker is still healthy, so the worker's own exit has no GPU work left to undo.
afterAll(async () => {
  const { tf } = await import('../../src/tf/namespace');
  if (tf.findBackend('webgpu')) {
    const device = (tf.findBackend('webgpu') as unknown as { device?: GPUDevice }).device;
    if (tf.getBackend() === 'webgpu') await tf.setBackend('cpu');
    tf.removeBackend('webgpu');
    device?.destroy();
    await device?.lost;
  }
  delete (globalThis.navigator as { gpu?: unknown }).gpu;
});
