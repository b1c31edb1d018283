import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { chartScales, xyChart, CHART_FONT_PX, type Scales } from '../../ui/charts/xy-chart';
import { contourBands, contourLayer } from '../../ui/charts/contours';
import { dragPoint } from '../../ui/motion/drag-point';
import { evaluateConstraint, evaluateObjective, type NlpIterate, type V2 } from '../../../src/lib/math/nonlinear';
import { arrow } from './arrow';
import { runOf, type Box, type NlpModel, type Sampled } from './model';
import type { NlpStrings } from './strings';

/** What the live element adds to the chart: how much of the path is shown, and the handles. */
export interface ChartOptions {
  /** How many iterates of the path to draw (all of them in the static figure). */
  shown?: number;
  onStart?: (x: number, y: number) => void;
  onCenter?: (x: number, y: number) => void;
  home?: { x: number; y: number };
}

const field = (sampled: Sampled, box: Box) => ({
  values: sampled.values,
  nx: sampled.n,
  ny: sampled.n,
  box,
  thresholds: sampled.thresholds,
});

/**
 * Clips a layer to the plot area: a nested SVG viewport over exactly that area, in the
 * chart's own pixel coordinates, hides whatever leaves it (no clip-path ids to keep unique).
 */
function clipped(scales: Scales, content: unknown): SVGTemplateResult {
  const { margin, width, height } = scales;
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  return svg`<svg x=${margin.left} y=${margin.top} width=${w} height=${h} viewBox=${`${margin.left} ${margin.top} ${w} ${h}`} overflow="hidden">${content}</svg>`;
}

/**
 * A diverging run leaves the window by many orders of magnitude: pull each far point back
 * along its segment to a frame a few windows wide, so the direction stays right and the
 * SVG coordinates stay small.
 */
function tame(points: readonly V2[], box: Box): V2[] {
  const span = Math.max(box.x[1] - box.x[0], box.y[1] - box.y[0]);
  const lo: V2 = [box.x[0] - 2 * span, box.y[0] - 2 * span];
  const hi: V2 = [box.x[1] + 2 * span, box.y[1] + 2 * span];
  const out: V2[] = [];
  for (const p of points) {
    const prev = out.at(-1);
    if (!prev) {
      out.push(p);
      continue;
    }
    let t = 1;
    for (const axis of [0, 1] as const) {
      const d = p[axis] - prev[axis];
      if (p[axis] > hi[axis] && d > 0) t = Math.min(t, (hi[axis] - prev[axis]) / d);
      if (p[axis] < lo[axis] && d < 0) t = Math.min(t, (lo[axis] - prev[axis]) / d);
    }
    out.push([prev[0] + t * (p[0] - prev[0]), prev[1] + t * (p[1] - prev[1])]);
    if (t < 1) break;
  }
  return out;
}

function equalityCurves(model: NlpModel, scales: Scales): SVGTemplateResult[] {
  const { x, y } = scales;
  return model.problem.constraints
    .filter((c) => c.kind === 'eq')
    .map((c) => {
      const s = c.shape;
      if (s.shape === 'circle') {
        return svg`<ellipse class="ml-nlp__curve" cx=${x(s.center[0])} cy=${y(s.center[1])}
          rx=${Math.abs(x(s.radius) - x(0))} ry=${Math.abs(y(s.radius) - y(0))} />`;
      }
      // a₁x + a₂y = b across the window (the presets never use a₂ = 0).
      const [a1, a2] = s.a;
      const at = (px: number) => (s.b - a1 * px) / a2;
      const [x0, x1] = model.box.x;
      return svg`<line class="ml-nlp__curve" x1=${x(x0)} y1=${y(at(x0))} x2=${x(x1)} y2=${y(at(x1))} />`;
    });
}

function pathLayer(path: readonly NlpIterate[], shown: number, box: Box, scales: Scales): SVGTemplateResult {
  const visible = path.slice(0, Math.max(1, shown));
  const byOuter = new Map<number, V2[]>();
  let previous: V2 | null = null;
  for (const it of visible) {
    const line = byOuter.get(it.outer) ?? (previous ? [previous] : []);
    line.push(it.x);
    byOuter.set(it.outer, line);
    previous = it.x;
  }
  const px = (p: V2) => `${scales.x(p[0]).toFixed(1)},${scales.y(p[1]).toFixed(1)}`;
  const current = visible.at(-1);
  return clipped(
    scales,
    svg`${[...byOuter].map(
      ([outer, points]) =>
        svg`<polyline class=${`ml-nlp__path ml-nlp__path--${outer % 2}`} points=${tame(points, box).map(px).join(' ')} />`,
    )}
    ${visible.map((it) => svg`<circle class="ml-nlp__iterate" cx=${scales.x(it.x[0])} cy=${scales.y(it.x[1])} r="2" />`)}
    ${current && shown < path.length
      ? svg`<circle class="ml-nlp__now" cx=${scales.x(current.x[0])} cy=${scales.y(current.x[1])} r="6" />`
      : nothing}`,
  );
}

/** ∇f and each multiplier × constraint gradient at the answer: they add up to zero (stationarity). */
function forceArrows(model: NlpModel, scales: Scales): SVGTemplateResult | typeof nothing {
  const run = runOf(model);
  if (!run || run.status !== 'converged' || model.constraints.length === 0) return nothing;
  const g = evaluateObjective(model.problem.objective, run.x).gradient;
  const vectors: { v: V2; className: string; label: string }[] = [{ v: [g[0], g[1]], className: 'ml-nlp__force--f', label: '∇f' }];
  for (const c of model.constraints) {
    const m = run.multipliers[c.index] ?? 0;
    const n = evaluateConstraint(c.spec.shape, run.x).gradient;
    vectors.push({ v: [m * n[0], m * n[1]], className: 'ml-nlp__force--c', label: c.term });
  }
  const longest = Math.max(...vectors.map(({ v }) => Math.hypot(v[0], v[1])));
  if (!(longest > 1e-9)) return nothing;
  const unit = Math.abs(scales.x(1) - scales.x(0));
  const k = 56 / (longest * unit);
  const from = { x: scales.x(run.x[0]), y: scales.y(run.x[1]) };
  return svg`<g class="ml-nlp__forces">
    ${vectors.map(({ v, className, label }) => {
      const to = { x: from.x + v[0] * unit * k, y: from.y - v[1] * unit * k };
      const length = Math.hypot(to.x - from.x, to.y - from.y);
      if (length < 1) return nothing;
      // The name sits beside the shaft, clear of the markers at both ends.
      const tx = from.x + (to.x - from.x) * 0.55 - ((to.y - from.y) / length) * 13;
      const ty = from.y + (to.y - from.y) * 0.55 + ((to.x - from.x) / length) * 13;
      return svg`${arrow(from, to, className)}
        <text class="ml-nlp__force-label" x=${tx} y=${ty} dy="0.32em" text-anchor="middle" font-size=${CHART_FONT_PX}>${label}</text>`;
    })}
  </g>`;
}

function handles(model: NlpModel, scales: Scales, s: NlpStrings, o: ChartOptions): SVGTemplateResult {
  const { state, dragBox } = model;
  const inBox = (px: number, py: number) => ({
    x: Math.min(dragBox.x[1], Math.max(dragBox.x[0], px)),
    y: Math.min(dragBox.y[1], Math.max(dragBox.y[0], py)),
  });
  const xyScales = { x: scales.x, y: scales.y };
  const center =
    state.objective !== 'quadratic'
      ? nothing
      : o.onCenter
        ? dragPoint({ label: s.chart.center, x: state.cx, y: state.cy, scales: xyScales, step: 0.1, constrain: inBox, onMove: o.onCenter, className: 'ml-nlp__center', radius: 7 })
        : svg`<circle class="ml-nlp__center-dot" cx=${scales.x(state.cx)} cy=${scales.y(state.cy)} r="7" />`;
  const start = o.onStart
    ? dragPoint({
        label: s.chart.start,
        x: state.x0,
        y: state.y0,
        scales: xyScales,
        step: 0.1,
        constrain: inBox,
        onMove: o.onStart,
        className: 'ml-nlp__start',
        ...(o.home ? { home: o.home } : {}),
      })
    : svg`<circle class="ml-drag-point__dot" cx=${scales.x(state.x0)} cy=${scales.y(state.y0)} r="8" />`;
  return svg`${center}${start}`;
}

/** Filled contours of f, the feasible region, the equality curve, the path and the answer. */
export function nlpChart(model: NlpModel, s: NlpStrings, width: number, o: ChartOptions = {}): TemplateResult {
  const run = runOf(model);
  const axes = { x: { domain: model.box.x, label: s.chart.x, nice: false }, y: { domain: model.box.y, label: s.chart.y, nice: false } } as const;
  // Equal units on both axes, so a circle is drawn round.
  const probe = chartScales({ width, height: width, ...axes });
  const plot = width - probe.margin.left - probe.margin.right;
  const ratio = (model.box.y[1] - model.box.y[0]) / (model.box.x[1] - model.box.x[0]);
  const height = Math.round(plot * ratio + probe.margin.top + probe.margin.bottom);
  const shown = o.shown ?? run?.path.length ?? 0;
  const chart = xyChart({
    width,
    height,
    ...axes,
    label: s.chart.label,
    under: (scales) => svg`
      ${contourLayer(field(model.objective, model.box), scales, () => 'ml-nlp__level')}
      ${model.region
        ? clipped(scales, contourBands(field(model.region, model.box), scales).map((band) => svg`<path class="ml-nlp__region" d=${band.path} />`))
        : nothing}
      ${clipped(scales, equalityCurves(model, scales))}`,
    over: (scales) => svg`
      ${run ? pathLayer(run.path, shown, model.box, scales) : nothing}
      ${run
        ? clipped(scales, run.outerSteps.map((step) => svg`<circle class="ml-nlp__outer-end" cx=${scales.x(step.x[0])} cy=${scales.y(step.x[1])} r="3.5" />`))
        : nothing}
      ${run && shown >= run.path.length ? forceArrows(model, scales) : nothing}
      ${run && shown >= run.path.length && run.status === 'converged'
        ? svg`<circle class="ml-nlp__answer" cx=${scales.x(run.x[0])} cy=${scales.y(run.x[1])} r="9"></circle>`
        : nothing}
      ${o.onStart ? nothing : handles(model, scales, s, o)}`,
  });
  // The chart is an image (role="img"); the focusable handles sit in a second SVG over it.
  const scales = chartScales({ width, height, ...axes });
  const overlay = o.onStart
    ? html`<svg class="ml-nlp__handles" width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`}>${handles(model, scales, s, o)}</svg>`
    : nothing;
  return html`<figure class="ml-nlp__figure"><div class="ml-nlp__stack">${chart}${overlay}</div></figure>`;
}

export function nlpLegend(model: NlpModel, s: NlpStrings): TemplateResult {
  const hasEq = model.problem.constraints.some((c) => c.kind === 'eq');
  return html`<ul class="ml-legend ml-nlp__legend">
    <li><span class="ml-nlp__key ml-nlp__key--levels" aria-hidden="true"></span>${s.chart.legendLevels}</li>
    ${model.region ? html`<li><span class="ml-nlp__key ml-nlp__key--region" aria-hidden="true"></span>${s.chart.legendRegion}</li>` : nothing}
    ${hasEq ? html`<li><span class="ml-nlp__key ml-nlp__key--curve" aria-hidden="true"></span>${s.chart.legendCurve}</li>` : nothing}
    <li><span class="ml-nlp__key ml-nlp__key--path" aria-hidden="true"></span>${s.chart.legendPath}</li>
    <li><span class="ml-nlp__key ml-nlp__key--end" aria-hidden="true"></span>${s.chart.legendOuterEnd}</li>
    ${runOf(model)?.status === 'converged' ? html`<li><span class="ml-nlp__key ml-nlp__key--answer" aria-hidden="true"></span>${s.chart.answer}</li>` : nothing}
    ${model.constraints.length ? html`<li><span class="ml-nlp__key ml-nlp__key--force" aria-hidden="true"></span>${s.chart.legendForces}</li>` : nothing}
  </ul>`;
}
