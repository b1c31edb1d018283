import { svg, type SVGTemplateResult } from 'lit';
import { contours } from 'd3-contour';
import { geoPath, geoTransform } from 'd3-geo';
import type { Scales } from './xy-chart';

/**
 * Filled contours of a function sampled on an nx × ny grid over a box, drawn in a chart's
 * pixel space: d3-contour traces the iso-bands (marching squares) and d3-geo turns them
 * into paths. `values[j * nx + i]` is the value at the i-th x and j-th y grid point.
 */
export interface ContourField {
  values: ArrayLike<number>;
  nx: number;
  ny: number;
  box: { x: readonly [number, number]; y: readonly [number, number] };
  thresholds: readonly number[];
}

export interface ContourBand {
  value: number;
  path: string;
}

/**
 * Drops the vertices that lie on a straight horizontal or vertical run between their
 * neighbours: along the grid's edges d3-contour emits one per cell, which draws the same.
 */
function withoutStraightRuns<T extends { coordinates: number[][][][] }>(band: T): T {
  const simplify = (ring: number[][]): number[][] =>
    ring.filter((point, i) => {
      const previous = ring[i - 1];
      const next = ring[i + 1];
      if (!previous || !next) return true;
      return !((previous[0] === point[0] && point[0] === next[0]) || (previous[1] === point[1] && point[1] === next[1]));
    });
  return { ...band, coordinates: band.coordinates.map((polygon) => polygon.map(simplify)) };
}

export function contourBands(field: ContourField, scales: Scales): ContourBand[] {
  const { nx, ny, box } = field;
  const toX = (i: number) => box.x[0] + (i / (nx - 1)) * (box.x[1] - box.x[0]);
  const toY = (j: number) => box.y[0] + (j / (ny - 1)) * (box.y[1] - box.y[0]);
  const projection = geoTransform({
    point(i, j) {
      // d3-contour's corner coordinates run 0…n; grid points sit at 0.5 … n − 0.5.
      this.stream.point(scales.x(toX(i - 0.5)), scales.y(toY(j - 0.5)));
    },
  });
  // A tenth of a pixel is finer than any screen draws; three decimals made the static charts'
  // HTML heavier for nothing.
  const path = geoPath(projection).digits(1);
  const values = Array.from(field.values, (v) => (Number.isFinite(v) ? v : Number.MAX_VALUE));
  return contours()
    .size([nx, ny])
    .thresholds([...field.thresholds])(values)
    .map((band) => ({ value: band.value, path: path(withoutStraightRuns(band)) ?? '' }));
}

/** The bands as SVG paths; `classOf` picks each band's class (its fill) from its level index. */
export function contourLayer(field: ContourField, scales: Scales, classOf: (index: number, value: number) => string): SVGTemplateResult {
  const { margin, width, height } = scales;
  const clip = `inset(${margin.top}px ${margin.right}px ${margin.bottom}px ${margin.left}px)`;
  return svg`<g class="ml-chart__contours" style=${`clip-path: ${clip}`}>
    ${contourBands(field, scales).map((band, index) => svg`<path class=${classOf(index, band.value)} d=${band.path} />`)}
    <rect x="0" y="0" width=${width} height=${height} fill="none" />
  </g>`;
}
