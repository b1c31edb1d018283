import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { AnimationController } from '../../ui/motion/animation';
import { numberField, selectField, sliderField, toggleGroup } from '../../ui/controls';
import { format, problemText } from '../../ui/shell-strings';
import { parseField, type NumberField } from '../../../src/lib/state/codec';
import type { RacerId } from '../../../src/lib/ml/race';
import { raceIsland } from './definition';
import { deriveRace, raceKey, type RaceModel } from './model';
import { raceStrings } from './strings';
import { contourChart, contourMemo, lossChart, RACER_INDEX, statusTable } from './figures';
import { stepFormula } from './formula';
import { DigitsTrainer } from './digits';
import { digitsPanel } from './digits-view';
import { logSliderField } from './race-controls';
import { plain } from './numbers';

const FPS_WINDOW = 30;

/** Chapter 3.2's live section: six optimizers racing on a surface, and on real digits. */
export class RaceIsland extends LiveIsland<typeof raceIsland.schema> {
  readonly schema = raceIsland.schema;
  readonly presets = raceIsland.presets;
  readonly meta = raceIsland.strings['zh-CN'];
  private readonly s = raceStrings['zh-CN'];
  private readonly size = new WidthController(this);
  private readonly memo = contourMemo();
  private readonly digits = new DigitsTrainer(this);
  private readonly animation = new AnimationController(this, { step: () => this.advance() });
  private cached: { key: string; model: RaceModel } | null = null;
  /** The animation step shown; the first race shows its end until the reader plays it. */
  private t = 0;
  private frames: number[] = [];
  private startErrors = new Map<0 | 1, { raw: string; text: string }>();

  private model(): RaceModel {
    const key = raceKey(this.state);
    if (this.cached?.key !== key) {
      const model = deriveRace(this.state);
      // A reader watching the end sees the new end; one partway through stays at that step.
      const atEnd = !this.animation.playing && this.t >= (this.cached?.model.lastStep ?? 0);
      this.t = atEnd ? model.lastStep : Math.min(this.t, model.lastStep);
      this.cached = { key, model };
    }
    return { ...this.cached.model, state: this.state };
  }

  private advance(): boolean {
    const last = this.model().lastStep;
    this.t = Math.min(last, this.t + Math.max(1, Math.ceil(this.state.steps / 240)));
    const now = performance.now();
    this.frames = [...this.frames.slice(-(FPS_WINDOW - 1)), now];
    const first = this.frames[0] ?? now;
    if (this.frames.length > 2 && now > first) this.dataset['fps'] = (((this.frames.length - 1) * 1000) / (now - first)).toFixed(1);
    return this.t < last;
  }

  private play(): void {
    if (this.animation.playing) {
      this.animation.pause();
      return;
    }
    if (this.t >= this.model().lastStep) this.t = 0;
    this.frames = [];
    this.animation.play();
  }

  private jump(t: number): void {
    this.animation.pause();
    this.t = Math.max(0, Math.min(this.model().lastStep, t));
    this.requestUpdate();
  }

  private toggleRacer(id: RacerId): void {
    const index = RACER_INDEX(id);
    const off = this.state.off.includes(index) ? this.state.off.filter((k) => k !== index) : [...this.state.off, index].sort();
    this.patch({ off });
  }

  private onStartInput(axis: 0 | 1, raw: string, model: RaceModel): void {
    const { view } = model.surface;
    const spec: NumberField = axis === 0 ? { kind: 'number', min: view.xMin, max: view.xMax, default: 0 } : { kind: 'number', min: view.yMin, max: view.yMax, default: 0 };
    const parsed = parseField(spec, raw.trim());
    const errors = new Map(this.startErrors);
    if (!parsed.ok) {
      const { ok: _ok, ...problem } = parsed;
      errors.set(axis, { raw, text: problemText(this.ui, problem) });
      this.startErrors = errors;
      this.requestUpdate();
      return;
    }
    errors.delete(axis);
    this.startErrors = errors;
    const start: [number, number] = [model.start[0], model.start[1]];
    start[axis] = parsed.value as number;
    this.patch({ start });
  }

  private startFields(model: RaceModel): TemplateResult {
    const s = this.s;
    const field = (axis: 0 | 1, label: string) => {
      const id = this.idFor(`start-${axis}`);
      const error = this.startErrors.get(axis);
      return html`<div class="ml-control">
        <label for=${id}>${label}</label>
        <input id=${id} type="number" step="0.05" .value=${live(error ? error.raw : plain(model.start[axis]))}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}
          @input=${(e: Event) => this.onStartInput(axis, (e.target as HTMLInputElement).value, model)} />
        ${error ? html`<span class="ml-field-error" id=${`${id}-error`}>${error.text}</span>` : nothing}
      </div>`;
    };
    const problem = model.startProblem;
    return html`<div class="ml-controls" data-field="start">
        ${field(0, s.controls.startX)} ${field(1, s.controls.startY)}
        <button type="button" class="ml-button ml-race-start-reset" ?disabled=${this.state.start.length === 0}
          @click=${() => {
            this.startErrors = new Map();
            this.patch({ start: [] });
          }}>${s.controls.startDefault}</button>
      </div>
      ${problem ? html`<p class="ml-notice" role="status" data-start-problem=${problem.code}>${format(s.startProblems[problem.code], problem.code === 'start-outside' ? { x: plain(problem.x), y: plain(problem.y) } : {})}</p>` : nothing}`;
  }

  private animationBar(model: RaceModel): TemplateResult {
    const a = this.s.animation;
    const reduced = this.animation.reducedMotion;
    const id = this.idFor('scrubber');
    return html`<div class="ml-race-player" data-t=${this.t} data-last=${model.lastStep}>
      ${reduced
        ? html`<button type="button" class="ml-button ml-button--primary" data-action="end" @click=${() => this.jump(model.lastStep)}>${a.end}</button>`
        : html`<button type="button" class="ml-button ml-button--primary" data-action="play" aria-pressed=${this.animation.playing} @click=${() => this.play()}>
            ${this.animation.playing ? a.pause : a.play}
          </button>`}
      <button type="button" class="ml-button" data-action="back" ?disabled=${this.t <= 0} @click=${() => this.jump(this.t - 1)}>${a.back}</button>
      <button type="button" class="ml-button" data-action="step" ?disabled=${this.t >= model.lastStep} @click=${() => this.jump(this.t + 1)}>${a.step}</button>
      <button type="button" class="ml-button" data-action="restart" ?disabled=${this.t <= 0} @click=${() => this.jump(0)}>${a.restart}</button>
      <label class="ml-race-scrubber" for=${id}>
        <span>${format(a.counter, { t: this.t, total: model.lastStep })}</span>
        <input id=${id} type="range" min="0" max=${model.lastStep} step="1" .value=${live(String(this.t))} aria-valuetext=${format(a.counter, { t: this.t, total: model.lastStep })}
          @input=${(e: Event) => this.jump(Number((e.target as HTMLInputElement).value))} />
      </label>
      ${reduced ? html`<p class="ml-control__hint">${a.reduced}</p>` : nothing}
    </div>`;
  }

  private hyperparameters(): TemplateResult {
    const c = this.s.controls;
    const race = this.state.mode === 'race';
    return html`<fieldset class="ml-race-hyper">
      <legend>${c.hyper}</legend>
      <div class="ml-controls">
        ${sliderField(this, 'batch', { label: c.batch, step: 1, min: 1, max: race ? 64 : 300 })}
        ${selectField(this, 'adaptive', { label: c.adaptive.label, options: { minibatch: c.adaptive.minibatch, full: c.adaptive.full } })}
        ${sliderField(this, 'momentum', { label: c.momentum, step: 0.01 })}
        ${sliderField(this, 'rho', { label: c.rho, step: 0.001 })}
        ${sliderField(this, 'beta1', { label: c.beta1, step: 0.001 })}
        ${sliderField(this, 'beta2', { label: c.beta2, step: 0.0001 })}
        ${logSliderField(this, 'eps', { label: c.eps, min: 1e-10, max: 1, hint: c.epsHint, digits: 1 })}
        ${numberField(this, 'seed', { label: c.seed })}
      </div>
    </fieldset>`;
  }

  private renderRace(): TemplateResult {
    const s = this.s;
    const c = s.controls;
    const model = this.model();
    const width = this.size.width;
    const lo = 4 / this.state.kappa;
    return html`
      <div class="ml-controls">
        ${selectField(this, 'surface', { label: s.surfaces.label, options: s.surfaces.options })}
        ${this.state.surface === 'bowl' ? logSliderField(this, 'kappa', { label: c.kappa, min: 1, max: 1000 }) : nothing}
        ${logSliderField(this, 'lr', { label: c.lr, min: 1e-4, max: 10, hint: c.lrHint })}
        ${sliderField(this, 'steps', { label: c.steps, step: 10 })}
      </div>
      <p class="ml-race-note">${format(s.surfaces.notes[this.state.surface], { lo: plain(lo, 3) })}</p>
      ${this.animationBar(model)}
      <figure class="ml-race-figure">
        ${contourChart(model, s, { t: this.t, width, memo: this.memo, clipId: this.idFor('clip'), onStart: (x, y) => this.patch({ start: [Number(x.toFixed(2)), Number(y.toFixed(2))] }) })}
        <figcaption>${s.charts.contourCaption}</figcaption>
      </figure>
      ${this.startFields(model)}
      ${statusTable(model, s, { t: this.t, onToggle: (id) => this.toggleRacer(id) })}
      <figure class="ml-race-figure">
        ${toggleGroup(this, 'per', { label: c.per.label, options: { step: c.per.step, eval: c.per.eval } })}
        ${lossChart(model, s, this.t, width)}
        ${this.state.per === 'eval' ? html`<figcaption>${s.charts.evalNote}</figcaption>` : nothing}
      </figure>
      <div class="ml-race-step">
        ${selectField(this, 'focus', { label: c.focus, options: s.racers })}
        ${this.animation.playing
          ? html`<p class="ml-race-formula__none">${format(s.formula.playing, { name: s.racers[this.state.focus] })}</p>`
          : stepFormula(model, s, this.t)}
      </div>
    `;
  }

  private renderDigits(): TemplateResult {
    const s = this.s;
    const c = s.controls;
    const d = this.digits;
    return html`
      <p class="ml-race-note">${format(s.digits.intro, { count: 300, epochs: this.state.epochs })}</p>
      <div class="ml-controls">
        ${logSliderField(this, 'lr', { label: c.lr, min: 1e-4, max: 10, hint: c.lrHint })}
        ${sliderField(this, 'epochs', { label: c.epochs, step: 1 })}
        ${selectField(this, 'backend', { label: c.backend.label, options: { auto: c.backend.auto, webgpu: c.backend.webgpu, webgl: c.backend.webgl, wasm: c.backend.wasm, cpu: c.backend.cpu } })}
      </div>
      <p class="ml-race-actions">
        <button type="button" class="ml-button ml-button--primary" data-action="train" ?disabled=${d.busy} @click=${() => void d.start(this.state)}>${s.digits.train}</button>
        <button type="button" class="ml-button" data-action="stop" ?disabled=${!d.busy} @click=${() => d.stop()}>${s.digits.stop}</button>
      </p>
      ${toggleGroup(this, 'per', { label: c.per.label, options: { step: c.per.epoch, eval: c.per.eval } })}
      ${digitsPanel(d, this.state.per === 'eval', s, this.size.width)}
    `;
  }

  protected override canReset(): boolean {
    return !this.digits.busy;
  }

  protected override reset(): void {
    this.startErrors = new Map();
    super.reset();
  }

  override disconnectedCallback(): void {
    this.digits.stop();
    super.disconnectedCallback();
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    return html`
      ${toggleGroup(this, 'mode', { label: s.modes.label, options: { race: s.modes.race, digits: s.modes.digits } })}
      ${this.state.mode === 'race' ? this.renderRace() : this.renderDigits()}
      ${this.hyperparameters()}
    `;
  }
}

customElements.define(raceIsland.tag, RaceIsland);
