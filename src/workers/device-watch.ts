import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../lib/mnist/protocol';

interface WebGpuBackendLike {
  device: { lost: Promise<{ reason?: string; message?: string }>; destroy(): void };
}

export type LostOutcome = { status: 'lost'; why: string };

/**
 * Turns "the GPU device went away" into a promise the training loop races against. Only
 * WebGPU reports it directly (GPUDevice.lost); WebGL losses surface as errors instead.
 * `simulateLoss` destroys the device on purpose, so the fallback path can be tested.
 */
export class DeviceWatch {
  private cancel: (() => void) | null = null;

  watch(backend: BackendName): Promise<LostOutcome> {
    this.stop();
    return new Promise<LostOutcome>((resolve) => {
      let active = true;
      this.cancel = () => {
        active = false;
      };
      if (backend !== 'webgpu') return;
      const gpu = tf.backend() as unknown as WebGpuBackendLike;
      void gpu.device.lost.then((info) => {
        if (active) resolve({ status: 'lost', why: `GPU 设备丢失（${info.message || info.reason || '原因不明'}）` });
      });
    });
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  simulateLoss(): void {
    if (tf.getBackend() === 'webgpu') (tf.backend() as unknown as WebGpuBackendLike).device.destroy();
  }
}
