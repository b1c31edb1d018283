import { nothing, svg, type SVGTemplateResult } from 'lit';
import type { Scales } from './xy-chart';

/**
 * Vertical bars for an xyChart layer (`under` or `over`) whose heights are probabilities
 * or densities: a probability mass function, a sample histogram against its distribution.
 * Each bar spans [x0, x1] in data units and rises from y = 0 to y; bars narrower than a
 * pixel keep a hairline width so a spike stays visible, and one bar can carry its own class
 * (the value the reader selected). Non-finite bars are skipped. Colours come from CSS; the
 * chart (role="img") names the figure, so the bars carry no labels of their own.
 */
export interface ProbabilityBar {
  x0: number;
  x1: number;
  y: number;
  className?: string;
}

export interface ProbabilityBarOptions {
  /** Class of the group: the bars' fill comes from the island's stylesheet. */
  className: string;
  /** Pixels left empty between neighbouring bars. */
  gap?: number;
}

export function probabilityBars(bars: readonly ProbabilityBar[], scales: Scales, options: ProbabilityBarOptions): SVGTemplateResult {
  const gap = options.gap ?? 1;
  const base = Math.min(scales.y(0), scales.height - scales.margin.bottom);
  return svg`<g class=${`ml-bars ${options.className}`}>
    ${bars
      .filter((b) => Number.isFinite(b.x0) && Number.isFinite(b.x1) && Number.isFinite(b.y))
      .map((b) => {
        const left = scales.x(b.x0);
        const right = scales.x(b.x1);
        const width = Math.max(0.75, right - left - gap);
        const top = Math.min(base, scales.y(b.y));
        return svg`<rect class=${b.className ?? nothing} x=${(left + right - width) / 2} y=${top} width=${width} height=${base - top}></rect>`;
      })}
  </g>`;
}
