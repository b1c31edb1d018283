// Gives Node `navigator.gpu` from Dawn (npm `webgpu`), before tfjs-backend-webgpu loads: it
// registers its backend only when navigator.gpu exists at import time.
import { create, globals } from 'webgpu';

export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
  timestampQuery: boolean;
}

export async function installDawn(flags: string[]): Promise<AdapterReport> {
  // No shader disk caches (Mesa's, NVIDIA's), so that a first batch measures compilation, not the last run's cache.
  process.env['MESA_SHADER_CACHE_DISABLE'] ??= 'true';
  process.env['__GL_SHADER_DISK_CACHE'] ??= '0';
  Object.assign(globalThis, globals);
  Object.defineProperty(globalThis.navigator, 'gpu', { value: create(flags), configurable: true });
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter: no Vulkan driver found (see bench/gpu/run.sh for VK_DRIVER_FILES)');
  const { vendor, architecture, device, description } = adapter.info;
  const fallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? adapter.info.isFallbackAdapter;
  return { vendor, architecture, device, description, isFallbackAdapter: !!fallback, timestampQuery: adapter.features.has('timestamp-query') };
}
