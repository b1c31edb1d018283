import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { ticks } from 'd3-array';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import { chartScales, pathOf, xyChart, CHART_FONT_PX, type Point, type Scales, type XYChartOptions } from '../../ui/charts/xy-chart';
import { contourLayer } from '../../ui/charts/contours';
import { directionArrow, directionLabelAt } from '../../ui/charts/direction-arrows';
import { lineInBox } from '../../../src/lib/math/lp2d';
import type { LagrangeEquation } from '../../../src/lib/math/worked-example';
import { objectiveGrid, type ExampleModel } from './model';
import { factor, num, pair, termsTex } from './format';
import type { ExampleStrings } from './strings';
import { svgTitle } from '../../ui/charts/svg-title';

/**
 * The worked-example island's figures as pure views of the model: the live element draws
 * them with its controls (and the draggable point, as an overlay) around them;
 * ExampleIsland.astro renders the same functions at build time for the static fallback.
 */

export function problemFormula(model: ExampleModel): TemplateResult {
  const { w1, w2, a1, a2, b } = model.state;
  const expression = `\\min_{x}\\ ${termsTex(w1, w2, 'x_1^2', 'x_2^2')}\\quad\\text{s.t.}\\quad ${termsTex(a1, a2, 'x_1', 'x_2')}=${num(b)},\\ \\ x_1,x_2\\ge 0`;
  return html`<div class="ml-ex-formula" data-scroll-x>${tex(expression, true)}</div>`;
}

const fTex = (model: ExampleModel, x: readonly number[]): string => {
  const { w1, w2 } = model.state;
  const [x1 = 0, x2 = 0] = x;
  return `f${pair(x)}=${factor(w1)}\\cdot ${factor(x1)}^2+${factor(w2)}\\cdot ${factor(x2)}^2=${num(w1 * x1 * x1 + w2 * x2 * x2)}`;
};

function squareChart(model: ExampleModel, s: ExampleStrings, width: number): Pick<XYChartOptions, 'width' | 'height' | 'x' | 'y' | 'label'> {
  const { lo, hi } = model.view;
  const axis = (label: string) => ({ domain: [lo, hi] as const, label, nice: false, ticks: width < 400 ? 5 : 6 });
  const x = axis(s.chart.x1);
  const y = axis(s.chart.x2);
  const probe = chartScales({ width, height: width, x, y });
  // Equal scales on both axes: f's level sets are true ellipses and ∇h is drawn at a right angle to the line.
  const plot = width - probe.margin.left - probe.margin.right;
  return { width, height: Math.round(plot + probe.margin.top + probe.margin.bottom), x, y, label: s.chart.label };
}

export function contourScales(model: ExampleModel, s: ExampleStrings, width: number): Scales {
  return chartScales(squareChart(model, s, width));
}

/** The level set f = value, with the points outside the view left out (gaps in the path). */
function ellipse(model: ExampleModel, value: number): Point[] {
  const [w1, w2] = model.problem.weights;
  if (!(w1 > 0 && w2 > 0 && value > 0)) return [];
  const { lo, hi } = model.view;
  const rx = Math.sqrt(value / w1);
  const ry = Math.sqrt(value / w2);
  return Array.from({ length: 721 }, (_, k) => {
    const angle = (2 * Math.PI * k) / 720;
    const p = { x: rx * Math.cos(angle), y: ry * Math.sin(angle) };
    return p.x >= lo && p.x <= hi && p.y >= lo && p.y <= hi ? p : { x: NaN, y: NaN };
  });
}

function segmentPath(a: readonly number[], b: number, box: { xMin: number; xMax: number; yMin: number; yMax: number }, sc: Scales): string {
  if (box.xMin >= box.xMax || box.yMin >= box.yMax) return '';
  const seg = lineInBox(a, b, box);
  return seg ? pathOf(seg, sc) : '';
}

export interface ContourOptions {
  /** Interactive layer (the draggable point) in a second SVG over the chart, which is role="img". */
  overlay?: (scales: Scales) => SVGTemplateResult;
}

/** Contours of f, the constraint line (feasible part solid), the reader's point and the optimum. */
export function contourChart(model: ExampleModel, s: ExampleStrings, width: number, options: ContourOptions = {}): TemplateResult {
  const chart = squareChart(model, s, width);
  const scales = chartScales(chart);
  const { lo, hi } = model.view;
  const n = 56;
  const values = objectiveGrid(model, n);
  let fMax = -Infinity;
  for (const v of values) fMax = Math.max(fMax, v);
  const [w1, w2] = model.problem.weights;
  const convex = w1 > 0 && w2 > 0;
  const thresholds = convex ? ticks(0, fMax, 9).filter((t) => t > 0) : [];
  const a = [model.state.a1, model.state.a2];
  const b = model.state.b;
  const { point, result, lineMinimum } = model;
  const optimum = result.ok ? { x: result.x[0], y: result.x[1] } : null;
  const showFree = lineMinimum && result.ok && (result.activeBounds[0] || result.activeBounds[1]);
  const gradient = point ? { x: 2 * w1 * point.x[0], y: 2 * w2 * point.x[1] } : null;
  const here = point ? { x: point.x[0], y: point.x[1] } : null;
  const gradLabel = here && gradient ? directionLabelAt(scales, here, gradient, 44) : null;
  const normalLabel = here && model.line ? directionLabelAt(scales, here, { x: a[0] ?? 0, y: a[1] ?? 0 }, 44) : null;

  const svgChart = xyChart({
    ...chart,
    under: (sc) => svg`
      ${thresholds.length ? contourLayer({ values, nx: n, ny: n, box: { x: [lo, hi], y: [lo, hi] }, thresholds }, sc, () => 'ml-ex-band') : nothing}
      <rect class="ml-ex-outside" x=${sc.x(lo)} y=${sc.y(hi)} width=${Math.max(0, sc.x(0) - sc.x(lo))} height=${Math.max(0, sc.y(lo) - sc.y(hi))} />
      <rect class="ml-ex-outside" x=${sc.x(0)} y=${sc.y(0)} width=${Math.max(0, sc.x(hi) - sc.x(0))} height=${Math.max(0, sc.y(lo) - sc.y(0))} />
      <g>
        ${point && point.f > 0 ? svg`<path class="ml-ex-level ml-ex-level--here" d=${pathOf(ellipse(model, point.f), sc)} />` : nothing}
        ${result.ok ? svg`<path class="ml-ex-level ml-ex-level--best" d=${pathOf(ellipse(model, result.f), sc)} />` : nothing}
        ${model.line ? svg`<path class="ml-ex-line ml-ex-line--outside" d=${segmentPath(a, b, { xMin: lo, xMax: hi, yMin: lo, yMax: hi }, sc)} />` : nothing}
        ${model.line ? svg`<path class="ml-ex-line" d=${segmentPath(a, b, { xMin: Math.max(0, lo), xMax: hi, yMin: Math.max(0, lo), yMax: hi }, sc)} />` : nothing}
      </g>`,
    over: (sc) => svg`
      ${showFree && lineMinimum ? svg`<circle class="ml-ex-free" cx=${sc.x(lineMinimum.x[0])} cy=${sc.y(lineMinimum.x[1])} r="6">${svgTitle(s.chart.lineMinimum)}</circle>` : nothing}
      ${optimum ? svg`<circle class="ml-ex-optimum" cx=${sc.x(optimum.x)} cy=${sc.y(optimum.y)} r="9">${svgTitle(s.chart.optimum)}</circle>` : nothing}
      ${here && model.line ? directionArrow(sc, here, { x: a[0] ?? 0, y: a[1] ?? 0 }, 44, { className: 'ml-ex-normal', label: s.chart.normal }) : nothing}
      ${here && gradient ? directionArrow(sc, here, gradient, 44, { className: 'ml-ex-gradient', label: s.chart.gradient }) : nothing}
      ${gradLabel ? svg`<text class="ml-ex-arrow-label ml-ex-gradient" x=${gradLabel.x} y=${gradLabel.y} dy="0.32em" text-anchor="middle" font-size=${CHART_FONT_PX}>∇f</text>` : nothing}
      ${normalLabel ? svg`<text class="ml-ex-arrow-label ml-ex-normal" x=${normalLabel.x} y=${normalLabel.y} dy="0.32em" text-anchor="middle" font-size=${CHART_FONT_PX}>∇h</text>` : nothing}
      ${here && !options.overlay ? svg`<circle class="ml-ex-point" cx=${sc.x(here.x)} cy=${sc.y(here.y)} r="7" />` : nothing}`,
  });
  return html`<figure class="ml-ex-figure">
    <div class="ml-ex-stack" style=${options.overlay ? `width:${chart.width}px;height:${chart.height}px` : nothing}>
      ${svgChart}
      ${options.overlay
        ? html`<svg class="ml-ex-overlay" width=${chart.width} height=${chart.height} viewBox=${`0 0 ${chart.width} ${chart.height}`}>${options.overlay(scales)}</svg>`
        : nothing}
    </div>
    <figcaption class="ml-legend">
      <span><span class="ml-ex-key ml-ex-key--line" aria-hidden="true"></span>${s.chart.line}</span>
      <span><span class="ml-ex-key ml-ex-key--outside" aria-hidden="true"></span>${s.chart.infeasiblePart}</span>
      ${point && point.f > 0 && convex ? html`<span><span class="ml-ex-key ml-ex-key--here" aria-hidden="true"></span>${format(s.chart.levelHere, { f: num(point.f) })}</span>` : nothing}
      ${result.ok ? html`<span><span class="ml-ex-key ml-ex-key--best" aria-hidden="true"></span>${format(s.chart.levelBest, { f: num(result.f) })}</span>` : nothing}
      ${result.ok ? html`<span><span class="ml-swatch ml-ex-swatch--optimum" aria-hidden="true"></span>${s.chart.optimum}</span>` : nothing}
      ${showFree ? html`<span><span class="ml-swatch ml-ex-swatch--free" aria-hidden="true"></span>${s.chart.lineMinimum}</span>` : nothing}
      ${convex ? html`<span>${s.chart.contours}</span>` : nothing}
    </figcaption>
  </figure>`;
}

/** f along the constraint line, with the feasible interval, the reader's point and the optimum. */
export function profileChart(model: ExampleModel, s: ExampleStrings, width: number): TemplateResult {
  const line = model.line;
  if (!line) return html``;
  const { lo, hi } = model.view;
  const f = (t: number): number => (line.quadratic * t + line.linear) * t + line.constant;
  const samples = Array.from({ length: 161 }, (_, k) => {
    const t = lo + ((hi - lo) * k) / 160;
    return { x: t, y: f(t) };
  });
  const ys = samples.map((p) => p.y).filter(Number.isFinite);
  const yMin = Math.min(0, ...ys);
  const yMax = Math.max(...ys, yMin + 1);
  const height = Math.round(Math.min(300, Math.max(220, width * 0.7)));
  const { point, result } = model;
  const best = result.ok ? { x: result.x[line.parameter], y: result.f } : null;
  const feasible = line.feasible;
  const vertical = line.parameter === 1;
  return html`<figure class="ml-ex-figure">
    ${xyChart({
      width,
      height,
      label: s.profile.label,
      x: { domain: [lo, hi], label: vertical ? s.profile.axisVertical : s.profile.axis, nice: false, ticks: width < 400 ? 5 : 6 },
      y: { domain: [yMin, yMax], label: s.profile.f, ticks: 5 },
      under: (sc) =>
        feasible
          ? svg`<rect class="ml-ex-feasible" x=${sc.x(Math.max(lo, feasible.min))} y=${sc.margin.top}
              width=${Math.max(0, sc.x(Math.min(hi, feasible.max ?? hi)) - sc.x(Math.max(lo, feasible.min)))} height=${sc.height - sc.margin.top - sc.margin.bottom} />`
          : nothing,
      // The curve and markers are drawn here, named by the chart's label and <title>s: xyChart's
      // series and markers carry aria-label on role-less SVG shapes, which axe refuses.
      over: (sc) => svg`
        <path class="ml-chart__line ml-series--2" fill="none" d=${pathOf(samples, sc)} />
        ${best ? svg`<circle class="ml-chart__marker ml-marker--best" cx=${sc.x(best.x)} cy=${sc.y(best.y)} r="8">${svgTitle(s.profile.best)}</circle>` : nothing}
        ${point && point.t >= lo && point.t <= hi ? svg`<circle class="ml-chart__marker ml-marker--current" cx=${sc.x(point.t)} cy=${sc.y(point.f)} r="5">${svgTitle(s.profile.here)}</circle>` : nothing}`,
    })}
    <figcaption class="ml-legend">
      <span><span class="ml-swatch ml-ex-swatch--feasible" aria-hidden="true"></span>${s.profile.feasible}</span>
      <span><span class="ml-swatch ml-swatch--current" aria-hidden="true"></span>${s.profile.here}</span>
      ${best ? html`<span><span class="ml-swatch ml-swatch--best" aria-hidden="true"></span>${s.profile.best}</span>` : nothing}
    </figcaption>
  </figure>`;
}

/** f at the reader's point, and which way along the line f still decreases. */
export function herePanel(model: ExampleModel, s: ExampleStrings): TemplateResult | typeof nothing {
  const { point, line, result } = model;
  if (!point || !line) return nothing;
  const slope = 2 * line.quadratic * point.t + line.linear;
  const coordinate = line.parameter === 0 ? 'x₁' : 'x₂';
  const atOptimum = result.ok && Math.abs(result.x[line.parameter] - point.t) <= 1e-9 * Math.max(1, Math.abs(point.t));
  const flat = Math.abs(slope) <= 1e-9 * Math.max(1, Math.abs(line.linear), Math.abs(line.quadratic));
  let words: string;
  if (!point.feasible) {
    words = format(s.here.infeasible, { x: pair(point.x), which: point.x[0] < 0 ? 'x₁' : 'x₂' });
  } else {
    words = format(s.here.feasible, { x: pair(point.x) });
  }
  let slopeWords = '';
  if (flat) slopeWords = s.here.atOptimum;
  else if (!atOptimum) slopeWords = format(s.here.slope, { slope: num(slope), way: format(slope > 0 ? s.here.decrease : s.here.increase, { x: coordinate }) });
  return html`<div class="ml-ex-here" data-f-here=${num(point.f)} data-t=${num(point.t)}>
    <div data-scroll-x>${tex(fTex(model, point.x), true)}</div>
    <p>${words} ${slopeWords}</p>
  </div>`;
}

/** The solver's answer, why a bound is active, the segment's ends (E10), and errors. */
export function answerPanel(model: ExampleModel, s: ExampleStrings): TemplateResult {
  const { result } = model;
  if (!result.ok) {
    return html`<p class="ml-ex-problem" role="status" data-error=${result.code}>${s.errors[result.code]}</p>`;
  }
  const bound: 0 | 1 | null = result.activeBounds[0] ? 0 : result.activeBounds[1] ? 1 : null;
  const free = model.lineMinimum;
  const ends = model.ends;
  const textbook = model.state.w1 === 1 && model.state.w2 === 1 && model.state.a1 === 1 && model.state.a2 === 1 && model.state.b === 1;
  const [endA, endB] = ends;
  return html`<div class="ml-ex-answer" data-x=${result.x.map((v) => num(v)).join(',')} data-f=${num(result.f)} data-lambda=${num(result.lambda)}>
    <p class="ml-ex-answer__main" role="status">${format(s.answer.optimum, { x: pair(result.x), f: num(result.f), lambda: num(result.lambda) })}</p>
    <div data-scroll-x>${tex(`x^*=${pair(result.x)},\\quad ${fTex(model, result.x).replace(/^f\([^)]*\)/, 'f(x^*)')}`, true)}</div>
    ${bound !== null && free
      ? html`<p class="ml-ex-note" data-bound=${bound + 1}>${format(s.answer.bound, {
          bound: bound === 0 ? 'x₁ ≥ 0' : 'x₂ ≥ 0',
          free: pair(free.x),
          which: bound === 0 ? 'x₁' : 'x₂',
          x: pair(result.x),
          nu: `ν${bound === 0 ? '₁' : '₂'} = ${num(result.nu[bound])}`,
        })}</p>`
      : nothing}
    ${endA && endB && bound === null
      ? html`<p class="ml-ex-note">${format(s.answer.ends, { a: pair(endA.x), b: pair(endB.x), fa: num(endA.f), fb: num(endB.f) })}</p>`
      : endA && !endB
        ? html`<p class="ml-ex-note">${format(s.answer.endsRay, { a: pair(endA.x), fa: num(endA.f) })}</p>`
        : nothing}
    ${textbook ? html`<p class="ml-ex-note ml-ex-note--source">${s.answer.source}</p>` : nothing}
  </div>`;
}

function equationTex(e: LagrangeEquation): { general: string; filled: string } {
  const under = (expression: string, value: number): string => `\\underbrace{${expression}}_{=\\,${num(value)}}`;
  switch (e.kind) {
    case 'stationarity': {
      const i = e.variable + 1;
      return {
        general: `2w_${i}x_${i}=\\lambda a_${i}+\\nu_${i}`,
        filled: `${under(`2\\cdot ${factor(e.weight)}\\cdot ${factor(e.x)}`, e.lhs)}=${under(`${factor(e.lambda)}\\cdot ${factor(e.a)}+${factor(e.nu)}`, e.rhs)}`,
      };
    }
    case 'constraint':
      return {
        general: 'a_1x_1+a_2x_2=b',
        filled: `${under(`${factor(e.a[0])}\\cdot ${factor(e.x[0])}+${factor(e.a[1])}\\cdot ${factor(e.x[1])}`, e.lhs)}=${num(e.rhs)}`,
      };
    case 'complementarity': {
      const i = e.variable + 1;
      return { general: `\\nu_${i}x_${i}=0`, filled: `${under(`${factor(e.nu)}\\cdot ${factor(e.x)}`, e.lhs)}=0` };
    }
  }
}

/** The KKT conditions of the solver's answer, each with the reader's numbers and both sides. */
export function lagrangePanel(model: ExampleModel, s: ExampleStrings): TemplateResult | typeof nothing {
  const { result } = model;
  if (!result.ok) return nothing;
  const name = (e: LagrangeEquation): string =>
    e.kind === 'stationarity'
      ? format(s.lagrange.stationarity, { i: e.variable === 0 ? '₁' : '₂' })
      : e.kind === 'constraint'
        ? s.lagrange.constraint
        : format(s.lagrange.complementarity, { i: e.variable === 0 ? '₁' : '₂' });
  return html`<section class="ml-ex-kkt">
    <h4>${s.lagrange.title}</h4>
    <p class="ml-ex-note">${s.lagrange.intro}</p>
    <ul class="ml-ex-equations">
      ${result.equations.map((e) => {
        const t = equationTex(e);
        const holds = Math.abs(e.lhs - e.rhs) <= 1e-9 * Math.max(1, Math.abs(e.lhs), Math.abs(e.rhs));
        return html`<li data-kind=${e.kind} data-lhs=${num(e.lhs)} data-rhs=${num(e.rhs)}>
          <span class="ml-ex-equations__name">${name(e)}${holds ? html` <span class="ml-ex-holds">✓ ${s.lagrange.holds}</span>` : nothing}</span>
          <span class="ml-ex-equations__tex" data-scroll-x>${tex(`\\displaystyle ${t.general}:\\quad ${t.filled}`)}</span>
        </li>`;
      })}
      <li data-kind="dual">
        <span class="ml-ex-equations__name">${s.lagrange.dual} <span class="ml-ex-holds">✓ ${s.lagrange.holds}</span></span>
        <span class="ml-ex-equations__tex" data-scroll-x>${tex(`\\nu_1=${num(result.nu[0])}\\ge 0,\\quad \\nu_2=${num(result.nu[1])}\\ge 0`)}</span>
      </li>
    </ul>
  </section>`;
}

/** Four decimals, as a solver's iterate is shown; no −0.0000. */
const fixed4 = (x: number): string => (Math.abs(x) < 5e-5 ? 0 : x).toFixed(4);

export function checkLine(model: ExampleModel, s: ExampleStrings): TemplateResult | typeof nothing {
  const c = model.check;
  if (!c) return nothing;
  if (c.status !== 'converged' || !c.x || c.lambda === null || c.distance === null) {
    return html`<p class="ml-ex-note" data-check=${c.status}>${format(s.check.failed, { status: c.status })}</p>`;
  }
  return html`<p class="ml-ex-note" data-check="converged" data-distance=${c.distance.toExponential(1)}>
    ${format(s.check.converged, { x: `(${fixed4(c.x[0])}, ${fixed4(c.x[1])})`, lambda: fixed4(c.lambda), distance: c.distance.toExponential(1) })}
  </p>`;
}
