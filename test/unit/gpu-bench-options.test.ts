import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, formatGpuBenchArgs, maxAbsDifference, parseGpuBenchArgs, perBatch, summarize } from '../../bench/gpu/options';

describe('bench:gpu command line', () => {
  it('keeps the defaults without arguments', () => {
    expect(parseGpuBenchArgs([])).toEqual(DEFAULT_OPTIONS);
  });

  it('reads counts, flags and paths, with a space or an equals sign', () => {
    const o = parseGpuBenchArgs(['--batches', '7', '--batch-size=128', '--big-batch-size', '0', '--full', '--profile', '--json', 'out.json', '--pack=/tmp/p', '--warmup', '0']);
    expect(o).toMatchObject({ batches: 7, batchSize: 128, bigBatchSize: 0, warmup: 0, full: true, profile: true, json: 'out.json', pack: '/tmp/p' });
  });

  it.each([
    [['--batches']],
    [['--batches', '0']],
    [['--batches', '2.5']],
    [['--batch-size', '-4']],
    [['--warmup', 'x']],
    [['--json', '--full']],
    [['--full=yes']],
    [['--nope']],
    [['stray']],
  ])('refuses %j with the usage', (argv) => {
    expect(() => parseGpuBenchArgs(argv)).toThrow(/usage: npm run bench:gpu/);
  });

  it('formats options back into arguments that parse to the same options', () => {
    const o = parseGpuBenchArgs(['--batches', '5', '--profile', '--json', 'a b.json', '--seed', '3']);
    expect(parseGpuBenchArgs(formatGpuBenchArgs(o))).toEqual(o);
  });
});

describe('bench:gpu summaries', () => {
  it('takes the median of odd and even counts, min and max', () => {
    expect(summarize([5, 1, 3])).toEqual({ count: 3, median: 3, min: 1, max: 5 });
    expect(summarize([4, 1, 3, 10])).toEqual({ count: 4, median: 3.5, min: 1, max: 10 });
    expect(summarize([]).median).toBeNaN();
  });

  it('gives the largest absolute difference over the common length', () => {
    expect(maxAbsDifference([1, 2, 3], [1.5, 1, 3, 99])).toBe(1);
    expect(maxAbsDifference([], [1])).toBeNaN();
    expect(maxAbsDifference([1, NaN], [1, 2])).toBeNaN();
  });

  it('divides counter deltas by the batches', () => {
    expect(perBatch({ a: 10, b: 0 }, { a: 30, b: 5 }, 4)).toEqual({ a: 5, b: 1.25 });
    expect(perBatch({ a: 1 }, { a: 2 }, 0).a).toBeNaN();
  });
});
