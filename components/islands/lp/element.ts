import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { LiveIsland } from '../../ui/live-island';
import { WidthController } from '../../ui/resize-controller';
import { numberField, toggleGroup } from '../../ui/controls';
import { AnimationController } from '../../ui/motion/animation';
import { dragPoint } from '../../ui/motion/drag-point';
import { format, problemText } from '../../ui/shell-strings';
import type { Scales } from '../../ui/charts/xy-chart';
import { parseField, type NumberField } from '../../../src/lib/state/codec';
import type { Point, ViewBox } from '../../../src/lib/math/lp2d';
import { lpIsland } from './definition';
import { deriveLp, pivotsOf, shownSteps, type LpModel, type LpState } from './model';
import { RELATION_FIELDS, ROW_FIELDS, type RelationCode } from './schema';
import { lpStrings } from './strings';
import { circled } from './format';
import { lpChart, problemFormula, stepList, verdictPanel } from './figures';

const CELL: NumberField = { kind: 'number', min: -1000, max: 1000, default: 0 };
type RowField = (typeof ROW_FIELDS)[number];
type RelationField = (typeof RELATION_FIELDS)[number];

/** Chapter 4.3.1's live section: a 2-variable LP, its feasible region and the simplex path (E8). */
export class LpIsland extends LiveIsland<typeof lpIsland.schema> {
  readonly schema = lpIsland.schema;
  readonly presets = lpIsland.presets;
  readonly meta = lpIsland.strings['zh-CN'];
  private readonly s = lpStrings['zh-CN'];
  private readonly size = new WidthController(this);
  private readonly player = new AnimationController(this, { step: () => this.advance(), interval: 900 });
  /** Refused table entries, by "row-column". */
  private cellErrors = new Map<string, { raw: string; text: string }>();
  /** How many pivots are shown, for the problem it was set on (another problem shows them all). */
  private stepping: { key: string; shown: number } | null = null;
  /** Where each line's handle sits along its line, so it stays under the pointer while dragged. */
  private anchors = new Map<number, { key: string; s: number }>();
  private frozenBox: ViewBox | null = null;

  private model(): LpModel {
    return deriveLp(this.state, this.frozenBox ?? undefined);
  }

  private problemKey(): string {
    return JSON.stringify([this.state.sense, this.state.c1, this.state.c2, ...ROW_FIELDS.slice(0, this.state.m).map((f) => this.state[f]), ...RELATION_FIELDS.slice(0, this.state.m).map((f) => this.state[f])]);
  }

  private shown(model: LpModel): number {
    const key = this.problemKey();
    return shownSteps(model, this.stepping?.key === key ? this.stepping.shown : null);
  }

  private show(n: number): void {
    this.stepping = { key: this.problemKey(), shown: n };
    this.requestUpdate();
  }

  private advance(): boolean {
    const model = this.model();
    const total = pivotsOf(model.result).length;
    const next = Math.min(total, this.shown(model) + 1);
    this.show(next);
    return next < total;
  }

  private togglePlay(model: LpModel): void {
    if (!this.player.playing && this.shown(model) >= pivotsOf(model.result).length) this.show(0);
    this.player.toggle();
  }

  private setRow(i: number, values: number[]): void {
    this.patch({ [ROW_FIELDS[i] as RowField]: values } as Partial<LpState>);
  }

  private onCell(i: number, j: number, raw: string): void {
    const parsed = parseField(CELL, raw.trim());
    const errors = new Map(this.cellErrors);
    const key = `${i}-${j}`;
    if (!parsed.ok) {
      const { ok: _ok, ...problem } = parsed;
      errors.set(key, { raw, text: problemText(this.ui, problem) });
      this.cellErrors = errors;
      this.requestUpdate();
      return;
    }
    errors.delete(key);
    this.cellErrors = errors;
    const values = [...this.state[ROW_FIELDS[i] as RowField]];
    values[j] = parsed.value as number;
    this.setRow(i, values);
  }

  /** Removes row i; its values move to the end, where "add" finds them again. */
  private removeRow(i: number): void {
    const rows = ROW_FIELDS.map((f) => this.state[f]);
    const relations = RELATION_FIELDS.map((f) => this.state[f]);
    const [row] = rows.splice(i, 1);
    const [relation] = relations.splice(i, 1);
    if (row) rows.push(row);
    if (relation) relations.push(relation);
    const changes: Record<string, unknown> = { m: this.state.m - 1 };
    ROW_FIELDS.forEach((f, k) => (changes[f] = rows[k]));
    RELATION_FIELDS.forEach((f, k) => (changes[f] = relations[k]));
    this.cellErrors = new Map();
    this.anchors = new Map();
    this.patch(changes as Partial<LpState>);
  }

  private addRow(): void {
    this.cellErrors = new Map();
    this.patch({ m: Math.min(5, this.state.m + 1) });
  }

  protected override reset(): void {
    this.cellErrors = new Map();
    this.stepping = null;
    this.player.pause();
    super.reset();
  }

  protected override applyPreset(name: string): void {
    this.cellErrors = new Map();
    this.player.pause();
    super.applyPreset(name);
  }

  private cell(i: number, j: number, label: string, value: number): TemplateResult {
    const id = this.idFor(`r${i + 1}-${j}`);
    const error = this.cellErrors.get(`${i}-${j}`);
    return html`<label class="ml-visually-hidden" for=${id}>${label}</label>
      <input id=${id} class="ml-lp-cell" type="number" inputmode="decimal" step="any" min="-1000" max="1000"
        .value=${live(error ? error.raw : String(value))}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}
        @input=${(e: Event) => this.onCell(i, j, (e.target as HTMLInputElement).value)} />`;
  }

  private renderTable(): TemplateResult {
    const s = this.s.table;
    const m = this.state.m;
    const what = [s.a1, s.a2, s.b];
    return html`<div class="ml-lp-rows" role="group" aria-labelledby=${this.idFor('rows')} data-field="m">
        <p class="ml-lp-rows__caption" id=${this.idFor('rows')}>${s.caption}</p>
        ${ROW_FIELDS.slice(0, m).map((field, i) => {
          const [a1 = 0, a2 = 0, b = 0] = this.state[field];
          const relationField = RELATION_FIELDS[i] as RelationField;
          const n = { i: i + 1 };
          return html`<div class="ml-lp-row" role="group" aria-label=${format(s.row, n)} data-row=${i + 1}>
            <span class="ml-lp-row__lhs">
              <span class=${`ml-lp-row__tag ml-lp-row--${i + 1}`} aria-hidden="true">${circled(i)}</span>
              ${this.cell(i, 0, format(s.a1, n), a1)}<span class="ml-lp-var" aria-hidden="true">x₁ +</span>${this.cell(i, 1, format(s.a2, n), a2)}<span class="ml-lp-var" aria-hidden="true">x₂</span>
            </span>
            <span class="ml-lp-row__rhs">
              <select aria-label=${format(s.relation, n)} @change=${(e: Event) => this.patch({ [relationField]: (e.target as HTMLSelectElement).value as RelationCode } as Partial<LpState>)}>
                ${(['le', 'ge', 'eq'] as const).map((code) => html`<option value=${code} ?selected=${this.state[relationField] === code}>${s.relations[code]}</option>`)}
              </select>
              ${this.cell(i, 2, format(s.b, n), b)}
              <button type="button" class="ml-button ml-lp-remove" aria-label=${format(s.remove, n)} ?disabled=${m <= 2} @click=${() => this.removeRow(i)}>×</button>
            </span>
          </div>`;
        })}
        ${[...this.cellErrors].map(([key, error]) => {
          const [i = 0, j = 0] = key.split('-').map(Number);
          return html`<p class="ml-field-error" id=${`${this.idFor(`r${i + 1}-${j}`)}-error`}>${format(s.cellError, { label: format(what[j] ?? '', { i: i + 1 }), why: error.text })}</p>`;
        })}
        <button type="button" class="ml-button" data-action="add-row" ?disabled=${m >= 5} @click=${() => this.addRow()}>${s.add}</button>
      </div>`;
  }

  /** A handle on each line: dragging it (or arrow keys) moves the line parallel, changing only b. */
  private handles(model: LpModel, scales: Scales): SVGTemplateResult {
    const span = model.box.xMax - model.box.xMin;
    const step = Math.max(1e-3, span / 50);
    const bStep = 10 ** Math.floor(Math.log10(span / 100));
    const taken: Point[] = model.vertices.map((v) => v.point);
    return svg`${model.rows.map((row, i) => {
      const segment = model.geometry?.lines[i];
      const at = segment ? this.handleAt(i, row.a, row.b, segment, taken) : null;
      if (!at) return nothing;
      taken.push(at);
      return dragPoint({
        label: format(this.s.chart.handle, { i: i + 1 }),
        x: at.x,
        y: at.y,
        scales,
        step,
        className: `ml-lp-handle ml-lp-row--${i + 1}`,
        onMove: (x, y) => {
          const b = Math.round((row.a[0] * x + row.a[1] * y) / bStep) * bStep;
          const clamped = Math.max(-1000, Math.min(1000, Number(b.toFixed(6))));
          if (clamped !== row.b) this.setRow(i, [row.a[0], row.a[1], clamped]);
        },
      });
    })}`;
  }

  /**
   * The handle of line i: kept where it was along the line (so it stays under the pointer
   * while dragged) unless it left the view or the line turned; then placed where it is
   * farthest from the region's vertices and the other handles.
   */
  private handleAt(i: number, a: readonly [number, number], b: number, segment: readonly [Point, Point], taken: readonly Point[]): Point | null {
    const n2 = a[0] * a[0] + a[1] * a[1];
    if (n2 === 0) return null;
    const len = Math.sqrt(n2);
    const base = { x: (a[0] * b) / n2, y: (a[1] * b) / n2 };
    const d = { x: -a[1] / len, y: a[0] / len };
    const along = (s: number): Point => ({ x: base.x + s * d.x, y: base.y + s * d.y });
    const param = (p: Point): number => (p.x - base.x) * d.x + (p.y - base.y) * d.y;
    const lo = Math.min(param(segment[0]), param(segment[1]));
    const hi = Math.max(param(segment[0]), param(segment[1]));
    const margin = (hi - lo) * 0.08;
    const key = `${a[0]},${a[1]}`;
    let anchor = this.anchors.get(i);
    if (!anchor || anchor.key !== key || anchor.s < lo + margin || anchor.s > hi - margin) {
      const clearance = (s: number): number => Math.min(Infinity, ...taken.map((q) => Math.hypot(along(s).x - q.x, along(s).y - q.y)));
      const candidates = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8].map((f) => lo + (hi - lo) * f);
      const best = candidates.reduce((x, y) => (clearance(y) > clearance(x) + 1e-9 ? y : x));
      anchor = { key, s: best };
      this.anchors.set(i, anchor);
    }
    return along(anchor.s);
  }

  private readonly freeze = (): void => {
    this.frozenBox = this.model().box;
  };

  private readonly thaw = (): void => {
    if (!this.frozenBox) return;
    this.frozenBox = null;
    this.requestUpdate();
  };

  private renderStepper(model: LpModel, shown: number): TemplateResult {
    const s = this.s.steps;
    const total = pivotsOf(model.result).length;
    return html`<div class="ml-lp-stepper" role="group" aria-label=${s.title}>
        <button type="button" class="ml-button" data-action="first" ?disabled=${shown === 0} @click=${() => (this.player.pause(), this.show(0))}>${s.first}</button>
        <button type="button" class="ml-button" data-action="previous" ?disabled=${shown === 0} @click=${() => (this.player.pause(), this.show(shown - 1))}>${s.previous}</button>
        <button type="button" class="ml-button ml-button--primary" data-action="next" ?disabled=${shown >= total} @click=${() => (this.player.pause(), this.show(shown + 1))}>${s.next}</button>
        ${this.player.reducedMotion
          ? html`<button type="button" class="ml-button" data-action="all" ?disabled=${shown >= total} @click=${() => this.show(total)}>${s.all}</button>`
          : html`<button type="button" class="ml-button" data-action="play" aria-pressed=${this.player.playing ? 'true' : 'false'} ?disabled=${total === 0} @click=${() => this.togglePlay(model)}>
              ${this.player.playing ? s.pause : s.play}
            </button>`}
      </div>
      <p class="ml-lp-counter" aria-live="polite">${format(s.counter, { shown, total })}</p>`;
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const model = this.model();
    const shown = this.shown(model);
    // Beside the steps on a wide island; alone in its row (and larger) on a narrower one.
    const chartWidth = this.size.width >= 760 ? this.size.column(2) : Math.min(this.size.width, 480);
    return html`
      <div class="ml-lp-controls">
        ${toggleGroup(this, 'sense', { label: s.sense.label, options: { max: s.sense.max, min: s.sense.min } })}
        <fieldset class="ml-lp-objective">
          <legend>${s.objective.legend}</legend>
          ${numberField(this, 'c1', { label: s.objective.c1 })} ${numberField(this, 'c2', { label: s.objective.c2 })}
        </fieldset>
      </div>
      ${problemFormula(model)} ${this.renderTable()}
      <div class="ml-lp-main">
        <div class="ml-lp-chart" style=${`width:${chartWidth}px`} @pointerdown=${this.freeze} @pointerup=${this.thaw} @pointercancel=${this.thaw} @lostpointercapture=${this.thaw}>
          ${lpChart(model, s, chartWidth, { shown, overlay: (scales) => this.handles(model, scales) })}
          <p class="ml-control__hint">${s.chart.handleHint}</p>
        </div>
        <div class="ml-lp-side">
          <h4 class="ml-lp-side__title">${s.steps.title}</h4>
          ${this.renderStepper(model, shown)} ${stepList(model, s, shown)}
        </div>
      </div>
      ${verdictPanel(model, s)}
    `;
  }
}

customElements.define(lpIsland.tag, LpIsland);
