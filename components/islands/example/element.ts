import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { sliderField } from '../../ui/controls';
import { dragPoint } from '../../ui/motion/drag-point';
import type { Scales } from '../../ui/charts/xy-chart';
import { exampleIsland } from './definition';
import { deriveExample, type ExampleModel } from './model';
import { exampleStrings } from './strings';
import { num } from './format';
import { answerPanel, checkLine, contourChart, herePanel, lagrangePanel, problemFormula, profileChart } from './figures';

/** Chapter 4.4's live section: the worked quadratic program, its Lagrange conditions and E10. */
export class ExampleIsland extends LiveIsland<typeof exampleIsland.schema> {
  readonly schema = exampleIsland.schema;
  readonly presets = exampleIsland.presets;
  readonly meta = exampleIsland.strings['zh-CN'];
  private readonly s = exampleStrings['zh-CN'];
  private readonly size = new WidthController(this);
  private frozenView: { lo: number; hi: number } | null = null;

  private model(): ExampleModel {
    return deriveExample(this.state, this.frozenView ?? undefined);
  }

  /** The draggable point, kept on the constraint line; Home jumps to the optimum. */
  private handle(model: ExampleModel, scales: Scales): SVGTemplateResult {
    const { point, line, result } = model;
    const [a1, a2] = model.problem.a;
    const b = model.problem.b;
    const n2 = a1 * a1 + a2 * a2;
    if (!point || !line || n2 === 0) return svg``;
    const span = model.view.hi - model.view.lo;
    const resolution = 10 ** Math.floor(Math.log10(span / 500));
    return dragPoint({
      label: this.s.chart.handle,
      x: point.x[0],
      y: point.x[1],
      scales,
      step: span / 100,
      className: 'ml-ex-handle',
      format: num,
      constrain: (x, y) => {
        const k = (a1 * x + a2 * y - b) / n2;
        return { x: x - k * a1, y: y - k * a2 };
      },
      ...(result.ok ? { home: { x: result.x[0], y: result.x[1] } } : {}),
      onMove: (x, y) => {
        const raw = line.parameter === 0 ? x : y;
        const t = Math.max(-100, Math.min(100, Number((Math.round(raw / resolution) * resolution).toFixed(6))));
        if (t !== this.state.t) this.patch({ t });
      },
    });
  }

  private readonly freeze = (): void => {
    this.frozenView = this.model().view;
  };

  private readonly thaw = (): void => {
    if (!this.frozenView) return;
    this.frozenView = null;
    this.requestUpdate();
  };

  protected renderBody(): TemplateResult {
    const s = this.s;
    const c = s.controls;
    const model = this.model();
    const vertical = model.line?.parameter === 1;
    // Two charts side by side when both get 300 px; otherwise one per row, at most 460 px wide.
    const width = this.size.width >= 616 ? this.size.column(2, 16, 300) : Math.min(this.size.width, 460);
    return html`
      ${problemFormula(model)}
      ${sliderField(this, 't', {
        label: vertical ? c.pointVertical : c.point,
        step: 0.01,
        min: model.view.lo,
        max: model.view.hi,
        format: num,
        disabled: !model.line,
      })}
      <div class="ml-chart-row">
        <div class="ml-ex-chart" @pointerdown=${this.freeze} @pointerup=${this.thaw} @pointercancel=${this.thaw} @lostpointercapture=${this.thaw}>
          ${contourChart(model, s, width, { overlay: (scales) => this.handle(model, scales) })}
        </div>
        ${profileChart(model, s, width)}
      </div>
      <p class="ml-control__hint">${s.chart.handleHint}</p>
      ${herePanel(model, s)} ${answerPanel(model, s)}
      <div class="ml-ex-controls">
        <fieldset>
          <legend>${c.weights}</legend>
          ${sliderField(this, 'w1', { label: c.w1, step: 0.1, min: 0.1, max: 5, format: num })}
          ${sliderField(this, 'w2', { label: c.w2, step: 0.1, min: 0.1, max: 5, format: num, hint: c.weightHint })}
        </fieldset>
        <fieldset>
          <legend>${c.constraint}</legend>
          ${sliderField(this, 'a1', { label: c.a1, step: 0.1, min: -3, max: 3, format: num })}
          ${sliderField(this, 'a2', { label: c.a2, step: 0.1, min: -3, max: 3, format: num })}
          ${sliderField(this, 'b', { label: c.b, step: 0.1, min: -3, max: 3, format: num })}
        </fieldset>
      </div>
      ${lagrangePanel(model, s)} ${checkLine(model, s)}
    `;
  }
}

customElements.define(exampleIsland.tag, ExampleIsland);
