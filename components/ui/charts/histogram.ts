import { svg, nothing, type SVGTemplateResult } from 'lit';
import { CHART_FONT_PX, xyChart, type Axis, type Scales } from './xy-chart';

/**
 * Histograms on the xyChart axes: one bar per bin (x0 ≤ x < x1), heights as counts or as
 * shares of the total. A bin far taller than the rest (MNIST's background pixels are ~80 %
 * of all pixels) would flatten every other bar, so with `cap` the y-axis stops above the
 * second-tallest bin and the tall bar is drawn cut at the top, labelled with its true value.
 */
export interface Bin {
  x0: number;
  x1: number;
  count: number;
}

export interface HistogramOptions {
  width: number;
  height: number;
  bins: readonly Bin[];
  x: Omit<Axis, 'domain'> & { domain?: readonly [number, number] };
  /** y-axis label. */
  yLabel: string;
  /** Heights as a share of all counts (0…1), ticks as percentages. */
  share?: boolean;
  /** Cut a bar taller than `cap` × the second-tallest (e.g. 3). */
  cap?: number;
  /** Bar colour, a CSS colour (default the accent text colour, readable in both themes). */
  fill?: string;
  label: string;
}

const percent = (v: number): string => `${Number((v * 100).toFixed(1))}%`;

/** The bars in a chart's pixel space; `top` is the value at which a bar is cut. */
export function barLayer(
  bins: readonly Bin[],
  scales: Scales,
  heightOf: (bin: Bin) => number,
  top: number,
  fill: string,
  format: (v: number) => string,
): SVGTemplateResult {
  const { x, y } = scales;
  return svg`<g class="ml-bars" style=${`fill: ${fill}`}>
    ${bins.map((bin) => {
      const value = heightOf(bin);
      if (!(value > 0)) return nothing;
      const cut = value > top;
      const x0 = x(bin.x0);
      const w = Math.max(1, x(bin.x1) - x0 - 1);
      const y1 = y(Math.min(value, top));
      const base = y(0);
      return svg`<rect x=${x0 + 0.5} y=${y1} width=${w} height=${Math.max(0, base - y1)} />
        ${cut
          ? svg`<path d=${`M${x0} ${y1 + 7}l${w / 2} -4l${w / 2} 4`} style="fill: none; stroke: var(--ml-surface, var(--sl-color-bg)); stroke-width: 2.5" />
              <text x=${x0 + w + 3} y=${y1 + 4} dy="0.32em" font-size=${CHART_FONT_PX}>${format(value)}</text>`
          : nothing}`;
    })}
  </g>`;
}

export function histogramChart(options: HistogramOptions): SVGTemplateResult {
  const { bins } = options;
  const total = bins.reduce((s, b) => s + b.count, 0) || 1;
  const heightOf = (bin: Bin): number => (options.share ? bin.count / total : bin.count);
  const heights = bins.map(heightOf).sort((a, b) => b - a);
  const tallest = heights[0] ?? 0;
  const second = heights[1] ?? 0;
  const capped = options.cap !== undefined && second > 0 && tallest > options.cap * second;
  const top = capped ? second * 1.25 : Math.max(tallest, options.share ? 0.01 : 1);
  const format = options.share ? percent : (v: number) => String(v);
  const first = bins[0];
  const last = bins[bins.length - 1];
  const domain = options.x.domain ?? ([first?.x0 ?? 0, last?.x1 ?? 1] as const);
  return xyChart({
    width: options.width,
    height: options.height,
    label: options.label,
    x: { nice: false, ...options.x, domain },
    y: { domain: [0, top], label: options.yLabel, ticks: 4, nice: !capped, ...(options.share ? { format: percent } : {}) },
    under: (scales) => barLayer(bins, scales, heightOf, capped ? top : Infinity, options.fill ?? 'var(--sl-color-text-accent)', format),
  });
}
