import { html, nothing, svg, type TemplateResult } from 'lit';
import { scaleLinear } from 'd3-scale';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import { xyChart, CHART_FONT_PX } from '../../ui/charts/xy-chart';
import type { BinaryCounts, BinaryMetrics, Ratio } from '../../../src/lib/ml/metrics';
import type { MetricsModel } from './model';
import type { MetricsStrings } from './strings';

/**
 * The metrics island's figures as pure views of the model: the live element draws them
 * with its controls around them, and MetricsIsland.astro renders the same functions at
 * build time for the static fallback.
 */

const fixed = (x: number, digits = 3): string => x.toFixed(digits);
const percent = (x: number | null, s: MetricsStrings): string => (x === null ? s.undefinedValue : `${(x * 100).toFixed(1)}%`);

type MetricName = 'accuracy' | 'precision' | 'recall' | 'f1' | 'fBeta';

function undefinedReason(name: MetricName, counts: BinaryCounts, m: BinaryMetrics, s: MetricsStrings): string {
  const partsMissing = m.precision.value === null || m.recall.value === null;
  switch (name) {
    case 'accuracy':
      return s.why.accuracy;
    case 'precision':
      return s.why.precision;
    case 'recall':
      return s.why.recall;
    case 'f1':
      return partsMissing ? s.why.f1NoParts : counts.tp === 0 ? s.why.f1ZeroTp : '';
    case 'fBeta':
      return partsMissing ? s.why.fBetaNoParts : counts.tp === 0 ? s.why.fBetaZeroTp : '';
  }
}

/** The metric's formula, then the same formula with the reader's numbers, on two lines. */
function formula(name: MetricName, model: MetricsModel, s: MetricsStrings): string {
  const { counts: c, metrics: m, state } = model;
  const none = `\\text{${s.undefinedValue}}`;
  const value = (r: Ratio): string => (r.value === null ? none : fixed(r.value));
  const lines = (general: string, filled: string): string => `\\begin{aligned}&${general}\\\\&=${filled}\\end{aligned}`;
  const p = m.precision.value;
  const r = m.recall.value;
  switch (name) {
    case 'accuracy':
      return lines('\\frac{TP+TN}{TP+FP+FN+TN}', `\\frac{${c.tp}+${c.tn}}{${c.tp + c.fp + c.fn + c.tn}}=${value(m.accuracy)}`);
    case 'precision':
      return lines('\\frac{TP}{TP+FP}', `\\frac{${c.tp}}{${c.tp}+${c.fp}}=${value(m.precision)}`);
    case 'recall':
      return lines('\\frac{TP}{TP+FN}', `\\frac{${c.tp}}{${c.tp}+${c.fn}}=${value(m.recall)}`);
    case 'f1':
      if (p === null || r === null) return lines('\\frac{2PR}{P+R}', value(m.f1));
      return lines('\\frac{2PR}{P+R}', `\\frac{2\\times${fixed(p)}\\times${fixed(r)}}{${fixed(p)}+${fixed(r)}}=${value(m.f1)}`);
    case 'fBeta': {
      const b = Number(state.beta.toPrecision(3));
      const general = '\\frac{(1+\\beta^2)\\,PR}{\\beta^2 P+R}';
      if (p === null || r === null || model.fBeta === null) return lines(general, none);
      return lines(general, `\\frac{(1+${b}^2)\\times${fixed(p)}\\times${fixed(r)}}{${b}^2\\times${fixed(p)}+${fixed(r)}}=${fixed(model.fBeta)}`);
    }
  }
}

function metricValue(name: MetricName, model: MetricsModel): number | null {
  return name === 'fBeta' ? model.fBeta : model.metrics[name].value;
}

export function metricCard(name: MetricName, model: MetricsModel, s: MetricsStrings): TemplateResult {
  const value = metricValue(name, model);
  const reason = value === null ? undefinedReason(name, model.counts, model.metrics, s) : '';
  const label = name === 'fBeta' ? format(s.metrics.fBeta, { beta: Number(model.state.beta.toPrecision(3)) }) : s.metrics[name];
  return html`<div class="ml-metric" data-metric=${name} data-value=${value === null ? 'undefined' : fixed(value)}>
    <div class="ml-metric__head">
      <span>${label}</span>
      <strong>${percent(value, s)}</strong>
    </div>
    <div class="ml-metric__formula" data-scroll-x>${tex(formula(name, model, s), true)}</div>
    ${reason ? html`<p class="ml-metric__why">${reason}</p>` : nothing}
  </div>`;
}

export function metricCards(model: MetricsModel, s: MetricsStrings): TemplateResult {
  const names: MetricName[] = ['accuracy', 'precision', 'recall', 'f1', 'fBeta'];
  return html`<div class="ml-metrics" aria-live="polite">${names.map((name) => metricCard(name, model, s))}</div>`;
}

export function sourceComparison(model: MetricsModel, s: MetricsStrings): TemplateResult {
  const wrong = model.sourceF1;
  const f1 = model.metrics.f1.value;
  const [before, middle, after] = s.sourceCompare.split(/\{wrong\}|\{f1\}/);
  return html`<p class="ml-compare" data-source-f1=${wrong === null ? 'undefined' : fixed(wrong)}>
    ${before}<strong>${wrong === null ? s.undefinedValue : fixed(wrong)}</strong>${middle}<strong
      >${f1 === null ? s.undefinedValue : fixed(f1)}</strong
    >${after}
  </p>`;
}

/** The scored samples on a line, coloured by their true class, filled when predicted positive. */
export function thresholdStrip(model: MetricsModel, s: MetricsStrings, width: number): TemplateResult | typeof nothing {
  const view = model.threshold;
  if (!view) return nothing;
  const t = model.state.t;
  const height = 128;
  const left = 96;
  const x = scaleLinear().domain([0, 1]).range([left, width - 14]);
  const rows = { positive: 34, negative: 78 };
  return html`<figure class="ml-strip-figure">
    <svg class="ml-strip" width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`} role="img"
      aria-label=${format(s.threshold.stripLabel, { count: view.samples.length, t: t.toFixed(2) })}>
      <rect x=${x(t)} y="10" width=${Math.max(0, x(1) - x(t))} height="92" class="ml-strip__positive-zone" />
      <g font-size=${CHART_FONT_PX}>
        <text x="4" y=${rows.positive} dy="0.32em" class="ml-strip__label">${s.threshold.actualPositive}</text>
        <text x="4" y=${rows.negative} dy="0.32em" class="ml-strip__label">${s.threshold.actualNegative}</text>
      </g>
      ${view.samples.map((sample) => {
        const predicted = sample.score >= t;
        return svg`<circle cx=${x(sample.score)} cy=${sample.positive ? rows.positive : rows.negative} r="6"
          class=${`ml-dot ${sample.positive ? 'ml-dot--pos' : 'ml-dot--neg'} ${predicted ? 'ml-dot--predicted' : ''}`} />`;
      })}
      <line x1=${x(t)} x2=${x(t)} y1="6" y2="106" class="ml-strip__threshold" />
      <g font-size=${CHART_FONT_PX} class="ml-strip__axis">
        ${x.ticks(5).map((tick) => svg`<text x=${x(tick)} y="122" text-anchor="middle">${tick}</text>`)}
      </g>
    </svg>
    <figcaption class="ml-legend">
      <span><span class="ml-swatch ml-swatch--filled" aria-hidden="true"></span>${s.legend.predictedPositive}</span>
      <span><span class="ml-swatch" aria-hidden="true"></span>${s.legend.predictedNegative}</span>
      <span><span class="ml-swatch ml-swatch--pos" aria-hidden="true"></span>${s.legend.positive}</span>
      <span><span class="ml-swatch ml-swatch--neg" aria-hidden="true"></span>${s.legend.negative}</span>
      <span>${s.threshold.axis}</span>
    </figcaption>
  </figure>`;
}

/** Precision–recall and ROC curves with the current threshold and the F1-best one marked. */
export function curveCharts(model: MetricsModel, s: MetricsStrings, width: number): TemplateResult | typeof nothing {
  const view = model.threshold;
  if (!view) return nothing;
  if (!view.roc.ok || !view.pr.ok) return html`<p class="ml-metric__why">${s.curves.noCurve}</p>`;
  const { metrics, state } = model;
  const height = Math.round(Math.min(300, Math.max(220, width * 0.75)));
  const unit = { domain: [0, 1] as const, ticks: 5, format: (v: number) => String(Number(v.toFixed(1))) };
  const current = format(s.curves.current, { t: state.t.toFixed(2) });
  const best = view.bestF1;
  const bestLabel = best ? format(s.curves.best, { t: best.threshold.toFixed(2), f1: fixed(best.score) }) : '';
  const fpr = model.counts.fp + model.counts.tn === 0 ? null : model.counts.fp / (model.counts.fp + model.counts.tn);
  const pr = xyChart({
    width,
    height,
    label: `${s.curves.pr}，${format(s.curves.ap, { ap: fixed(view.pr.averagePrecision) })}`,
    x: { ...unit, label: s.curves.recall },
    y: { ...unit, label: s.curves.precision },
    series: [{ points: view.pr.points.map((p) => ({ x: p.recall, y: p.precision })), className: 'ml-series--1', label: s.curves.pr }],
    markers: [
      ...(best ? [{ x: best.recall, y: best.precision, className: 'ml-marker--best', label: bestLabel, radius: 7 }] : []),
      ...(metrics.recall.value !== null && metrics.precision.value !== null
        ? [{ x: metrics.recall.value, y: metrics.precision.value, className: 'ml-marker--current', label: current }]
        : []),
    ],
  });
  const roc = xyChart({
    width,
    height,
    label: `${s.curves.roc}，${format(s.curves.auc, { auc: fixed(view.roc.auc) })}`,
    x: { ...unit, label: s.curves.fpr },
    y: { ...unit, label: s.curves.tpr },
    series: [
      { points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], className: 'ml-series--chance', label: 'AUC = 0.5' },
      { points: view.roc.points.map((p) => ({ x: p.fpr, y: p.tpr })), className: 'ml-series--2', label: s.curves.roc },
    ],
    markers:
      fpr !== null && metrics.recall.value !== null
        ? [{ x: fpr, y: metrics.recall.value, className: 'ml-marker--current', label: current }]
        : [],
  });
  return html`<div class="ml-chart-row">
    <figure><figcaption>${s.curves.pr} · ${format(s.curves.ap, { ap: fixed(view.pr.averagePrecision) })}</figcaption>${pr}</figure>
    <figure><figcaption>${s.curves.roc} · <span data-auc=${fixed(view.roc.auc)}>${format(s.curves.auc, { auc: fixed(view.roc.auc) })}</span></figcaption>${roc}</figure>
  </div>
  ${best && view.bestFBeta
    ? html`<p class="ml-compare" data-best-threshold=${best.threshold.toFixed(4)}>
        ${format(s.curves.bestLine, {
          t: best.threshold.toFixed(2),
          f1: fixed(best.score),
          beta: Number(state.beta.toPrecision(3)),
          tBeta: view.bestFBeta.threshold.toFixed(2),
          fBeta: fixed(view.bestFBeta.score),
        })}
        <span class="ml-legend ml-legend--inline">
          <span><span class="ml-swatch ml-swatch--current" aria-hidden="true"></span>${current}</span>
          <span><span class="ml-swatch ml-swatch--best" aria-hidden="true"></span>${bestLabel}</span>
        </span>
      </p>`
    : nothing}`;
}

/** Per-class scores and the two averages of the 3×3 matrix. */
export function multiclassSummary(model: MetricsModel, s: MetricsStrings): TemplateResult | typeof nothing {
  const view = model.multiclass;
  if (!view) return nothing;
  const { averages, perClass } = view;
  if (averages.accuracy === null) return html`<p class="ml-metric__why">${s.multiclass.noSamples}</p>`;
  const pct = (x: number | null) => percent(x, s);
  const undefinedClasses = [...new Set([...averages.undefinedAsZero.precision, ...averages.undefinedAsZero.recall, ...averages.undefinedAsZero.f1])];
  return html`<table class="ml-table ml-multiclass-scores" data-macro-f1=${averages.macro.f1 === null ? '' : fixed(averages.macro.f1)}
      data-micro-f1=${averages.micro.f1 === null ? '' : fixed(averages.micro.f1)}>
      <caption>${s.multiclass.perClass}</caption>
      <thead><tr><th scope="col"></th><th scope="col">${s.metrics.precision}</th><th scope="col">${s.metrics.recall}</th><th scope="col">${s.metrics.f1}</th><th scope="col">${s.multiclass.support}</th></tr></thead>
      <tbody>
        ${perClass.map((c) => html`<tr><th scope="row">${format(s.multiclass.classLabel, { k: c.label + 1 })}</th><td>${pct(c.precision)}</td><td>${pct(c.recall)}</td><td>${pct(c.f1)}</td><td>${c.support}</td></tr>`)}
        <tr class="ml-row--summary"><th scope="row">${s.multiclass.macro}</th><td>${pct(averages.macro.precision)}</td><td>${pct(averages.macro.recall)}</td><td>${pct(averages.macro.f1)}</td><td></td></tr>
        <tr class="ml-row--summary"><th scope="row">${s.multiclass.micro}</th><td>${pct(averages.micro.precision)}</td><td>${pct(averages.micro.recall)}</td><td>${pct(averages.micro.f1)}</td><td></td></tr>
      </tbody>
    </table>
    <p class="ml-compare">${format(s.multiclass.summary, { accuracy: pct(averages.accuracy), micro: pct(averages.micro.f1), macro: pct(averages.macro.f1) })}</p>
    ${undefinedClasses.length ? html`<p class="ml-metric__why">${format(s.multiclass.undefinedAsZero, { classes: undefinedClasses.map((k) => k + 1).join('、') })}</p>` : nothing}`;
}
