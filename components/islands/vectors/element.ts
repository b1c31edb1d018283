import { html, nothing, type TemplateResult } from 'lit';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { numberField, sliderField, toggleGroup } from '../../ui/controls';
import { vectorsIsland } from './definition';
import { deriveVectors } from './model';
import { vectorsStrings } from './strings';
import { formulaPanel, num, vectorFigure } from './figures';

/** Chapter 4.1.2's live section: two plane vectors to drag, their sum, difference, multiple, inner product and projection. */
export class VectorsIsland extends LiveIsland<typeof vectorsIsland.schema> {
  readonly schema = vectorsIsland.schema;
  readonly presets = vectorsIsland.presets;
  readonly meta = vectorsIsland.strings['zh-CN'];
  private readonly s = vectorsStrings['zh-CN'];
  private readonly size = new WidthController(this);
  /** The view's half-width while a handle is being dragged, so the grid does not rescale under the pointer. */
  private lockedExtent: number | null = null;

  private readonly release = (): void => {
    if (this.lockedExtent === null) return;
    this.lockedExtent = null;
    this.requestUpdate();
  };

  private onPointerDown(event: PointerEvent, extent: number): void {
    if ((event.target as Element | null)?.closest('.ml-drag-point')) this.lockedExtent = extent;
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const f = s.fields;
    const model = deriveVectors(this.state);
    const extent = this.lockedExtent ?? model.extent;
    const handles = {
      onMoveA: (x: number, y: number) => this.patch({ ax: x, ay: y }),
      onMoveB: (x: number, y: number) => this.patch({ bx: x, by: y }),
    };
    return html`
      <div class="ml-vec-inputs">
        <fieldset class="ml-vec-fields">
          <legend><span class="ml-vec-key ml-vec-a">${s.vectorA}</span> = (${num(model.a.x)}, ${num(model.a.y)})</legend>
          ${numberField(this, 'ax', { label: f.ax, step: 0.5 })} ${numberField(this, 'ay', { label: f.ay, step: 0.5 })}
        </fieldset>
        <fieldset class="ml-vec-fields">
          <legend><span class="ml-vec-key ml-vec-b">${s.vectorB}</span> = (${num(model.b.x)}, ${num(model.b.y)})</legend>
          ${numberField(this, 'bx', { label: f.bx, step: 0.5 })} ${numberField(this, 'by', { label: f.by, step: 0.5 })}
        </fieldset>
      </div>
      ${toggleGroup(this, 'op', { label: s.opLabel, options: s.ops })}
      ${this.state.op === 'scale' ? sliderField(this, 'k', { label: f.k, step: 0.1, format: (k) => num(k, 2) }) : nothing}
      <div class="ml-vec-layout">
        <div class="ml-vec-plane" @pointerdown=${(e: PointerEvent) => this.onPointerDown(e, extent)} @pointerup=${this.release}
          @pointercancel=${this.release}>
          ${vectorFigure(model, s, this.size.column(2, 24, 300), handles, extent)}
          <p class="ml-control__hint">${s.dragHint}</p>
        </div>
        ${formulaPanel(model, s)}
      </div>
    `;
  }
}

customElements.define(vectorsIsland.tag, VectorsIsland);
