import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../lib/mnist/protocol';

interface WebGpuBackendLike {
  device: { lost: Promise<{ reason?: string; message?: string }>; destroy(): void };
}

interface WebGlBackendLike {
  gpgpu: { gl: WebGL2RenderingContext };
}

export type LostOutcome = { status: 'lost'; why: string };

/**
 * Turns "the GPU went away" into a promise the training loop races against: WebGPU's
 * GPUDevice.lost, or WebGL's webglcontextlost event on the backend's canvas.
 * `simulateLoss` loses the device or context on purpose, so the fallback can be tested.
 */
export class DeviceWatch {
  private cancel: (() => void) | null = null;

  watch(backend: BackendName): Promise<LostOutcome> {
    this.stop();
    return new Promise<LostOutcome>((resolve) => {
      let active = true;
      const lost = (why: string) => {
        if (active) resolve({ status: 'lost', why });
      };
      let detach = (): void => undefined;
      if (backend === 'webgpu') {
        const gpu = tf.backend() as unknown as WebGpuBackendLike;
        void gpu.device.lost.then((info) => lost(`GPU 设备丢失（${info.message || info.reason || '原因不明'}）`));
      } else if (backend === 'webgl') {
        const canvas = (tf.backend() as unknown as WebGlBackendLike).gpgpu.gl.canvas;
        const onLost = (event: Event) => {
          event.preventDefault();
          lost('GPU 设备丢失（WebGL 上下文丢失）');
        };
        canvas.addEventListener('webglcontextlost', onLost);
        detach = () => canvas.removeEventListener('webglcontextlost', onLost as EventListener);
      }
      this.cancel = () => {
        active = false;
        detach();
      };
    });
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  simulateLoss(): void {
    const name = tf.getBackend();
    if (name === 'webgpu') (tf.backend() as unknown as WebGpuBackendLike).device.destroy();
    if (name === 'webgl') (tf.backend() as unknown as WebGlBackendLike).gpgpu.gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
