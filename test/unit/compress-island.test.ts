import { describe, expect, it } from 'vitest';
import { mnistLayerTable } from '../../src/lib/mnist/model';
import { weightFileBytes } from '../../src/lib/ml/compression';
import { BIAS_COUNT, fallbackVariants, MNIST_WEIGHT_SHAPES, countOf, kernelCount } from '../../components/islands/compress/model';
import { compressIsland } from '../../components/islands/compress/definition';
import { exportIsland } from '../../components/islands/export/definition';
import { decodeState, defaultsOf } from '../../src/lib/state/codec';

describe('the 9.3/9.4 islands: byte counts of the chapter 5 model', () => {
  it('uses the chapter 5 model’s shapes: 93,322 parameters, 234 of them biases', () => {
    const total = MNIST_WEIGHT_SHAPES.reduce((n, s) => n + countOf(s), 0);
    expect(total).toBe(mnistLayerTable().reduce((n, l) => n + l.params, 0));
    expect(total).toBe(93_322);
    expect(BIAS_COUNT).toBe(32 + 64 + 64 + 64 + 10);
    expect(kernelCount()).toBe(93_322 - 234);
  });
  it('gives the glossary’s 373,288 float32 bytes and the hand-counted int8 sizes', () => {
    const v = Object.fromEntries(fallbackVariants({ sparsity: 0.5, scope: 'global', granularity: 'channel' }).map((x) => [x.id, x]));
    expect(v['float32']!.bytes).toBe(373_288);
    expect(v['float16']!.bytes).toBe(93_088 * 2 + 234 * 4);
    expect(v['int8-tensor']!.bytes).toBe(93_088 + 5 * 4 + 234 * 4);
    expect(v['int8-channel']!.bytes).toBe(93_088 + 234 * 4 + 234 * 4); // one scale per output channel: 32+64+64+64+10
    // 50 % pruned: 46,544 kept float32 values + one bit per kernel weight
    const bitmaps = [288, 18_432, 36_864, 36_864, 640].reduce((n, c) => n + Math.ceil(c / 8), 0);
    expect(v['pruned']!.bytes).toBe(46_544 * 4 + bitmaps + 234 * 4);
    expect(v['pruned']!.zeros).toBe(46_544);
  });
  it('sizes the TensorFlow.js weights files', () => {
    expect(weightFileBytes(MNIST_WEIGHT_SHAPES, 'float32')).toBe(373_288);
    expect(weightFileBytes(MNIST_WEIGHT_SHAPES, 'float16')).toBe(187_112);
    expect(weightFileBytes(MNIST_WEIGHT_SHAPES, 'uint8')).toBe(94_024);
  });
  it('refuses forged URL values', () => {
    const params = new URLSearchParams('compress.sparsity=1.5&compress.gran=bits&compress.images=10');
    const decoded = decodeState(compressIsland.schema, 'compress', params, defaultsOf(compressIsland.schema));
    expect(decoded.rejected.map((r) => r.key).sort()).toEqual(['compress.gran', 'compress.images', 'compress.sparsity']);
    expect(decoded.state.sparsity).toBe(0.5);
    const e = decodeState(exportIsland.schema, 'export', new URLSearchParams('export.format=int4'), defaultsOf(exportIsland.schema));
    expect(e.rejected).toHaveLength(1);
  });
});

describe('the 9.4 table and chart views', () => {
  it('renders one row per variant with bytes, ratio and “—” for what was not measured', async () => {
    const { renderStatic } = await import('../../components/ui/static-render');
    const { resultsTable, sizeAccuracyChart } = await import('../../components/islands/compress/figures');
    const { compressStrings } = await import('../../components/islands/compress/strings');
    const s = compressStrings['zh-CN'];
    const settings = { sparsity: 0.9, scope: 'layer' as const, granularity: 'tensor' as const };
    const rows = fallbackVariants(settings).map((v) => ({ id: v.id, bytes: v.bytes, accuracy: null, changed: null, msPer1000: null, maxAbsError: null }));
    const html = renderStatic(resultsTable(rows, settings, s));
    expect(html.match(/<tr data-variant=/g)).toHaveLength(6);
    expect(html).toContain('373,288');
    expect(html).toContain('剪枝 90%（逐层）+ int8（整张量）');
    expect(html).toContain('50.1%'); // float16: 187,112 / 373,288
    expect(renderStatic(sizeAccuracyChart(rows, settings, s, 400))).toBe('');
    const measured = rows.map((r, i) => ({ ...r, accuracy: 0.9 - i * 0.01, changed: i, msPer1000: 100, maxAbsError: 0.01 }));
    const chart = renderStatic(sizeAccuracyChart(measured, settings, s, 400));
    expect(chart.match(/<circle/g)).toHaveLength(6);
    expect(renderStatic(resultsTable(measured, settings, s))).toContain('−5.00');
  });
});
