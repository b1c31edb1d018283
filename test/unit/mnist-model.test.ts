import { describe, expect, it } from 'vitest';
import { tf } from '../../src/tf/namespace';
import { buildMnistModel, mnistLayerTable } from '../../src/lib/mnist/model';

describe('the chapter 5 model', () => {
  it('matches the source’s Keras architecture: shapes and 93,322 parameters', () => {
    const model = buildMnistModel(tf);
    const table = mnistLayerTable();
    expect(model.layers.map((l) => l.getClassName())).toEqual(table.map((l) => l.kind));
    expect(model.layers.map((l) => (l.outputShape as number[]).slice(1))).toEqual(table.map((l) => l.outputShape));
    expect(model.layers.map((l) => l.countParams())).toEqual(table.map((l) => l.params));
    expect(model.countParams()).toBe(93_322);
    expect(table.reduce((sum, l) => sum + l.params, 0)).toBe(93_322);
    model.dispose();
  });

  it('uses Keras’ defaults: glorot_uniform kernels within their limit, zero biases', () => {
    const model = buildMnistModel(tf, { seed: 1 });
    const [kernel, bias] = model.layers[0]!.getWeights();
    const limit = Math.sqrt(6 / (9 * 1 + 9 * 32)); // fan_in = 3·3·1, fan_out = 3·3·32
    const values = kernel!.dataSync();
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(limit * 0.9);
    expect([...bias!.dataSync()].every((b) => b === 0)).toBe(true);
    model.dispose();
  });

  it('is reproducible from its seed', () => {
    const a = buildMnistModel(tf, { seed: 7 });
    const b = buildMnistModel(tf, { seed: 7 });
    expect(a.getWeights()[4]!.dataSync()).toEqual(b.getWeights()[4]!.dataSync());
    a.dispose();
    b.dispose();
  });
});
