import type { Presets, Schema } from '../../../src/lib/state/codec';
import { modelFields } from './model-source';

/**
 * URL state of the 9.4 model-compression island (`?compress.sparsity=0.9&compress.gran=tensor#live-compress`):
 * which model (chapter 5's saved one or a short run here), how much to prune and how, and the
 * scale granularity of the pruned-and-int8 variant. float16 and both int8 variants are always shown.
 */
export const compressSchema = {
  ...modelFields,
  /** Share of kernel weights set to zero by magnitude pruning. */
  sparsity: { kind: 'number', min: 0, max: 0.99, default: 0.5 },
  /** Rank weights over all layers together, or prune the same share of each layer. */
  scope: { kind: 'enum', values: ['global', 'layer'], default: 'global' },
  /** int8 scales of the pruned variant: one per tensor or one per output channel. */
  gran: { kind: 'enum', values: ['channel', 'tensor'], default: 'channel' },
} as const satisfies Schema;

export const compressPresets = {
  /** Pruning plus int8 with one scale per output channel: the smallest file that keeps its accuracy. */
  'int8-channel': { sparsity: 0.5, gran: 'channel' },
  /** The same with one scale per tensor, to compare. */
  'int8-tensor': { sparsity: 0.5, gran: 'tensor' },
  /** 90 % of the kernel weights zeroed, ranked over all layers. */
  'prune-90': { sparsity: 0.9, scope: 'global' },
  /** 90 % of every layer zeroed: the small first layer suffers. */
  'prune-90-layer': { sparsity: 0.9, scope: 'layer' },
  /** A model trained here, even when chapter 5's is saved. */
  fresh: { source: 'train' },
} as const satisfies Presets<typeof compressSchema>;
