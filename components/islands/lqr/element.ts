import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { AnimationController } from '../../ui/motion/animation';
import { sliderField, toggleGroup } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { lqrIsland } from './definition';
import { deriveLqr, type LqrModel } from './model';
import { lqrStrings } from './strings';
import { cartTrack, costCards, invalidText, problemStatement, trajectoryCharts } from './figures';
import { gainChart, riccatiStepView, steadyView } from './riccati';
import { richText } from '../nlp/rich-text';

/** Section 4.3.3's live part: the cart brought to rest by LQR, against a naive law, with the Riccati recursion. */
export class LqrIsland extends LiveIsland<typeof lqrIsland.schema> {
  static override properties = { ...LiveIsland.properties, k: { state: true }, step: { state: true } };
  readonly schema = lqrIsland.schema;
  readonly presets = lqrIsland.presets;
  readonly meta = lqrIsland.strings['zh-CN'];
  private readonly s = lqrStrings['zh-CN'];
  private readonly size = new WidthController(this);
  /** Real time: one step of the cart per 0.1 s. */
  private readonly player = new AnimationController(this, { step: () => this.advance(), interval: 100 });
  /** The time step the cart is drawn at. */
  declare k: number;
  /** How many backward Riccati steps are shown (0-based index of the last one). */
  declare step: number;
  private cache: { key: string; model: LqrModel } | null = null;

  constructor() {
    super();
    this.k = 0;
    this.step = 0;
  }

  private get model(): LqrModel {
    const key = JSON.stringify(this.state);
    if (this.cache?.key !== key) this.cache = { key, model: deriveLqr(this.state) };
    return this.cache.model;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('state')) {
      this.k = Math.min(this.k, this.state.n);
      this.step = Math.min(this.step, this.state.n - 1);
    }
  }

  private advance(): boolean {
    if (this.k >= this.state.n) return false;
    this.k += 1;
    return this.k < this.state.n;
  }

  private play(): void {
    if (this.player.playing) return this.player.pause();
    if (this.k >= this.state.n) this.k = 0;
    this.player.play();
  }

  private renderPlayer(): TemplateResult {
    const p = this.s.player;
    const n = this.state.n;
    const id = this.idFor('k');
    const reduced = this.player.reducedMotion;
    return html`<div class="ml-lqr__player">
      <div class="ml-lqr__buttons">
        ${reduced
          ? nothing
          : html`<button type="button" class="ml-button ml-button--primary" data-action="play" @click=${() => this.play()}>
              ${this.player.playing ? p.pause : p.play}
            </button>`}
        <button type="button" class="ml-button" data-action="step" ?disabled=${this.k >= n} @click=${() => this.player.stepOnce()}>${p.step}</button>
        <button type="button" class="ml-button" data-action="restart" ?disabled=${this.k === 0} @click=${() => {
          this.player.pause();
          this.k = 0;
        }}>${p.restart}</button>
      </div>
      <div class="ml-control ml-lqr__time-slider">
        <label for=${id}>${p.slider}</label>
        <input id=${id} type="range" min="0" max=${n} step="1" .value=${live(String(this.k))}
          aria-valuetext=${`k = ${this.k}`}
          @input=${(e: Event) => {
            this.player.pause();
            this.k = Number((e.target as HTMLInputElement).value);
          }} />
      </div>
      ${reduced ? html`<p class="ml-control__hint">${p.reducedMotion}</p>` : nothing}
    </div>`;
  }

  private renderRiccati(model: LqrModel): TemplateResult {
    const r = this.s.riccati;
    const n = this.state.n;
    const id = this.idFor('riccati');
    return html`<section class="ml-lqr__riccati">
      <h4>${r.title}</h4>
      <p>${richText(r.intro)}</p>
      <div class="ml-lqr__buttons">
        <button type="button" class="ml-button" data-action="riccati-prev" ?disabled=${this.step <= 0} @click=${() => (this.step -= 1)}>${r.prev}</button>
        <button type="button" class="ml-button" data-action="riccati-next" ?disabled=${this.step >= n - 1} @click=${() => (this.step += 1)}>${r.next}</button>
      </div>
      <div class="ml-control">
        <label for=${id}>${r.slider}</label>
        <input id=${id} type="range" min="0" max=${n - 1} step="1" .value=${live(String(this.step))}
          aria-valuetext=${format(r.position, { j: this.step + 1, n, k: n - 1 - this.step })}
          @input=${(e: Event) => (this.step = Number((e.target as HTMLInputElement).value))} />
      </div>
      ${riccatiStepView(model, this.s, this.step)} ${gainChart(model, this.s, Math.min(this.size.width, 640), this.step)}
    </section>`;
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const model = this.model;
    const run = model.run;
    const k = Math.min(this.k, this.state.n);
    return html`
      <div class="ml-lqr__columns">
        <fieldset class="ml-lqr__group">
          <legend>${s.groups.weights}</legend>
          ${sliderField(this, 'wp', { label: s.fields.wp, step: 0.1, min: 0, max: 20 })}
          ${sliderField(this, 'wv', { label: s.fields.wv, step: 0.1, min: 0, max: 20 })}
          ${sliderField(this, 'wf', { label: s.fields.wf, step: 0.01, min: 0.01, max: 2, hint: s.hints.wf })}
          ${sliderField(this, 'wt', { label: s.fields.wt, step: 1, max: 100, hint: s.hints.wt })}
        </fieldset>
        <fieldset class="ml-lqr__group">
          <legend>${s.groups.horizon}</legend>
          ${sliderField(this, 'n', { label: s.fields.n, step: 1, hint: s.hints.n })}
          ${sliderField(this, 'p0', { label: s.fields.p0, step: 0.1 })}
          ${sliderField(this, 'v0', { label: s.fields.v0, step: 0.1 })}
        </fieldset>
        <fieldset class="ml-lqr__group">
          <legend>${s.groups.naive}</legend>
          ${toggleGroup(this, 'naive', { label: s.naive.label, options: { pd: s.naive.pd, braking: s.naive.braking } })}
          ${this.state.naive === 'pd'
            ? html`<p class="ml-control__hint">${richText(s.naive.pdLaw)}</p>
                ${sliderField(this, 'kp', { label: s.fields.kp, step: 0.1, max: 20 })} ${sliderField(this, 'kd', { label: s.fields.kd, step: 0.1, max: 20 })}`
            : html`<p class="ml-control__hint">${richText(s.naive.brakingLaw)}</p> ${sliderField(this, 'brake', { label: s.fields.brake, step: 0.1 })}`}
        </fieldset>
      </div>
      ${model.invalid ? html`<p class="ml-error" role="alert" data-invalid=${model.invalid.code}>${richText(invalidText(model.invalid, s))}</p>` : nothing}
      ${cartTrack(model, s, this.size.width, k)} ${this.renderPlayer()}
      ${run ? costCards(run, model, s) : nothing}
      ${problemStatement(model, s)}
      ${run ? trajectoryCharts(run, model, s, this.size.column(2), k) : nothing}
      ${run ? this.renderRiccati(model) : nothing} ${steadyView(model, s)}
    `;
  }
}

customElements.define(lqrIsland.tag, LqrIsland);
