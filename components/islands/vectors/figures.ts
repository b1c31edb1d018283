import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import { chartScales, xyChart, CHART_FONT_PX, type Scales } from '../../ui/charts/xy-chart';
import { arrow } from '../../ui/charts/direction-arrows';
import { angleArc } from '../../ui/charts/angle-arc';
import { dragPoint } from '../../ui/motion/drag-point';
import type { Vec2 } from '../../../src/lib/math/vectors';
import { COMPONENT_LIMIT } from './schema';
import type { VectorsModel } from './model';
import type { VectorsStrings } from './strings';

/**
 * The vector island's views as pure functions of the model: the plane with its arrows
 * (with drag handles when the live element passes them) and the formulas with the
 * reader's numbers. VectorsIsland.astro renders the same functions for the fallback.
 */

/** A number for text and TeX: at most three decimals, no trailing zeros, never NaN. */
export function num(x: number, decimals = 3): string {
  if (!Number.isFinite(x)) return '—';
  const text = String(Number(x.toFixed(decimals)));
  return text === '-0' ? '0' : text;
}

const texNum = (x: number, decimals = 3): string => num(x, decimals);
const paren = (x: number): string => (x < 0 ? `(${texNum(x)})` : texNum(x));
const texVec = (v: Vec2): string => `(${texNum(v.x)},\\ ${texNum(v.y)})`;

export interface Handles {
  onMoveA: (x: number, y: number) => void;
  onMoveB: (x: number, y: number) => void;
}

const clamp = (v: number) => Math.max(-COMPONENT_LIMIT, Math.min(COMPONENT_LIMIT, v));
const keep = (v: number) => Number(clamp(v).toPrecision(10));

function label(scales: Scales, tip: Vec2, text: string, className: string): SVGTemplateResult {
  const px = scales.x(tip.x);
  const py = scales.y(tip.y);
  const ox = px - scales.x(0);
  const oy = py - scales.y(0);
  const length = Math.hypot(ox, oy) || 1;
  // Just beyond the tip, along the arrow.
  const x = px + (ox / length) * 16;
  const y = py + (oy / length) * 16;
  return svg`<text class=${`ml-vec-label ${className}`} x=${x} y=${y} dy="0.35em" text-anchor="middle" font-size=${CHART_FONT_PX}>${text}</text>`;
}

/** θ beside its arc: on the bisector of the two directions (on the page, so y is flipped). */
function thetaLabel(scales: Scales, a: Vec2, b: Vec2, distance: number, text: string): SVGTemplateResult {
  const unit = (v: Vec2) => {
    const dx = scales.x(v.x) - scales.x(0);
    const dy = scales.y(v.y) - scales.y(0);
    const length = Math.hypot(dx, dy) || 1;
    return { x: dx / length, y: dy / length };
  };
  const ua = unit(a);
  const ub = unit(b);
  const mid = { x: ua.x + ub.x, y: ua.y + ub.y };
  const length = Math.hypot(mid.x, mid.y);
  // Opposite directions have no bisector: put θ beside a instead.
  const dir = length < 1e-6 ? { x: -ua.y, y: ua.x } : { x: mid.x / length, y: mid.y / length };
  return svg`<text class="ml-vec-theta" x=${scales.x(0) + dir.x * distance} y=${scales.y(0) + dir.y * distance} dy="0.35em" text-anchor="middle" font-size=${CHART_FONT_PX}>${text}</text>`;
}

function parallelogram(model: VectorsModel, scales: Scales): SVGTemplateResult {
  const corners = [{ x: 0, y: 0 }, model.a, model.sum, model.b].map((p) => `${scales.x(p.x)},${scales.y(p.y)}`).join(' ');
  return svg`<polygon class="ml-vec-area" points=${corners} />`;
}

function grid(scales: Scales): SVGTemplateResult {
  const [x0, x1] = scales.x.range() as [number, number];
  const [y0, y1] = scales.y.range() as [number, number];
  return svg`<g class="ml-vec-grid">
    ${scales.x.ticks(8).map((t) => svg`<line class="ml-chart__grid" x1=${scales.x(t)} x2=${scales.x(t)} y1=${y0} y2=${y1} />`)}
    <line class="ml-vec-axis" x1=${x0} x2=${x1} y1=${scales.y(0)} y2=${scales.y(0)} />
    <line class="ml-vec-axis" x1=${scales.x(0)} x2=${scales.x(0)} y1=${y0} y2=${y1} />
  </g>`;
}

function operationLayer(model: VectorsModel, s: VectorsStrings, scales: Scales): SVGTemplateResult {
  const { a, b, state } = model;
  const origin = { x: 0, y: 0 };
  const l = s.labels;
  switch (state.op) {
    case 'sum': {
      return svg`${arrow(scales, a, model.sum, { className: 'ml-vec-b ml-vec-dashed' })}
        ${arrow(scales, b, model.sum, { className: 'ml-vec-a ml-vec-dashed' })}
        ${arrow(scales, origin, model.sum, { className: 'ml-vec-result' })}
        ${label(scales, model.sum, l.sum, 'ml-vec-result')}`;
    }
    case 'difference':
      return svg`${arrow(scales, b, a, { className: 'ml-vec-result ml-vec-dashed' })}
        ${arrow(scales, origin, model.difference, { className: 'ml-vec-result' })}
        ${label(scales, model.difference, l.difference, 'ml-vec-result')}`;
    case 'scale':
      return svg`${arrow(scales, origin, model.scaled, { className: 'ml-vec-result' })}
        ${label(scales, model.scaled, l.scaled, 'ml-vec-result')}`;
    case 'dot': {
      if (!model.projection.ok) return svg``;
      const p = model.projection.vector;
      const radius = Math.min(28, (scales.x(model.lengthA) - scales.x(0)) * 0.5, (scales.x(model.lengthB) - scales.x(0)) * 0.5);
      return svg`<line class="ml-vec-drop" x1=${scales.x(a.x)} y1=${scales.y(a.y)} x2=${scales.x(p.x)} y2=${scales.y(p.y)} />
        ${arrow(scales, origin, p, { className: 'ml-vec-projection ml-vec-dashed' })}
        ${model.angle.ok && radius > 6 ? svg`${angleArc(scales, origin, a, b, radius, 'ml-vec-arc')}${thetaLabel(scales, a, b, radius + 12, s.labels.theta)}` : nothing}`;
    }
  }
}

/** The plane with a, b and the chosen operation; `extent` overrides the model's view (kept still while dragging). */
export function vectorFigure(model: VectorsModel, s: VectorsStrings, width: number, handles?: Handles, extent = model.extent): TemplateResult {
  const { a, b, state } = model;
  const size = Math.max(240, Math.min(width, 520));
  const axis = (labelText: string) => ({ domain: [-extent, extent] as const, label: labelText, nice: false, ticks: 8 });
  const probe = chartScales({ width: size, height: size, x: axis(s.axisX), y: axis(s.axisY) });
  const { left, right, top, bottom } = probe.margin;
  const height = size - left - right + top + bottom;
  const origin = { x: 0, y: 0 };
  const handle = (which: 'a' | 'b', scales: Scales) => {
    const v = which === 'a' ? a : b;
    const className = which === 'a' ? 'ml-vec-handle-a' : 'ml-vec-handle-b';
    if (!handles) return svg`<circle class=${`ml-vec-dot ${className}`} cx=${scales.x(v.x)} cy=${scales.y(v.y)} r="6" />`;
    return dragPoint({
      label: which === 'a' ? s.handleA : s.handleB,
      x: v.x,
      y: v.y,
      scales,
      step: 0.5,
      className,
      radius: 7,
      constrain: (x, y) => ({ x: keep(x), y: keep(y) }),
      onMove: which === 'a' ? handles.onMoveA : handles.onMoveB,
    });
  };
  const frame = { width: size, height, x: axis(s.axisX), y: axis(s.axisY) };
  // The handles sit in an SVG of their own over the chart: the chart is one image (role
  // img), and an image must not contain controls.
  const overlay = chartScales(frame);
  const chart = xyChart({
    ...frame,
    label: format(s.chartLabel, { ax: num(a.x), ay: num(a.y), bx: num(b.x), by: num(b.y) }),
    under: (scales) => svg`${grid(scales)}${state.op === 'sum' ? parallelogram(model, scales) : nothing}`,
    over: (scales) => svg`${arrow(scales, origin, b, { className: 'ml-vec-b' })}
      ${arrow(scales, origin, a, { className: 'ml-vec-a' })}
      ${operationLayer(model, s, scales)}
      ${label(scales, b, s.labels.b, 'ml-vec-b')}
      ${label(scales, a, s.labels.a, 'ml-vec-a')}`,
  });
  const showsResult = state.op !== 'dot';
  return html`<figure class="ml-vec-figure">
    <div class="ml-vec-stack">
      ${chart}
      <svg class="ml-vec-handles" width=${size} height=${height} viewBox=${`0 0 ${size} ${height}`}>${handle('b', overlay)} ${handle('a', overlay)}</svg>
    </div>
    <figcaption class="ml-legend">
      <span class="ml-vec-key ml-vec-a">${s.legend.a}</span>
      <span class="ml-vec-key ml-vec-b">${s.legend.b}</span>
      ${showsResult ? html`<span class="ml-vec-key ml-vec-result">${s.legend.result}</span>` : nothing}
      ${!showsResult && model.projection.ok ? html`<span class="ml-vec-key ml-vec-projection">${s.legend.projection}</span>` : nothing}
    </figcaption>
  </figure>`;
}

function display(expression: string): TemplateResult {
  return html`<div class="ml-vec-formula" data-scroll-x>${tex(expression, true)}</div>`;
}

function zeroText(model: VectorsModel, s: VectorsStrings): string | null {
  return model.angle.ok ? null : s.zero[model.angle.which];
}

function dotPanel(model: VectorsModel, s: VectorsStrings): TemplateResult {
  const { a, b, angle, projection } = model;
  const e = s.explain;
  const sum = `\\vec a\\cdot\\vec b = a_1b_1 + a_2b_2 = ${paren(a.x)}\\times${paren(b.x)} + ${paren(a.y)}\\times${paren(b.y)} = ${texNum(model.dot)}`;
  const zero = zeroText(model, s);
  const geometric = angle.ok
    ? `\\begin{aligned}\\lVert\\vec a\\rVert\\,\\lVert\\vec b\\rVert\\cos\\theta &= ${texNum(model.lengthA)}\\times${texNum(model.lengthB)}\\times\\cos ${num(angle.degrees, 2)}^\\circ \\\\ &= ${texNum(model.lengthA)}\\times${texNum(model.lengthB)}\\times${paren(Number(num(angle.cos, 4)))} = ${texNum(model.lengthA * model.lengthB * angle.cos)}\\end{aligned}`
    : null;
  return html`<p>${e.dot}</p>
    ${display(sum)} ${geometric ? display(geometric) : nothing}
    ${zero ? html`<p class="ml-vec-zero" role="status">${zero}</p>` : nothing}
    ${model.relation ? html`<p class="ml-vec-relation" data-relation=${model.relation}>${s.relation[model.relation]}</p>` : nothing}
    ${projection.ok
      ? html`<p>${format(e.projection, { c: num(projection.coefficient) })}</p>
          ${display(
            `\\operatorname{proj}_{\\vec b}\\vec a = \\frac{\\vec a\\cdot\\vec b}{\\lVert\\vec b\\rVert^2}\\,\\vec b = \\frac{${texNum(model.dot)}}{${texNum(model.lengthB * model.lengthB)}}${texVec(b)} = ${texVec(projection.vector)}`,
          )}
          <p>${format(e.scalarProjection, { value: num(projection.scalar) })}</p>`
      : html`<p class="ml-vec-zero">${s.zero.projectionOnZero}</p>`}`;
}

/** The formulas of the chosen operation with the reader's numbers, and what they mean. */
export function formulaPanel(model: VectorsModel, s: VectorsStrings): TemplateResult {
  const { a, b, state } = model;
  const e = s.explain;
  const angle = model.angle;
  let body: TemplateResult;
  switch (state.op) {
    case 'sum':
      body = html`${display(`\\begin{aligned}\\vec a + \\vec b &= ${texVec(a)} + ${texVec(b)} \\\\ &= (${paren(a.x)} + ${paren(b.x)},\\ ${paren(a.y)} + ${paren(b.y)}) = ${texVec(model.sum)}\\end{aligned}`)}
        <p>${e.sum}</p>`;
      break;
    case 'difference':
      body = html`${display(`\\begin{aligned}\\vec a - \\vec b &= ${texVec(a)} - ${texVec(b)} \\\\ &= (${paren(a.x)} - ${paren(b.x)},\\ ${paren(a.y)} - ${paren(b.y)}) = ${texVec(model.difference)}\\end{aligned}`)}
        <p>${e.difference}</p>`;
      break;
    case 'scale': {
      const k = state.k;
      const length = Math.abs(k) * model.lengthA;
      const text = k === 0 ? e.scaleZero : format(k > 0 ? e.scalePositive : e.scaleNegative, { length: num(length) });
      body = html`${display(`k\\vec a = ${paren(k)}\\times${texVec(a)} = ${texVec(model.scaled)}`)} <p>${text}</p>`;
      break;
    }
    case 'dot':
      body = dotPanel(model, s);
      break;
  }
  return html`<div class="ml-vec-panel" aria-live="polite" data-op=${state.op} data-dot=${num(model.dot, 6)}
    data-angle=${angle.ok ? angle.degrees.toFixed(4) : 'undefined'}
    data-sum=${`${num(model.sum.x, 6)},${num(model.sum.y, 6)}`}
    data-difference=${`${num(model.difference.x, 6)},${num(model.difference.y, 6)}`}
    data-scaled=${`${num(model.scaled.x, 6)},${num(model.scaled.y, 6)}`}
    data-projection=${model.projection.ok ? `${num(model.projection.vector.x, 6)},${num(model.projection.vector.y, 6)}` : 'undefined'}>
    ${body}
    <p class="ml-vec-lengths">${tex(`\\lVert\\vec a\\rVert = ${texNum(model.lengthA)},\\quad \\lVert\\vec b\\rVert = ${texNum(model.lengthB)}${angle.ok ? `,\\quad \\theta = ${num(angle.degrees, 2)}^\\circ` : ''}`)}</p>
  </div>`;
}
