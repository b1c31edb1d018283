import { svg, type SVGTemplateResult } from 'lit';

export interface ChartSeries {
  label: string;
  /** CSS class giving the stroke colour. */
  className: string;
  points: readonly { x: number; y: number }[];
}

export interface ChartOptions {
  width?: number;
  height?: number;
  xMax: number;
  yMin?: number;
  yMax?: number;
  xLabel: string;
  yFormat?: (y: number) => string;
}

const nice = (value: number): number => {
  const power = 10 ** Math.floor(Math.log10(Math.max(value, 1e-9)));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((v) => v >= value) ?? value;
};

/** A small responsive SVG line chart (axes, ticks, one polyline per series). */
export function lineChart(series: readonly ChartSeries[], options: ChartOptions): SVGTemplateResult {
  const { width = 360, height = 180, xMax, xLabel, yFormat = (y) => y.toFixed(2) } = options;
  const all = series.flatMap((s) => s.points.map((p) => p.y)).filter(Number.isFinite);
  const yMin = options.yMin ?? Math.min(0, ...all);
  const yMax = options.yMax ?? nice(Math.max(1e-6, ...all));
  const left = 40;
  const bottom = height - 26;
  const right = width - 8;
  const top = 8;
  const sx = (x: number) => left + (x / Math.max(xMax, 1e-9)) * (right - left);
  const sy = (y: number) => bottom - ((y - yMin) / (yMax - yMin || 1)) * (bottom - top);
  const yTicks = Array.from({ length: 5 }, (_, i) => yMin + ((yMax - yMin) * i) / 4);
  const xTicks = Array.from({ length: Math.min(xMax, 10) + 1 }, (_, i) => (i * xMax) / Math.min(xMax, 10));
  return svg`
    <g class="ml-chart__axes">
      ${yTicks.map((y) => svg`<line x1=${left} x2=${right} y1=${sy(y)} y2=${sy(y)} class="ml-chart__grid" />
        <text x=${left - 4} y=${sy(y) + 3} text-anchor="end">${yFormat(y)}</text>`)}
      ${xTicks.map((x) => svg`<text x=${sx(x)} y=${bottom + 13} text-anchor="middle">${Number.isInteger(x) ? x : x.toFixed(1)}</text>`)}
      <text x=${(left + right) / 2} y=${height - 1} text-anchor="middle">${xLabel}</text>
    </g>
    ${series.map(
      (s) => svg`<polyline class=${`ml-chart__line ${s.className}`} fill="none"
        points=${s.points.filter((p) => Number.isFinite(p.y)).map((p) => `${sx(p.x).toFixed(1)},${sy(Math.min(yMax, Math.max(yMin, p.y))).toFixed(1)}`).join(' ')} />`,
    )}
  `;
}
