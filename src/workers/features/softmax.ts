import { tf } from '../../tf/namespace';
import { FeatureError } from '../../tf/protocol';
import { digitSetFrom, PIXELS } from '../../lib/ml/softmax-regression';
import { trainSoftmaxRegressionTf } from '../../lib/ml/softmax-regression-tf';
import { ensureBackend, forwardProbeMs, holdingBackend } from '../runtime';
import type { HandlerContext } from './context';
import type { SoftmaxApi, SoftmaxTrainEvent } from './softmax-api';

/**
 * Chapter 3.2 in the TensorFlow.js worker: the six racers' update rules and batch plans
 * train softmax regression on the digit sample one after another, each epoch streamed
 * to the page. Stop ends the run between two updates.
 */

type Api = SoftmaxApi;
let running = false;
let stopRequested = false;

/** Lets a stop request in between epochs (WASM and CPU never leave the microtask queue otherwise). */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Milliseconds of one whole-sample forward pass (300 × 784 by 784 × 10, softmax, read back), after a warm-up. */
function probeMs(): Promise<number> {
  return forwardProbeMs(tf.randomUniform([300, PIXELS]), tf.randomNormal([PIXELS, 10]), (x, w) => tf.softmax(tf.matMul(x, w)));
}

async function train(args: Api['train']['args'], context: HandlerContext): Promise<Api['train']['result']> {
  if (running) throw new FeatureError('busy');
  const { pixels, labels, count } = args;
  if (!(count >= 1) || pixels.length !== count * PIXELS || labels.length !== count || labels.some((l) => l > 9)) {
    throw new FeatureError('bad-data', { count, pixels: pixels.length, labels: labels.length });
  }
  running = true;
  stopRequested = false;
  const emit = (event: SoftmaxTrainEvent) => context.emit(event);
  try {
    const decision = await ensureBackend(args.backend, { probe: probeMs }).catch((error: unknown) => {
      throw new FeatureError('no-backend', { message: error instanceof Error ? error.message : String(error) });
    });
    emit({ type: 'backend', decision });
    const data = digitSetFrom({ images: pixels, labels }, 0, count);
    await holdingBackend(async () => {
      for (let run = 0; run < args.runs.length && !stopRequested; run++) {
        const spec = args.runs[run];
        if (!spec) continue;
        const started = performance.now();
        let sent = 0;
        const result = await trainSoftmaxRegressionTf(
          tf,
          data,
          { optimizer: spec.optimizer, batch: spec.batch, epochs: args.epochs, seed: args.seed },
          {
            onEpoch: async (epoch, loss, progress) => {
              emit({ type: 'epoch', run, epoch, loss, curve: progress.curve.slice(sent) });
              sent = progress.curve.length;
              await yieldToEvents();
            },
            stopped: () => stopRequested,
          },
        ).catch((error: unknown) => {
          throw new FeatureError('train-failed', { message: error instanceof Error ? error.message : String(error) });
        });
        emit({
          type: 'run-done',
          run,
          status: result.status,
          epochLosses: result.epochLosses,
          curve: result.curve,
          evaluations: result.evaluations,
          ms: performance.now() - started,
        });
      }
    });
    return { status: stopRequested ? 'stopped' : 'done', backend: decision.name };
  } finally {
    running = false;
  }
}

async function stop(): Promise<boolean> {
  if (!running) return false;
  stopRequested = true;
  return true;
}

export const handlers = { train, stop };
