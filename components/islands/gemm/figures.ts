import { html, nothing, svg, type TemplateResult } from 'lit';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import { xyChart, type Marker, type Series } from '../../ui/charts/xy-chart';
import type { GemmPoint } from '../../../src/lib/math/gemm';
import type { BackendDecision, SkipReason, ChoiceReason } from '../../../src/tf/backends';
import type { BackendName } from '../../../src/tf/backend-field';
import type { GemmModel } from './model';
import type { GemmStrings } from './strings';

/**
 * The scaling view's figures as pure functions of the model: the live element shows them
 * with its controls and fills them as measurements arrive; GemmIsland.astro renders the
 * same functions (with no measurements) for the static fallback.
 */

/** Three significant digits, never NaN. */
export function sig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '—';
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) return x.toExponential(digits - 1).replace('e+', 'e');
  return String(Number(x.toPrecision(digits)));
}

function texSci(x: number): string {
  const exponent = Math.floor(Math.log10(x));
  const mantissa = x / 10 ** exponent;
  return `${Number(mantissa.toPrecision(3))}\\times 10^{${exponent}}`;
}

/** Milliseconds as text: ms below a second, else seconds. */
export function duration(ms: number): string {
  return ms < 1000 ? `${sig(ms)} ms` : `${sig(ms / 1000)} s`;
}

const decadeLabel = (v: number): string => (Number.isInteger(v) ? String(Number((10 ** v).toPrecision(1))) : '');

export function backendLabel(name: BackendName, s: GemmStrings): string {
  return s.backends[name];
}

/** The TensorFlow.js series' name: with its backend once one is chosen. */
export function tfName(decision: BackendDecision | null, s: GemmStrings): string {
  return decision ? format(s.chart.tf, { backend: backendLabel(decision.name, s) }) : s.chart.tfPending;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 2.15×10⁹: three significant digits and a power of ten, for operation counts. */
export function scientific(x: number): string {
  if (!Number.isFinite(x) || x <= 0) return '—';
  const exponent = Math.floor(Math.log10(x));
  const mantissa = Number((x / 10 ** exponent).toPrecision(3));
  return `${mantissa}×10${[...String(exponent)].map((d) => SUPERSCRIPT[Number(d)] ?? d).join('')}`;
}

export function gemmChart(model: GemmModel, s: GemmStrings, width: number): TemplateResult {
  const { sizes, run, yDecades } = model;
  const lastLog = Math.log2(sizes[sizes.length - 1] ?? 64);
  const asPoints = (points: readonly GemmPoint[]) => points.map((p) => ({ x: Math.log2(p.n), y: Math.log10(p.gflops) }));
  const tfLabel = tfName(run.decision, s);
  const series: Series[] = [
    { points: asPoints(run.js), className: 'ml-series--1', label: s.chart.js },
    { points: asPoints(run.tf), className: 'ml-series--2', label: tfLabel },
  ];
  const markers: Marker[] = [
    ...run.js.map((p) => ({ x: Math.log2(p.n), y: Math.log10(p.gflops), className: 'ml-gemm-marker--js', label: `${s.chart.js} n = ${p.n}: ${sig(p.gflops)} GFLOP/s` })),
    ...run.tf.map((p) => ({ x: Math.log2(p.n), y: Math.log10(p.gflops), className: 'ml-gemm-marker--tf', label: `${tfLabel} n = ${p.n}: ${sig(p.gflops)} GFLOP/s` })),
  ];
  const chart = xyChart({
    width,
    height: Math.max(220, Math.min(320, Math.round(width * 0.6))),
    x: { domain: [6, Math.max(7, lastLog)], label: s.chart.x, nice: false, ticks: Math.max(1, lastLog - 6), format: (v) => (Number.isInteger(v) ? String(2 ** v) : '') },
    y: { domain: yDecades, label: s.chart.y, nice: false, ticks: yDecades[1] - yDecades[0], format: decadeLabel },
    series,
    markers,
    label: s.chart.label,
    over: (scales) =>
      svg`${run.current ? svg`<line class="ml-gemm-now" x1=${scales.x(Math.log2(run.current.n))} x2=${scales.x(Math.log2(run.current.n))} y1=${scales.margin.top} y2=${scales.height - scales.margin.bottom} />` : nothing}`,
  });
  return html`<figure class="ml-gemm-figure">
    ${chart}
    <figcaption class="ml-legend">
      <span class="ml-key ml-key--1">${s.chart.js}</span>
      <span class="ml-key ml-key--2">${tfLabel}</span>
    </figcaption>
  </figure>`;
}

export function gemmTable(model: GemmModel, s: GemmStrings): TemplateResult {
  const t = s.table;
  const cell = (p: GemmPoint | null, key: 'ms' | 'gflops') => (p ? (key === 'ms' ? duration(p.ms) : sig(p.gflops)) : t.notRun);
  return html`<div class="ml-gemm-table-box" data-scroll-x>
    <table class="ml-table ml-gemm-table">
      <caption>${t.caption}</caption>
      <thead>
        <tr>
          <th scope="col">${t.n}</th><th scope="col">${t.flops}</th><th scope="col">${t.jsMs}</th><th scope="col">${t.jsRate}</th>
          <th scope="col">${t.tfMs}</th><th scope="col">${t.tfRate}</th><th scope="col">${t.ratio}</th>
        </tr>
      </thead>
      <tbody>
        ${model.rows.map(
          (row) => html`<tr data-n=${row.n} data-js-ms=${row.js ? String(row.js.ms) : ''} data-tf-ms=${row.tf ? String(row.tf.ms) : ''}
            data-js-gflops=${row.js ? String(row.js.gflops) : ''} data-tf-gflops=${row.tf ? String(row.tf.gflops) : ''}>
            <th scope="row">${row.n}</th><td>${scientific(row.flops)}</td><td>${cell(row.js, 'ms')}</td><td>${cell(row.js, 'gflops')}</td>
            <td>${cell(row.tf, 'ms')}</td><td>${cell(row.tf, 'gflops')}</td><td>${row.ratio === null ? t.notRun : `${sig(row.ratio, 2)}×`}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** 2n³ and GFLOP/s with the reader's numbers, at the largest size measured (or the largest planned). */
export function flopsFormula(model: GemmModel, s: GemmStrings): TemplateResult {
  const measured = [...model.rows].reverse().find((row) => row.js || row.tf);
  const row = measured ?? model.rows[model.rows.length - 1];
  if (!row) return html``;
  const n = row.n;
  const point = row.tf ?? row.js;
  const count = `2n^3 = 2\\times ${n}^3 = ${texSci(row.flops)}`;
  const rate = point
    ? `,\\qquad \\frac{2n^3}{t} = \\frac{${texSci(row.flops)}}{${sig(point.ms / 1000)}\\ \\text{s}} = ${sig(point.gflops)}\\ \\text{GFLOP/s}`
    : '';
  return html`<p>${format(s.formula, { n })}</p>
    <div class="ml-gemm-formula" data-scroll-x>${tex(`${count}${rate}`, true)}</div>`;
}

function reasonText(reason: ChoiceReason, s: GemmStrings): string {
  const r = s.reasons;
  switch (reason.code) {
    case 'as-chosen':
      return r.asChosen;
    case 'choice-unavailable':
      return format(r.choiceUnavailable, { choice: s.backends[reason.choice] });
    case 'auto-measured':
      return format(r.autoMeasured, { ms: sig(reason.ms), wasmMs: sig(reason.wasmMs) });
    case 'auto-no-faster-gpu':
      return r.autoNoFasterGpu;
  }
}

function skipText(reason: SkipReason, s: GemmStrings): string {
  const k = s.skips;
  switch (reason.code) {
    case 'unsupported':
      return k.unsupported;
    case 'no-adapter':
      return k.noAdapter;
    case 'software-only':
      return k.softwareOnly;
    case 'init-failed':
      return format(k.initFailed, { message: reason.message });
    case 'slower':
      return format(k.slower, { ms: sig(reason.ms), wasmMs: sig(reason.wasmMs) });
  }
}

/** Which backend runs, why, and why the ones before it were passed over. */
export function backendBadge(decision: BackendDecision, s: GemmStrings): TemplateResult {
  const skipped = decision.skipped.map((k) => `${s.backends[k.name]}（${skipText(k.reason, s)}）`).join('；');
  return html`<p class="ml-gemm-badge" data-backend=${decision.name}>
    <strong class="ml-gemm-badge__name">${format(s.badge, { name: s.backends[decision.name] })}</strong>
    <span>${reasonText(decision.reason, s)}</span>
    ${skipped ? html`<small>${format(s.skippedList, { list: skipped })}</small>` : nothing}
  </p>`;
}
