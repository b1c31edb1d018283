import type { FeatureModule } from './context';

/**
 * The worker's features, each imported on first use: a page that only trains MNIST never
 * loads the quantization code, and the other way round.
 */
export const FEATURES: Readonly<Record<string, () => Promise<{ handlers: FeatureModule }>>> = {
  mnist: () => import('./mnist'),
  gemm: () => import('./gemm'),
  'deep-stack': () => import('./deep-stack'),
  softmax: () => import('./softmax'),
  'mlp-check': () => import('./mlp-check'),
  schedules: () => import('./schedules'),
  compress: () => import('./compress'),
};
