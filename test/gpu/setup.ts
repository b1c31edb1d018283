// Gives this Node process `navigator.gpu` from Dawn (npm `webgpu`), which TensorFlow.js's
// WebGPU backend then uses as in a browser. Without a GPU the adapter is Mesa's lavapipe
// (scripts/vulkan.mjs installs it): slow, but the same WGSL, the same validation.
import { create, globals } from 'webgpu';

Object.assign(globalThis, globals);
Object.defineProperty(globalThis.navigator, 'gpu', { value: create([]), configurable: true });
