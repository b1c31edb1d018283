// Counts WebGPU API calls by wrapping the methods on the prototypes of Dawn's classes (every
// device, queue and pass of the process, tfjs's and ours alike). Install once, read snapshots.

export const COUNTED = {
  dispatches: ['GPUComputePassEncoder', 'dispatchWorkgroups'],
  submits: ['GPUQueue', 'submit'],
  writeBuffer: ['GPUQueue', 'writeBuffer'],
  createBuffer: ['GPUDevice', 'createBuffer'],
  createBindGroup: ['GPUDevice', 'createBindGroup'],
  createPipeline: ['GPUDevice', 'createComputePipeline'],
  createPipelineAsync: ['GPUDevice', 'createComputePipelineAsync'],
  computePasses: ['GPUCommandEncoder', 'beginComputePass'],
  mapAsync: ['GPUBuffer', 'mapAsync'],
} as const;

/** createBuffer calls split by usage (the first that applies): which kind of buffer a batch still creates. */
const BUFFER_KINDS = [
  ['buffersReadback', 0x1], // MAP_READ
  ['buffersUpload', 0x2], // MAP_WRITE
  ['buffersUniform', 0x40], // UNIFORM
  ['buffersStorage', 0x80], // STORAGE
] as const;

export type CounterName = keyof typeof COUNTED | (typeof BUFFER_KINDS)[number][0] | 'buffersOther';
export type Counts = Record<CounterName, number>;

const counts = Object.fromEntries([...Object.keys(COUNTED), ...BUFFER_KINDS.map(([k]) => k), 'buffersOther'].map((k) => [k, 0])) as Counts;

function countBufferKind(descriptor: unknown): void {
  const usage = (descriptor as { usage?: number } | undefined)?.usage ?? 0;
  counts[BUFFER_KINDS.find(([, bit]) => usage & bit)?.[0] ?? 'buffersOther']++;
}
let installed = false;

/** Wraps the methods; returns the ones it could not find (an older or newer Dawn). */
export function installCounters(scope: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): string[] {
  const missing: string[] = [];
  if (installed) return missing;
  installed = true;
  for (const [key, [owner, method]] of Object.entries(COUNTED) as [CounterName, readonly [string, string]][]) {
    const proto = (scope[owner] as { prototype?: Record<string, unknown> } | undefined)?.prototype;
    const original = proto?.[method];
    if (!proto || typeof original !== 'function') {
      missing.push(`${owner}.${method}`);
      continue;
    }
    proto[method] = function counted(this: unknown, ...args: unknown[]) {
      counts[key]++;
      if (key === 'createBuffer') countBufferKind(args[0]);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  return missing;
}

export const snapshotCounts = (): Counts => ({ ...counts });
