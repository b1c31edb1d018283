import { svg, nothing, type SVGTemplateResult } from 'lit';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

/**
 * The one chart toolkit of the islands: d3 computes scales, nice ticks and paths; Lit
 * writes the SVG. A chart is drawn at the pixel width it is shown at (islands pass the
 * measured width), so tick labels keep a readable size on a phone instead of being
 * scaled down with a viewBox.
 */
export interface Axis {
  domain: readonly [number, number];
  label: string;
  /** Roughly how many ticks (d3 picks nice values near it). */
  ticks?: number;
  format?: (value: number) => string;
  /** Extend the domain to nice round values. Default true. */
  nice?: boolean;
  log?: false;
}

export interface Point {
  x: number;
  y: number;
}

export interface Series {
  points: readonly Point[];
  /** CSS class giving the stroke colour (see island.css: ml-series--1 … --6). */
  className: string;
  label: string;
  /** Step curve (as metric curves are), instead of straight segments. */
  step?: boolean;
}

export interface Marker extends Point {
  className: string;
  /** What the marker is (the figure's caption or legend says it in words). */
  label: string;
  radius?: number;
}

export interface XYChartOptions {
  width: number;
  height: number;
  x: Axis;
  y: Axis;
  series?: readonly Series[];
  markers?: readonly Marker[];
  /** Extra layers drawn under the series (contours, regions), in the chart's pixel space. */
  under?: (scales: Scales) => SVGTemplateResult | typeof nothing;
  /** Extra layers drawn over the series. */
  over?: (scales: Scales) => SVGTemplateResult | typeof nothing;
  /** Accessible name of the figure. */
  label: string;
}

export interface Scales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const CHART_FONT_PX = 12;

export function chartScales(options: Pick<XYChartOptions, 'width' | 'height' | 'x' | 'y'>): Scales {
  const yTicks = scaleLinear().domain(options.y.domain).ticks(options.y.ticks ?? 5);
  const yFormat = options.y.format ?? scaleLinear().domain(options.y.domain).tickFormat(options.y.ticks ?? 5);
  const longestY = Math.max(...yTicks.map((t) => yFormat(t).length), 1);
  const margin = { top: 10, right: 12, bottom: 40, left: Math.max(36, 12 + longestY * 7.2 + 14) };
  const x = scaleLinear().domain(options.x.domain).range([margin.left, options.width - margin.right]);
  const y = scaleLinear().domain(options.y.domain).range([options.height - margin.bottom, margin.top]);
  if (options.x.nice !== false) x.nice(options.x.ticks ?? 6);
  if (options.y.nice !== false) y.nice(options.y.ticks ?? 5);
  return { x, y, width: options.width, height: options.height, margin };
}

/** The SVG path of a polyline through finite points (gaps where a value is not finite). */
export function pathOf(points: readonly Point[], scales: Scales, step = false): string {
  const generator = line<Point>()
    .digits(1)
    .defined((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .x((p) => scales.x(p.x))
    .y((p) => scales.y(p.y));
  if (step) {
    // Metric curves change at each threshold: draw them as steps, not diagonals.
    const stepped: Point[] = [];
    points.forEach((p, i) => {
      const previous = points[i - 1];
      if (previous) stepped.push({ x: p.x, y: previous.y });
      stepped.push(p);
    });
    return generator(stepped) ?? '';
  }
  return generator(points) ?? '';
}

function axes(scales: Scales, options: XYChartOptions): SVGTemplateResult {
  const { x, y, margin, width, height } = scales;
  const xTicks = x.ticks(options.x.ticks ?? 6);
  const yTicks = y.ticks(options.y.ticks ?? 5);
  const xFormat = options.x.format ?? x.tickFormat(options.x.ticks ?? 6);
  const yFormat = options.y.format ?? y.tickFormat(options.y.ticks ?? 5);
  const bottom = height - margin.bottom;
  return svg`<g class="ml-chart__axes" font-size=${CHART_FONT_PX}>
    ${yTicks.map(
      (t) => svg`<line class="ml-chart__grid" x1=${margin.left} x2=${width - margin.right} y1=${y(t)} y2=${y(t)} />
        <text x=${margin.left - 6} y=${y(t)} dy="0.32em" text-anchor="end">${yFormat(t)}</text>`,
    )}
    ${xTicks.map((t) => svg`<text x=${x(t)} y=${bottom + 16} text-anchor="middle">${xFormat(t)}</text>`)}
    <line class="ml-chart__axis-line" x1=${margin.left} x2=${width - margin.right} y1=${bottom} y2=${bottom} />
    <text class="ml-chart__axis-label" x=${(margin.left + width - margin.right) / 2} y=${height - 6} text-anchor="middle">${options.x.label}</text>
    <text class="ml-chart__axis-label" transform=${`translate(12 ${(margin.top + bottom) / 2}) rotate(-90)`} text-anchor="middle">${options.y.label}</text>
  </g>`;
}

/** A line chart with axes, optional markers and extra layers. */
export function xyChart(options: XYChartOptions): SVGTemplateResult {
  const scales = chartScales(options);
  const { width, height } = options;
  return svg`<svg class="ml-chart" width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`} role="img" aria-label=${options.label}>
    ${options.under ? options.under(scales) : nothing}
    ${axes(scales, options)}
    ${(options.series ?? []).map(
      (s) => svg`<path class=${`ml-chart__line ${s.className}`} fill="none" d=${pathOf(s.points, scales, s.step)}></path>`,
    )}
    ${(options.markers ?? [])
      .filter((m) => Number.isFinite(m.x) && Number.isFinite(m.y))
      .map(
        (m) => svg`<circle class=${`ml-chart__marker ${m.className}`} cx=${scales.x(m.x)} cy=${scales.y(m.y)} r=${m.radius ?? 5}></circle>`,
      )}
    ${options.over ? options.over(scales) : nothing}
  </svg>`;
}
