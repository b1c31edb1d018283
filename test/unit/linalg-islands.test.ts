import { describe, expect, it } from 'vitest';
import { defaultsOf, decodeState, encodeState, formatValue, MAX_RAW_LENGTH } from '../../src/lib/state/codec';
import { luFactor, replayRightHandSide, solve } from '../../src/lib/math/lu';
import { deriveMatrix, keepable, resized, toMatrix } from '../../components/islands/matrix/model';
import { matrixIsland } from '../../components/islands/matrix/definition';
import { deriveVectors, extentFor } from '../../components/islands/vectors/model';
import { vectorsIsland } from '../../components/islands/vectors/definition';
import { deriveGemm, idleRun, onTfEvent } from '../../components/islands/gemm/model';
import { gemmIsland } from '../../components/islands/gemm/definition';
import { fmt, texNum } from '../../components/islands/matrix/figures';
import { startingState } from '../../src/lib/state/workshop';

// The chapter 4.1 islands' models: what they hand the views, derived from the URL state.

describe('matrix island model', () => {
  const defaults = defaultsOf(matrixIsland.schema);

  it('reads entries row by row and resizes keeping the entries that still fit', () => {
    expect(toMatrix([1, 2, 3, 4, 5, 6], 2, 3)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(resized([1, 2, 3, 4, 5, 6], 2, 3, 3, 2)).toEqual([1, 2, 4, 5, 0, 0]);
    expect(resized([1, 2, 3, 4], 2, 2, 1, 1)).toEqual([1]);
  });

  it('says when a link’s entry count does not fit its size, and pads with zeros', () => {
    const model = deriveMatrix({ ...defaults, a: [1, 2, 3] });
    expect(model.issues).toEqual([{ which: 'a', got: 3, need: 4 }]);
    expect(model.a).toEqual([
      [1, 2],
      [3, 0],
    ]);
  });

  it('solves the default system and replays the engine’s steps with B alongside', () => {
    const model = deriveMatrix({ ...defaults, step: 1 });
    const solved = solve([[2, 1], [1, 3]], [[3], [5]]);
    expect(model.view.kind === 'solve' && model.view.result).toEqual(solved);
    const factored = luFactor([[2, 1], [1, 3]]);
    if (!factored.ok) throw new Error('square');
    expect(model.replay?.steps).toEqual(factored.lu.steps);
    expect(model.replay?.before).toEqual([[2, 1], [1, 3]]);
    expect(model.replay?.after).toEqual(factored.lu.steps[0]?.matrix);
    expect(model.replay?.rhsAfter).toEqual(replayRightHandSide(factored.lu.steps, [[3], [5]])[1]);
    // A step beyond the last one shows the last one.
    expect(deriveMatrix({ ...defaults, step: 40 }).replay?.index).toBe(factored.lu.steps.length);
  });

  it('measures the Hilbert preset’s distance from the all-ones solution', () => {
    const model = deriveMatrix(startingState(matrixIsland.schema, matrixIsland.presets, 'hilbert6'));
    expect(model.onesError).toBeGreaterThan(0);
    expect(model.onesError).toBeLessThan(1e-6);
    expect(model.view.kind === 'solve' && model.view.condition.ok && model.view.condition.value).toBeGreaterThan(1e7);
  });

  it('keeps typed values at 10 significant digits, which a link carries unchanged', () => {
    const values = [1 / 3, -2 / 7e7, 123456.7890123, 1e-12].map(keepable);
    expect(values[0]).toBe(0.3333333333);
    const state = { ...defaults, a: values };
    const link = encodeState(matrixIsland.schema, 'mat', state, new URLSearchParams());
    expect(decodeState(matrixIsland.schema, 'mat', link).state.a).toEqual(values);
    // 36 such entries can pass the codec's limit: the island then says the link will not carry them.
    expect(formatValue(new Array<number>(36).fill(keepable(-1 / 3e6))).length).toBeGreaterThan(MAX_RAW_LENGTH);
  });

  it('formats numbers for text and TeX without NaN', () => {
    expect(fmt(-0.5, 4)).toBe('−0.5');
    expect(fmt(Number.NaN, 4)).toBe('—');
    expect(fmt(1.5e-7, 3)).toBe('1.5e−7');
    expect(texNum(1.5e-7, 3)).toBe('1.5\\times 10^{-7}');
    expect(texNum(Number.POSITIVE_INFINITY, 3)).toBe('\\text{—}');
  });
});

describe('vector island model', () => {
  it('derives every operation from the engine, and names the relation of the directions', () => {
    const defaults = defaultsOf(vectorsIsland.schema);
    const model = deriveVectors(defaults);
    expect(model.dot).toBe(defaults.ax * defaults.bx + defaults.ay * defaults.by);
    expect(model.relation).toBe('acute');
    const orthogonal = deriveVectors(startingState(vectorsIsland.schema, vectorsIsland.presets, 'orthogonal'));
    expect(orthogonal.relation).toBe('orthogonal');
    expect(deriveVectors(startingState(vectorsIsland.schema, vectorsIsland.presets, 'parallel')).relation).toBe('parallel');
    expect(deriveVectors({ ...defaults, bx: -3, by: -1 }).relation).toBe('opposite');
    const zero = deriveVectors(startingState(vectorsIsland.schema, vectorsIsland.presets, 'zero'));
    expect(zero.relation).toBeNull();
    expect(zero.angle.ok).toBe(false);
  });

  it('sizes the view to hold every drawn tip, in even steps', () => {
    expect(extentFor([{ x: 1, y: 1 }])).toBe(4);
    expect(extentFor([{ x: 4.5, y: 0 }])).toBe(6);
    expect(extentFor([{ x: -8, y: 3 }, { x: 0, y: 16 }])).toBe(18);
    const scaled = deriveVectors({ ...defaultsOf(vectorsIsland.schema), op: 'scale', ax: 8, k: -3 });
    expect(scaled.extent).toBe(26);
  });
});

describe('scaling view model', () => {
  it('lists the sizes with their operation counts and fills in measurements as they arrive', () => {
    const state = { ...defaultsOf(gemmIsland.schema), maxN: '256' as const };
    let run = idleRun();
    run = onTfEvent(run, { type: 'measuring', n: 64 });
    expect(run.current).toEqual({ part: 'tf', n: 64, fraction: 0 });
    run = onTfEvent(run, { type: 'measured', n: 64, ms: 0.5, reps: 40 });
    run = { ...run, js: [{ n: 64, ms: 5, gflops: (2 * 64 ** 3) / 5e6 }] };
    run = onTfEvent(run, { type: 'too-slow', n: 128, predictedMs: 9000 });
    const model = deriveGemm(state, run);
    expect(model.rows.map((row) => [row.n, row.flops])).toEqual([
      [64, 524288],
      [128, 4194304],
      [256, 33554432],
    ]);
    expect(model.rows[0]?.ratio).toBe(10);
    expect(model.rows[1]?.tf).toBeNull();
    expect(model.run.skipped.tf).toEqual({ n: 128, predictedMs: 9000 });
    // 0.524 GFLOP/s … 1.05 GFLOP/s stays inside the default decades 0.1–100.
    expect(model.yDecades).toEqual([-1, 2]);
  });

  it('widens the chart by whole decades for a fast GPU', () => {
    const run = onTfEvent(idleRun(), { type: 'measured', n: 2048, ms: 1, reps: 50 });
    expect(deriveGemm(defaultsOf(gemmIsland.schema), run).yDecades).toEqual([-1, 5]);
  });
});
