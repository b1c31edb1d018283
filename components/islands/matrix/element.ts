import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { LiveIsland } from '../../ui/live-island';
import { toggleGroup } from '../../ui/controls';
import { AnimationController } from '../../ui/motion/animation';
import { format } from '../../ui/shell-strings';
import { formatValue, MAX_RAW_LENGTH } from '../../../src/lib/state/codec';
import { createRng } from '../../../src/lib/random/prng';
import {
  formatMatrix,
  formatNumber,
  identity,
  MAX_MATRIX_SIZE,
  parseMatrix,
  parseNumber,
  randomIntegerMatrix,
  scaledHilbert,
  singularPreset,
  type Matrix,
  type ParseMatrixResult,
} from '../../../src/lib/math/matrix';
import { matrixIsland } from './definition';
import { deriveMatrix, keepable, resized, toMatrix, type MatrixModel, type Which } from './model';
import { DIGIT_CHOICES, ENTRY_LIMIT } from './schema';
import { matrixStrings } from './strings';
import { replayView, resultView } from './figures';

type Fill = 'random' | 'identity' | 'singular' | 'hilbert';
const SIZES = Array.from({ length: MAX_MATRIX_SIZE }, (_, i) => i + 1);
const NAMES: Record<Which, string> = { a: 'A', b: 'B' };

/** Chapter 4.1.1's live section: matrix arithmetic, det, inverse, and AX = B by LU with a step-by-step replay. */
export class MatrixIsland extends LiveIsland<typeof matrixIsland.schema> {
  readonly schema = matrixIsland.schema;
  readonly presets = matrixIsland.presets;
  readonly meta = matrixIsland.strings['zh-CN'];
  private readonly s = matrixStrings['zh-CN'];
  /** What the reader is typing in a cell, by `a-3` (matrix and index), until the cell loses focus. */
  private cellText = new Map<string, string>();
  /** Why a typed cell was refused, by the same key. */
  private cellErrors = new Map<string, string>();
  /** Text being edited in each paste box (null: show the current matrix). */
  private drafts: Record<Which, string | null> = { a: null, b: null };
  private pasteMessages: Record<Which, { ok: boolean; text: string } | null> = { a: null, b: null };
  private entry: readonly [number, number] = [0, 0];
  private readonly player = new AnimationController(this, { step: () => this.advance(), interval: 1100 });

  private size(which: Which): { rows: number; cols: number; values: readonly number[] } {
    return which === 'a'
      ? { rows: this.state.ar, cols: this.state.ac, values: this.state.a }
      : { rows: this.state.br, cols: this.state.bc, values: this.state.b };
  }

  private setMatrix(which: Which, values: number[], rows: number, cols: number, extra: Partial<typeof this.state> = {}): void {
    for (const map of [this.cellErrors, this.cellText]) for (const key of [...map.keys()]) if (key.startsWith(`${which}-`)) map.delete(key);
    this.drafts = { ...this.drafts, [which]: null };
    this.player.pause();
    const sized = which === 'a' ? { ar: rows, ac: cols, a: values } : { br: rows, bc: cols, b: values };
    this.patch({ ...sized, step: 0, ...extra });
  }

  private resize(which: Which, rows: number, cols: number): void {
    const current = this.size(which);
    this.setMatrix(which, resized(current.values, current.rows, current.cols, rows, cols), rows, cols);
  }

  private fill(which: Which, kind: Fill): void {
    const { rows, cols } = this.size(which);
    let m: Matrix;
    const extra: Partial<typeof this.state> = {};
    if (kind === 'random') {
      const seed = this.state.seed;
      m = randomIntegerMatrix(rows, cols, createRng(seed * 2 + (which === 'b' ? 1 : 0)));
      extra.seed = (seed % 2_147_483_647) + 1;
    } else {
      m = kind === 'identity' ? identity(rows) : kind === 'singular' ? singularPreset(rows) : scaledHilbert(rows);
    }
    this.setMatrix(which, m.flat(), m.length, m[0]?.length ?? rows, extra);
  }

  private onCell(which: Which, index: number, raw: string): void {
    const key = `${which}-${index}`;
    const x = parseNumber(raw.trim());
    this.cellText.set(key, raw);
    if (x === null || Math.abs(x) > ENTRY_LIMIT) {
      this.cellErrors.set(key, x === null ? format(this.s.editor.cellNotNumber, { text: raw.trim() }) : this.s.editor.cellOutOfRange);
      this.requestUpdate();
      return;
    }
    this.cellErrors.delete(key);
    const { rows, cols, values } = this.size(which);
    const next = resized(values, rows, cols, rows, cols);
    next[index] = keepable(x);
    this.player.pause();
    this.patch(which === 'a' ? { a: next, step: 0 } : { b: next, step: 0 });
  }

  private applyPaste(which: Which): void {
    const text = this.drafts[which] ?? formatMatrix(toMatrix(this.size(which).values, this.size(which).rows, this.size(which).cols));
    const parsed = parseMatrix(text);
    const message = this.pasteProblem(parsed);
    if (message !== null || !parsed.ok) {
      this.pasteMessages = { ...this.pasteMessages, [which]: { ok: false, text: message ?? '' } };
      this.requestUpdate();
      return;
    }
    const [rows, cols] = parsed.shape;
    this.pasteMessages = { ...this.pasteMessages, [which]: { ok: true, text: format(this.s.editor.pasteDone, { rows, cols, name: NAMES[which] }) } };
    this.setMatrix(which, parsed.value.flat().map(keepable), rows, cols);
  }

  private pasteProblem(parsed: ParseMatrixResult): string | null {
    const p = this.s.parse;
    if (parsed.ok) return parsed.value.flat().some((x) => Math.abs(x) > ENTRY_LIMIT) ? p.outOfRange : null;
    switch (parsed.code) {
      case 'empty':
        return p.empty;
      case 'not-a-number':
        return format(p.notNumber, { row: parsed.row + 1, col: parsed.col + 1, text: parsed.text });
      case 'ragged':
        return format(p.ragged, { row: parsed.row + 1, col: parsed.col, expected: parsed.expected });
      case 'too-large':
        return format(p.tooLarge, { row: parsed.row, col: parsed.col, max: parsed.max });
    }
  }

  /** One step of the replay, as the play button and the step button do it. */
  private advance(): boolean {
    const total = deriveMatrix(this.state).replay?.steps.length ?? 0;
    if (this.state.step >= total) return false;
    this.patch({ step: this.state.step + 1 });
    return this.state.step < total;
  }

  private clearLocal(): void {
    this.cellErrors = new Map();
    this.cellText = new Map();
    this.drafts = { a: null, b: null };
    this.pasteMessages = { a: null, b: null };
    this.entry = [0, 0];
    this.player.pause();
  }

  protected override reset(): void {
    this.clearLocal();
    super.reset();
  }

  protected override applyPreset(name: string): void {
    this.clearLocal();
    super.applyPreset(name);
  }

  private sizeSelect(which: Which, dimension: 'rows' | 'cols'): TemplateResult {
    const field = which === 'a' ? (dimension === 'rows' ? 'ar' : 'ac') : dimension === 'rows' ? 'br' : 'bc';
    const id = this.idFor(field);
    const { rows, cols } = this.size(which);
    const value = dimension === 'rows' ? rows : cols;
    return html`<div class="ml-control" data-field=${field}>
      <label for=${id}>${format(this.s.editor[dimension], { name: NAMES[which] })}</label>
      <select id=${id} @change=${(e: Event) => {
        const n = Number((e.target as HTMLSelectElement).value);
        this.resize(which, dimension === 'rows' ? n : rows, dimension === 'cols' ? n : cols);
      }}>
        ${SIZES.map((n) => html`<option value=${n} ?selected=${n === value}>${n}</option>`)}
      </select>
    </div>`;
  }

  private grid(which: Which): TemplateResult {
    const { rows, cols, values } = this.size(which);
    const name = NAMES[which];
    const errors = [...this.cellErrors].filter(([key]) => key.startsWith(`${which}-`));
    return html`<div class="ml-mat-grid-box" data-scroll-x>
        <table class="ml-mat-grid" data-field=${which}>
          <caption>${format(this.s.editor.caption, { name, rows, cols })}</caption>
          ${Array.from({ length: rows }, (_, i) => html`<tr>
            ${Array.from({ length: cols }, (_, j) => {
              const index = i * cols + j;
              const id = this.idFor(`${which}-${index}`);
              const key = `${which}-${index}`;
              const error = this.cellErrors.get(key);
              const typed = this.cellText.get(key);
              return html`<td>
                <label class="ml-visually-hidden" for=${id}>${format(this.s.editor.cell, { name, i: i + 1, j: j + 1 })}</label>
                <input id=${id} class="ml-mat-cell" type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
                  .value=${live(typed ?? formatNumber(values[index] ?? 0))}
                  aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}
                  @input=${(e: Event) => this.onCell(which, index, (e.target as HTMLInputElement).value)}
                  @change=${() => {
                    // Once the reader leaves a valid cell, show the number as the island keeps it.
                    if (!this.cellErrors.has(key) && this.cellText.delete(key)) this.requestUpdate();
                  }} />
              </td>`;
            })}
          </tr>`)}
        </table>
      </div>
      ${errors.map(([key, error]) => {
        const index = Number(key.slice(2));
        return html`<p class="ml-field-error" id=${`${this.idFor(key)}-error`}>
          ${format(this.s.editor.cell, { name, i: Math.floor(index / cols) + 1, j: (index % cols) + 1 })}：${error}
        </p>`;
      })}`;
  }

  private editor(which: Which): TemplateResult {
    const e = this.s.editor;
    const name = NAMES[which];
    const { rows, cols, values } = this.size(which);
    const draft = this.drafts[which] ?? formatMatrix(toMatrix(values, rows, cols));
    const message = this.pasteMessages[which];
    const pasteId = this.idFor(`${which}-paste`);
    const linkLength = formatValue(values).length;
    return html`<fieldset class="ml-mat-editor" data-matrix=${which}>
      <legend>${name}</legend>
      <div class="ml-mat-sizes">${this.sizeSelect(which, 'rows')} ${this.sizeSelect(which, 'cols')}</div>
      ${this.grid(which)}
      <div class="ml-mat-fill" role="group" aria-label=${format(e.fillLabel, { name })}>
        <span aria-hidden="true">${format(e.fillLabel, { name })}</span>
        <button type="button" class="ml-button" data-fill="random" @click=${() => this.fill(which, 'random')}>${format(e.random, { seed: this.state.seed })}</button>
        <button type="button" class="ml-button" data-fill="identity" @click=${() => this.fill(which, 'identity')}>${e.identity}</button>
        <button type="button" class="ml-button" data-fill="singular" @click=${() => this.fill(which, 'singular')}>${e.singular}</button>
        <button type="button" class="ml-button" data-fill="hilbert" @click=${() => this.fill(which, 'hilbert')}>${e.hilbert}</button>
      </div>
      ${rows !== cols ? html`<p class="ml-control__hint">${format(e.squareNote, { name, n: rows })}</p>` : nothing}
      <details class="ml-mat-paste">
        <summary>${format(e.paste, { name })}</summary>
        <label for=${pasteId} class="ml-control__hint">${e.pasteHint}</label>
        <textarea id=${pasteId} rows="4" spellcheck="false" .value=${live(draft)}
          aria-invalid=${message && !message.ok ? 'true' : 'false'} aria-describedby=${message ? `${pasteId}-message` : nothing}
          @input=${(ev: Event) => {
            this.drafts = { ...this.drafts, [which]: (ev.target as HTMLTextAreaElement).value };
          }}></textarea>
        <button type="button" class="ml-button" data-action="paste" @click=${() => this.applyPaste(which)}>${format(e.pasteApply, { name })}</button>
        ${message
          ? html`<p id=${`${pasteId}-message`} class=${message.ok ? 'ml-control__hint' : 'ml-field-error'} role=${message.ok ? 'status' : 'alert'}>${message.text}</p>`
          : nothing}
      </details>
      ${linkLength > MAX_RAW_LENGTH ? html`<p class="ml-field-error">${format(this.s.issues.tooLong, { name, length: linkLength, max: MAX_RAW_LENGTH })}</p>` : nothing}
    </fieldset>`;
  }

  private stepControls(model: MatrixModel): TemplateResult | typeof nothing {
    const replay = model.replay;
    if (!replay || replay.steps.length === 0) return nothing;
    const st = this.s.steps;
    const total = replay.steps.length;
    const at = replay.index;
    const go = (step: number) => {
      this.player.pause();
      this.patch({ step });
    };
    return html`<div class="ml-mat-steps" role="group" aria-label=${st.title} data-field="step">
      <button type="button" class="ml-button" data-action="first" ?disabled=${at === 0} @click=${() => go(0)}>${st.first}</button>
      <button type="button" class="ml-button" data-action="prev" ?disabled=${at === 0} @click=${() => go(at - 1)}>${st.prev}</button>
      ${this.player.reducedMotion
        ? nothing
        : html`<button type="button" class="ml-button" data-action="play" aria-pressed=${this.player.playing} ?disabled=${at >= total && !this.player.playing}
            @click=${() => this.player.toggle()}>${this.player.playing ? st.pause : st.play}</button>`}
      <button type="button" class="ml-button ml-button--primary" data-action="next" ?disabled=${at >= total} @click=${() => go(at + 1)}>${st.next}</button>
      <button type="button" class="ml-button" data-action="last" ?disabled=${at >= total} @click=${() => go(total)}>${st.last}</button>
      <span class="ml-mat-counter" aria-live="polite">${format(st.counter, { index: at, total })}</span>
    </div>
    ${this.player.reducedMotion ? html`<p class="ml-control__hint">${st.reducedMotion}</p>` : nothing}`;
  }

  private digitsSelect(): TemplateResult {
    const id = this.idFor('digits');
    const current = this.state.digits;
    const choices = [...new Set<number>([...DIGIT_CHOICES, current])].sort((x, y) => x - y);
    return html`<div class="ml-control" data-field="digits">
      <label for=${id}>${this.s.digits}</label>
      <select id=${id} @change=${(e: Event) => this.setFieldRaw('digits', (e.target as HTMLSelectElement).value)}>
        ${choices.map((n) => html`<option value=${n} ?selected=${n === current}>${format(this.s.digitsOption, { n })}</option>`)}
      </select>
    </div>`;
  }

  protected renderBody(): TemplateResult {
    const s = this.s;
    const model = deriveMatrix(this.state);
    const usesB = !['det', 'inverse'].includes(this.state.op);
    return html`
      ${toggleGroup(this, 'op', { label: s.opLabel, options: s.ops })}
      ${model.issues.map(
        (issue) => html`<p class="ml-notice" role="note">${format(s.issues.count, {
          name: NAMES[issue.which],
          got: issue.got,
          need: issue.need,
          rows: issue.which === 'a' ? this.state.ar : this.state.br,
          cols: issue.which === 'a' ? this.state.ac : this.state.bc,
        })}</p>`,
      )}
      <div class="ml-mat-editors">
        ${this.editor('a')}
        ${usesB ? this.editor('b') : html`<p class="ml-control__hint ml-mat-no-b">${s.editor.bHidden}</p>`}
      </div>
      <div class="ml-controls">${this.digitsSelect()}</div>
      ${resultView(model, s, {
        entry: this.entry,
        onEntry: (i, j) => {
          this.entry = [i, j];
          this.requestUpdate();
        },
        fix: (which, rows, cols) => this.resize(which, rows, cols),
      })}
      ${model.replay
        ? html`<section class="ml-mat-steps-section">
            <h4>${s.steps.title}</h4>
            ${this.stepControls(model)} ${replayView(model, s)}
          </section>`
        : nothing}
    `;
  }
}

customElements.define(matrixIsland.tag, MatrixIsland);
