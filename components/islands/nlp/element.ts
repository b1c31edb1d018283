import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { AnimationController } from '../../ui/motion/animation';
import { numberField, selectField, sliderField } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { constraintParamsUsed } from '../../../src/lib/math/nonlinear-presets';
import { nlpIsland } from './definition';
import { deriveNlp, runOf, type NlpModel } from './model';
import { nlpStrings } from './strings';
import { nlpChart, nlpLegend } from './figures';
import { kktPanel, outerTable, rootVsOptimization, statusLine } from './kkt';
import { num } from './numbers';

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Section 4.3.2's live part: augmented Lagrangian paths on contours and the KKT check at the answer. */
export class NlpIsland extends LiveIsland<typeof nlpIsland.schema> {
  static override properties = { ...LiveIsland.properties, shown: { state: true } };
  readonly schema = nlpIsland.schema;
  readonly presets = nlpIsland.presets;
  readonly meta = nlpIsland.strings['zh-CN'];
  private readonly s = nlpStrings['zh-CN'];
  private readonly size = new WidthController(this);
  private readonly player = new AnimationController(this, { step: () => this.advance(), interval: 180 });
  /** How many iterates are drawn; null: the whole path. */
  declare shown: number | null;
  private cache: { key: string; model: NlpModel } | null = null;

  constructor() {
    super();
    this.shown = null;
  }

  private get model(): NlpModel {
    const key = JSON.stringify(this.state);
    if (this.cache?.key !== key) this.cache = { key, model: deriveNlp(this.state) };
    return this.cache.model;
  }

  private get total(): number {
    return runOf(this.model)?.path.length ?? 0;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A new problem has a new path: show it whole until the reader steps through it again.
    if (changed.has('state') && changed.get('state') !== undefined) {
      this.shown = null;
      if (this.player.playing) this.player.pause();
    }
  }

  private advance(): boolean {
    if (this.shown === null) return false;
    this.shown = Math.min(this.total, this.shown + 1);
    if (this.shown >= this.total) {
      this.shown = null;
      return false;
    }
    return true;
  }

  private play(): void {
    if (this.player.playing) {
      this.player.pause();
      return;
    }
    if (this.shown === null) this.shown = 1;
    this.player.play();
  }

  private renderPlayer(): TemplateResult | typeof nothing {
    const run = runOf(this.model);
    if (!run) return nothing;
    const p = this.s.player;
    const total = run.path.length;
    const shown = this.shown ?? total;
    const it = run.path[shown - 1];
    const reduced = this.player.reducedMotion;
    const position = !it
      ? ''
      : it.outer === 0 && it.inner === 0
        ? format(p.positionStart, { total, x: num(it.x[0], 4), y: num(it.x[1], 4), f: num(it.f, 4) })
        : format(p.position, { shown, total, outer: it.outer + 1, inner: it.inner, x: num(it.x[0], 4), y: num(it.x[1], 4), f: num(it.f, 4) });
    return html`<div class="ml-nlp__player">
      <div class="ml-nlp__buttons">
        ${reduced
          ? nothing
          : html`<button type="button" class="ml-button ml-button--primary" data-action="play" @click=${() => this.play()}>
              ${this.player.playing ? p.pause : p.play}
            </button>`}
        <button type="button" class="ml-button" data-action="restart" ?disabled=${this.shown === 1} @click=${() => {
          this.player.pause();
          this.shown = 1;
        }}>${p.restart}</button>
        <button type="button" class="ml-button" data-action="step" ?disabled=${this.shown === null} @click=${() => this.player.stepOnce()}>${p.step}</button>
        <button type="button" class="ml-button" data-action="end" ?disabled=${this.shown === null} @click=${() => {
          this.player.pause();
          this.shown = null;
        }}>${p.end}</button>
      </div>
      <p class="ml-nlp__position" aria-live="polite" data-shown=${shown}>${position}</p>
      ${reduced ? html`<p class="ml-control__hint">${p.reducedMotion}</p>` : nothing}
    </div>`;
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const model = this.model;
    const state = this.state;
    const used = constraintParamsUsed(state.constraints);
    const run = runOf(model);
    const current = this.shown !== null && run ? (run.path[this.shown - 1]?.outer ?? null) : null;
    const width = Math.min(this.size.width, 560);
    const defaults = { x: this.schema.x0.default, y: this.schema.y0.default };
    return html`
      <fieldset class="ml-nlp__group">
        <legend>${s.groups.problem}</legend>
        <div class="ml-controls">
          ${selectField(this, 'objective', { label: s.objective.label, options: s.objective.options })}
          ${selectField(this, 'constraints', { label: s.constraints.label, options: s.constraints.options })}
        </div>
        <div class="ml-controls">
          ${state.objective === 'quadratic'
            ? html`${numberField(this, 'cx', { label: s.fields.cx, step: 0.1 })} ${numberField(this, 'cy', { label: s.fields.cy, step: 0.1, hint: s.hints.center })}`
            : nothing}
          ${used.b ? sliderField(this, 'b', { label: s.fields.b, step: 0.05 }) : nothing}
          ${used.r ? sliderField(this, 'r', { label: s.fields.r, step: 0.05 }) : nothing}
        </div>
      </fieldset>
      ${statusLine(model, s)}
      ${nlpChart(model, s, width, {
        ...(this.shown === null ? {} : { shown: this.shown }),
        onStart: (x, y) => this.patch({ x0: round1(x), y0: round1(y) }),
        onCenter: (x, y) => this.patch({ cx: round1(x), cy: round1(y) }),
        home: defaults,
      })}
      ${nlpLegend(model, s)} ${this.renderPlayer()}
      <div class="ml-nlp__columns">
        <fieldset class="ml-nlp__group">
          <legend>${s.groups.start}</legend>
          <div class="ml-controls">
            ${numberField(this, 'x0', { label: s.fields.x0, step: 0.1 })} ${numberField(this, 'y0', { label: s.fields.y0, step: 0.1 })}
          </div>
          <p class="ml-control__hint">${s.hints.start}</p>
        </fieldset>
        <fieldset class="ml-nlp__group">
          <legend>${s.groups.method}</legend>
          <div class="ml-controls">
            ${numberField(this, 'rho', { label: s.fields.rho, step: 'any', hint: s.hints.rho })}
            ${sliderField(this, 'outer', { label: s.fields.outer, step: 1 })}
          </div>
        </fieldset>
      </div>
      ${rootVsOptimization(model, s)} ${kktPanel(model, s)} ${outerTable(model, s, current)}
    `;
  }
}

customElements.define(nlpIsland.tag, NlpIsland);
