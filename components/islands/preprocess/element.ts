import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { checkboxField, selectField, sliderField, toggleGroup } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { createRng } from '../../../src/lib/random/prng';
import { prepIsland } from './definition';
import { loadDigitSample, type SampleLoad } from './digit-sample';
import { derivePrep, type PrepModel } from './model';
import { prepStrings } from './strings';
import { augmentFigure, cleanFigure, normalizeFigure } from './figures';

const MAX_SEED = 2_147_483_647;

/** Chapter 3.1.1's live section: cleaning, normalization and augmentation on real MNIST digits. */
export class PreprocessIsland extends LiveIsland<typeof prepIsland.schema> {
  static override properties = { ...LiveIsland.properties, sample: { state: true } };
  declare sample: SampleLoad | null;

  readonly schema = prepIsland.schema;
  readonly presets = prepIsland.presets;
  readonly meta = prepIsland.strings['zh-CN'];
  private readonly s = prepStrings['zh-CN'];
  private readonly size = new WidthController(this);
  private cache: { key: string; model: PrepModel } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.sample === undefined) this.load();
  }

  private load(): void {
    this.sample = null;
    void loadDigitSample().then((result) => (this.sample = result));
  }

  private model(): PrepModel | null {
    if (!this.sample?.ok) return null;
    const key = JSON.stringify(this.state);
    if (this.cache?.key !== key) this.cache = { key, model: derivePrep(this.state, this.sample) };
    return this.cache.model;
  }

  private nextSeed(): number {
    return (this.state.seed % MAX_SEED) + 1;
  }

  private renderDigitPicker(model: PrepModel | null): TemplateResult {
    const s = this.s.digit;
    const count = this.sample?.ok ? this.sample.count : 300;
    return html`<div class="ml-controls">
      ${sliderField(this, 'digit', {
        label: s.label,
        step: 1,
        format: (n) => format(s.value, { n, label: model?.label ?? '?' }),
        hint: model ? format(s.caption, { n: this.state.digit, label: model.label }) : '',
      })}
      <div class="ml-prep__buttons">
        <button type="button" class="ml-button" data-action="another" @click=${() => {
          const seed = this.nextSeed();
          this.patch({ seed, digit: createRng(seed).int(count) });
        }}>${s.another}</button>
        ${this.state.mode === 'normalize'
          ? nothing
          : html`<button type="button" class="ml-button" data-action="reseed" data-field="seed" @click=${() => this.patch({ seed: this.nextSeed() })}>
              ${format(s.reseed, { seed: this.state.seed })}
            </button>`}
      </div>
    </div>`;
  }

  private renderCleanControls(): TemplateResult {
    const c = this.s.clean;
    const corrupt = this.state.corrupt;
    const amount =
      corrupt === 'gaussian'
        ? sliderField(this, 'sigma', { label: c.sigma, step: 0.01, format: (v) => v.toFixed(2) })
        : corrupt === 'block'
          ? sliderField(this, 'block', { label: c.block, step: 1 })
          : sliderField(this, 'p', { label: c.p, step: 0.01, format: (v) => v.toFixed(2) });
    return html`<div class="ml-controls">
        ${selectField(this, 'corrupt', { label: c.corrupt.label, options: { gaussian: c.corrupt.gaussian, salt: c.corrupt.salt, block: c.corrupt.block, missing: c.corrupt.missing } })}
        ${amount}
        ${selectField(this, 'fix', {
          label: c.fix.label,
          options: { none: c.fix.none, median: c.fix.median, clip: c.fix.clip, 'impute-mean': c.fix['impute-mean'], 'impute-neighbour': c.fix['impute-neighbour'] },
        })}
        ${checkboxField(this, 'marks', { label: c.marks })}
      </div>
      <p class="ml-control__hint">${c.fixHint[corrupt]}</p>`;
  }

  private renderAugmentControls(): TemplateResult {
    const a = this.s.augment;
    const fixed = (digits: number) => (v: number) => v.toFixed(digits);
    return html`<div class="ml-controls ml-prep__ranges">
      ${sliderField(this, 'rot', { label: a.rot, step: 1, format: fixed(0) })}
      ${sliderField(this, 'zoom', { label: a.zoom, step: 0.01, format: fixed(2) })}
      ${sliderField(this, 'shift', { label: a.shift, step: 0.5, format: fixed(1) })}
      ${sliderField(this, 'crop', { label: a.crop, step: 0.01, format: fixed(2) })}
      ${sliderField(this, 'flipH', { label: a.flipH, step: 0.05, format: fixed(2) })}
      ${sliderField(this, 'flipV', { label: a.flipV, step: 0.05, format: fixed(2) })}
    </div>`;
  }

  private renderSampleState(): TemplateResult | typeof nothing {
    const sample = this.sample;
    if (sample === null || sample === undefined) return html`<p class="ml-prep__loading" role="status">${this.s.loading}</p>`;
    if (sample.ok) return nothing;
    return html`<div class="ml-error" role="alert" data-load-error=${sample.code}>
      <p>${format(this.s.loadFailed[sample.code], { status: sample.status ?? '' })}</p>
      <button type="button" class="ml-button" data-action="retry" @click=${() => this.load()}>${this.s.retry}</button>
    </div>`;
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const mode = this.state.mode;
    const model = this.model();
    const width = this.size.width;
    const n = s.normalize;
    return html`
      ${toggleGroup(this, 'mode', { label: s.modes.label, options: { clean: s.modes.clean, normalize: s.modes.normalize, augment: s.modes.augment } })}
      ${this.renderDigitPicker(model)}
      ${mode === 'clean' ? this.renderCleanControls() : nothing}
      ${mode === 'normalize'
        ? html`<div class="ml-controls">
            ${selectField(this, 'norm', { label: n.label, options: { unit: n.options.unit, symmetric: n.options.symmetric, zscore: n.options.zscore, 'zscore-pixel': n.options['zscore-pixel'] } })}
          </div>`
        : nothing}
      ${mode === 'augment' ? this.renderAugmentControls() : nothing}
      ${this.renderSampleState()}
      ${model
        ? html`<div class="ml-prep__view">
            ${mode === 'clean' ? cleanFigure(model, s, width) : nothing}
            ${mode === 'normalize' ? normalizeFigure(model, s, width) : nothing}
            ${mode === 'augment' ? augmentFigure(model, s, width) : nothing}
          </div>`
        : nothing}
    `;
  }
}

customElements.define(prepIsland.tag, PreprocessIsland);
