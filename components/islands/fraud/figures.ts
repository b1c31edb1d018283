import { html, nothing, svg, type TemplateResult } from 'lit';
import { format } from '../../ui/shell-strings';
import { xyChart, type Marker, type Point, type Scales } from '../../ui/charts/xy-chart';
import { LOG_T_MIN, type FraudModel, type Outcome } from './model';
import type { FraudStrings } from './strings';

/**
 * The fraud island's views, pure functions of the model: the element draws them around
 * its controls, and FraudIsland.astro renders them at build time for the static fallback.
 */

type OkModel = Extract<FraudModel, { ok: true }>;

export const money = (x: number): string => x.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
export const pct = (x: number | null, s: FraudStrings): string => (x === null ? s.undefinedValue : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null, s: FraudStrings, digits = 3): string => (x === null ? s.undefinedValue : x.toFixed(digits));
/** A threshold as typed: at most 6 decimals, no trailing zeros. */
export const showT = (t: number): string => String(Number(t.toFixed(6)));

export function baselineCard(model: OkModel, s: FraudStrings): TemplateResult {
  const b = model.baseline;
  return html`<div class="fraud-card fraud-card--baseline" data-baseline-accuracy=${b.metrics.accuracy.value ?? ''}
      data-baseline-recall=${b.metrics.recall.value ?? ''} data-baseline-cost=${b.cost.total}>
    <div class="fraud-card__head">${s.baseline.title}</div>
    <p>${format(s.baseline.body, { accuracy: pct(b.metrics.accuracy.value, s), recall: pct(b.metrics.recall.value, s), frauds: model.testFrauds, cost: money(b.cost.total) })}</p>
  </div>`;
}

export function confusionTable(outcome: Outcome, s: FraudStrings): TemplateResult {
  const c = outcome.counts;
  return html`<table class="ml-table fraud-confusion" data-counts=${`${c.tp},${c.fn},${c.fp},${c.tn}`}>
    <caption>${s.matrixCaption}</caption>
    <thead><tr><td></td><th scope="col">${s.predictedFraud}</th><th scope="col">${s.predictedLegit}</th></tr></thead>
    <tbody>
      <tr><th scope="row">${s.actualFraud}</th><td data-cell="tp">TP = ${c.tp}</td><td data-cell="fn">FN = ${c.fn}</td></tr>
      <tr><th scope="row">${s.actualLegit}</th><td data-cell="fp">FP = ${c.fp}</td><td data-cell="tn">TN = ${c.tn}</td></tr>
    </tbody>
  </table>`;
}

export function metricCards(outcome: Outcome, s: FraudStrings): TemplateResult {
  const m = outcome.metrics;
  const names = ['accuracy', 'precision', 'recall', 'f1'] as const;
  return html`<div class="fraud-metrics">
    ${names.map((name) => {
      const value = m[name].value;
      const why = value === null && (name === 'precision' || name === 'f1') ? s.why[name] : '';
      return html`<div class="fraud-metric" data-metric=${name} data-value=${value === null ? 'undefined' : value.toFixed(6)}>
        <span>${s.metrics[name]}</span><strong>${pct(value, s)}</strong>
        ${why ? html`<small>${why}</small>` : nothing}
      </div>`;
    })}
  </div>`;
}

export function moneyCard(model: OkModel, s: FraudStrings): TemplateResult {
  const { cost, counts } = model.current;
  const { costFn, costFp } = model.state;
  const saved = model.baseline.cost.total - cost.total;
  const base = model.baseline.cost.total;
  return html`<div class="fraud-card" data-total-cost=${cost.total}>
    <div class="fraud-card__head">${s.money.title}</div>
    <p class="fraud-money"><span class="ml-key ml-key--1" aria-hidden="true"></span>${format(s.money.fn, { cost: money(costFn), count: counts.fn, value: money(cost.falseNegative) })}</p>
    <p class="fraud-money"><span class="ml-key ml-key--4" aria-hidden="true"></span>${format(s.money.fp, { cost: money(costFp), count: counts.fp, value: money(cost.falsePositive) })}</p>
    <p class="fraud-money fraud-money--total"><span class="ml-key ml-key--2" aria-hidden="true"></span><strong>${format(s.money.total, { value: money(cost.total) })}</strong></p>
    ${model.costsZero
      ? nothing
      : html`<p>${saved >= 0
          ? format(s.money.vsBaseline, { saved: money(saved), percent: base > 0 ? pct(saved / base, s) : '0%' })
          : format(s.money.worse, { extra: money(-saved) })}</p>`}
  </div>`;
}

/** The sentence about the cheapest threshold (without the button, which the element adds). */
export function minCostText(model: OkModel, s: FraudStrings): string {
  if (model.costsZero) return s.marks.costsZero;
  const m = model.minCost;
  if (m.flagsNothing) return format(s.marks.minCostNothing, { cost: money(m.outcome.cost.total) });
  const c = m.outcome.counts;
  return format(s.marks.minCost, { t: showT(m.t), flagged: c.tp + c.fp, fn: c.fn, cost: money(m.outcome.cost.total) });
}

export function bestF1Text(model: OkModel, s: FraudStrings): string {
  const b = model.bestF1;
  if (!b) return '';
  const m = b.outcome.metrics;
  return format(s.marks.bestF1, { t: showT(b.t), f1: fixed(m.f1.value, s), precision: pct(m.precision.value, s), recall: pct(m.recall.value, s) });
}

const logOf = (t: number): number => Math.log10(Math.max(t, 10 ** LOG_T_MIN));
const xAxis = (s: FraudStrings) => ({
  domain: [LOG_T_MIN, 0] as const,
  label: s.charts.x,
  nice: false,
  ticks: -LOG_T_MIN,
  format: (v: number) => String(Number((10 ** v).toPrecision(1))),
});

function thresholdLine(t: number) {
  return (scales: Scales) => svg`<line class="fraud-threshold-line" x1=${scales.x(logOf(t))} x2=${scales.x(logOf(t))}
    y1=${scales.margin.top} y2=${scales.height - scales.margin.bottom}></line>`;
}

export function costChart(model: OkModel, s: FraudStrings, width: number): TemplateResult {
  const cap = model.costsZero ? 1 : Math.max(2 * model.baseline.cost.total, model.minCost.outcome.cost.total, 1);
  let clipped = false;
  const points = (key: 'cost' | 'costFn' | 'costFp'): Point[] =>
    model.curve.map((p) => {
      if (p[key] > cap) clipped = true;
      return { x: p.logT, y: p[key] > cap ? Number.NaN : p[key] };
    });
  const series = [
    { points: points('costFn'), className: 'ml-series--1', label: s.charts.fn },
    { points: points('costFp'), className: 'ml-series--4', label: s.charts.fp },
    { points: points('cost'), className: 'ml-series--2', label: s.charts.total },
  ];
  const markers: Marker[] = [];
  if (!model.costsZero && !model.minCost.flagsNothing) {
    markers.push({ x: logOf(model.minCost.t), y: model.minCost.outcome.cost.total, className: 'ml-marker--best', label: s.charts.minCost, radius: 7 });
  }
  if (model.current.cost.total <= cap) markers.push({ x: logOf(model.state.t), y: model.current.cost.total, className: 'ml-marker--current', label: s.charts.current });
  const chart = xyChart({
    width,
    height: 240,
    label: s.charts.costLabel,
    x: xAxis(s),
    y: { domain: [0, cap], label: s.charts.yCost, ticks: 4, format: (v: number) => (v >= 10_000 ? `${Number((v / 10_000).toPrecision(3))}万` : String(v)) },
    series,
    markers,
    over: thresholdLine(model.state.t),
  });
  return html`<figure data-chart="cost" style=${`width: ${width}px`}>
    <figcaption>${s.charts.cost}</figcaption>
    ${chart}
    <span class="ml-legend">
      <span class="ml-key ml-key--2">${s.charts.total}</span><span class="ml-key ml-key--1">${s.charts.fn}</span><span class="ml-key ml-key--4">${s.charts.fp}</span>
      <span><span class="ml-swatch ml-swatch--current" aria-hidden="true"></span>${s.charts.current}</span>
      ${markers.length && markers[0]?.className === 'ml-marker--best' ? html`<span><span class="ml-swatch ml-swatch--best" aria-hidden="true"></span>${s.charts.minCost}</span>` : nothing}
    </span>
    ${clipped ? html`<span class="ml-legend">${s.charts.clipped}</span>` : nothing}
  </figure>`;
}

export function scoreChart(model: OkModel, s: FraudStrings, width: number): TemplateResult {
  const line = (key: 'precision' | 'recall' | 'f1'): Point[] => model.curve.map((p) => ({ x: p.logT, y: p[key] ?? Number.NaN }));
  const markers: Marker[] = [];
  const best = model.bestF1;
  if (best && best.outcome.metrics.f1.value !== null) {
    markers.push({ x: logOf(best.t), y: best.outcome.metrics.f1.value, className: 'ml-marker--best', label: s.charts.bestF1, radius: 7 });
  }
  const f1 = model.current.metrics.f1.value;
  if (f1 !== null) markers.push({ x: logOf(model.state.t), y: f1, className: 'ml-marker--current', label: s.charts.current });
  const chart = xyChart({
    width,
    height: 240,
    label: s.charts.scoresLabel,
    x: xAxis(s),
    y: { domain: [0, 1], label: s.charts.yScore, ticks: 5, nice: false },
    series: [
      { points: line('precision'), className: 'ml-series--4', label: s.charts.precision },
      { points: line('recall'), className: 'ml-series--1', label: s.charts.recall },
      { points: line('f1'), className: 'ml-series--2', label: s.charts.f1 },
    ],
    markers,
    over: thresholdLine(model.state.t),
  });
  return html`<figure data-chart="scores" style=${`width: ${width}px`}>
    <figcaption>${s.charts.scores}</figcaption>
    ${chart}
    <span class="ml-legend">
      <span class="ml-key ml-key--4">${s.charts.precision}</span><span class="ml-key ml-key--1">${s.charts.recall}</span><span class="ml-key ml-key--2">${s.charts.f1}</span>
      <span><span class="ml-swatch ml-swatch--current" aria-hidden="true"></span>${s.charts.current}</span>
      ${best ? html`<span><span class="ml-swatch ml-swatch--best" aria-hidden="true"></span>${s.charts.bestF1}</span>` : nothing}
    </span>
  </figure>`;
}

export function charts(model: OkModel, s: FraudStrings, width: number): TemplateResult {
  return html`<div class="ml-chart-row">${costChart(model, s, width)} ${scoreChart(model, s, width)}</div>`;
}
