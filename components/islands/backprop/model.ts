import { createRng } from '../../../src/lib/random/prng';
import { makeToyDataset, type ToyDataset } from '../../../src/lib/ml/toy-data';
import { crossEntropyFromLogit, forward, initMlp, type MlpParams } from '../../../src/lib/ml/mlp';
import { backward, type BackwardResult } from '../../../src/lib/ml/mlp-backward';
import { createTrainer, gradientStep, type Trainer } from '../../../src/lib/ml/mlp-train';
import type { StateOf } from '../../../src/lib/state/codec';
import type { backpropSchema } from './schema';

export type BackpropState = StateOf<typeof backpropSchema>;

/** Points per toy set (the `sample` field's range is 0 … SAMPLE_COUNT − 1). */
export const SAMPLE_COUNT = 100;

/** Everything that defines a training run; `steps` only says how far it has gone. */
export function runKey(s: BackpropState): string {
  return [s.data, s.noise, s.seed, s.depth, s.width, s.activation, s.lr, s.batch].join('|');
}

export function datasetOf(s: BackpropState): ToyDataset {
  return makeToyDataset(s.data, { count: SAMPLE_COUNT, noise: s.noise, seed: s.seed });
}

export function hiddenOf(s: BackpropState): number[] {
  return Array.from({ length: s.depth }, () => s.width);
}

/** The seeded run of `s`: data from `seed`, weights from `seed + 1`, batch order from `seed + 2`. */
export function newTrainer(s: BackpropState, data: ToyDataset): Trainer {
  const params = initMlp({ hidden: hiddenOf(s), activation: s.activation }, s.seed + 1);
  return createTrainer(params, data, { lr: s.lr, batchSize: s.batch, rng: createRng(s.seed + 2) });
}

/** Updates per pass over the data: the last mini-batch of a pass may be smaller. */
export function batchesPerEpoch(batch: number): number {
  return Math.ceil(SAMPLE_COUNT / Math.min(batch, SAMPLE_COUNT));
}

/**
 * One training run kept between renders: moving on from step t to t + k takes k updates,
 * going back (or changing a setting) replays from the start — the run is deterministic.
 */
export class RunCache {
  private key = '';
  private data: ToyDataset | null = null;
  private trainer: Trainer | null = null;

  get(s: BackpropState): { data: ToyDataset; trainer: Trainer } {
    const key = runKey(s);
    if (key !== this.key || !this.data) {
      this.key = key;
      this.data = datasetOf(s);
      this.trainer = null;
    }
    if (!this.trainer || this.trainer.steps > s.steps) this.trainer = newTrainer(s, this.data);
    if (this.trainer.status.code === 'ok' && this.trainer.steps < s.steps) this.trainer.advance(s.steps - this.trainer.steps);
    return { data: this.data, trainer: this.trainer };
  }
}

/** One click of step mode. Layers are numbered as in the text: 1 … L, L = the output layer. */
export type Stage =
  | { kind: 'sample' }
  | { kind: 'forward'; layer: number; neuron: number }
  | { kind: 'loss' }
  | { kind: 'delta'; layer: number; neuron: number }
  /** Layer `layer` hands ∂L/∂a⁽ˡ⁻¹⁾ (∂L/∂x for layer 1) to the layer before. */
  | { kind: 'handoff'; layer: number }
  | { kind: 'update' };

export type Phase = 'sample' | 'forward' | 'loss' | 'backward' | 'update';

export function phaseOf(stage: Stage): Phase {
  return stage.kind === 'delta' || stage.kind === 'handoff' ? 'backward' : stage.kind;
}

/** The stages of a network whose layers 1 … L have these widths (the last is the output, 1). */
export function stagesOf(widths: readonly number[]): Stage[] {
  const stages: Stage[] = [{ kind: 'sample' }];
  widths.forEach((n, l) => {
    for (let i = 0; i < n; i++) stages.push({ kind: 'forward', layer: l + 1, neuron: i });
  });
  stages.push({ kind: 'loss' });
  for (let l = widths.length; l >= 1; l--) {
    for (let i = 0; i < (widths[l - 1] ?? 0); i++) stages.push({ kind: 'delta', layer: l, neuron: i });
    stages.push({ kind: 'handoff', layer: l });
  }
  stages.push({ kind: 'update' });
  return stages;
}

/** Where each neuron's forward value and its δ become known, so a view can show what is computed so far. */
export interface Progress {
  /** Whether a⁽ˡ⁾_i is known (layer 0 is the input, known from the start). */
  forwardKnown(layer: number, neuron: number): boolean;
  deltaKnown(layer: number, neuron: number): boolean;
  /** Whether layer l has handed ∂L/∂a⁽ˡ⁻¹⁾ down. */
  handedDown(layer: number): boolean;
  lossKnown: boolean;
}

export interface StepModel {
  sample: number;
  input: number[];
  label: number;
  result: BackwardResult;
  stages: Stage[];
  index: number;
  stage: Stage;
  progress: Progress;
  lr: number;
  /** The update θ ← θ − η ∂L/∂θ with this one sample's gradient, and its effect on the sample. */
  update: { params: MlpParams; lossAfter: number; probabilityAfter: number };
}

export function stepModel(params: MlpParams, data: ToyDataset, s: BackpropState): StepModel {
  const sample = Math.min(s.sample, data.inputs.length - 1);
  const input = data.inputs[sample] ?? [0, 0];
  const label = data.labels[sample] ?? 0;
  const result = backward(params, input, label);
  const stages = stagesOf(params.layers.map((layer) => layer.weights.length));
  const index = Math.min(s.stage, stages.length - 1);
  const at = (match: (stage: Stage) => boolean) => stages.findIndex(match);
  const progress: Progress = {
    forwardKnown: (layer, neuron) =>
      layer === 0 || index >= at((st) => st.kind === 'forward' && st.layer === layer && st.neuron === neuron),
    deltaKnown: (layer, neuron) => index >= at((st) => st.kind === 'delta' && st.layer === layer && st.neuron === neuron),
    handedDown: (layer) => index >= at((st) => st.kind === 'handoff' && st.layer === layer),
    lossKnown: index >= at((st) => st.kind === 'loss'),
  };
  const updated = gradientStep(params, result.gradients, s.lr);
  const after = forward(updated, input);
  return {
    sample,
    input,
    label,
    result,
    stages,
    index,
    stage: stages[index] ?? { kind: 'sample' },
    progress,
    lr: s.lr,
    update: { params: updated, lossAfter: crossEntropyFromLogit(after.logit, label), probabilityAfter: after.probability },
  };
}

/** The first stage of each phase, for the jump buttons. */
export function phaseStarts(stages: readonly Stage[]): Record<Phase, number> {
  const first = (phase: Phase) => Math.max(0, stages.findIndex((stage) => phaseOf(stage) === phase));
  return { sample: first('sample'), forward: first('forward'), loss: first('loss'), backward: first('backward'), update: first('update') };
}

/** max |a − b| and max |a − b| / max |b| over all parameters' gradients. */
export function gradientDifference(ours: readonly { weights: number[][]; biases: number[] }[], theirs: readonly { weights: number[][]; biases: number[] }[]) {
  const flat = (layers: typeof ours) => layers.flatMap((layer) => [...layer.weights.flat(), ...layer.biases]);
  const a = flat(ours);
  const b = flat(theirs);
  if (a.length !== b.length) return null;
  let abs = 0;
  let scale = 0;
  a.forEach((v, k) => {
    abs = Math.max(abs, Math.abs(v - (b[k] ?? Number.NaN)));
    scale = Math.max(scale, Math.abs(b[k] ?? 0));
  });
  if (!Number.isFinite(abs)) return null;
  return { count: a.length, abs, scale, relative: scale > 0 ? abs / scale : abs === 0 ? 0 : Number.POSITIVE_INFINITY };
}
