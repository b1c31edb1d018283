import type { MnistApi } from './mnist-api';

/** Every feature of the TensorFlow.js worker, by name: the types TfWorkerClient checks calls against. */
export interface Features {
  mnist: MnistApi;
}
