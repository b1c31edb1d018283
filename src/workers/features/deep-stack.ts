import { tf } from '../../tf/namespace';
import { FeatureError } from '../../tf/protocol';
import { digitBatch, initDeepStack, INPUTS } from '../../lib/ml/deep-stack';
import { buildDeepStack, deepStackStatsTf } from '../../lib/ml/deep-stack-tf';
import { createRng } from '../../lib/random/prng';
import { ensureBackend, forwardProbeMs } from '../runtime';
import type { HandlerContext } from './context';
import type { DeepStackApi, DeepStackConfig } from './deep-stack-api';

type Api = DeepStackApi;

/** Requests run one after another, so two configurations never share the device at once. */
let queue: Promise<unknown> = Promise.resolve();

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Milliseconds of a 100 × 784 by 784 × 256 product, read back, after a warm-up: one deep-stack layer's work. */
function probeMs(): Promise<number> {
  return forwardProbeMs(tf.randomUniform([100, INPUTS]), tf.randomNormal([INPUTS, 256]), (x, w) => tf.matMul(x, w));
}

const validConfig = (c: DeepStackConfig): boolean =>
  Number.isInteger(c.depth) && c.depth >= 1 && c.depth <= 64 && Number.isInteger(c.width) && c.width >= 1 && c.width <= 1024 && Number.isInteger(c.seed);

async function compute(args: Api['stats']['args'], context: HandlerContext): Promise<Api['stats']['result']> {
  const { pixels, labels, count, configs } = args;
  if (!(count >= 1) || pixels.length < count * INPUTS || labels.length < count || labels.some((l) => l > 9)) {
    throw new FeatureError('bad-data', { count, pixels: pixels.length, labels: labels.length });
  }
  if (!configs.length || !configs.every(validConfig)) throw new FeatureError('bad-config');
  const decision = await ensureBackend(args.backend, { probe: probeMs }).catch((error: unknown) => {
    throw new FeatureError('no-backend', { message: message(error) });
  });
  context.emit({ type: 'backend', decision });
  const batch = digitBatch(pixels, labels, count);
  const started = performance.now();
  const results = [];
  for (const config of configs) {
    const layers = initDeepStack(config.depth, config.width, config.init, createRng(config.seed));
    const stack = buildDeepStack(tf, layers);
    try {
      results.push(await deepStackStatsTf(tf, stack, config.activation, batch, args.bins === undefined ? {} : { bins: args.bins }));
    } catch (error) {
      throw new FeatureError('compute-failed', { message: message(error), backend: decision.name });
    } finally {
      stack.dispose();
    }
  }
  return { results, decision, ms: performance.now() - started };
}

function stats(args: Api['stats']['args'], context: HandlerContext): Promise<Api['stats']['result']> {
  const run = queue.then(() => compute(args, context));
  queue = run.catch(() => undefined);
  return run;
}

export const handlers = { stats };
