import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { sliderField } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { bayesIsland } from './definition';
import { deriveBayes, isValid, type ValidBayesModel } from './model';
import { bayesStrings } from './strings';
import { formulaCards, frequencyTree, peopleGrid, problemText, splits, summary } from './figures';
import { percent, plain } from '../distributions/numbers';

const pct = (v: number): string => `${plain(v, 6)}%`;

/** Chapter 4.2.3's live section: a diagnostic test as natural frequencies and as Bayes' theorem. */
export class BayesIsland extends LiveIsland<typeof bayesIsland.schema> {
  readonly schema = bayesIsland.schema;
  readonly presets = bayesIsland.presets;
  readonly meta = bayesIsland.strings['zh-CN'];
  private readonly s = bayesStrings['zh-CN'];
  private readonly size = new WidthController(this);
  private lastGood: ValidBayesModel | null = null;

  private nextTest(model: ValidBayesModel): TemplateResult | typeof nothing {
    const posterior = model.result.posteriorPositive;
    if (posterior === null) return nothing;
    return html`<button type="button" class="ml-button" data-action="next-test"
      @click=${() => this.patch({ prevalence: Number((posterior * 100).toPrecision(12)) })}>
      ${format(this.s.nextTest, { posterior: percent(posterior) })}
    </button>`;
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const model = deriveBayes(this.state);
    if (isValid(model)) this.lastGood = model;
    const shown = this.lastGood;
    const fpr = plain(100 - this.state.specificity, 6);
    return html`
      <div class="ml-controls">
        ${sliderField(this, 'prevalence', { label: s.fields.prevalence, step: 0.1, min: 0, max: 20, format: pct, hint: s.hints.prevalence })}
        ${sliderField(this, 'sensitivity', { label: s.fields.sensitivity, step: 0.1, format: pct })}
        ${sliderField(this, 'specificity', { label: s.fields.specificity, step: 0.1, format: pct, hint: format(s.hints.specificity, { fpr: `${fpr}%` }) })}
      </div>
      ${model.result.ok ? nothing : html`<p class="ml-error" role="alert" data-problem=${model.result.code}>${problemText(model.result, model, s)}</p>`}
      ${shown
        ? html`<div class=${model.result.ok ? 'bayes-view' : 'bayes-view bayes-view--stale'} ?inert=${!model.result.ok}>
            ${summary(shown, s)}
            <div class="bayes-layout">
              ${peopleGrid(shown, s, this.size.width, this.anchor)}
              ${frequencyTree(shown, s)}
            </div>
            ${splits(shown, s)} ${formulaCards(shown, s)}
            <p class="bayes-actions">${this.nextTest(shown)}</p>
          </div>`
        : nothing}
    `;
  }
}

customElements.define(bayesIsland.tag, BayesIsland);
