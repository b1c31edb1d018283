import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { chartScales, xyChart, pathOf, type Point as ChartPoint, type XYChartOptions } from '../../ui/charts/xy-chart';
import { contourLayer } from '../../ui/charts/contours';
import { dragPoint } from '../../ui/motion/drag-point';
import { format } from '../../ui/shell-strings';
import { RACER_IDS, type RacerId, type RacerResult } from '../../../src/lib/ml/race';
import { RACER_LOOK, lossY, positionAt, type RaceModel } from './model';
import { plain, powerOfTen } from './numbers';
import type { RaceStrings } from './strings';

/**
 * The race view as pure functions of the model and the animation step `t`: the live
 * element draws them around its controls, RaceIsland.astro renders them at build time.
 */

export const seriesClass = (id: RacerId): string => `ml-series--${RACER_LOOK[id].series} ml-race-line--${id}`;

/** Caches the chart under the paths (axes and contours): it changes with the surface and the size, not with the step. */
export function contourMemo(): (key: string, draw: () => SVGTemplateResult) => SVGTemplateResult {
  let last: { key: string; layer: SVGTemplateResult } | null = null;
  return (key, draw) => {
    if (last?.key !== key) last = { key, layer: draw() };
    return last.layer;
  };
}

function axisLabels(model: RaceModel, s: RaceStrings): { x: string; y: string } {
  const a = s.surfaces.axes;
  return model.surface.id === 'regression' ? { x: a.w1, y: a.w2 } : { x: a.x, y: a.y };
}

export function contourHeight(model: RaceModel, width: number): number {
  const { view } = model.surface;
  const plot = Math.max(120, width - 60);
  return Math.round(Math.min(460, Math.max(220, (plot * (view.yMax - view.yMin)) / (view.xMax - view.xMin) + 50)));
}

function cross(x: number, y: number, size: number, className: string): SVGTemplateResult {
  return svg`<path class=${className} d=${`M${x - size},${y - size}L${x + size},${y + size}M${x - size},${y + size}L${x + size},${y - size}`} />`;
}

export interface ContourOptions {
  t: number;
  width: number;
  memo: ReturnType<typeof contourMemo>;
  /** Id of the plot's clip path: unique in the page (the live island and its static fallback both draw one). */
  clipId: string;
  /** Makes the start draggable (live island); the static figure draws it as a dot. */
  onStart?: (x: number, y: number) => void;
}

/**
 * The surface's filled contours under the racers' paths up to step t, their current
 * positions and the start. Two stacked SVGs: the chart (axes, contours, the minimum) is
 * drawn once per surface and size, and the paths, dots and the draggable start live in a
 * layer above it, so a frame of the animation repaints only that layer (and the handle is
 * not inside the chart's role="img").
 */
export function contourChart(model: RaceModel, s: RaceStrings, options: ContourOptions): TemplateResult {
  const { surface } = model;
  const { view } = surface;
  const { width, t } = options;
  const height = contourHeight(model, width);
  const labels = axisLabels(model, s);
  const field = { ...model.contour, box: { x: [view.xMin, view.xMax], y: [view.yMin, view.yMax] } as const };
  const chart: XYChartOptions = {
    width,
    height,
    label: format(s.charts.contour, { surface: s.surfaces.options[surface.id] }),
    x: { domain: [view.xMin, view.xMax], label: labels.x, nice: false },
    y: { domain: [view.yMin, view.yMax], label: labels.y, nice: false },
    under: (sc) => contourLayer(field, sc, () => 'ml-race-band'),
    over: (sc) => {
      const min = surface.minimum?.point;
      return min ? cross(sc.x(min[0]), sc.y(min[1]), 7, 'ml-race-minimum') : nothing;
    },
  };
  const base = options.memo(`${surface.id}|${model.state.kappa}|${width}|${height}`, () => xyChart(chart));
  const sc = chartScales(chart);
  const paths = model.visible.map((r) => {
    const shown = r.points.slice(0, Math.min(t, r.points.length - 1) + 1).map(([x, y]) => ({ x, y }));
    return svg`<path class=${`ml-chart__line ml-race-path ${seriesClass(r.id)}`} d=${pathOf(shown, sc)} />`;
  });
  const dots = model.visible.map((r) => {
    const { point, index } = positionAt(r, t);
    const gone = r.status.code === 'diverged' && index >= r.points.length - 1 && t >= r.status.step;
    return gone
      ? cross(sc.x(point[0]), sc.y(point[1]), 6, `ml-race-gone ${seriesClass(r.id)}`)
      : svg`<circle class=${`ml-race-dot ${seriesClass(r.id)}`} cx=${sc.x(point[0])} cy=${sc.y(point[1])} r="5" />`;
  });
  const [sx, sy] = model.start;
  const start = options.onStart
    ? dragPoint({
        label: s.charts.start,
        x: sx,
        y: sy,
        scales: sc,
        step: 0.05,
        home: { x: surface.start[0], y: surface.start[1] },
        constrain: (x, y) => ({ x: Math.min(view.xMax, Math.max(view.xMin, x)), y: Math.min(view.yMax, Math.max(view.yMin, y)) }),
        onMove: options.onStart,
        className: 'ml-race-start',
        radius: 7,
      })
    : svg`<circle class="ml-race-start-dot" cx=${sc.x(sx)} cy=${sc.y(sy)} r="6" />`;
  const { margin } = sc;
  return html`<div class="ml-race-plot">
    ${base}
    <svg class="ml-race-layer" width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`} role="group" aria-label=${format(s.charts.paths, { t })}>
      <clipPath id=${options.clipId}>
        <rect x=${margin.left} y=${margin.top} width=${width - margin.left - margin.right} height=${height - margin.top - margin.bottom} />
      </clipPath>
      <g clip-path=${`url(#${options.clipId})`}>${paths} ${dots}</g>
      ${start}
    </svg>
  </div>`;
}

/** Log-axis domain: whole powers of ten, at least two decades. */
function decades(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const lo = Math.floor(Math.min(...finite, 0));
  const hi = Math.ceil(Math.max(...finite, lo + 2));
  return [lo, Math.max(hi, lo + 2)];
}

/** Loss against step, or against per-term gradients evaluated (log scale), up to step t. */
export function lossChart(model: RaceModel, s: RaceStrings, t: number, width: number): SVGTemplateResult {
  const perEval = model.state.per === 'eval';
  const gap = model.lossScale === 'gap';
  const xOf = (r: RacerResult, i: number) => (perEval ? Math.log10(r.evaluations[i] ?? 0) : i);
  const points = (r: RacerResult, upTo: number): ChartPoint[] =>
    r.losses.slice(0, upTo + 1).flatMap((loss, i) => (perEval && (r.evaluations[i] ?? 0) < 1 ? [] : [{ x: xOf(r, i), y: lossY(model, loss) }]));
  const all = model.visible.flatMap((r) => points(r, r.losses.length - 1));
  const ys = all.map((p) => p.y);
  const yDomain: [number, number] = gap ? decades(ys) : [Math.min(...ys, 0), Math.max(...ys, 1)];
  const xDomain: [number, number] = perEval ? decades(all.map((p) => p.x)) : [0, Math.max(model.lastStep, 1)];
  const yTicks = gap ? Math.min(6, yDomain[1] - yDomain[0]) : 5;
  const xTicks = perEval ? Math.min(6, xDomain[1] - xDomain[0]) : 6;
  return xyChart({
    width,
    height: 240,
    label: s.charts.loss,
    x: { domain: xDomain, label: perEval ? s.charts.evalAxis : s.charts.stepAxis, nice: !perEval, ticks: xTicks, ...(perEval ? { format: powerOfTen } : {}) },
    y: { domain: yDomain, label: gap ? s.charts.gapAxis : s.charts.valueAxis, nice: !gap, ticks: yTicks, ...(gap ? { format: powerOfTen } : {}) },
    series: model.visible.map((r) => ({ points: points(r, Math.min(t, r.losses.length - 1)), className: seriesClass(r.id), label: s.racers[r.id] })),
    over: (sc) =>
      perEval ? nothing : svg`<line class="ml-race-now" x1=${sc.x(t)} x2=${sc.x(t)} y1=${sc.margin.top} y2=${sc.height - sc.margin.bottom} />`,
  });
}

/** A short line sample in the racer's colour and dash, for legends. */
export function lineKey(id: RacerId): TemplateResult {
  return html`<svg class="ml-race-key" width="28" height="10" viewBox="0 0 28 10" aria-hidden="true">
    <line class=${`ml-chart__line ${seriesClass(id)}`} x1="1" x2="27" y1="5" y2="5" />
  </svg>`;
}

export type RacerPhase = { code: 'running' } | { code: 'unfinished' } | { code: 'converged'; step: number } | { code: 'diverged'; step: number };

/** What the reader may know of a racer at step t: its end is told only once the animation reaches it. */
export function phaseAt(r: RacerResult, t: number): RacerPhase {
  if (r.status.code === 'converged' && t >= r.status.step) return { code: 'converged', step: r.status.step };
  if (r.status.code === 'diverged' && t >= r.status.step) return { code: 'diverged', step: r.status.step };
  if (r.status.code === 'running' && t >= r.points.length - 1) return { code: 'unfinished' };
  return { code: 'running' };
}

/** Why a racer diverged, in words with its numbers. */
export function divergenceText(model: RaceModel, r: RacerResult, s: RaceStrings): string {
  if (r.status.code !== 'diverged') return '';
  const { step, reason } = r.status;
  const lr = plain(model.state.lr);
  if (reason === 'lr-above-stable-bound' && r.stableLr !== null) {
    if (r.rule === 'momentum') return format(s.status.momentumBound, { lr, bound: plain(r.stableLr), step });
    const lambda = model.surface.maxCurvature ?? 0;
    return format(s.status.gdBound, { lr, bound: plain(r.stableLr), factor: plain(Math.abs(1 - model.state.lr * lambda), 3), step });
  }
  if (model.surface.id === 'saddle' && reason === 'left-bounds') return format(s.status.saddle, { step });
  return format(reason === 'non-finite' ? s.status.nonFinite : s.status.leftBounds, { step });
}

function gradientText(r: RacerResult, model: RaceModel, s: RaceStrings): string {
  if (r.batch === 'full') return format(s.gradientOf.full, { n: model.surface.terms });
  if (r.batch === 'single') return s.gradientOf.single;
  return format(s.gradientOf.minibatch, { b: Math.min(model.state.batch, model.surface.terms) });
}

export interface TableOptions {
  t: number;
  /** Live island: a show/hide button per racer. */
  onToggle?: (id: RacerId) => void;
}

/** The legend and scoreboard in one: colour and dash, gradient per step, status, loss and cost at step t. */
export function statusTable(model: RaceModel, s: RaceStrings, options: TableOptions): TemplateResult {
  const { t } = options;
  const visible = new Set(model.visible.map((r) => r.id));
  const phaseText = (p: RacerPhase): string => {
    if (p.code === 'converged') return format(s.status.converged, { step: p.step });
    if (p.code === 'diverged') return format(s.status.diverged, { step: p.step });
    return p.code === 'unfinished' ? format(s.status.unfinished, { steps: model.state.steps }) : s.status.running;
  };
  const rows = model.race.racers.map((r) => {
    const at = positionAt(r, t);
    const phase = phaseAt(r, t);
    const name = options.onToggle
      ? html`<button type="button" class="ml-race-toggle" aria-pressed=${visible.has(r.id)} aria-label=${format(s.controls.show, { name: s.racers[r.id] })}
          @click=${() => options.onToggle?.(r.id)}>${lineKey(r.id)}<span aria-hidden="true">${s.racers[r.id]}</span></button>`
      : html`${lineKey(r.id)}${s.racers[r.id]}`;
    return html`<tr data-racer=${r.id} data-phase=${phase.code} data-loss=${at.loss.toPrecision(6)} data-x=${at.point[0].toPrecision(8)} data-y=${at.point[1].toPrecision(8)}>
      <th scope="row">${name}</th>
      <td>${gradientText(r, model, s)}</td>
      <td class=${`ml-race-phase--${phase.code}`}>${phaseText(phase)}</td>
      <td>${plain(at.loss)}</td>
      <td>${at.evaluations}</td>
    </tr>`;
  });
  // Racers that left for the same reason (the three GD variants on a one-term surface) share one note.
  const byText = new Map<string, RacerResult[]>();
  for (const r of model.race.racers.filter((r) => phaseAt(r, t).code === 'diverged')) {
    const text = divergenceText(model, r, s);
    byText.set(text, [...(byText.get(text) ?? []), r]);
  }
  const notes = [...byText].map(
    ([text, racers]) => html`<li data-diverged=${racers.map((r) => r.id).join(' ')}>
      ${racers.map((r) => lineKey(r.id))}<strong>${racers.map((r) => s.racers[r.id]).join('、')}</strong>：${text}
    </li>`,
  );
  return html`<div class="ml-race-table" data-scroll-x>
      <table class="ml-table">
        <caption>${format(s.table.caption, { t })}</caption>
        <thead><tr><th scope="col">${s.table.racer}</th><th scope="col">${s.table.gradient}</th><th scope="col">${s.table.status}</th><th scope="col">${s.table.loss}</th><th scope="col">${s.table.evaluations}</th></tr></thead>
        <tbody>${rows}</tbody>
      </table>
    </div>
    ${notes.length ? html`<ul class="ml-race-notes" role="status">${notes}</ul>` : nothing}`;
}

export const RACER_INDEX = (id: RacerId): number => RACER_IDS.indexOf(id) + 1;
