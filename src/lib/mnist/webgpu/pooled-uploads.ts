// Exports: installPooledUploads(backend) makes one WebGPUBackend (tfjs-backend-webgpu 4.22) upload
// CPU-side tensor values into a pooled buffer with queue.writeBuffer; returns a function that undoes it.
// ownTrainingPath installs it, so a training batch creates no GPU buffer once the pools are warm.
import type * as tfType from '@tensorflow/tfjs-core';

/**
 * Why: tfjs uploads every tensor that still has its values on the CPU (the scalars and ones()
 * of the loss and its gradient: six per batch) through a staging buffer created with
 * mappedAtCreation and destroyed after the submit — a createBuffer per upload, for ever.
 * Here the destination comes from the backend's buffer pool as before, and the values go in
 * with queue.writeBuffer, which copies them at once and needs no buffer of ours.
 *
 * Why it is safe: writeBuffer runs on the queue before the command buffer being recorded.
 * The destination is free in the pool, and tfjs frees a buffer that the recording command
 * encoder uses only after it is submitted (commandQueueOwnedIds / tensorDataPendingDisposal);
 * all work submitted earlier precedes the write on the queue. So nothing recorded or submitted
 * reads the buffer after the write but expects its old contents, and the program that records
 * next sees the new values, as with the staging copy.
 */
interface TensorData {
  dtype: tfType.DataType;
  shape: number[];
  values: ArrayLike<number> | null | undefined;
  resource?: unknown;
}

export interface UploadingBackend {
  queue: GPUQueue;
  tensorMap: { get(dataId: object): TensorData | undefined };
  bufferManager: { acquireBuffer(size: number, usage: number): GPUBuffer };
  uploadToGPU(dataId: object): void;
}

const INSTALLED = Symbol.for('ai-dmx-guide.pooledUploads');

type Marked = UploadingBackend & { [INSTALLED]?: () => void };

/** The values as the 32-bit words the GPU holds, or null for what tfjs's own upload should handle (complex, string, empty). */
function words(data: TensorData): Float32Array | Int32Array | null {
  const { values, dtype } = data;
  if (values == null || values.length === 0) return null;
  if (dtype === 'float32') return values instanceof Float32Array ? values : Float32Array.from(values);
  if (dtype === 'int32' || dtype === 'bool') return values instanceof Int32Array ? values : Int32Array.from(values);
  return null;
}

/** Installs the pooled upload on `backend` (idempotent); the returned function restores tfjs's own. */
export function installPooledUploads(backend: UploadingBackend): () => void {
  const marked = backend as Marked;
  const existing = marked[INSTALLED];
  if (existing) return existing;
  const hadOwn = Object.prototype.hasOwnProperty.call(backend, 'uploadToGPU');
  const original = backend.uploadToGPU;
  marked.uploadToGPU = function pooledUploadToGPU(this: UploadingBackend, dataId: object): void {
    const data = this.tensorMap.get(dataId);
    const values = data && data.resource == null ? words(data) : null;
    if (!data || !values) return original.call(this, dataId);
    const buffer = this.bufferManager.acquireBuffer(values.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    this.queue.writeBuffer(buffer, 0, values);
    data.values = null; // as tfjs: once uploaded, the values live on the GPU only
    data.resource = buffer;
  };
  const uninstall = () => {
    if (marked[INSTALLED] !== uninstall) return;
    if (hadOwn) marked.uploadToGPU = original;
    else delete (marked as Partial<UploadingBackend>).uploadToGPU;
    delete marked[INSTALLED];
  };
  marked[INSTALLED] = uninstall;
  return uninstall;
}
