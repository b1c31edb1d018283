import * as tf from '@tensorflow/tfjs';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { buildMnistModel } from '../lib/mnist/model';
import type { BackendChoice, BackendName, SkippedBackend } from '../lib/mnist/protocol';

/** Fallback order when a backend is missing, fails, or loses its device. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

const loaded = new Set<BackendName>();

/** Loads a backend's code on first use (each is its own chunk) and makes it current. */
export async function activateBackend(name: BackendName): Promise<void> {
  if (!loaded.has(name)) {
    if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
    if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // Single-threaded SIMD: the threaded build's pthread workers break once bundled, and
      // measured here they gave no speed-up on two cores (XNNPACK kept one thread).
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      // setWasmPaths insists on all three; the threaded one is never fetched with the flag off.
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlainUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
      });
      const { registerWasmTrainingKernels } = await import('../lib/mnist/wasm-training-kernels');
      registerWasmTrainingKernels(tf);
    }
    loaded.add(name);
  }
  if (!(await tf.setBackend(name))) throw new Error(`${name} 后端初始化失败`);
  await tf.ready();
}

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string };
  isFallbackAdapter?: boolean;
}

/** Why WebGPU cannot run here, or null when an adapter is there. Software adapters are flagged. */
async function webgpuProblem(): Promise<string | null> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return '这个浏览器不支持 WebGPU';
  const adapter = await gpu.requestAdapter();
  if (!adapter) return '没有可用的 WebGPU 适配器';
  const info = adapter.info ?? {};
  const label = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`.toLowerCase();
  if (adapter.isFallbackAdapter || label.includes('swiftshader')) {
    return 'WebGPU 只有软件实现（SwiftShader），训练比 WASM 慢得多';
  }
  return null;
}

function webglProblem(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return '这个浏览器不能在后台线程中使用 WebGL';
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return '没有可用的 WebGL2';
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)).toLowerCase();
  if (renderer.includes('swiftshader') || renderer.includes('llvmpipe') || renderer.includes('software')) {
    return 'WebGL 只有软件实现，训练比 WASM 慢得多';
  }
  return null;
}

/** Milliseconds per training batch of 64 on the current backend, after one warm-up batch. */
async function probeBatchMs(): Promise<number> {
  const model = buildMnistModel(tf, { seed: 1 });
  const x = tf.randomUniform([64, 28, 28, 1]);
  const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10).toFloat();
  try {
    await model.trainOnBatch(x, y);
    const started = performance.now();
    for (let i = 0; i < 2; i++) await model.trainOnBatch(x, y);
    return (performance.now() - started) / 2;
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}

export interface BackendDecision {
  name: BackendName;
  reason: string;
  skipped: SkippedBackend[];
}

/**
 * Picks the backend. A named choice is used when it works (else the next in BACKEND_ORDER).
 * "Auto" skips what the browser lacks, skips software-only GPUs, and, when a hardware GPU
 * is there, measures a couple of real training batches on it and on WASM and keeps the faster.
 */
export async function chooseBackend(choice: BackendChoice, exclude: readonly BackendName[] = []): Promise<BackendDecision> {
  const skipped: SkippedBackend[] = [];
  const problems: Record<BackendName, () => Promise<string | null> | string | null> = {
    webgpu: webgpuProblem,
    webgl: webglProblem,
    wasm: () => (typeof WebAssembly === 'object' ? null : '这个浏览器不支持 WebAssembly'),
    cpu: () => null,
  };
  const start = choice === 'auto' ? 0 : BACKEND_ORDER.indexOf(choice);
  for (const name of BACKEND_ORDER.slice(start).filter((b) => !exclude.includes(b))) {
    const problem = choice === name && (name === 'webgpu' || name === 'webgl') ? await softwareTolerant(name) : await problems[name]();
    if (problem) {
      skipped.push({ name, why: problem });
      continue;
    }
    try {
      await activateBackend(name);
    } catch (error) {
      skipped.push({ name, why: `初始化失败：${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (choice !== 'auto') {
      return { name, reason: name === choice ? '按你的选择' : `你选择的 ${choice} 不可用，改用 ${name}`, skipped };
    }
    if (name === 'webgpu' || name === 'webgl') {
      const gpuMs = await probeBatchMs();
      await activateBackend('wasm');
      const wasmMs = await probeBatchMs();
      if (wasmMs < gpuMs) {
        skipped.push({ name, why: `实测每批 ${gpuMs.toFixed(0)} ms，慢于 WASM 的 ${wasmMs.toFixed(0)} ms` });
        return { name: 'wasm', reason: `自动选择：实测最快（每批约 ${wasmMs.toFixed(0)} ms）`, skipped };
      }
      await activateBackend(name);
      return { name, reason: `自动选择：实测最快（每批约 ${gpuMs.toFixed(0)} ms，WASM 为 ${wasmMs.toFixed(0)} ms）`, skipped };
    }
    return { name, reason: '自动选择：更快的 GPU 后端不可用', skipped };
  }
  throw new Error('没有可用的计算后端');
}

/** When the reader explicitly asks for a GPU backend, a software implementation is acceptable (slow but real). */
async function softwareTolerant(name: 'webgpu' | 'webgl'): Promise<string | null> {
  const problem = name === 'webgpu' ? await webgpuProblem() : webglProblem();
  return problem?.includes('只有软件实现') ? null : problem;
}
