import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { sliderField, toggleGroup } from '../../ui/controls';
import { dragPoint } from '../../ui/motion/drag-point';
import { format } from '../../ui/shell-strings';
import type { Scales } from '../../ui/charts/xy-chart';
import { intersectionBounds } from '../../../src/lib/math/conditional';
import { conditionalIsland } from './definition';
import { deriveConditional, isValid, type ValidCondModel } from './model';
import { condStrings } from './strings';
import { formulaCard, independenceCard, mosaicChart, problemText, twoByTwo } from './figures';
import { plain } from '../distributions/numbers';

const round = (x: number): number => Number(x.toFixed(4));

/** Chapter 4.2.2's live section: P(A), P(B), P(A∩B) as areas, a 2×2 table and the conditional probabilities. */
export class ConditionalIsland extends LiveIsland<typeof conditionalIsland.schema> {
  readonly schema = conditionalIsland.schema;
  readonly presets = conditionalIsland.presets;
  readonly meta = conditionalIsland.strings['zh-CN'];
  private readonly s = condStrings['zh-CN'];
  private readonly size = new WidthController(this);
  /** The last possible triple, kept on screen while the reader fixes an impossible one. */
  private lastGood: ValidCondModel | null = null;

  /** The corner of A∩B: across it sets P(A), up it sets P(B | A); P(B) stays. */
  private handle(model: ValidCondModel): (scales: Scales) => ReturnType<typeof dragPoint> {
    const { pA, pB } = model.state;
    const height = pA > 0 ? model.result.table.aAndB / pA : 0;
    return (scales) =>
      dragPoint({
        label: this.s.mosaic.handle,
        x: pA,
        y: height,
        scales,
        step: 0.01,
        format: (v) => plain(v, 3),
        constrain: (x, y) => {
          const a = Math.min(1, Math.max(0, x));
          const { lower, upper } = intersectionBounds(a, pB);
          const ab = Math.min(upper, Math.max(lower, a * Math.min(1, Math.max(0, y))));
          return { x: a, y: a > 0 ? ab / a : 0 };
        },
        onMove: (x, y) => this.patch({ pA: round(x), pAB: round(x * y) }),
      });
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const model = deriveConditional(this.state);
    if (isValid(model)) this.lastGood = model;
    const shown = this.lastGood;
    const { lower, upper } = model.bounds;
    const fixTo = this.state.pAB > upper ? upper : lower;
    return html`
      <div class="ml-controls">
        ${sliderField(this, 'pA', { label: s.fields.pA, step: 0.01, format: (v) => plain(v) })}
        ${sliderField(this, 'pB', { label: s.fields.pB, step: 0.01, format: (v) => plain(v) })}
        ${sliderField(this, 'pAB', { label: s.fields.pAB, step: 0.01, format: (v) => plain(v), hint: format(s.abBounds, { lower: plain(lower), upper: plain(upper) }) })}
      </div>
      ${toggleGroup(this, 'given', { label: s.given.label, options: { none: s.given.none, b: s.given.b, a: s.given.a } })}
      ${model.result.ok
        ? nothing
        : html`<div class="ml-error" role="alert" data-problem=${model.result.code}>
            <p>${problemText(model.result, model, s)} ${shown ? s.invalid.stale : s.invalid.noPicture}</p>
            ${model.result.code === 'out-of-range'
              ? nothing
              : html`<button type="button" class="ml-button" data-action="fix" @click=${() => this.patch({ pAB: round(fixTo) })}>
                  ${format(s.invalid.fix, { bound: plain(round(fixTo)) })}
                </button>`}
          </div>`}
      ${shown
        ? html`<div class=${model.result.ok ? 'cond-view' : 'cond-view cond-view--stale'} ?inert=${!model.result.ok}>
            <div class="cond-layout">
              ${mosaicChart(shown, s, this.size.column(2, 16, 300), model.result.ok ? this.handle(shown) : undefined)}
              <div class="cond-side">${twoByTwo(shown, s)} ${formulaCard(shown, s)} ${independenceCard(shown, s)}</div>
            </div>
          </div>`
        : nothing}
    `;
  }
}

customElements.define(conditionalIsland.tag, ConditionalIsland);
