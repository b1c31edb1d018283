import type { Rng } from '../random/prng';

/** A seeded permutation of 0 … n − 1 (Fisher–Yates). */
export function shuffledIndices(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const a = order[i] ?? i;
    order[i] = order[j] ?? j;
    order[j] = a;
  }
  return order;
}

/** One epoch: a shuffled order cut into batches of `batchSize` (the last one may be smaller). */
export function epochBatches(n: number, batchSize: number, rng: Rng): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const order = shuffledIndices(n, rng);
  const batches: number[][] = [];
  for (let start = 0; start < n; start += batchSize) batches.push(order.slice(start, start + batchSize));
  return batches;
}

/**
 * Endless mini-batches, epoch after epoch: each sample is used once per epoch, in a new
 * seeded order each time. With batchSize ≥ n every batch is the whole set in order
 * (no shuffling: the full-batch gradient does not depend on the order).
 */
export function createBatchSampler(n: number, batchSize: number, rng: Rng): () => number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`sample count must be a positive integer, got ${n}`);
  if (batchSize >= n) {
    const all = Array.from({ length: n }, (_, i) => i);
    return () => all.slice();
  }
  let queue: number[][] = [];
  return () => {
    if (queue.length === 0) queue = epochBatches(n, batchSize, rng);
    return queue.shift() ?? [];
  };
}
