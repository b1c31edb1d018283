import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/random/prng';
import { makeToyDataset } from '../../src/lib/ml/toy-data';
import { initMlp, meanLoss } from '../../src/lib/ml/mlp';
import { batchGradient } from '../../src/lib/ml/mlp-backward';
import { createTrainer, gradientStep, trainSteps } from '../../src/lib/ml/mlp-train';

// createTrainer (the island's play button) against trainSteps (all at once) and against
// one update written out by hand from the engine's pieces.
const data = makeToyDataset('moons', { count: 30, noise: 0.1, seed: 3 });
const start = () => initMlp({ hidden: [4, 3], activation: 'tanh' }, 9);

describe('createTrainer', () => {
  it('taken in pieces, follows exactly the run trainSteps makes at once', () => {
    const trainer = createTrainer(start(), data, { lr: 0.4, batchSize: 7, rng: createRng(5) });
    for (const count of [1, 5, 0, 14]) trainer.advance(count);
    const once = trainSteps(start(), data, { lr: 0.4, batchSize: 7, steps: 20, rng: createRng(5) });
    expect(trainer.steps).toBe(20);
    expect(trainer.losses).toEqual(once.losses);
    expect(trainer.params).toEqual(once.params);
    expect(trainer.status).toEqual({ code: 'ok' });
  });

  it('announces the batch of the next update before taking it', () => {
    const trainer = createTrainer(start(), data, { lr: 0.4, batchSize: 7, rng: createRng(5) });
    trainer.advance(3);
    const batch = [...trainer.nextBatch];
    const before = trainer.params;
    trainer.advance(1);
    const byHand = gradientStep(before, batchGradient(before, data, batch).gradients, 0.4);
    expect(trainer.params).toEqual(byHand);
    expect(trainer.losses.at(-1)).toBe(meanLoss(byHand, data));
  });

  it('uses every sample once per pass over the data (the last batch may be smaller)', () => {
    const trainer = createTrainer(start(), data, { lr: 0.1, batchSize: 8, rng: createRng(2) });
    const seen: number[] = [];
    for (let k = 0; k < 4; k++) {
      seen.push(...trainer.nextBatch);
      trainer.advance(1);
    }
    expect(seen.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('stops for good at a diverging update and keeps the last finite state', () => {
    const trainer = createTrainer(initMlp({ hidden: [8, 8], activation: 'relu' }, 5), data, { lr: 100, batchSize: 30, rng: createRng(1) });
    const status = trainer.advance(50);
    expect(status.code).toBe('diverged');
    if (status.code !== 'diverged') return;
    expect(trainer.steps).toBe(status.step - 1);
    const frozen = trainer.params;
    expect(trainer.advance(10)).toEqual(status);
    expect(trainer.params).toBe(frozen);
    expect(trainer.losses.every(Number.isFinite)).toBe(true);
  });

  it('refuses a learning rate or a step count the island can never send', () => {
    expect(() => createTrainer(start(), data, { lr: 0, batchSize: 4, rng: createRng(1) })).toThrow(RangeError);
    expect(() => createTrainer(start(), data, { lr: 0.1, batchSize: 4, rng: createRng(1) }).advance(-1)).toThrow(RangeError);
  });
});
