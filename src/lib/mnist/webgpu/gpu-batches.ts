// Exports: gpuBatches, a BatchSourceFactory (../batch-source.ts) for the webgpu backend: the split's
// pixels and labels go to the GPU once (4 bytes per u32), each epoch's order once, and every batch's
// x and one-hot y are gathered there by two programs whose batch offset is a uniform.
import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from '../../../tf/namespace';
import { MNIST_CLASSES } from '../model';
import { MNIST_PIXELS, NORMALIZED, type MnistSplit } from '../dataset';
import type { BatchSource, BatchSourceFactory } from '../batch-source';
import { asWebGpuBackend, type WebGpuBackendLike, type WebGpuProgram } from './program';

const WORKGROUP = 64;

// Byte `i` of a buffer of bytes stored four to a 32-bit word (little-endian, as the upload writes them).
const BYTE_AT = /* wgsl */ `
fn byteAt(word : i32, i : i32) -> i32 {
  return i32((bitcast<u32>(word) >> (8u * u32(i & 3))) & 255u);
}`;

/** A flat program over `outputShape` whose `main(index)` runs `body`, with the batch's first position in `uniforms.offset`. */
function gatherProgram(shaderKey: string, variableNames: string[], outputShape: number[], body: string): WebGpuProgram {
  const size = outputShape.reduce((a, b) => a * b, 1);
  return {
    shaderKey,
    variableNames,
    outputShape,
    uniforms: 'offset : i32,',
    size: true,
    workgroupSize: [WORKGROUP, 1, 1],
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    dispatch: [Math.ceil(size / WORKGROUP), 1, 1],
    getUserCode: () => `${BYTE_AT}
      fn main(index : i32) {
        if (index < uniforms.size) {
          ${body}
        }
      }`,
  };
}

/** x[b, p] = scale[pixel p of image order[offset + b]]: the same float32 values as fillBatch. */
const gatherImages = (n: number) =>
  gatherProgram(
    'mnistGatherImages',
    ['pixels', 'order', 'scale'],
    [n, 28, 28, 1],
    `let b = index / ${MNIST_PIXELS};
     let at = order[uniforms.offset + b] * ${MNIST_PIXELS} + index - b * ${MNIST_PIXELS};
     setOutputAtIndex(index, scale[byteAt(pixels[at / 4], at)]);`,
  );

/** y[b, c] = 1 where c is the label of image order[offset + b], else 0. */
const gatherLabels = (n: number) =>
  gatherProgram(
    'mnistGatherLabels',
    ['labels', 'order'],
    [n, MNIST_CLASSES],
    `let b = index / ${MNIST_CLASSES};
     let image = order[uniforms.offset + b];
     setOutputAtIndex(index, select(0.0, 1.0, byteAt(labels[image / 4], image) == index - b * ${MNIST_CLASSES}));`,
  );

/** Bytes as int32 words, four to a word; a copy (zero-padded) unless the bytes are already word-aligned. */
function packBytes(bytes: Uint8Array): Int32Array {
  if (bytes.byteOffset % 4 === 0 && bytes.length % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  return new Int32Array(padded.buffer);
}

class GpuBatches implements BatchSource {
  private readonly backend: WebGpuBackendLike & { uploadToGPU(dataId: object): void };
  private readonly pixels: tfType.Tensor;
  private readonly labels: tfType.Tensor;
  private readonly scale: tfType.Tensor;
  private order: tfType.Tensor | null = null;

  constructor(
    private readonly tf: Tf,
    private readonly train: MnistSplit,
  ) {
    this.backend = asWebGpuBackend(tf.backend(), 'gpuBatches') as GpuBatches['backend'];
    this.pixels = this.upload(tf.tensor1d(packBytes(train.images.subarray(0, train.count * MNIST_PIXELS)), 'int32'));
    this.labels = this.upload(tf.tensor1d(packBytes(train.labels.subarray(0, train.count)), 'int32'));
    this.scale = this.upload(tf.tensor1d(NORMALIZED, 'float32'));
  }

  /** Copies the tensor's values to the GPU now rather than at the first batch that reads them. */
  private upload(tensor: tfType.Tensor): tfType.Tensor {
    this.backend.uploadToGPU(tensor.dataId);
    return tensor;
  }

  setOrder(order: Uint32Array): void {
    // The shader does not check (an index out of range would read clamped, wrong pixels): check here, as fillBatch does.
    if (order.length !== this.train.count || order.some((i) => i >= this.train.count)) {
      throw new RangeError(`order must hold ${this.train.count} indices below ${this.train.count}`);
    }
    this.order?.dispose();
    this.order = this.upload(this.tf.tensor1d(Int32Array.from(order), 'int32'));
  }

  batch(start: number, n: number): { x: tfType.Tensor4D; y: tfType.Tensor2D } {
    const order = this.order;
    if (!order) throw new Error('gpuBatches: setOrder before batch');
    if (!Number.isInteger(start) || !Number.isInteger(n) || n < 1 || start < 0 || start + n > this.train.count) {
      throw new RangeError(`batch ${start}..${start + n - 1} is outside 0..${this.train.count - 1}`);
    }
    const offset = [{ type: 'int32' as const, data: [start] }];
    const x = this.backend.runWebGPUProgram(gatherImages(n), [this.pixels, order, this.scale], 'float32', offset);
    const y = this.backend.runWebGPUProgram(gatherLabels(n), [this.labels, order], 'float32', offset);
    const engine = this.tf.engine();
    return { x: engine.makeTensorFromTensorInfo(x) as tfType.Tensor4D, y: engine.makeTensorFromTensorInfo(y) as tfType.Tensor2D };
  }

  dispose(): void {
    this.tf.dispose([this.pixels, this.labels, this.scale]);
    this.order?.dispose();
    this.order = null;
  }
}

/** Batches gathered on the GPU; the backend must be webgpu (the worker picks cpuBatches elsewhere). */
export const gpuBatches: BatchSourceFactory = (tf, train) => new GpuBatches(tf, train);
