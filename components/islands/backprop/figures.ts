import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { scalePoint } from 'd3-scale';
import { xyChart, CHART_FONT_PX, type Scales } from '../../ui/charts/xy-chart';
import { contourLayer, type ContourField } from '../../ui/charts/contours';
import { format } from '../../ui/shell-strings';
import { probabilityGrid, type MlpParams } from '../../../src/lib/ml/mlp';
import type { ToyDataset } from '../../../src/lib/ml/toy-data';
import { svgTitle } from '../../ui/charts/svg-title';
import { phaseOf, type StepModel } from './model';
import type { BackpropStrings } from './strings';

/**
 * The backprop island's figures as pure views: the live element draws them around its
 * controls, and BackpropIsland.astro renders the same functions at build time.
 */

const GRID = 41;
const LEVELS = [0.5, 0.6, 0.7, 0.8, 0.9];

/** A value for a node or a sentence: two decimals, a true minus sign, a power of ten when tiny. */
export function short(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  const text = abs !== 0 && abs < 0.5 * 10 ** -digits ? v.toExponential(0) : v.toFixed(digits);
  return text.replace('-', '−');
}

export interface PlotOptions {
  data: ToyDataset;
  params: MlpParams;
  width: number;
  s: BackpropStrings;
  selected?: number | null;
  batch?: readonly number[];
  onPick?: (sample: number) => void;
}

/** The toy data over the network's probability: blue where p > 0.5, orange where p < 0.5, deeper with confidence. */
export function dataPlot(o: PlotOptions): TemplateResult {
  const { data, params, s } = o;
  const size = Math.min(o.width, 400);
  const box = { x: [data.box.xMin, data.box.xMax] as const, y: [data.box.yMin, data.box.yMax] as const };
  const p = probabilityGrid(params, data.box, GRID);
  const field = (values: ArrayLike<number>, thresholds: readonly number[]): ContourField => ({ values, nx: GRID, ny: GRID, box, thresholds });
  const q = p.map((v) => 1 - v);
  const inBatch = new Set(o.batch ?? []);
  const under = (scales: Scales): SVGTemplateResult => svg`
    ${contourLayer(field(p, LEVELS), scales, () => 'bp-band bp-band--1')}
    ${contourLayer(field(q, LEVELS), scales, () => 'bp-band bp-band--0')}
    ${contourLayer(field(p, [0.5]), scales, () => 'bp-boundary')}`;
  const over = (scales: Scales): SVGTemplateResult => svg`<g class="bp-points">
    ${data.inputs.map(([x = 0, y = 0], n) => {
      const cx = scales.x(x);
      const cy = scales.y(y);
      const label = data.labels[n] ?? 0;
      return svg`${inBatch.has(n) ? svg`<rect class="bp-batch-mark" x=${cx - 7} y=${cy - 7} width="14" height="14" />` : nothing}
        <circle class=${`bp-point bp-point--${label}`} cx=${cx} cy=${cy} r="4.5" />
        ${o.onPick
          ? svg`<circle class="bp-point__hit" cx=${cx} cy=${cy} r="9" @click=${() => o.onPick?.(n)}>${svgTitle(format(s.plot.pick, { n, y: label }))}</circle>`
          : nothing}`;
    })}
    ${o.selected !== null && o.selected !== undefined && data.inputs[o.selected]
      ? svg`<circle class="bp-selected" cx=${scales.x(data.inputs[o.selected]?.[0] ?? 0)} cy=${scales.y(data.inputs[o.selected]?.[1] ?? 0)} r="10" />`
      : nothing}
  </g>`;
  return html`<figure class="bp-figure bp-plot" style=${`width: ${size}px`}>
    ${xyChart({
      width: size,
      height: size,
      label: format(s.plot.label, { count: data.inputs.length }),
      x: { domain: box.x, label: s.plot.x1, nice: false, ticks: 6 },
      y: { domain: box.y, label: s.plot.x2, nice: false, ticks: 6 },
      under,
      over,
    })}
    <figcaption class="ml-legend">
      <span><span class="ml-swatch bp-swatch--1" aria-hidden="true"></span>${s.plot.class1}</span>
      <span><span class="ml-swatch bp-swatch--0" aria-hidden="true"></span>${s.plot.class0}</span>
      <span>${s.plot.boundary}</span>
      ${o.selected !== null && o.selected !== undefined ? html`<span>${s.plot.selected}</span>` : nothing}
      ${o.batch?.length ? html`<span>${s.plot.batch}</span>` : nothing}
    </figcaption>
  </figure>`;
}

/** The mean loss over all samples, step by step. */
export function lossChart(losses: readonly number[], width: number, s: BackpropStrings): TemplateResult {
  const steps = Math.max(1, losses.length - 1);
  const top = Math.max(0.1, ...losses);
  const last = losses.length - 1;
  return html`<figure class="bp-figure" style=${`width: ${width}px`}>
    <figcaption>${s.run.lossChart}</figcaption>
    ${xyChart({
      // Room on the right for the last tick label, which d3 centres on the axis end.
      width: width - 12,
      height: Math.round(Math.min(280, Math.max(180, width * 0.75))),
      label: s.run.lossChart,
      x: { domain: [0, steps], label: s.run.stepAxis, ticks: Math.max(2, Math.min(6, Math.floor(width / 80))) },
      y: { domain: [0, top], label: s.run.lossAxis, ticks: 4 },
      series: [{ points: losses.map((y, x) => ({ x, y })), className: 'ml-series--2', label: s.run.lossChart }],
      markers: [{ x: last, y: losses[last] ?? 0, className: 'ml-marker--current', label: short(losses[last] ?? 0, 3) }],
    })}
  </figure>`;
}

const NODE_R = 17;
const ROW = 42;

interface NodeView {
  x: number;
  y: number;
  text: string;
  classes: string;
  /** What hovering the node says: its a, z and (once known) δ. */
  title: string;
}

/** The network as a diagram: nodes with their a (forward) or δ (backward), edges by weight, the stage's part highlighted. */
export function networkDiagram(m: StepModel, params: MlpParams, width: number, s: BackpropStrings): TemplateResult {
  const widths = [2, ...params.layers.map((layer) => layer.weights.length)];
  const L = params.layers.length;
  const columns = widths.length + 1;
  const rows = Math.max(...widths);
  const x = scalePoint<number>().domain(Array.from({ length: columns }, (_, c) => c)).range([NODE_R + 8, width - NODE_R - 8]);
  const top = 60;
  const height = top + rows * ROW + 4;
  const y = (count: number, i: number) => top + (rows - count) * (ROW / 2) + i * ROW + ROW / 2;
  const phase = phaseOf(m.stage);
  const backwardView = phase === 'backward' || phase === 'update';
  const trace = m.result.forward;
  const deltaOf = (l: number, i: number) => m.result.steps.find((st) => st.layer === l)?.neurons[i]?.delta ?? 0;
  const valueOf = (l: number, i: number) => (l === 0 ? (trace.input[i] ?? 0) : (trace.layers[l - 1]?.a[i] ?? 0));
  const st = m.stage;
  const isActive = (l: number, i: number) =>
    ((st.kind === 'forward' || st.kind === 'delta') && st.layer === l && st.neuron === i) || (st.kind === 'sample' && l === 0);
  const nodes: NodeView[][] = widths.map((count, l) =>
    Array.from({ length: count }, (_, i) => {
      const known = m.progress.forwardKnown(l, i);
      const delta = l > 0 && backwardView && m.progress.deltaKnown(l, i);
      const text = delta ? short(deltaOf(l, i)) : known ? short(valueOf(l, i)) : '';
      const classes = ['bp-node', known ? 'bp-node--known' : 'bp-node--pending', delta ? 'bp-node--delta' : '', backwardView && !delta && l > 0 ? 'bp-node--muted' : '', isActive(l, i) ? 'bp-node--active' : '']
        .filter(Boolean)
        .join(' ');
      const z = l > 0 ? `，z = ${short(trace.layers[l - 1]?.z[i] ?? 0, 3)}` : '';
      const d = delta ? `，δ = ${short(deltaOf(l, i), 3)}` : '';
      const title = known ? `${l === 0 ? `x${i + 1}` : `a${i + 1}`} = ${short(valueOf(l, i), 3)}${z}${d}` : '';
      return { x: x(l) ?? 0, y: y(count, i), text, classes, title };
    }),
  );
  const maxWeight = Math.max(1e-9, ...params.layers.flatMap((layer) => layer.weights.flat().map(Math.abs)));
  const edgeState = (l: number, i: number, j: number): string => {
    if (st.kind === 'forward') return st.layer === l && st.neuron === i ? 'on' : 'off';
    if (st.kind === 'delta') return st.layer === l && st.neuron === i ? 'grad' : st.layer === l - 1 && st.neuron === j ? 'flow' : 'off';
    if (st.kind === 'handoff') return st.layer === l ? 'flow' : 'off';
    return 'none';
  };
  const edges = params.layers.flatMap((layer, index) => {
    const l = index + 1;
    return layer.weights.flatMap((row, i) =>
      row.map((w, j) => {
        const from = nodes[l - 1]?.[j];
        const to = nodes[l]?.[i];
        const state = edgeState(l, i, j);
        return { from, to, w, state, order: state === 'off' || state === 'none' ? 0 : 1 };
      }),
    );
  });
  edges.sort((a, b) => a.order - b.order);
  const out = nodes[L]?.[0];
  const lossX = x(columns - 1) ?? width - NODE_R;
  const lossY = out?.y ?? top;
  const lossEdge = st.kind === 'loss' || (st.kind === 'delta' && st.layer === L) ? 'flow' : m.progress.lossKnown ? 'none' : 'off';
  const gap = arrowGap(m, L);
  const headers = [s.diagram.input, ...params.layers.map((_, l) => (l + 1 === L ? s.diagram.output : format(s.diagram.layer, { layer: l + 1 }))), s.diagram.loss];
  const hiddenPart = format(s.diagram.hiddenPart, { count: L - 1, width: widths[1] ?? 0 });
  return html`<figure class="bp-figure bp-network" style=${`width: ${width}px`}>
    <svg class="bp-network__svg" width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`} role="img"
      aria-label=${format(s.diagram.label, { hidden: hiddenPart })}>
      <g font-size=${CHART_FONT_PX} class="bp-network__head">
        ${headers.map((text, c) => svg`<text x=${x(c) ?? 0} y="12" text-anchor="middle">${text}</text>`)}
        ${gap
          ? svg`<text class=${`bp-arrow bp-arrow--${gap.direction}`} x=${((x(gap.left) ?? 0) + (x(gap.left + 1) ?? 0)) / 2} y="32" text-anchor="middle">${gap.text(s)}</text>`
          : nothing}
        ${st.kind === 'forward'
          ? svg`<text class="bp-zlabel" x=${x(st.layer) ?? 0} y="50" text-anchor="middle">z = ${short(trace.layers[st.layer - 1]?.z[st.neuron] ?? 0)}</text>`
          : nothing}
      </g>
      <line class=${`bp-edge bp-edge--loss bp-edge--${lossEdge}`} x1=${out?.x ?? 0} y1=${lossY} x2=${lossX} y2=${lossY} />
      ${edges.map(({ from, to, w, state }) =>
        from && to
          ? svg`<line class=${`bp-edge ${w >= 0 ? 'bp-edge--pos' : 'bp-edge--neg'} bp-edge--${state}`} x1=${from.x} y1=${from.y} x2=${to.x} y2=${to.y}
              stroke-width=${(1 + (3 * Math.abs(w)) / maxWeight).toFixed(2)} />`
          : nothing,
      )}
      ${nodes.flat().map(
        (node) => svg`<g class=${node.classes}>
          ${node.title ? svg`${svgTitle(node.title)}` : nothing}
          <circle cx=${node.x} cy=${node.y} r=${NODE_R} />
          <text x=${node.x} y=${node.y} dy="0.35em" text-anchor="middle" font-size=${CHART_FONT_PX}>${node.text}</text>
        </g>`,
      )}
      <g class=${`bp-node bp-node--loss ${m.progress.lossKnown ? 'bp-node--known' : 'bp-node--pending'} ${st.kind === 'loss' ? 'bp-node--active' : ''}`}>
        <rect x=${lossX - NODE_R} y=${lossY - NODE_R} width=${2 * NODE_R} height=${2 * NODE_R} rx="4" />
        <text x=${lossX} y=${lossY} dy="0.35em" text-anchor="middle" font-size=${CHART_FONT_PX}>${m.progress.lossKnown ? short(m.result.loss) : ''}</text>
      </g>
    </svg>
    <figcaption class="ml-legend">
      <span>${backwardView ? s.diagram.valuesBackward : s.diagram.valuesForward}</span>
      <span>${s.diagram.edges}</span>
    </figcaption>
  </figure>`;
}

/** Which gap between columns carries something this stage: a⁽ˡ⁾ forward, or ∂L/∂a⁽ˡ⁾ backward. */
function arrowGap(m: StepModel, L: number): { left: number; direction: 'forward' | 'backward'; text: (s: BackpropStrings) => string } | null {
  const st = m.stage;
  if (st.kind === 'forward') return { left: st.layer - 1, direction: 'forward', text: (s) => (st.layer === 1 ? 'x →' : format(s.diagram.forwardArrow, { layer: st.layer - 1 })) };
  if (st.kind === 'delta' && st.layer === L) return { left: L, direction: 'backward', text: () => '← ∂L/∂p' };
  if (st.kind === 'delta') return { left: st.layer, direction: 'backward', text: (s) => format(s.diagram.backwardArrow, { layer: st.layer }) };
  if (st.kind === 'handoff') return { left: st.layer - 1, direction: 'backward', text: (s) => (st.layer === 1 ? '← ∂L/∂x' : format(s.diagram.backwardArrow, { layer: st.layer - 1 })) };
  return null;
}

/** Unicode indices for parameter names in plain text (the table): w⁽²⁾₁₃. */
const SUP: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴' };
const SUB: Record<string, string> = { '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉' };
const sup = (n: number) => `⁽${[...String(n)].map((c) => SUP[c] ?? c).join('')}⁾`;
const sub = (n: number) => [...String(n)].map((c) => SUB[c] ?? c).join('');

/** Every parameter's update in this step: before, gradient, after. */
export function updateTable(m: StepModel, params: MlpParams, s: BackpropStrings): TemplateResult {
  const rows = params.layers.flatMap((layer, index) => {
    const l = index + 1;
    const g = m.result.gradients[index];
    const next = m.update.params.layers[index];
    return layer.weights.flatMap((row, i) => [
      ...row.map((w, j) => ({ name: `w${sup(l)}${sub(i + 1)}${sub(j + 1)}`, before: w, grad: g?.weights[i]?.[j] ?? 0, after: next?.weights[i]?.[j] ?? 0 })),
      { name: `b${sup(l)}${sub(i + 1)}`, before: layer.biases[i] ?? 0, grad: g?.biases[i] ?? 0, after: next?.biases[i] ?? 0 },
    ]);
  });
  return html`<details class="bp-table-box">
    <summary>${s.step.table.caption}（${rows.length}）</summary>
    <div data-scroll-x>
      <table class="ml-table bp-table">
        <thead><tr><th scope="col">${s.step.table.name}</th><th scope="col">${s.step.table.before}</th><th scope="col">${s.step.table.gradient}</th><th scope="col">${s.step.table.after}</th></tr></thead>
        <tbody>
          ${rows.map((r) => html`<tr><th scope="row">${r.name}</th><td>${short(r.before, 3)}</td><td>${short(r.grad, 4)}</td><td>${short(r.after, 3)}</td></tr>`)}
        </tbody>
      </table>
    </div>
  </details>`;
}

/** Erratum E6 as a layer's three jobs in its backward call: receive ∂L/∂(output), keep its parameter gradients, hand ∂L/∂(input) down. */
export function layerCard(m: StepModel, L: number, s: BackpropStrings): TemplateResult | typeof nothing {
  const st = m.stage;
  if (st.kind !== 'delta' && st.kind !== 'handoff') return nothing;
  const layer = st.layer;
  const c = s.step.card;
  const jobs = [
    layer === L ? c.receiveLoss : format(c.receive, { layer }),
    format(c.params, { layer }),
    layer === 1 ? c.giveInput : format(c.give, { prev: layer - 1 }),
  ];
  const current = st.kind === 'handoff' ? 2 : 1;
  const status = (k: number) => (k < current ? 'done' : k === current ? 'now' : 'todo');
  return html`<div class="bp-card" data-layer=${layer}>
    <p class="bp-card__title">${format(c.title, { layer })}<br /><code>${c.code}</code></p>
    <ol class="bp-card__jobs">
      ${jobs.map(
        (job, k) => html`<li class=${`bp-job bp-job--${status(k)}`}>
          <span>${job}</span><small>${c[status(k)]}</small>
        </li>`,
      )}
    </ol>
  </div>`;
}
