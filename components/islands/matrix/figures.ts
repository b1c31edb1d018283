import { html, nothing, type TemplateResult } from 'lit';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import { formatNumber, type ReadonlyMatrix } from '../../../src/lib/math/matrix';
import type { ConditionResult, LuFactorization } from '../../../src/lib/math/lu';
import type { MatrixModel, Replay } from './model';
import type { MatrixStrings } from './strings';

/**
 * The matrix island's views as pure functions of the model: the live element wraps them
 * with its editors and step buttons, MatrixIsland.astro renders them at build time for
 * the static fallback.
 */

/** Plain text of a number, with a real minus sign; never NaN. */
export function fmt(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '—';
  return formatNumber(x, digits).replace(/^-/, '−').replace('e+', 'e').replace('e-', 'e−');
}

/** TeX of a number: 1.5e-7 becomes 1.5 × 10⁻⁷. */
export function texNum(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '\\text{—}';
  const [mantissa = '', exponent] = formatNumber(x, digits).split('e');
  return exponent === undefined ? mantissa : `${mantissa}\\times 10^{${Number(exponent)}}`;
}

const wrapNeg = (text: string): string => (text.startsWith('-') ? `(${text})` : text);

export function texMatrix(m: ReadonlyMatrix, digits: number): string {
  return `\\begin{pmatrix}${m.map((row) => row.map((x) => texNum(x, digits)).join(' & ')).join(' \\\\ ')}\\end{pmatrix}`;
}

/** A formula that may be wider than a phone: it scrolls inside its own box. */
function formula(expression: string): TemplateResult {
  return html`<div class="ml-mat-formula" data-scroll-x>${tex(expression, true)}</div>`;
}

function permutationMatrix(perm: readonly number[]): number[][] {
  return perm.map((source) => perm.map((_, j) => (j === source ? 1 : 0)));
}

export function conditionLine(condition: ConditionResult, s: MatrixStrings, digits: number): TemplateResult | typeof nothing {
  const c = s.condition;
  const shown = (x: number) => fmt(x, Math.min(digits, 4));
  if (condition.ok) {
    const lost = Math.round(Math.log10(condition.value));
    const text = condition.illConditioned
      ? format(c.severe, { cond: shown(condition.value), left: Math.max(0, 16 - lost) })
      : condition.value < 1e3
        ? format(c.well, { cond: shown(condition.value) })
        : format(c.moderate, { cond: shown(condition.value), lost });
    const level = condition.illConditioned ? 'severe' : condition.value < 1e3 ? 'well' : 'moderate';
    const formulaTex = `\\operatorname{cond}_1(A) = \\lVert A\\rVert_1\\,\\lVert A^{-1}\\rVert_1 = ${texNum(condition.norm1, 4)}\\times ${texNum(condition.inverseNorm1, 4)} = ${texNum(condition.value, 4)}`;
    return html`<p class=${`ml-mat-condition ml-mat-condition--${level}`} data-condition=${condition.value.toPrecision(6)} data-level=${level}>
      <span class="ml-mat-inline" data-scroll-x>${tex(formulaTex)}</span> ${text}
    </p>`;
  }
  if (condition.code === 'singular') {
    const text = condition.estimate === null ? c.singularUnknown : format(c.singular, { cond: shown(condition.estimate) });
    return html`<p class="ml-mat-condition ml-mat-condition--severe" data-level="singular">${text}</p>`;
  }
  return nothing;
}

function problem(text: string, code: string): TemplateResult {
  return html`<p class="ml-mat-problem" role="alert" data-problem=${code}>${text}</p>`;
}

/** The product's entry (i, j) as the sum it is. */
export function entryFormula(model: MatrixModel, i: number, j: number): string {
  const d = model.state.digits;
  const row = model.a[i] ?? [];
  const terms = row.map((x, k) => `${wrapNeg(texNum(x, d))}\\cdot ${wrapNeg(texNum(model.b[k]?.[j] ?? 0, d))}`);
  const value = row.reduce((sum, x, k) => sum + x * (model.b[k]?.[j] ?? 0), 0);
  return `C_{${i + 1}${j + 1}} = \\sum_{k=1}^{${row.length}} A_{${i + 1}k}B_{k${j + 1}} = ${terms.join(' + ')} = ${texNum(value, d)}`;
}

export interface ResultOptions {
  /** The product entry whose sum is shown, and how the reader picks another (live only). */
  entry?: readonly [number, number];
  onEntry?: (i: number, j: number) => void;
  /** Buttons that resize a matrix so the operation fits (live only). */
  fix?: (which: 'a' | 'b', rows: number, cols: number) => void;
}

function fixButton(label: string, run: (() => void) | undefined): TemplateResult | typeof nothing {
  return run ? html`<button type="button" class="ml-button" data-action="fix-size" @click=${run}>${label}</button>` : nothing;
}

function arithmeticResult(model: MatrixModel, s: MatrixStrings, options: ResultOptions): TemplateResult {
  const view = model.view;
  if (view.kind !== 'arith') return html``;
  const { ar, ac, br, bc, digits } = model.state;
  const r = s.result;
  const result = view.result;
  if (!result.ok && result.code === 'shape-mismatch') {
    const need = result.need;
    if (need.kind === 'same-shape') {
      const [rows, cols] = need.shape;
      return html`${problem(format(r.mismatchSame, { op: s.ops[view.op], ar, ac, br, bc }), 'shape-mismatch')}
        <p class="ml-mat-fixes">${fixButton(format(r.fixB, { rows, cols }), options.fix && (() => options.fix?.('b', rows, cols)))}</p>`;
    }
    return html`${problem(format(r.mismatchInner, { ar, ac, br, bc }), 'shape-mismatch')}
      <p class="ml-mat-fixes">
        ${fixButton(format(r.fixBRows, { rows: need.rightRows }), options.fix && (() => options.fix?.('b', need.rightRows, bc)))}
        ${fixButton(format(r.fixACols, { cols: need.leftCols }), options.fix && (() => options.fix?.('a', ar, need.leftCols)))}
      </p>`;
  }
  if (!result.ok) return problem(format(r.overflow, { row: result.row + 1, col: result.col + 1 }), 'overflow');
  const symbol = view.op === 'add' ? '+' : view.op === 'subtract' ? '-' : '';
  const line = `${texMatrix(model.a, digits)} ${symbol} ${texMatrix(model.b, digits)} = ${texMatrix(result.value, digits)}`;
  if (view.op !== 'multiply') return formula(line);
  const [ei, ej] = options.entry ?? [0, 0];
  const i = Math.min(ei, result.shape[0] - 1);
  const j = Math.min(ej, result.shape[1] - 1);
  return html`${formula(line)}
    ${options.onEntry
      ? html`<p class="ml-mat-hint">${r.pickEntry}</p>
          <div class="ml-mat-table-box" data-scroll-x><table class="ml-mat-pick">
            ${result.value.map(
              (row, ri) =>
                html`<tr>${row.map(
                  (x, cj) => html`<td><button type="button" class="ml-button" aria-pressed=${ri === i && cj === j}
                    aria-label=${format(r.entryLabel, { i: ri + 1, j: cj + 1, value: fmt(x, digits) })}
                    @click=${() => options.onEntry?.(ri, cj)}>${fmt(x, digits)}</button></td>`,
                )}</tr>`,
            )}
          </table></div>`
      : nothing}
    <div data-entry=${`${i + 1},${j + 1}`}>${formula(entryFormula(model, i, j))}</div>`;
}

function luProblem(model: MatrixModel, s: MatrixStrings, options: ResultOptions): TemplateResult | null {
  const view = model.view;
  if (view.kind === 'arith' || view.result.ok) return null;
  const r = s.result;
  const d = model.state.digits;
  const result = view.result;
  switch (result.code) {
    case 'not-square':
      return problem(format(r.notSquare, { what: r.notSquareWhat[view.kind], rows: result.rows, cols: result.cols }), 'not-square');
    case 'overflow':
      return problem(r.overflowLu, 'overflow');
    case 'shape-mismatch': {
      const n = result.needRows;
      return html`${problem(format(r.solveShape, { n, rows: result.right[0] }), 'shape-mismatch')}
        <p class="ml-mat-fixes">${fixButton(format(r.fixB, { rows: n, cols: model.state.bc }), options.fix && (() => options.fix?.('b', n, model.state.bc)))}</p>`;
    }
    case 'singular':
      return html`${problem(format(r.singular, { k: result.k + 1, pivot: fmt(Math.abs(result.pivot), 3), tol: fmt(result.tolerance, 3) }), 'singular')}
        ${conditionLine(view.condition, s, d)}`;
  }
}

function detResult(model: MatrixModel, s: MatrixStrings): TemplateResult {
  const view = model.view;
  if (view.kind !== 'det' || !view.result.ok) return html``;
  const d = model.state.digits;
  const { value, pivots, permutationSign, singular } = view.result;
  const swaps = model.replay?.steps.filter((step) => step.kind === 'swap').length ?? 0;
  const symbols = pivots.map((_, k) => `u_{${k + 1}${k + 1}}`).join('');
  const numbers = pivots.map((u) => wrapNeg(texNum(u, d))).join('\\times ');
  const sign = permutationSign === 1 ? '' : '-';
  return html`${formula(`\\det A = (-1)^{${swaps}}\\,${symbols} = ${sign}${numbers} = ${texNum(value, d)}${singular && value !== 0 ? ' \\approx 0' : ''}`)}
    <p>${format(s.result.detRule, { swaps })}</p>
    ${singular ? problem(format(s.result.singularDet, { k: (pivots.findIndex((u) => Math.abs(u) <= (model.factors?.tolerance ?? 0)) + 1) || 1, value: fmt(value, 3) }), 'singular') : nothing}
    ${conditionLine(view.condition, s, d)}`;
}

function inverseResult(model: MatrixModel, s: MatrixStrings): TemplateResult {
  const view = model.view;
  if (view.kind !== 'inverse' || !view.result.ok) return html``;
  const d = model.state.digits;
  return html`${formula(`A^{-1} = ${texMatrix(view.result.inverse, d)}`)}
    <p>${format(s.result.inverseNote, { n: model.state.ar })}</p>
    ${conditionLine(view.condition, s, d)}`;
}

function solveResult(model: MatrixModel, s: MatrixStrings): TemplateResult {
  const view = model.view;
  if (view.kind !== 'solve' || !view.result.ok) return html``;
  const d = model.state.digits;
  const { x, relativeResidual, condition } = view.result;
  const r = s.result;
  return html`${formula(`${texMatrix(model.a, d)} X = ${texMatrix(model.b, d)}`)} ${formula(`X = ${texMatrix(x, d)}`)}
    <p>${r.solveNote}</p>
    ${conditionLine(view.condition, s, d)}
    <p class="ml-mat-numbers" data-residual=${relativeResidual.toPrecision(3)}>
      ${r.residual} ${tex(`\\frac{\\lVert AX - B\\rVert_1}{\\lVert A\\rVert_1\\,\\lVert X\\rVert_1} = ${texNum(relativeResidual, 3)}`)}${condition >= 1e3 ? html`<br />${format(r.errorBound, { bound: fmt(condition * Number.EPSILON, 2) })}` : nothing}
    </p>
    ${model.onesError !== null ? html`<p class="ml-mat-numbers" data-ones-error=${model.onesError.toPrecision(3)}>${format(r.exactOnes, { error: fmt(model.onesError, 3) })}</p>` : nothing}`;
}

/** The computed numbers, for tests and assistive tools: entries row by row at 12 significant digits. */
function resultValues(model: MatrixModel): string {
  const view = model.view;
  if (!view.result.ok) return '';
  const flat = (m: ReadonlyMatrix) => m.flat().map((x) => x.toPrecision(12)).join(',');
  switch (view.kind) {
    case 'arith':
      return view.result.ok ? flat(view.result.value) : '';
    case 'det':
      return view.result.ok ? view.result.value.toPrecision(12) : '';
    case 'inverse':
      return view.result.ok ? flat(view.result.inverse) : '';
    case 'solve':
      return view.result.ok ? flat(view.result.x) : '';
  }
}

/** What the chosen operation gives, or why it cannot be done. */
export function resultView(model: MatrixModel, s: MatrixStrings, options: ResultOptions = {}): TemplateResult {
  const view = model.view;
  const body =
    view.kind === 'arith'
      ? arithmeticResult(model, s, options)
      : (luProblem(model, s, options) ??
        (view.kind === 'det' ? detResult(model, s) : view.kind === 'inverse' ? inverseResult(model, s) : solveResult(model, s)));
  return html`<section class="ml-mat-result" aria-live="polite" data-op=${model.state.op} data-ok=${view.result.ok ? 'true' : 'false'}
    data-values=${resultValues(model)}>
    <h4>${s.result.title}</h4>
    ${body}
  </section>`;
}

// ---- the elimination, one recorded step at a time --------------------------------------

function stepText(replay: Replay, model: MatrixModel, s: MatrixStrings): TemplateResult {
  const st = s.steps;
  const d = model.state.digits;
  const step = replay.step;
  const solving = replay.rhsAfter !== null;
  if (!step) return html`<p>${replay.steps.length === 0 ? st.none : solving ? st.initialSolve : st.initial}</p>`;
  if (step.kind === 'swap') {
    const [k, p] = step.rows;
    return html`<p>${format(st.swap, { k: k + 1, p: p + 1, value: fmt(step.matrix[k]?.[k] ?? 0, d) })}</p>`;
  }
  const { k, row: i, factor } = step;
  const aik = replay.before[i]?.[k] ?? 0;
  const akk = replay.before[k]?.[k] ?? 0;
  const l = `\\ell_{${i + 1}${k + 1}}`;
  return html`<p>${format(st.eliminate, { k: k + 1, i: i + 1 })}</p>
    ${formula(
      `${l} = \\frac{a_{${i + 1}${k + 1}}}{a_{${k + 1}${k + 1}}} = \\frac{${texNum(aik, d)}}{${texNum(akk, d)}} = ${texNum(factor, d)},\\qquad R_{${i + 1}} \\leftarrow R_{${i + 1}} - ${l}\\,R_{${k + 1}}`,
    )}`;
}

function doneText(replay: Replay, model: MatrixModel, s: MatrixStrings, factors: LuFactorization | null): TemplateResult | typeof nothing {
  if (replay.index !== replay.steps.length || replay.steps.length === 0) return nothing;
  const d = model.state.digits;
  return html`<p>${replay.rhsAfter ? s.steps.doneSolve : s.steps.done}</p>
    ${factors
      ? formula(`P = ${texMatrix(permutationMatrix(factors.perm), d)},\\quad L = ${texMatrix(factors.lower, d)},\\quad U = ${texMatrix(factors.upper, d)}`)
      : nothing}`;
}

/** The working matrix (and B beside it) after the current step, with the step in words and numbers. */
export function replayView(model: MatrixModel, s: MatrixStrings): TemplateResult {
  const replay = model.replay;
  if (!replay) return html``;
  const d = model.state.digits;
  const step = replay.step;
  const pivot = step ? step.k : -1;
  const changed = new Set<number>(step ? (step.kind === 'swap' ? step.rows : [step.row]) : []);
  const rhs = replay.rhsAfter;
  return html`<div class="ml-mat-replay" data-step=${replay.index} data-total=${replay.steps.length}>
    <div class="ml-mat-table-box" data-scroll-x>
      <table class="ml-mat-table" aria-label=${format(s.steps.tableLabel, { index: replay.index })}>
        ${replay.after.map(
          (row, i) => html`<tr class=${changed.has(i) ? 'is-changed' : ''}>
            ${row.map((x, j) => html`<td class=${i === pivot && j === pivot ? 'is-pivot' : ''}>${fmt(x, d)}</td>`)}
            ${rhs ? (rhs[i] ?? []).map((x, j) => html`<td class=${j === 0 ? 'is-rhs is-rhs-first' : 'is-rhs'}>${fmt(x, d)}</td>`) : nothing}
          </tr>`,
        )}
      </table>
    </div>
    <p class="ml-legend">
      <span><span class="ml-mat-key ml-mat-key--pivot" aria-hidden="true"></span>${s.steps.pivot}</span>
      <span><span class="ml-mat-key ml-mat-key--changed" aria-hidden="true"></span>${s.steps.changed}</span>
      ${rhs ? html`<span><span class="ml-mat-key ml-mat-key--rhs" aria-hidden="true"></span>${s.steps.rhs}</span>` : nothing}
    </p>
    <div class="ml-mat-step-text" aria-live="polite">${stepText(replay, model, s)} ${doneText(replay, model, s, model.factors)}</div>
  </div>`;
}
