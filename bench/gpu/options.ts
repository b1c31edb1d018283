// Pure helpers of `npm run bench:gpu`: the command line and the timing summary. No imports, so
// that both bench/gpu/main.mjs (plain Node, which strips the types) and the bundle use them.

export interface GpuBenchOptions {
  /** Timed batches per measurement, after the warm-up. */
  batches: number;
  warmup: number;
  /** The batch of the per-batch measurement (the source's 64). */
  batchSize: number;
  /** The batch of the throughput measurement; 0 skips it. */
  bigBatchSize: number;
  /** Also the source's full run: 60,000 images, 5 epochs, test accuracy, for both paths. */
  full: boolean;
  /** Per-kernel GPU time of one batch (timestamp queries, where the adapter has them). */
  profile: boolean;
  json: string | null;
  /** Write a self-contained pack for a GPU machine into this folder instead of running. */
  pack: string | null;
  /** A folder with the site's MNIST assets (manifest.json + *.idx.gz). */
  data: string | null;
  seed: number;
}

export const DEFAULT_OPTIONS: GpuBenchOptions = {
  batches: 20,
  warmup: 3,
  batchSize: 64,
  bigBatchSize: 256,
  full: false,
  profile: false,
  json: null,
  pack: null,
  data: null,
  seed: 42,
};

const COUNTS = { '--batches': 'batches', '--warmup': 'warmup', '--batch-size': 'batchSize', '--big-batch-size': 'bigBatchSize', '--seed': 'seed' } as const;
const FLAGS = { '--full': 'full', '--profile': 'profile' } as const;
const PATHS = { '--json': 'json', '--pack': 'pack', '--data': 'data' } as const;

export const USAGE = `npm run bench:gpu -- [--batches N] [--warmup N] [--batch-size B] [--big-batch-size B|0] [--seed S]
                      [--full] [--profile] [--json FILE] [--data MNIST_ASSET_DIR] [--pack DIR]`;

/** Parses `argv` (without node and the script); throws with the usage on anything it does not know. */
export function parseGpuBenchArgs(argv: readonly string[]): GpuBenchOptions {
  const options: GpuBenchOptions = { ...DEFAULT_OPTIONS };
  const fail = (why: string): never => {
    throw new Error(`${why}\nusage: ${USAGE}`);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => inline ?? (i + 1 < argv.length ? argv[++i]! : fail(`${name} needs a value`));
    if (name in FLAGS) {
      if (inline !== undefined) fail(`${name} takes no value`);
      options[FLAGS[name as keyof typeof FLAGS]] = true;
    } else if (name in COUNTS) {
      const key = COUNTS[name as keyof typeof COUNTS];
      const text = value();
      const n = Number(text);
      const least = key === 'batches' || key === 'batchSize' ? 1 : 0;
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < least) fail(`${name} must be an integer ≥ ${least}, not "${text}"`);
      options[key] = n;
    } else if (name in PATHS) {
      const text = value();
      if (!text || text.startsWith('--')) fail(`${name} needs a path, not "${text}"`);
      options[PATHS[name as keyof typeof PATHS]] = text;
    } else {
      fail(`unknown argument "${arg}"`);
    }
  }
  return options;
}

/** The options as command-line arguments again (the pack's run.sh passes them on). */
export function formatGpuBenchArgs(options: Partial<GpuBenchOptions>): string[] {
  const args: string[] = [];
  for (const [flag, key] of Object.entries(COUNTS)) if (options[key] !== undefined) args.push(flag, String(options[key]));
  for (const [flag, key] of Object.entries(FLAGS)) if (options[key]) args.push(flag);
  for (const [flag, key] of Object.entries(PATHS)) if (options[key]) args.push(flag, options[key]);
  return args;
}

export interface TimingSummary {
  count: number;
  median: number;
  min: number;
  max: number;
}

/** Median (the mean of the two middle values for an even count), min and max; NaN for none. */
export function summarize(values: readonly number[]): TimingSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n === 0 ? NaN : n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { count: n, median, min: n ? sorted[0]! : NaN, max: n ? sorted[n - 1]! : NaN };
}

/** Largest |a[i] − b[i]| over the common length; NaN when either is empty or a value is not finite. */
export function maxAbsDifference(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return NaN;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!Number.isFinite(d)) return NaN;
    max = Math.max(max, d);
  }
  return max;
}

/** Per-batch rates of counters between two snapshots. */
export function perBatch<K extends string>(before: Readonly<Record<K, number>>, after: Readonly<Record<K, number>>, batches: number): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(after) as K[]) out[key] = batches > 0 ? (after[key] - (before[key] ?? 0)) / batches : NaN;
  return out;
}
