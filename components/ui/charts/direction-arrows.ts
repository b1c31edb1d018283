import { svg, nothing, type SVGTemplateResult } from 'lit';
import type { Point, Scales } from './xy-chart';
import { svgTitle } from './svg-title';

/**
 * Arrows on a chart (a direction c, a gradient, an unbounded ray), drawn in the chart's
 * pixel space with the head as a polygon — no <marker> definitions, so two charts on one
 * page never share ids. Colour comes from the class: `color` on the group (see the
 * `.ml-arrow` rules in island.css), so an island sets one property per arrow kind.
 */
export interface ArrowOptions {
  className: string;
  /** Name in a <title> (an aria-label on a role-less SVG group is not allowed); the legend names it for everyone. */
  label?: string;
  /** Head length in px (default 9). */
  head?: number;
}

function arrowPx(x1: number, y1: number, x2: number, y2: number, options: ArrowOptions): SVGTemplateResult | typeof nothing {
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (!Number.isFinite(length) || length < 1) return nothing;
  const head = Math.min(options.head ?? 9, length * 0.6);
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  // The shaft stops at the head's base so a thick stroke does not poke through its tip.
  const bx = x2 - ux * head;
  const by = y2 - uy * head;
  const wing = head * 0.5;
  const points = `${x2},${y2} ${bx - uy * wing},${by + ux * wing} ${bx + uy * wing},${by - ux * wing}`;
  return svg`<g class=${`ml-arrow ${options.className}`}>
    ${options.label ? svg`${svgTitle(options.label)}` : nothing}
    <line x1=${x1} y1=${y1} x2=${bx} y2=${by} />
    <polygon points=${points} />
  </g>`;
}

/** An arrow between two points given in data coordinates. */
export function arrow(scales: Scales, from: Point, to: Point, options: ArrowOptions): SVGTemplateResult | typeof nothing {
  return arrowPx(scales.x(from.x), scales.y(from.y), scales.x(to.x), scales.y(to.y), options);
}

/** The unit direction on screen of a data direction at a data point (axes may differ in scale; y points down). */
function screenDirection(scales: Scales, from: Point, direction: Point): { x1: number; y1: number; ux: number; uy: number } | null {
  const x1 = scales.x(from.x);
  const y1 = scales.y(from.y);
  const dx = scales.x(from.x + direction.x) - x1;
  const dy = scales.y(from.y + direction.y) - y1;
  const norm = Math.hypot(dx, dy);
  if (!Number.isFinite(norm) || norm === 0) return null;
  return { x1, y1, ux: dx / norm, uy: dy / norm };
}

/** An arrow of fixed on-screen length from a data point along a data direction (when only the direction matters). */
export function directionArrow(scales: Scales, from: Point, direction: Point, lengthPx: number, options: ArrowOptions): SVGTemplateResult | typeof nothing {
  const d = screenDirection(scales, from, direction);
  return d ? arrowPx(d.x1, d.y1, d.x1 + d.ux * lengthPx, d.y1 + d.uy * lengthPx, options) : nothing;
}

/** Where a label sits just past the tip of a `directionArrow`, in px. */
export function directionLabelAt(scales: Scales, from: Point, direction: Point, lengthPx: number): { x: number; y: number } | null {
  const d = screenDirection(scales, from, direction);
  return d ? { x: d.x1 + d.ux * (lengthPx + 10), y: d.y1 + d.uy * (lengthPx + 10) } : null;
}
