import type { MnistApi } from './mnist-api';

/** Every feature of the TensorFlow.js worker, by name: the types TfWorkerClient checks calls against. */
export interface Features {
  mnist: MnistApi;
  gemm: import('./gemm-api').GemmApi;
  'deep-stack': import('./deep-stack-api').DeepStackApi;
  softmax: import('./softmax-api').SoftmaxApi;
  'mlp-check': import('./mlp-check-api').MlpCheckApi;
  schedules: import('./schedules-api').SchedulesApi;
  compress: import('./compress-api').CompressApi;
}
