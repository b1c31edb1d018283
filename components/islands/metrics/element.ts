import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { sliderField, toggleGroup } from '../../ui/controls';
import { format, problemText } from '../../ui/shell-strings';
import { parseField, type IntField } from '../../../src/lib/state/codec';
import { metricsIsland } from './definition';
import { deriveMetrics } from './model';
import { metricsStrings } from './strings';
import { curveCharts, metricCards, multiclassSummary, sourceComparison, thresholdStrip } from './figures';

type CountName = 'tp' | 'fp' | 'fn' | 'tn';
const CELL: IntField = { kind: 'int', min: 0, max: 1_000_000, default: 0 };

/** Chapter 3.3's live section: confusion matrix, threshold, curves, F-scores, multiclass averages. */
export class MetricsIsland extends LiveIsland<typeof metricsIsland.schema> {
  readonly schema = metricsIsland.schema;
  readonly presets = metricsIsland.presets;
  readonly meta = metricsIsland.strings['zh-CN'];
  private readonly s = metricsStrings['zh-CN'];
  private readonly size = new WidthController(this);
  /** Refused entries of the 3×3 matrix, by cell index. */
  private cellErrors = new Map<number, { raw: string; text: string }>();

  private countCell(name: CountName): TemplateResult {
    const id = this.idFor(name);
    const error = this.fieldErrors.get(name);
    return html`<td data-field=${name}>
      <label class="ml-visually-hidden" for=${id}>${this.s.cells[name]}</label>
      <input id=${id} class="ml-count" type="number" inputmode="numeric" min="0" max="1000000" step="1"
        .value=${live(error ? error.raw : String(this.state[name]))}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
        @input=${(e: Event) => this.setFieldRaw(name, (e.target as HTMLInputElement).value)} />
    </td>`;
  }

  private renderCountsEditor(): TemplateResult {
    const s = this.s;
    const errors = (['tp', 'fn', 'fp', 'tn'] as const).filter((name) => this.fieldErrors.has(name));
    return html`<table class="ml-table ml-confusion">
        <caption>${s.matrixCaption}</caption>
        <thead><tr><td></td><th scope="col">${s.predictedPositive}</th><th scope="col">${s.predictedNegative}</th></tr></thead>
        <tbody>
          <tr><th scope="row">${s.actualPositive}</th>${this.countCell('tp')}${this.countCell('fn')}</tr>
          <tr><th scope="row">${s.actualNegative}</th>${this.countCell('fp')}${this.countCell('tn')}</tr>
        </tbody>
      </table>
      ${errors.map(
        (name) => html`<p class="ml-field-error" id=${`${this.idFor(name)}-error`}>${s.cells[name]}：${this.fieldErrorText(name)}</p>`,
      )}`;
  }

  private renderThresholdEditor(): TemplateResult {
    const s = this.s;
    const model = deriveMetrics(this.state);
    const c = model.counts;
    return html`${sliderField(this, 't', { label: s.threshold.label, step: 0.01, format: (t) => t.toFixed(2) })}
      ${thresholdStrip(model, s, this.size.width)}
      <p class="ml-threshold__row">
        <span>${format(s.threshold.counts, { tp: c.tp, fn: c.fn, fp: c.fp, tn: c.tn })}</span>
        <button type="button" class="ml-button" data-field="seed" @click=${() => this.patch({ seed: (this.state.seed % 2_147_483_647) + 1 })}>
          ${format(s.threshold.reseed, { seed: this.state.seed })}
        </button>
      </p>`;
  }

  private onCell(index: number, raw: string): void {
    const parsed = parseField(CELL, raw.trim());
    const errors = new Map(this.cellErrors);
    if (!parsed.ok) {
      const { ok: _ok, ...problem } = parsed;
      errors.set(index, { raw, text: problemText(this.ui, problem) });
      this.cellErrors = errors;
      this.requestUpdate();
      return;
    }
    errors.delete(index);
    this.cellErrors = errors;
    const cm = [...this.state.cm];
    cm[index] = parsed.value as number;
    this.patch({ cm });
  }

  private renderMulticlassEditor(): TemplateResult {
    const m = this.s.multiclass;
    const classes = [0, 1, 2];
    return html`<table class="ml-table ml-confusion" data-field="cm">
        <caption>${m.caption}</caption>
        <thead><tr><td>${m.truth} \\ ${m.predicted}</td>${classes.map((j) => html`<th scope="col">${format(m.classLabel, { k: j + 1 })}</th>`)}</tr></thead>
        <tbody>
          ${classes.map(
            (i) => html`<tr><th scope="row">${format(m.classLabel, { k: i + 1 })}</th>${classes.map((j) => {
              const index = i * 3 + j;
              const id = this.idFor(`cm-${index}`);
              const error = this.cellErrors.get(index);
              return html`<td class=${i === j ? 'ml-diag' : ''}>
                <label class="ml-visually-hidden" for=${id}>${format(m.cell, { i: i + 1, j: j + 1 })}</label>
                <input id=${id} class="ml-count" type="number" inputmode="numeric" min="0" step="1"
                  .value=${live(error ? error.raw : String(this.state.cm[index]))}
                  aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}
                  @input=${(e: Event) => this.onCell(index, (e.target as HTMLInputElement).value)} />
              </td>`;
            })}</tr>`,
          )}
        </tbody>
      </table>
      ${[...this.cellErrors].map(
        ([index, error]) =>
          html`<p class="ml-field-error" id=${`${this.idFor(`cm-${index}`)}-error`}>
            ${format(m.cell, { i: Math.floor(index / 3) + 1, j: (index % 3) + 1 })}：${error.text}
          </p>`,
      )}`;
  }

  protected override reset(): void {
    this.cellErrors = new Map();
    super.reset();
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const model = deriveMetrics(this.state);
    const mode = this.state.mode;
    const chartWidth = this.size.column(2);
    return html`
      ${toggleGroup(this, 'mode', { label: s.modes.label, options: { counts: s.modes.counts, threshold: s.modes.threshold, multiclass: s.modes.multiclass } })}
      ${mode === 'counts' ? this.renderCountsEditor() : nothing}
      ${mode === 'threshold' ? this.renderThresholdEditor() : nothing}
      ${mode === 'multiclass'
        ? html`${this.renderMulticlassEditor()} ${multiclassSummary(model, s)}`
        : html`${sliderField(this, 'beta', { label: s.beta, step: 0.1, min: 0.1, max: 5, hint: s.betaHint })}
            ${metricCards(model, s)} ${mode === 'threshold' ? curveCharts(model, s, chartWidth) : nothing} ${sourceComparison(model, s)}`}
    `;
  }
}

customElements.define(metricsIsland.tag, MetricsIsland);
