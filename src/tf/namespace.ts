import * as core from '@tensorflow/tfjs-core';
import * as layers from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';

/**
 * The one TensorFlow.js the site runs: the core (with gradients and chained ops), the
 * layers API and the CPU backend — without the umbrella package's converter and data
 * packages, which nothing here uses. The GPU and WASM backends load on demand
 * (backends.ts). Engines take this namespace as a parameter (type `Tf`), so they never
 * import TensorFlow.js themselves.
 */
export const tf = { ...core, ...layers };
export type Tf = typeof tf;
