import type { ReactiveControllerHost } from 'lit';
import { tfWorker, TfWorkerError } from '../../../src/tf/client';
import type { BackendDecision } from '../../../src/tf/backends';
import { parseDigitSample, type DigitSample } from '../../../src/lib/mnist/sample-digits';
import { digitSetFrom, trainSoftmaxRegression, type BatchPlan, type CurvePoint, type SoftmaxStatus } from '../../../src/lib/ml/softmax-regression';
import { RACER_IDS, racerConfig, type RacerId } from '../../../src/lib/ml/race';
import type { OptimizerConfig } from '../../../src/lib/ml/optimizers';
import { settingsOf, type RaceState } from './model';

/**
 * The real-data race: the six racers' rules and batch plans train softmax regression on
 * the digit sample, on TensorFlow.js in the shared worker; if the worker or its backend
 * fails, on the pure engine in the page, and the island says why.
 */

export interface DigitRunSpec {
  id: RacerId;
  optimizer: OptimizerConfig;
  batch: BatchPlan;
}

/** Each racer's rule and batch plan, from the island's state. */
export function digitRuns(state: RaceState): DigitRunSpec[] {
  const settings = settingsOf(state, [0, 0]);
  const mini: BatchPlan = { mode: 'minibatch', size: state.batch };
  return RACER_IDS.map((id) => ({
    id,
    optimizer: racerConfig(id, settings),
    batch: id === 'batch-gd' ? { mode: 'full' } : id === 'sgd' ? { mode: 'sgd' } : id === 'minibatch' || state.adaptive === 'minibatch' ? mini : { mode: 'full' },
  }));
}

export interface RunView {
  id: RacerId;
  epochLosses: number[];
  curve: CurvePoint[];
  status: SoftmaxStatus | null;
}

export type Phase = 'idle' | 'loading' | 'training' | 'done' | 'stopped' | 'failed';
export interface Problem {
  code: string;
  detail: Record<string, string | number | boolean | null>;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class DigitsTrainer {
  phase: Phase = 'idle';
  engine: 'tf' | 'js' | null = null;
  decision: BackendDecision | null = null;
  runs: RunView[] = [];
  current = 0;
  epoch = 0;
  epochs = 0;
  seconds = 0;
  /** Why TensorFlow.js was not used (the page engine ran instead). */
  tfProblem: Problem | null = null;
  /** Why nothing could be trained (the sample did not load). */
  dataProblem: Problem | null = null;
  private sample: DigitSample | null = null;
  private stopRequested = false;

  constructor(private readonly host: ReactiveControllerHost) {}

  get busy(): boolean {
    return this.phase === 'loading' || this.phase === 'training';
  }

  private async loadSample(): Promise<DigitSample> {
    if (this.sample) return this.sample;
    const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
    let response: Response;
    try {
      response = await fetch(`${base}data/mnist/sample-digits.bin`);
    } catch {
      throw { code: 'network', detail: {} } satisfies Problem;
    }
    if (!response.ok) throw { code: 'http', detail: { status: response.status } } satisfies Problem;
    const parsed = parseDigitSample(new Uint8Array(await response.arrayBuffer()));
    if (!parsed.ok) throw { code: 'corrupt', detail: { reason: parsed.code } } satisfies Problem;
    this.sample = parsed;
    return parsed;
  }

  async start(state: RaceState): Promise<void> {
    if (this.busy) return;
    const specs = digitRuns(state);
    Object.assign(this, { phase: 'loading', engine: null, decision: null, tfProblem: null, dataProblem: null, current: 0, epoch: 0, epochs: state.epochs });
    this.runs = specs.map((spec) => ({ id: spec.id, epochLosses: [], curve: [], status: null }));
    this.stopRequested = false;
    this.host.requestUpdate();
    const started = performance.now();
    let sample: DigitSample;
    try {
      sample = await this.loadSample();
    } catch (error) {
      this.dataProblem = isProblem(error) ? error : { code: 'network', detail: {} };
      this.phase = 'failed';
      this.host.requestUpdate();
      return;
    }
    if (this.stopRequested) {
      this.phase = 'stopped';
      this.host.requestUpdate();
      return;
    }
    this.phase = 'training';
    this.host.requestUpdate();
    try {
      await this.trainTf(state, specs, sample);
    } catch (error) {
      if (!this.stopRequested) {
        this.tfProblem = error instanceof TfWorkerError ? { code: error.code, detail: error.detail } : { code: 'internal', detail: { message: String(error) } };
        this.runs = specs.map((spec) => ({ id: spec.id, epochLosses: [], curve: [], status: null }));
        await this.trainJs(state, specs, sample);
      }
    }
    this.seconds = (performance.now() - started) / 1000;
    this.phase = this.stopRequested ? 'stopped' : 'done';
    this.host.requestUpdate();
  }

  stop(): void {
    if (!this.busy) return;
    this.stopRequested = true;
    if (this.engine === 'tf') void tfWorker.call('softmax', 'stop', null).catch(() => undefined);
  }

  private async trainTf(state: RaceState, specs: DigitRunSpec[], sample: DigitSample): Promise<void> {
    this.engine = 'tf';
    await tfWorker.call(
      'softmax',
      'train',
      {
        backend: state.backend,
        pixels: sample.images.slice(),
        labels: sample.labels.slice(),
        count: sample.count,
        runs: specs.map(({ optimizer, batch }) => ({ optimizer, batch })),
        epochs: state.epochs,
        seed: state.seed,
      },
      {
        onEvent: (event) => {
          if (event.type === 'backend') this.decision = event.decision;
          const run = event.type === 'backend' ? undefined : this.runs[event.run];
          if (event.type === 'epoch' && run) {
            // The curve's first point is the loss before training (epoch 0).
            run.epochLosses = run.epochLosses.length ? [...run.epochLosses, event.loss] : [event.curve[0]?.loss ?? Math.log(10), event.loss];
            run.curve = [...run.curve, ...event.curve];
            this.current = event.run;
            this.epoch = event.epoch;
          }
          if (event.type === 'run-done' && run) Object.assign(run, { epochLosses: event.epochLosses, curve: event.curve, status: event.status });
          this.host.requestUpdate();
        },
      },
    );
  }

  private async trainJs(state: RaceState, specs: DigitRunSpec[], sample: DigitSample): Promise<void> {
    this.engine = 'js';
    this.decision = null;
    const data = digitSetFrom(sample, 0, sample.count);
    for (let i = 0; i < specs.length && !this.stopRequested; i++) {
      const spec = specs[i];
      const run = this.runs[i];
      if (!spec || !run) continue;
      this.current = i;
      this.host.requestUpdate();
      await nextTask();
      const result = trainSoftmaxRegression(data, { optimizer: spec.optimizer, batch: spec.batch, epochs: state.epochs, seed: state.seed });
      Object.assign(run, { epochLosses: result.epochLosses, curve: result.curve, status: result.status });
      this.epoch = state.epochs;
    }
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'detail' in value;
}
