import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { sliderField, toggleGroup } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { mean, type Distribution } from '../../../src/lib/math/distributions';
import type { StateOf } from '../../../src/lib/state/codec';
import { distributionsIsland } from './definition';
import { DistributionCache, deriveDistributions, validateState, type DistModel } from './model';
import { distStrings } from './strings';
import { approximationFigure, cdfChart, densityChart, formulaCards, histogramChart, problemText, samplingSummary } from './figures';
import { plain } from './numbers';

type Schema = typeof distributionsIsland.schema;
type Ready = Extract<DistModel, { ok: true }>;
const DRAW_STEPS = [100, 1000, 10_000] as const;

/** Where x goes when the reader switches distribution: the new one's mean. */
function centre(dist: Distribution): number {
  const m = mean(dist);
  return dist.kind === 'normal' ? Number(m.toFixed(2)) : Math.round(m);
}

/** Chapter 4.2.1's live section: binomial, normal and Poisson; pmf/pdf, cdf, sampling, approximations. */
export class DistributionsIsland extends LiveIsland<Schema> {
  readonly schema = distributionsIsland.schema;
  readonly presets = distributionsIsland.presets;
  readonly meta = distributionsIsland.strings['zh-CN'];
  private readonly s = distStrings['zh-CN'];
  private readonly size = new WidthController(this);
  private readonly cache = new DistributionCache();
  /** The picture of the last valid parameters, kept on screen while the reader fixes a bad one. */
  private lastGood: Ready | null = null;

  protected override patch(changes: Partial<StateOf<Schema>>): void {
    if (changes.kind !== undefined && changes.kind !== this.state.kind && changes.x === undefined) {
      const next = validateState({ ...this.state, ...changes });
      if (next.ok) changes = { ...changes, x: centre(next.dist) };
    }
    super.patch(changes);
  }

  private renderParameters(): TemplateResult {
    const s = this.s;
    switch (this.state.kind) {
      case 'binomial':
        return html`<div class="ml-controls">
          ${sliderField(this, 'n', { label: s.params.n, step: 1, min: 0, max: 1000, hint: s.hints.n })}
          ${sliderField(this, 'p', { label: s.params.p, step: 0.001, min: 0, max: 1, hint: s.hints.p })}
        </div>`;
      case 'poisson':
        return html`<div class="ml-controls">${sliderField(this, 'lambda', { label: s.params.lambda, step: 0.1, min: 0.1, max: 100 })}</div>`;
      case 'normal':
        return html`<div class="ml-controls">
          ${sliderField(this, 'mu', { label: s.params.mu, step: 0.1, min: -10, max: 10 })}
          ${sliderField(this, 'sigma', { label: s.params.sigma, step: 0.1, min: 0.1, max: 10 })}
        </div>`;
    }
  }

  private renderPoint(model: Ready): TemplateResult {
    const { lo, hi } = model.shape.range;
    const discrete = model.shape.table !== null;
    return sliderField(this, 'x', {
      label: discrete ? this.s.params.k : this.s.params.x,
      step: discrete ? 1 : Math.max(0.01, Number(((hi - lo) / 200).toPrecision(1))),
      min: discrete ? lo : Number(lo.toFixed(2)),
      max: discrete ? hi : Number(hi.toFixed(2)),
      format: (v) => plain(v, 6),
      hint: this.s.hints.k,
    });
  }

  private renderSampling(model: Ready): TemplateResult {
    const s = this.s.sampling;
    const { draws, seed } = this.state;
    const max = this.schema.draws.max;
    return html`<section class="dist-sampling">
      <h4>${s.title}</h4>
      <div class="dist-buttons" data-field="draws">
        ${DRAW_STEPS.map(
          (step) => html`<button type="button" class="ml-button" data-draw=${step} ?disabled=${draws >= max}
            @click=${() => this.patch({ draws: Math.min(max, draws + step) })}>${format(s.add, { count: step.toLocaleString('en-US') })}</button>`,
        )}
        <button type="button" class="ml-button" data-action="clear-draws" ?disabled=${draws === 0} @click=${() => this.patch({ draws: 0 })}>${s.clear}</button>
        <button type="button" class="ml-button" data-field="seed" @click=${() => this.patch({ seed: (seed % 2_147_483_647) + 1 })}>
          ${format(s.reseed, { seed })}
        </button>
      </div>
      ${draws >= max ? html`<p class="dist-note">${format(s.max, { max: max.toLocaleString('en-US') })}</p>` : nothing}
      ${samplingSummary(model, this.s)}
      <div class="ml-chart-row">${histogramChart(model, this.s, this.size.width)}</div>
    </section>`;
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const model = deriveDistributions(this.state, this.cache);
    if (model.ok) this.lastGood = model;
    const shown = this.lastGood;
    const width = this.size.column(2);
    return html`
      ${toggleGroup(this, 'kind', { label: s.kinds.label, options: { binomial: s.kinds.binomial, normal: s.kinds.normal, poisson: s.kinds.poisson } })}
      ${this.renderParameters()}
      ${model.ok
        ? nothing
        : html`<p class="ml-error" role="alert" data-problem=${model.problem.code}>${problemText(model.problem, s)}
            ${shown ? s.stale : s.noPicture}</p>`}
      ${shown
        ? html`<div class=${model.ok ? 'dist-view' : 'dist-view dist-view--stale'} ?inert=${!model.ok}>
            ${this.renderPoint(shown)} ${formulaCards(shown, s)}
            <div class="ml-chart-row">${densityChart(shown, s, width)} ${cdfChart(shown, s, width)}</div>
            ${this.renderSampling(shown)} ${approximationFigure(shown, s, this.size.width)}
          </div>`
        : nothing}
    `;
  }
}

customElements.define(distributionsIsland.tag, DistributionsIsland);
