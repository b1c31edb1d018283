import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { scaleLinear } from 'd3-scale';
import { extent } from 'd3-array';
import { xyChart, CHART_FONT_PX, type Point, type Scales, type Series } from '../../ui/charts/xy-chart';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import type { LqrInvalid, Trajectory } from '../../../src/lib/math/lqr';
import { arrow } from '../nlp/arrow';
import { num, texMatrix, texNum, texVector } from '../nlp/numbers';
import { plainText, richText } from '../nlp/rich-text';
import { DT, type LqrModel, type LqrRun } from './model';
import type { LqrStrings } from './strings';

/** The cart island's figures as pure views of the model (the live element and the static fallback draw them). */

export function invalidText(invalid: LqrInvalid, s: LqrStrings): string {
  if (invalid.code === 'not-psd') return invalid.matrix === 'Qf' ? s.invalid.Qf : s.invalid.Q;
  if (invalid.code === 'not-pd') return s.invalid.R;
  if (invalid.code === 'not-symmetric') return s.invalid.symmetric;
  return format(s.invalid.other, { code: invalid.code });
}

/** E21 in formulas: the decision variables, the dynamics that fix the states, the whole sum. */
export function problemStatement(model: LqrModel, s: LqrStrings): TemplateResult {
  const p = model.problem;
  const sum = '\\min_{u_0,\\dots,u_{N-1}}\\ J=\\sum_{k=0}^{N-1}\\bigl(x_k^\\top Q\\,x_k+u_k^\\top R\\,u_k\\bigr)+x_N^\\top Q_f\\,x_N';
  const dyn = `x_{k+1}=${texMatrix(p.A)}x_k+${texMatrix(p.B)}u_k,\\quad x_0=${texVector(p.x0)}`;
  const weights = `Q=${texMatrix(p.Q)},\\ R=${texMatrix(p.R)},\\ Q_f=${texMatrix(p.Qf)},\\ N=${p.horizon}`;
  const run = model.run;
  const total = run ? num(run.solution.trajectory.cost, 4) : '';
  const naive = run ? num(run.naive.cost, 4) : '';
  return html`<section class="ml-lqr__e21">
    <h4>${s.e21.title}</h4>
    <p>${richText(s.e21.decision)}</p>
    <div class="ml-lqr__formula" data-scroll-x>${tex(dyn, true)}</div>
    <p>${richText(s.e21.total)}</p>
    <div class="ml-lqr__formula" data-scroll-x>${tex(sum, true)}</div>
    <div class="ml-lqr__formula" data-scroll-x>${tex(weights, true)}</div>
    ${run
      ? html`<p class="ml-lqr__ahead" data-ahead=${run.lqrAheadUntil ?? ''}>
          ${run.lqrAheadUntil !== null
            ? format(s.e21.ahead, { k: run.lqrAheadUntil, lqr: total, naive })
            : format(s.e21.notAhead, { lqr: total, naive })}
        </p>`
      : nothing}
  </section>`;
}

export function costCards(run: LqrRun, model: LqrModel, s: LqrStrings): TemplateResult {
  const lqr = run.solution.trajectory.cost;
  const naive = run.naive.cost;
  const extra = lqr > 0 ? (naive - lqr) / lqr : 0;
  const x0 = model.problem.x0;
  const predicted = `J^*=x_0^\\top P_0\\,x_0=${texVector(x0)}^{\\!\\top}${texMatrix(run.solution.P[0] ?? [])}${texVector(x0)}=${texNum(run.solution.predictedCost, 6)}`;
  return html`<div class="ml-lqr__costs" aria-live="polite">
      <div class="ml-lqr__card" data-cost="lqr" data-value=${lqr.toFixed(6)}><span>${s.cost.lqr}</span><strong>${num(lqr, 5)}</strong></div>
      <div class="ml-lqr__card" data-cost="naive" data-value=${naive.toFixed(6)}>
        <span>${s.cost.naive}</span><strong>${num(naive, 5)}</strong>
        <span class="ml-lqr__extra">${format(s.cost.extra, { pct: `${num(extra * 100, 3)}%` })}</span>
      </div>
    </div>
    <div class="ml-lqr__formula" data-scroll-x>${tex(predicted, true)}</div>
    <p class="ml-lqr__note">${richText(format(s.cost.predicted, { predicted: num(run.solution.predictedCost, 6), total: num(lqr, 6) }))}</p>`;
}

const positions = (t: Trajectory) => t.states.map((x) => x[0] ?? 0);

/** Two lanes of track, the LQR cart above and the naive one below, at time k. */
export function cartTrack(model: LqrModel, s: LqrStrings, width: number, k: number): TemplateResult {
  const run = model.run;
  const lqr = run ? positions(run.solution.trajectory) : [model.state.p0];
  const naive = run ? positions(run.naive) : [model.state.p0];
  const [lo = -1, hi = 1] = extent([...lqr, ...naive, 0]);
  const left = 64;
  const x = scaleLinear()
    .domain([lo - 0.3, hi + 0.3])
    .range([left, width - 24])
    .nice();
  const lanes = [
    { y: 46, p: lqr[Math.min(k, lqr.length - 1)] ?? 0, u: run?.solution.trajectory.controls[k]?.[0] ?? 0, cls: 'lqr', label: 'LQR' },
    { y: 102, p: naive[Math.min(k, naive.length - 1)] ?? 0, u: run?.naive.controls[k]?.[0] ?? 0, cls: 'naive', label: s.charts.naive },
  ];
  const uMax = Math.max(1e-9, ...(run ? [...run.solution.trajectory.controls, ...run.naive.controls].map((u) => Math.abs(u[0] ?? 0)) : [1]));
  const height = 150;
  // About one label per 70 px, so they never touch on a phone.
  const ticks = Math.max(2, Math.floor((width - left) / 70));
  const cart = (lane: (typeof lanes)[number]): SVGTemplateResult => {
    const cx = x(lane.p);
    const force = k < model.state.n ? arrow({ x: cx, y: lane.y - 13 }, { x: cx + (lane.u / uMax) * 44, y: lane.y - 13 }, `ml-lqr__force ml-lqr__force--${lane.cls}`) : nothing;
    return svg`<g class=${`ml-lqr__cart ml-lqr__cart--${lane.cls}`}>
      <line class="ml-lqr__rail" x1=${left} x2=${width - 24} y1=${lane.y + 10} y2=${lane.y + 10} />
      <text x="4" y=${lane.y} dy="0.32em" class="ml-lqr__lane">${lane.label}</text>
      <rect class="ml-lqr__body" x=${cx - 16} y=${lane.y - 8} width="32" height="13" rx="3" />
      <circle class="ml-lqr__wheel" cx=${cx - 9} cy=${lane.y + 6} r="3.5" />
      <circle class="ml-lqr__wheel" cx=${cx + 9} cy=${lane.y + 6} r="3.5" />
      ${force}
    </g>`;
  };
  const row = run?.solution.trajectory;
  const state = row?.states[k];
  return html`<figure class="ml-lqr__track-figure">
    <svg class="ml-lqr__track" width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`} role="img" aria-label=${s.cart.label}>
      <g font-size=${CHART_FONT_PX}>
        <line class="ml-lqr__target" x1=${x(0)} x2=${x(0)} y1="14" y2=${height - 30} />
        <text class="ml-lqr__target-label" x=${x(0)} y="10" text-anchor="middle">${s.cart.target}</text>
        ${lanes.map(cart)}
        ${x.ticks(ticks).map((t) => svg`<text class="ml-lqr__tick" x=${x(t)} y=${height - 14} text-anchor="middle">${x.tickFormat(ticks)(t)}</text>`)}
        <text class="ml-lqr__tick" x=${width - 24} y=${height - 1} text-anchor="end">${s.cart.axis}</text>
      </g>
    </svg>
    <figcaption class="ml-lqr__time" data-k=${k}>
      ${format(s.cart.time, {
        k,
        t: num(k * DT, 3),
        p: num(state?.[0] ?? model.state.p0, 4),
        v: num(state?.[1] ?? model.state.v0, 4),
        u: k < model.state.n ? num(row?.controls[k]?.[0] ?? 0, 4) : '—',
      })}
    </figcaption>
  </figure>`;
}

function cursor(k: number) {
  return (scales: Scales): SVGTemplateResult => {
    const px = scales.x(k);
    return svg`<line class="ml-lqr__cursor" x1=${px} x2=${px} y1=${scales.margin.top} y2=${scales.height - scales.margin.bottom} />`;
  };
}

function series(values: readonly number[], className: string, label: string, hold = false): Series {
  const points: Point[] = values.map((y, k) => ({ x: k, y }));
  const last = values.at(-1);
  if (hold && last !== undefined) points.push({ x: values.length, y: last });
  return { points, className, label, ...(hold ? { step: true } : {}) };
}

function lineChart(title: string, width: number, n: number, list: Series[], s: LqrStrings, k: number | null): TemplateResult {
  const ys = list.flatMap((sr) => sr.points.map((p) => p.y));
  const [lo = 0, hi = 1] = extent([...ys, 0]);
  const pad = hi - lo < 1e-9 ? 1 : 0;
  const chart = xyChart({
    width,
    height: 190,
    label: plainText(title),
    x: { domain: [0, n], label: s.charts.k, ticks: 5 },
    y: { domain: [lo - pad, hi + pad], label: '', ticks: 4 },
    series: list,
    ...(k === null ? {} : { over: cursor(k) }),
  });
  return html`<figure><figcaption>${richText(title)}</figcaption>${chart}</figure>`;
}

/** Position, velocity, force and cumulative cost over k: LQR against the naive law. */
export function trajectoryCharts(run: LqrRun, model: LqrModel, s: LqrStrings, width: number, k: number | null): TemplateResult {
  const n = model.state.n;
  const a = run.solution.trajectory;
  const b = run.naive;
  const pair = (fa: (t: Trajectory) => number[], hold = false) => [
    series(fa(a), 'ml-series--2', s.charts.lqr, hold),
    series(fa(b), 'ml-lqr__naive-line', s.charts.naive, hold),
  ];
  return html`<div class="ml-chart-row ml-lqr__charts">
      ${lineChart(s.charts.position, width, n, pair((t) => t.states.map((x) => x[0] ?? 0)), s, k)}
      ${lineChart(s.charts.velocity, width, n, pair((t) => t.states.map((x) => x[1] ?? 0)), s, k)}
      ${lineChart(s.charts.control, width, n, pair((t) => t.controls.map((u) => u[0] ?? 0), true), s, k)}
      ${lineChart(s.charts.cumulative, width, n, [series(run.cumulative.lqr, 'ml-series--2', s.charts.lqr), series(run.cumulative.naive, 'ml-lqr__naive-line', s.charts.naive)], s, k)}
    </div>
    <p class="ml-legend">
      <span class="ml-key ml-key--2">${s.charts.lqr}</span>
      <span class="ml-key ml-lqr__key--naive">${s.charts.naive}</span>
      ${k === null ? nothing : html`<span class="ml-key ml-lqr__key--cursor">${s.charts.now}</span>`}
    </p>`;
}
