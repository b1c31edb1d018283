import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { numberField, sliderField } from '../../ui/controls';
import { format } from '../../ui/shell-strings';
import { fraudIsland } from './definition';
import { deriveFraud, TRANSACTIONS } from './model';
import { fraudStrings } from './strings';
import { baselineCard, bestF1Text, charts, confusionTable, metricCards, minCostText, money, moneyCard, showT } from './figures';

/** Chapter 6.3's live section: rare fraud, a logistic regression, and what each error costs. */
export class FraudIsland extends LiveIsland<typeof fraudIsland.schema> {
  readonly schema = fraudIsland.schema;
  readonly presets = fraudIsland.presets;
  readonly meta = fraudIsland.strings['zh-CN'];
  private readonly s = fraudStrings['zh-CN'];
  private readonly size = new WidthController(this);

  protected renderBody(): TemplateResult {
    const s = this.s;
    const model = deriveFraud(this.state);
    const amount = model.ok && model.experiment.meanFraudAmount !== null ? money(Math.round(model.experiment.meanFraudAmount)) : '—';
    const controls = html`<div class="ml-controls fraud-controls">
        ${sliderField(this, 't', { label: s.fields.t, step: 0.001, format: showT, hint: s.hints.t })}
      </div>
      <div class="ml-controls">
        ${numberField(this, 'costFn', { label: s.fields.costFn, step: 'any', hint: format(s.hints.costFn, { amount }) })}
        ${numberField(this, 'costFp', { label: s.fields.costFp, step: 'any' })}
        ${numberField(this, 'rate', { label: s.fields.rate, step: 'any', hint: s.hints.rate })}
      </div>
      <p>
        <button type="button" class="ml-button" data-field="seed" @click=${() => this.patch({ seed: (this.state.seed % 2_147_483_647) + 1 })}>
          ${format(s.reseed, { seed: this.state.seed })}
        </button>
      </p>`;
    if (!model.ok) {
      return html`${controls}<div class="ml-error" role="alert" data-problem=${model.code}><p>${s.problems[model.code]}</p></div>`;
    }
    const e = model.experiment;
    const width = this.size.column(2);
    return html`${controls}
      <p class="fraud-data">${format(s.data, { n: TRANSACTIONS.toLocaleString('en-US'), iterations: e.iterations, test: e.test.length.toLocaleString('en-US'), frauds: model.testFrauds })}</p>
      ${baselineCard(model, s)}
      <section class="fraud-current" aria-live="polite">
        <h3 class="fraud-current__title">${format(s.current.title, { t: showT(this.state.t) })}</h3>
        <div class="fraud-grid">
          <div>${confusionTable(model.current, s)} ${metricCards(model.current, s)}</div>
          ${moneyCard(model, s)}
        </div>
      </section>
      <div class="fraud-marks">
        <p data-min-cost-t=${model.minCost.t} data-min-cost=${model.minCost.outcome.cost.total}>
          ${minCostText(model, s)}
          ${model.costsZero
            ? nothing
            : html`<button type="button" class="ml-button" data-action="min-cost" @click=${() => this.patch({ t: model.minCost.t })}>${s.marks.moveHere}</button>`}
        </p>
        ${model.bestF1
          ? html`<p data-best-f1-t=${model.bestF1.t}>
              ${bestF1Text(model, s)}
              <button type="button" class="ml-button" data-action="best-f1" @click=${() => model.bestF1 && this.patch({ t: model.bestF1.t })}>${s.marks.moveHere}</button>
            </p>`
          : nothing}
      </div>
      ${charts(model, s, width)}`;
  }
}

customElements.define(fraudIsland.tag, FraudIsland);
