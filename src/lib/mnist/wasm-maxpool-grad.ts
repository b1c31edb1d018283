import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from '../../tf/namespace';

/**
 * MaxPoolGrad for the wasm backend: routes each dy value to the first maximum of its
 * window (row-major, strictly greater wins, padding and NaN never win), exactly as the CPU
 * backend does. The stock wasm kernel takes ~40 ms for the model's first pool on a batch
 * of 64; this is one memory-bound pass over the wasm heap, a few ms. Any window, stride
 * and padding (overlapping windows accumulate); dilation 1.
 */
type TensorInfo = tfType.TensorInfo;
type Shape4 = [number, number, number, number];

/** The two BackendWasm methods used here (not on the KernelBackend interface). */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tfType.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

export function maxPoolGrad(tf: Tf, args: Parameters<tfType.KernelFunc>[0]): TensorInfo {
  const { dy, input: x } = args.inputs;
  if (dy === undefined || x === undefined || x.shape.length !== 4 || x.dtype !== 'float32') {
    throw new Error("wasm MaxPoolGrad: needs float32 rank-4 'dy' and 'input'");
  }
  const attrs = args.attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(x.shape as Shape4, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  if (dy.shape.join() !== [batchSize, OH, OW, C].join()) {
    throw new Error(`wasm MaxPoolGrad: dy shape ${dy.shape} does not match the pooling output`);
  }
  const backend = args.backend as WasmHeapBackend;
  const out = backend.makeOutput(x.shape, 'float32');
  // Views last: allocating can grow (and detach) the wasm heap.
  const dx = backend.typedArrayFromHeap(out);
  const xs = backend.typedArrayFromHeap(x);
  const dys = backend.typedArrayFromHeap(dy);
  dx.fill(0);
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  let o = 0; // flat index of dy[n, oh, ow, 0]
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const r0 = oh * info.strideHeight - info.padInfo.top;
      const rFrom = Math.max(0, r0);
      const rTo = Math.min(H, r0 + info.filterHeight);
      for (let ow = 0; ow < OW; ow++, o += C) {
        const c0 = ow * info.strideWidth - info.padInfo.left;
        const cFrom = Math.max(0, c0);
        const cTo = Math.min(W, c0 + info.filterWidth);
        best.fill(-Infinity);
        where.fill(-1);
        for (let r = rFrom; r < rTo; r++) {
          for (let col = cFrom; col < cTo; col++) {
            const base = ((n * H + r) * W + col) * C;
            for (let c = 0; c < C; c++) {
              const v = xs[base + c]!;
              if (v > best[c]!) {
                best[c] = v;
                where[c] = base + c;
              }
            }
          }
        }
        for (let c = 0; c < C; c++) {
          const at = where[c]!;
          if (at >= 0) dx[at] = dx[at]! + dys[o + c]!;
        }
      }
    }
  }
  return out;
}
