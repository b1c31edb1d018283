import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import { chartScales, pathOf, xyChart, CHART_FONT_PX, type Scales, type XYChartOptions } from '../../ui/charts/xy-chart';
import { arrow, directionArrow, directionLabelAt } from '../../ui/charts/direction-arrows';
import { levelLine, type Point } from '../../../src/lib/math/lp2d';
import { initialInfeasibility, pivotsOf, variablesOf, type LpModel } from './model';
import { circled, linearTex, num, point, texFactor, vector, variableName } from './format';
import type { LpStrings } from './strings';
import { svgTitle } from '../../ui/charts/svg-title';

/**
 * The LP island's figures as pure views of the model: the live element draws them with
 * its controls (and the drag handles, as an overlay) around them; LpIsland.astro renders
 * the same functions at build time for the static fallback.
 */

const RELATION_TEX = { '<=': '\\le', '>=': '\\ge', '=': '=' } as const;

/** The problem with the reader's numbers: max/min cᵀx subject to the rows and x ≥ 0. */
export function problemFormula(model: LpModel): TemplateResult {
  const { state, rows } = model;
  const lines = rows.map((r) => `${linearTex(r.a[0], r.a[1])} &${RELATION_TEX[r.relation]} ${num(r.b)}`);
  const body = [...lines, 'x_1,\\ x_2 &\\ge 0'].join('\\\\');
  const expression = `\\${state.sense}\\ ${linearTex(state.c1, state.c2)}\\quad\\text{s.t.}\\quad\\begin{aligned}${body}\\end{aligned}`;
  return html`<div class="ml-lp-formula" data-scroll-x>${tex(expression, true)}</div>`;
}

function objectiveTex(model: LpModel, p: Point): string {
  const { c1, c2 } = model.state;
  return `${texFactor(c1)}\\cdot ${texFactor(p.x)}+${texFactor(c2)}\\cdot ${texFactor(p.y)}=${num(c1 * p.x + c2 * p.y)}`;
}

function chartOptions(model: LpModel, s: LpStrings, width: number): Pick<XYChartOptions, 'width' | 'height' | 'x' | 'y' | 'label'> {
  const { box } = model;
  const x = { domain: [box.xMin, box.xMax] as const, label: s.chart.x1, nice: false, ticks: width < 400 ? 5 : 7 };
  const y = { domain: [box.yMin, box.yMax] as const, label: s.chart.x2, nice: false, ticks: width < 400 ? 5 : 7 };
  const probe = chartScales({ width, height: width, x, y });
  // A square plot area: both axes share one scale, so c is drawn perpendicular to its level lines.
  const plot = width - probe.margin.left - probe.margin.right;
  return { width, height: Math.round(plot + probe.margin.top + probe.margin.bottom), x, y, label: s.chart.label };
}

/** The scales the LP chart is drawn with (the element places its drag handles with them). */
export function lpScales(model: LpModel, s: LpStrings, width: number): Scales {
  return chartScales(chartOptions(model, s, width));
}

const closed = (points: readonly Point[], scales: Scales): string => (points.length >= 3 ? `${pathOf(points, scales)}Z` : '');

function constraintLines(model: LpModel, scales: Scales): SVGTemplateResult[] {
  const lines = model.geometry?.lines ?? [];
  return lines.map((segment, i) => {
    if (!segment) return svg``;
    const [p, q] = segment;
    // Label near the end that is higher up (or further right), inside the plot.
    const end = p.y > q.y || (p.y === q.y && p.x > q.x) ? p : q;
    const other = end === p ? q : p;
    const at = { x: end.x + (other.x - end.x) * 0.08, y: end.y + (other.y - end.y) * 0.08 };
    return svg`<g class=${`ml-lp-line ml-lp-row--${i + 1}`}>
      <line x1=${scales.x(p.x)} y1=${scales.y(p.y)} x2=${scales.x(q.x)} y2=${scales.y(q.y)} />
      <text x=${scales.x(at.x)} y=${scales.y(at.y)} dy="0.32em" dx="6" font-size=${CHART_FONT_PX + 2}>${circled(i)}</text>
    </g>`;
  });
}

export interface LpChartOptions {
  /** How many pivots of the path to draw. */
  shown: number;
  /** Interactive layer (drag handles) in a second SVG over the chart: a chart is role="img", whose children assistive technology does not see. */
  overlay?: (scales: Scales) => SVGTemplateResult;
}

export function lpChart(model: LpModel, s: LpStrings, width: number, options: LpChartOptions): TemplateResult {
  const chart = chartOptions(model, s, width);
  const scales = chartScales(chart);
  const { result, geometry, path, problem } = model;
  const visible = path.slice(0, options.shown + 1);
  const current = visible.at(-1);
  const optimum = result.status === 'optimal' ? { x: result.x[0] ?? 0, y: result.x[1] ?? 0 } : null;
  const level = optimum && result.status === 'optimal' ? levelLine(problem, result.objective, model.box) : null;
  const c = { x: model.state.c1, y: model.state.c2 };
  const better = model.state.sense === 'max' ? c : { x: -c.x, y: -c.y };
  const labelAt = optimum ? directionLabelAt(scales, optimum, better, 46) : null;
  const ray =
    result.status === 'unbounded'
      ? { from: { x: result.x[0] ?? 0, y: result.x[1] ?? 0 }, d: { x: result.direction[0] ?? 0, y: result.direction[1] ?? 0 } }
      : null;
  const rayEnd = ray ? rayToBox(ray.from, ray.d, model) : null;

  const svgChart = xyChart({
    ...chart,
    under: (sc) => svg`
      <path class="ml-lp-region" d=${closed(geometry?.polygon ?? [], sc)} />
      <line class="ml-lp-axis" x1=${sc.x(0)} x2=${sc.x(model.box.xMax)} y1=${sc.y(0)} y2=${sc.y(0)} />
      <line class="ml-lp-axis" x1=${sc.x(0)} x2=${sc.x(0)} y1=${sc.y(0)} y2=${sc.y(model.box.yMax)} />
      ${constraintLines(model, sc)}`,
    over: (sc) => svg`
      ${level ? svg`<line class="ml-lp-level" x1=${sc.x(level[0].x)} y1=${sc.y(level[0].y)} x2=${sc.x(level[1].x)} y2=${sc.y(level[1].y)} />` : nothing}
      ${ray && rayEnd ? arrow(sc, ray.from, rayEnd, { className: 'ml-lp-ray', label: s.chart.ray, head: 11 }) : nothing}
      ${visible.slice(1).map((p, i) => arrow(sc, (visible[i] as (typeof visible)[number]).point, p.point, { className: 'ml-lp-step', head: 8 }))}
      ${visible.map(
        (p, i) => svg`<circle class=${`ml-lp-vertex ${p.vertex < 0 ? 'ml-lp-vertex--outside' : ''}`} cx=${sc.x(p.point.x)} cy=${sc.y(p.point.y)} r="4.5" data-step=${i}>
            ${p.vertex < 0 ? svg`${svgTitle(s.chart.phase1Point)}` : nothing}
          </circle>`,
      )}
      ${optimum ? svg`<circle class="ml-lp-optimum" cx=${sc.x(optimum.x)} cy=${sc.y(optimum.y)} r="8">${svgTitle(s.chart.optimum)}</circle>` : nothing}
      ${optimum ? directionArrow(sc, optimum, better, 46, { className: 'ml-lp-direction', label: s.chart.direction }) : nothing}
      ${labelAt ? svg`<text class="ml-lp-direction-label" x=${labelAt.x} y=${labelAt.y} dy="0.32em" text-anchor="middle" font-size=${CHART_FONT_PX}>${model.state.sense === 'max' ? 'c' : '−c'}</text>` : nothing}
      ${current ? svg`<circle class="ml-lp-current" cx=${sc.x(current.point.x)} cy=${sc.y(current.point.y)} r="11" />` : nothing}`,
  });
  return html`<figure class="ml-lp-figure">
    <div class="ml-lp-stack" style=${options.overlay ? `width:${chart.width}px;height:${chart.height}px` : nothing}>
      ${svgChart}
      ${options.overlay
        ? html`<svg class="ml-lp-overlay" width=${chart.width} height=${chart.height} viewBox=${`0 0 ${chart.width} ${chart.height}`}>${options.overlay(scales)}</svg>`
        : nothing}
    </div>
    <figcaption class="ml-legend">
      ${geometry && !geometry.empty ? html`<span><span class="ml-swatch ml-lp-swatch--region" aria-hidden="true"></span>${s.chart.region}</span>` : nothing}
      ${level && result.status === 'optimal' ? html`<span><span class="ml-lp-key ml-lp-key--level" aria-hidden="true"></span>${format(s.chart.level, { value: num(result.objective) })}</span>` : nothing}
      ${optimum ? html`<span><span class="ml-lp-key ml-lp-key--direction" aria-hidden="true"></span>${s.chart.direction}</span>` : nothing}
      <span><span class="ml-lp-key ml-lp-key--path" aria-hidden="true"></span>${s.chart.path}</span>
      ${visible.some((p) => p.vertex < 0) ? html`<span><span class="ml-swatch" aria-hidden="true"></span>${s.chart.phase1Point}</span>` : nothing}
      ${ray ? html`<span><span class="ml-lp-key ml-lp-key--ray" aria-hidden="true"></span>${s.chart.ray}</span>` : nothing}
    </figcaption>
  </figure>`;
}

/** Where the ray x + t·d leaves the view box. */
function rayToBox(from: Point, d: Point, model: LpModel): Point | null {
  const { box } = model;
  const limits = [d.x > 0 ? (box.xMax - from.x) / d.x : Infinity, d.y > 0 ? (box.yMax - from.y) / d.y : Infinity, d.x < 0 ? (box.xMin - from.x) / d.x : Infinity, d.y < 0 ? (box.yMin - from.y) / d.y : Infinity];
  const t = Math.min(...limits);
  return Number.isFinite(t) && t > 0 ? { x: from.x + t * d.x, y: from.y + t * d.y } : null;
}

/** The answer in words, the vertex rule of E8 beside it, and every vertex's value. */
export function verdictPanel(model: LpModel, s: LpStrings): TemplateResult {
  const { result, verdict, vertices } = model;
  let text: string;
  let formula: TemplateResult | typeof nothing = nothing;
  switch (result.status) {
    case 'optimal': {
      const x = { x: result.x[0] ?? 0, y: result.x[1] ?? 0 };
      const optimalVertices = vertices.filter((v) => v.optimal).map((v) => point(v.point));
      text =
        verdict === 'multiple'
          ? format(s.verdict.multiple, { value: num(result.objective), vertices: optimalVertices.join('、'), x: point(x) })
          : format(s.verdict.optimal, { x: point(x), value: num(result.objective) });
      formula = html`<div data-scroll-x>${tex(`x^*=${vector(result.x)},\\quad \\mathbf{c}^\\top x^*=${objectiveTex(model, x)}`, true)}</div>`;
      break;
    }
    case 'infeasible':
      text = format(s.verdict.infeasible, { w: num(result.phase1Objective) });
      break;
    case 'unbounded':
      text = format(s.verdict.unbounded, {
        x: vector(result.x),
        d: vector(result.direction),
        better: model.state.sense === 'max' ? s.verdict.increases : s.verdict.decreases,
        rate: num(Math.abs(result.rate)),
      });
      break;
    case 'invalid':
      text = format(s.verdict.invalid, { code: result.code });
      break;
    default:
      text = format(s.verdict.stopped, { count: result.steps.length });
  }
  const rule =
    verdict === 'optimal' || verdict === 'multiple' || verdict === 'infeasible' || verdict === 'unbounded'
      ? format(s.vertexRule[verdict], { x: result.status === 'optimal' ? vector(result.x) : '' })
      : '';
  return html`<div class="ml-lp-verdict" data-verdict=${verdict} data-objective=${result.status === 'optimal' ? num(result.objective) : ''}
      data-x=${result.status === 'optimal' || result.status === 'unbounded' ? result.x.map((v) => num(v)).join(',') : ''}>
    <p class=${verdict === 'optimal' || verdict === 'multiple' ? 'ml-lp-answer' : 'ml-lp-problem'} role="status">${text}</p>
    ${formula}
    ${model.zeroRows.map(
      (z) => html`<p class="ml-lp-problem">${format(z.holds ? s.table.zeroRowHolds : s.table.zeroRowFails, {
        i: z.row + 1,
        relation: s.table.relations[model.rows[z.row]?.code ?? 'le'],
        b: num(model.rows[z.row]?.b ?? 0),
      })}</p>`,
    )}
    ${model.degeneratePivots.length
      ? html`<p class="ml-lp-note" data-degenerate>${format(s.degenerate, { pivots: model.degeneratePivots.map((i) => i + 1).join('、') })}</p>`
      : nothing}
    ${rule ? html`<p class="ml-lp-rule">${rule}</p>` : nothing}
    ${vertices.length
      ? html`<div data-scroll-x><table class="ml-table ml-lp-vertices">
          <caption>${s.vertexTable.caption}</caption>
          <thead><tr><th scope="col">${s.vertexTable.vertex}</th><th scope="col">${s.vertexTable.value}</th></tr></thead>
          <tbody>
            ${vertices.map(
              (v) => html`<tr class=${v.optimal ? 'ml-lp-best' : ''}><td>${point(v.point)}</td><td>${num(v.value)}${v.optimal ? html` <strong>（${s.vertexTable.best}）</strong>` : nothing}</td></tr>`,
            )}
          </tbody>
        </table></div>`
      : nothing}
  </div>`;
}

/** What each pivot did, up to the one shown: entering and leaving variables, step length, vertex, value. */
export function stepList(model: LpModel, s: LpStrings, shown: number): TemplateResult {
  const pivots = pivotsOf(model.result);
  const variables = variablesOf(model.result);
  const needsPhase1 = variables.some((v) => v.kind === 'artificial');
  const start = needsPhase1 ? format(s.steps.startPhase1, { w: num(initialInfeasibility(model.rows)) }) : format(s.steps.start, { value: 0 });
  const status = model.result.status;
  const kinds = new Set(pivots.slice(0, shown).flatMap((p) => [variables[p.entering]?.kind, variables[p.leaving]?.kind]));
  const legend = (['slack', 'surplus', 'artificial'] as const).filter((k) => kinds.has(k)).map((k) => s.variables[k]);
  const done = shown === pivots.length && status !== 'invalid' ? s.steps.done[status === 'cycling' || status === 'pivot-limit' ? 'stopped' : status] : '';
  return html`<ol class="ml-lp-steps" start="0" data-shown=${shown}>
      <li class=${shown === 0 ? 'ml-lp-steps__current' : ''}>${start}</li>
      ${pivots.slice(0, shown).map((p, i) => {
        const x = { x: p.x[0] ?? 0, y: p.x[1] ?? 0 };
        return html`<li class=${i + 1 === shown ? 'ml-lp-steps__current' : ''} data-pivot=${i + 1}>
          ${format(s.steps.pivot, {
            k: i + 1,
            phase: p.phase === 1 ? s.steps.phase1 : s.steps.phase2,
            entering: variableName(variables[p.entering]),
            leaving: variableName(variables[p.leaving]),
            ratio: num(p.ratio),
            x: point(x),
            value: num(p.objective),
          })}${p.ratio === 0 ? s.steps.degeneratePivot : ''}${p.phase === 1 ? html`<span class="ml-lp-w">${format(s.steps.infeasibility, { w: num(p.infeasibility) })}</span>` : nothing}
          ${i + 1 === shown ? html`<div data-scroll-x>${tex(`z=${objectiveTex(model, x)}`, true)}</div>` : nothing}
        </li>`;
      })}
    </ol>
    ${legend.length ? html`<p class="ml-lp-note ml-lp-legend">${legend.join('；')}。</p>` : nothing}
    ${pivots.length === 0 && status !== 'invalid' ? html`<p class="ml-lp-note">${s.steps.none}</p>` : nothing}
    ${done ? html`<p class="ml-lp-note" data-done>${done}</p>` : nothing}`;
}
