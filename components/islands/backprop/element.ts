import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { AnimationController } from '../../ui/motion/animation';
import { numberField, selectField, sliderField, toggleGroup } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { tfWorker, TfWorkerError } from '../../../src/tf/client';
import { accuracy } from '../../../src/lib/ml/mlp';
import { batchGradient } from '../../../src/lib/ml/mlp-backward';
import { EXPLODING_LOSS } from '../../../src/lib/ml/mlp-train';
import { backpropIsland } from './definition';
import { MAX_STEPS } from './schema';
import { backpropStrings } from './strings';
import { batchesPerEpoch, gradientDifference, phaseStarts, RunCache, runKey, SAMPLE_COUNT, stepModel, type BackpropState, type Phase } from './model';
import { dataPlot, lossChart, networkDiagram, short } from './figures';
import { stagePanel } from './stage-panel';
import { checkResult, type CheckState } from './check';

/** Updates per animation frame while "play" runs. */
const STEPS_PER_FRAME = 2;
/** Updates per press of the jump button (shown instead of "play" under reduced motion). */
const JUMP = 100;

/** Chapter 3.1.3–3.1.5: one sample through the network step by step, continuous training, and a TensorFlow.js check of the gradients. */
export class BackpropIsland extends LiveIsland<typeof backpropIsland.schema> {
  readonly schema = backpropIsland.schema;
  readonly presets = backpropIsland.presets;
  readonly meta = backpropIsland.strings['zh-CN'];
  private readonly s = backpropStrings['zh-CN'];
  private readonly size = new WidthController(this);
  private readonly runs = new RunCache();
  private readonly animation = new AnimationController(this, { step: () => this.train(STEPS_PER_FRAME) });
  private check: CheckState = { status: 'idle' };

  /** A changed setting starts a new run from step 0 (and a changed shape, step mode from stage 0). */
  protected override patch(changes: Partial<BackpropState>): void {
    const next = { ...this.state, ...changes };
    const extra: Partial<BackpropState> = {};
    const restart = !('steps' in changes) && runKey(next) !== runKey(this.state);
    if (restart) extra.steps = 0;
    if (!('stage' in changes) && (next.depth !== this.state.depth || next.width !== this.state.width)) extra.stage = 0;
    if (this.animation.playing && (restart || next.mode !== 'run')) this.animation.pause();
    super.patch({ ...changes, ...extra });
  }

  protected override reset(): void {
    this.animation.pause();
    super.reset();
  }

  protected override applyPreset(name: string): void {
    this.animation.pause();
    super.applyPreset(name);
  }

  /** Takes up to `count` updates; false when training cannot go on (diverged, or at the cap). */
  private train(count: number): boolean {
    const { trainer } = this.runs.get(this.state);
    if (trainer.status.code !== 'ok' || trainer.steps >= MAX_STEPS) return false;
    const status = trainer.advance(Math.min(count, MAX_STEPS - trainer.steps));
    // A diverged run keeps the step that diverged in its state, so its link shows the same message.
    this.patch({ steps: status.code === 'diverged' ? status.step : trainer.steps });
    return status.code === 'ok' && trainer.steps < MAX_STEPS;
  }

  private checkKey(): string {
    const st = this.state;
    return `${runKey(st)}|${st.steps}|${st.mode}|${st.mode === 'step' ? st.sample : ''}|${st.backend}`;
  }

  private async runCheck(): Promise<void> {
    const key = this.checkKey();
    const { data, trainer } = this.runs.get(this.state);
    const indices = this.state.mode === 'step' ? [Math.min(this.state.sample, SAMPLE_COUNT - 1)] : [...trainer.nextBatch];
    const params = trainer.params;
    const ours = batchGradient(params, data, indices);
    if (typeof Worker === 'undefined') {
      this.check = { status: 'error', key, code: 'no-worker', message: '' };
      this.requestUpdate();
      return;
    }
    this.check = { status: 'running', key };
    this.requestUpdate();
    let next: CheckState;
    try {
      const result = await tfWorker.call('mlp-check', 'gradients', {
        backend: this.state.backend,
        activation: params.activation,
        layers: params.layers,
        inputs: indices.map((n) => [...(data.inputs[n] ?? [])]),
        labels: indices.map((n) => data.labels[n] ?? 0),
      });
      const diff = gradientDifference(ours.gradients, result.gradients);
      next = diff
        ? { status: 'done', key, result, diff, oursLoss: ours.loss }
        : { status: 'error', key, code: 'bad-args', message: '' };
    } catch (error) {
      const code = error instanceof TfWorkerError ? error.code : 'internal';
      const detail = error instanceof TfWorkerError ? error.detail['message'] : error instanceof Error ? error.message : '';
      next = { status: 'error', key, code, message: typeof detail === 'string' ? detail : '' };
    }
    if (this.check.status === 'running' && this.check.key === key) {
      this.check = next;
      this.requestUpdate();
    }
  }

  private renderSettings(): TemplateResult {
    const c = this.s.settings;
    return html`<fieldset class="bp-settings">
      <legend>${c.title}</legend>
      <div class="bp-settings__grid">
        ${selectField(this, 'data', { label: c.data, options: c.kinds })}
        ${sliderField(this, 'noise', { label: c.noise, step: 0.01, format: (v) => v.toFixed(2) })}
        ${numberField(this, 'seed', { label: c.seed })}
        ${sliderField(this, 'depth', { label: c.depth, step: 1 })}
        ${sliderField(this, 'width', { label: c.width, step: 1 })}
        ${selectField(this, 'activation', { label: c.activation, options: c.activations })}
        ${sliderField(this, 'lr', { label: c.lr, step: 0.01, min: 0.01, max: 5, hint: c.lrHint })}
        ${sliderField(this, 'batch', { label: c.batch, step: 1, hint: c.batchHint })}
      </div>
      <p class="ml-control__hint">${c.note}</p>
    </fieldset>`;
  }

  private renderStep(): TemplateResult {
    const s = this.s;
    const { data, trainer } = this.runs.get(this.state);
    const params = trainer.params;
    const m = stepModel(params, data, this.state);
    const last = m.stages.length - 1;
    const starts = phaseStarts(m.stages);
    const phases = Object.keys(starts) as Phase[];
    const go = (stage: number) => this.patch({ stage: Math.max(0, Math.min(last, stage)) });
    const wide = this.size.width >= 560;
    const plotWidth = wide ? Math.min(340, Math.floor(this.size.width * 0.45)) : this.size.width;
    const diagramWidth = wide ? this.size.width - plotWidth - 16 : this.size.width;
    return html`<div class="bp-step" data-stage=${m.index} data-stages=${m.stages.length}>
      <div class="bp-step__nav">
        <button type="button" class="ml-button" data-action="prev" ?disabled=${m.index === 0} @click=${() => go(m.index - 1)}>${s.step.prev}</button>
        <button type="button" class="ml-button ml-button--primary" data-action="next" ?disabled=${m.index === last} @click=${() => go(m.index + 1)}>
          ${s.step.next}
        </button>
        <span class="bp-step__counter">${format(s.step.counter, { index: m.index, total: last })}</span>
      </div>
      <div class="bp-step__phases" role="group" aria-label=${s.step.jump}>
        <span aria-hidden="true">${s.step.jump}</span>
        ${phases.map(
          (phase) => html`<button type="button" class="ml-button bp-phase" aria-pressed=${m.index >= starts[phase] && (phase === 'update' || m.index < nextStart(starts, phase, last))}
            @click=${() => go(starts[phase])}>${s.step.phases[phase]}</button>`,
        )}
      </div>
      <div class="bp-settings__grid">
        ${sliderField(this, 'stage', { label: s.step.stage, step: 1, min: 0, max: last, format: (v) => format(s.step.counter, { index: Math.min(v, last), total: last }) })}
        ${numberField(this, 'sample', { label: s.step.sample, hint: s.step.sampleHint })}
      </div>
      <div class="bp-step__figures">
        ${dataPlot({ data, params, width: plotWidth, s, selected: m.sample, onPick: (n) => this.patch({ sample: n }) })}
        ${networkDiagram(m, params, diagramWidth, s)}
      </div>
      ${stagePanel(m, params, s)}
      <p class="ml-control__hint">${s.step.rounding}</p>
    </div>`;
  }

  private renderRun(): TemplateResult {
    const s = this.s;
    const r = s.run;
    const { data, trainer } = this.runs.get(this.state);
    const status = trainer.status;
    const loss = trainer.losses[trainer.losses.length - 1] ?? 0;
    const canTrain = status.code === 'ok' && trainer.steps < MAX_STEPS;
    const reduced = this.animation.reducedMotion;
    const chartWidth = this.size.column(2, 16, 280);
    return html`<div class="bp-run" data-steps=${trainer.steps} data-status=${status.code} data-loss=${loss}>
      <div class="bp-run__controls">
        ${reduced
          ? html`<button type="button" class="ml-button ml-button--primary" data-action="jump" ?disabled=${!canTrain} @click=${() => this.train(JUMP)}>${r.jump}</button>`
          : html`<button type="button" class="ml-button ml-button--primary" data-action="play" aria-pressed=${this.animation.playing} ?disabled=${!canTrain && !this.animation.playing}
              @click=${() => this.animation.toggle()}>${this.animation.playing ? r.pause : r.play}</button>`}
        <button type="button" class="ml-button" data-action="step" ?disabled=${!canTrain} @click=${() => this.train(1)}>${r.stepOnce}</button>
        <button type="button" class="ml-button" data-action="restart" ?disabled=${this.state.steps === 0} @click=${() => {
          this.animation.pause();
          this.patch({ steps: 0 });
        }}>${r.restart}</button>
        ${numberField(this, 'steps', { label: r.steps, hint: format(r.stepsHint, { max: MAX_STEPS }) })}
      </div>
      <p class="bp-run__status" aria-live="polite">
        ${format(r.status, {
          steps: trainer.steps,
          epoch: Math.floor(trainer.steps / batchesPerEpoch(this.state.batch)),
          count: SAMPLE_COUNT,
          loss: short(loss, 3),
          accuracy: `${(accuracy(trainer.params, data) * 100).toFixed(0)}%`,
        })}
        ${status.code === 'ok' && trainer.steps >= MAX_STEPS ? format(r.cap, { max: MAX_STEPS }) : nothing}
      </p>
      ${status.code === 'diverged'
        ? html`<p class="ml-error" role="alert" data-diverged=${status.step}>
            ${format(status.reason === 'exploding' ? r.exploding : r.nonFinite, { step: status.step, lr: this.state.lr, limit: EXPLODING_LOSS })}
          </p>`
        : nothing}
      <div class="ml-chart-row">
        ${dataPlot({ data, params: trainer.params, width: chartWidth, s, batch: status.code === 'ok' ? trainer.nextBatch : [] })}
        ${lossChart(trainer.losses, chartWidth, s)}
      </div>
    </div>`;
  }

  private renderCheck(): TemplateResult {
    const c = this.s.check;
    const key = this.checkKey();
    const { trainer } = this.runs.get(this.state);
    const what = this.state.mode === 'step' ? c.whatSample : format(c.whatBatch, { count: trainer.nextBatch.length });
    return html`<section class="bp-check" aria-labelledby=${this.idFor('check-title')}>
      <h4 id=${this.idFor('check-title')}>${c.title}</h4>
      <p>${format(c.intro, { what })}</p>
      <div class="bp-check__row">
        ${selectField(this, 'backend', { label: c.backend, options: c.backends })}
        <button type="button" class="ml-button ml-button--primary" data-action="tf-check" ?disabled=${this.check.status === 'running'} @click=${() => void this.runCheck()}>
          ${c.button}
        </button>
      </div>
      ${this.check.status === 'error' && this.check.code === 'no-worker' && this.check.key === key
        ? html`<p class="ml-error" role="alert">${c.noWorker}</p>`
        : checkResult(this.check, key, this.s)}
    </section>`;
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    return html`
      ${toggleGroup(this, 'mode', { label: s.modes.label, options: { step: s.modes.step, run: s.modes.run } })}
      ${this.renderSettings()}
      ${this.state.mode === 'step' ? this.renderStep() : this.renderRun()}
      ${this.renderCheck()}
    `;
  }
}

function nextStart(starts: Record<Phase, number>, phase: Phase, last: number): number {
  const later = Object.values(starts).filter((v) => v > starts[phase]);
  return later.length ? Math.min(...later) : last + 1;
}

customElements.define(backpropIsland.tag, BackpropIsland);
