import type { Tf } from './namespace';
import type { BackendName } from './backend-field';

interface WebGpuBackendLike {
  device: { lost: Promise<{ reason?: string; message?: string }>; destroy(): void };
}

interface WebGlBackendLike {
  gpgpu: { gl: WebGL2RenderingContext };
}

export type DeviceLoss = { status: 'lost'; code: 'webgpu-device-lost' | 'webgl-context-lost'; message: string };

/**
 * Turns "the GPU went away" into a promise a long computation races against: WebGPU's
 * GPUDevice.lost, or WebGL's webglcontextlost event on the backend's canvas.
 * `simulateLoss` loses the device or context on purpose, so the fallback can be tested.
 */
export class DeviceWatch {
  private cancel: (() => void) | null = null;

  constructor(private readonly tf: Tf) {}

  watch(backend: BackendName): Promise<DeviceLoss> {
    this.stop();
    return new Promise<DeviceLoss>((resolve) => {
      let active = true;
      const lost = (loss: DeviceLoss) => {
        if (active) resolve(loss);
      };
      let detach = (): void => undefined;
      if (backend === 'webgpu') {
        const gpu = this.tf.backend() as unknown as WebGpuBackendLike;
        void gpu.device.lost.then((info) => lost({ status: 'lost', code: 'webgpu-device-lost', message: info.message || info.reason || '' }));
      } else if (backend === 'webgl') {
        const canvas = (this.tf.backend() as unknown as WebGlBackendLike).gpgpu.gl.canvas;
        const onLost = (event: Event) => {
          event.preventDefault();
          lost({ status: 'lost', code: 'webgl-context-lost', message: '' });
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
    const name = this.tf.getBackend();
    if (name === 'webgpu') (this.tf.backend() as unknown as WebGpuBackendLike).device.destroy();
    if (name === 'webgl') (this.tf.backend() as unknown as WebGlBackendLike).gpgpu.gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
