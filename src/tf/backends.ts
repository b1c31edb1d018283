import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { Tf } from './namespace';
import { BACKEND_ORDER, type BackendChoice, type BackendName } from './backend-field';
import { hasOwnKernels, registerOwnKernels } from './kernels';

/** Why a backend was not used. The island's strings say it in words. */
export type SkipReason =
  | { code: 'unsupported' }
  | { code: 'no-adapter' }
  | { code: 'software-only' }
  | { code: 'init-failed'; message: string }
  | { code: 'slower'; ms: number; wasmMs: number };

export interface SkippedBackend {
  name: BackendName;
  reason: SkipReason;
}

/** Why the chosen backend was chosen. */
export type ChoiceReason =
  | { code: 'as-chosen' }
  | { code: 'choice-unavailable'; choice: BackendName }
  | { code: 'auto-measured'; ms: number; wasmMs: number }
  | { code: 'auto-no-faster-gpu' };

export interface BackendDecision {
  name: BackendName;
  reason: ChoiceReason;
  skipped: SkippedBackend[];
  /** Whether kernels of ours run on it (src/tf/kernels.ts). */
  ownKernels: boolean;
}

const loaded = new Set<BackendName>();

/** Loads a backend's code on first use (each is its own chunk), registers our kernels, makes it current. */
export async function activateBackend(tf: Tf, name: BackendName): Promise<void> {
  if (!loaded.has(name)) {
    if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
    if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
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
    }
    await registerOwnKernels(tf, name);
    loaded.add(name);
  }
  if (!(await tf.setBackend(name))) throw new Error(`${name} backend failed to initialize`);
  await tf.ready();
}

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string };
  isFallbackAdapter?: boolean;
}

const SOFTWARE_RENDERERS = ['swiftshader', 'llvmpipe', 'lavapipe', 'software'];

async function webgpuProblem(): Promise<SkipReason | null> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { code: 'unsupported' };
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { code: 'no-adapter' };
  const info = adapter.info ?? {};
  const label = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`.toLowerCase();
  if (adapter.isFallbackAdapter || SOFTWARE_RENDERERS.some((name) => label.includes(name))) return { code: 'software-only' };
  return null;
}

function webglProblem(): SkipReason | null {
  if (typeof OffscreenCanvas === 'undefined') return { code: 'unsupported' };
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return { code: 'no-adapter' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)).toLowerCase();
  return SOFTWARE_RENDERERS.some((name) => renderer.includes(name)) ? { code: 'software-only' } : null;
}

async function problemOf(name: BackendName): Promise<SkipReason | null> {
  if (name === 'webgpu') return webgpuProblem();
  if (name === 'webgl') return webglProblem();
  if (name === 'wasm') return typeof WebAssembly === 'object' ? null : { code: 'unsupported' };
  return null;
}

export interface ChooseOptions {
  /**
   * Milliseconds of a representative unit of work on the current backend (a training
   * batch, a matrix product). With it, "auto" measures a hardware GPU against WASM and
   * keeps the faster; without it, a hardware GPU is taken as faster.
   */
  probe?: () => Promise<number>;
  /** Backends not to try again (one that lost its device). */
  exclude?: readonly BackendName[];
}

/**
 * Picks and activates the backend. A named choice is used when it works — a software GPU
 * too, since the reader asked for it — else the next in BACKEND_ORDER. "Auto" skips what
 * the browser lacks and software-only GPUs, and with a probe keeps the measured fastest.
 */
export async function chooseBackend(tf: Tf, choice: BackendChoice, options: ChooseOptions = {}): Promise<BackendDecision> {
  const skipped: SkippedBackend[] = [];
  const start = choice === 'auto' ? 0 : BACKEND_ORDER.indexOf(choice);
  const decide = (name: BackendName, reason: ChoiceReason): BackendDecision => ({ name, reason, skipped, ownKernels: hasOwnKernels(name) });
  for (const name of BACKEND_ORDER.slice(start).filter((b) => !options.exclude?.includes(b))) {
    const problem = await problemOf(name);
    if (problem && !(problem.code === 'software-only' && choice === name)) {
      skipped.push({ name, reason: problem });
      continue;
    }
    try {
      await activateBackend(tf, name);
    } catch (error) {
      skipped.push({ name, reason: { code: 'init-failed', message: error instanceof Error ? error.message : String(error) } });
      continue;
    }
    if (choice !== 'auto') return decide(name, name === choice ? { code: 'as-chosen' } : { code: 'choice-unavailable', choice });
    if ((name === 'webgpu' || name === 'webgl') && options.probe) {
      const gpuMs = await options.probe();
      await activateBackend(tf, 'wasm');
      const wasmMs = await options.probe();
      if (wasmMs < gpuMs) {
        skipped.push({ name, reason: { code: 'slower', ms: gpuMs, wasmMs } });
        return decide('wasm', { code: 'auto-measured', ms: wasmMs, wasmMs });
      }
      await activateBackend(tf, name);
      return decide(name, { code: 'auto-measured', ms: gpuMs, wasmMs });
    }
    return decide(name, name === 'webgpu' || name === 'webgl' ? { code: 'as-chosen' } : { code: 'auto-no-faster-gpu' });
  }
  throw new Error('no TensorFlow.js backend could start');
}
